"""Render helpers every page shares: language picker, source lines, labelled charts and tables with downloads."""

from __future__ import annotations

import logging
import re
import uuid

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts.common import PLOTLY_CONFIG
from dashboard.exports import to_csv_bytes, to_excel_bytes
from dashboard.i18n import available_languages, is_rtl, language_name, t
from dashboard.registry import DataFileError, DatasetMeta
from ui import cached, state

log = logging.getLogger("dashboard.app")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(_handler)


def page_start() -> tuple[str, str]:
    """First call of every page: (language, digits).

    Streamlit runs the very first script run of a fresh server in its legacy multipage mode when a `pages/`
    folder sits beside the entrypoint, so a first visit to /map would run pages/map.py without the router
    (no language picker, no navigation). AppTest does the same on every run. Such a run is redone through the
    router, after telling Streamlit (as st.navigation itself does) that the legacy mode is off.
    """
    if not state.consume_routed():
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return state.language(), state.digits()


def sidebar_language() -> None:
    lang = state.language()
    with st.sidebar:
        st.selectbox(t("common.language", lang), available_languages(), key="lang", format_func=language_name)
        st.radio(t("common.digits", lang), ["western", "arabic"], key="digits", horizontal=True,
                 format_func=lambda d: t(f"common.digits_{d}", lang))
    state.publish_to_url("lang", "digits")


def apply_direction(lang: str) -> None:
    """Page direction for the language: the app container carries dir=rtl|ltr, and CSS mirrors the layout."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    align = "right" if direction == "rtl" else "left"
    st.html(
        f"<style>[data-testid='stApp'], [data-testid='stSidebar'], [data-testid='stMain'] "
        f"{{direction: {direction}; text-align: {align};}}</style>"
        f"<script>document.querySelector(\"[data-testid='stApp']\")?.setAttribute('dir', '{direction}');"
        f"document.documentElement.setAttribute('lang', '{lang}');</script>",
        unsafe_allow_javascript=True,
    )


def source_line(meta: DatasetMeta, lang: str) -> str:
    return t("common.source_short", lang, publisher=meta.publisher, title=meta.title,
             revision=meta.revision, years=meta.years)


def source_caption(meta: DatasetMeta, lang: str) -> None:
    """The source under a chart; synthetic data also gets its visible label."""
    st.caption(source_line(meta, lang))
    if meta.is_synthetic:
        synthetic_label(lang)


def synthetic_label(lang: str) -> None:
    st.warning(t("common.synthetic_label", lang), icon="⚠️")


def chart(fig: go.Figure, key: str | None = None, **kwargs) -> object:
    return st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch", **kwargs)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "table"


def table_with_downloads(frame: pd.DataFrame, file_stem: str, source: str, lang: str,
                         key: str | None = None, show: bool = True, lazy: bool = False) -> None:
    """The table as shown, plus CSV and Excel downloads of exactly those rows with the source line.

    `lazy` builds the files only when a button is clicked (an Excel file of thousands of rows takes seconds).
    """
    key = key or _slug(file_stem)
    if show:
        st.dataframe(frame, hide_index=True, width="stretch")
    csv, xlsx = ((lambda: to_csv_bytes(frame, source)), (lambda: to_excel_bytes(frame, source)))
    if not lazy:
        csv, xlsx = csv(), xlsx()
    left, right = st.columns(2)
    left.download_button(t("common.download_csv", lang), csv,
                         file_name=f"{_slug(file_stem)}.csv", mime="text/csv", key=f"{key}_csv")
    right.download_button(t("common.download_xlsx", lang), xlsx,
                          file_name=f"{_slug(file_stem)}.xlsx", key=f"{key}_xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def stop_if_data_broken(lang: str) -> None:
    """A missing or damaged bundled file stops the app at start with one message naming the file."""
    try:
        cached.registry().check()
    except DataFileError as exc:
        log.error("bundled data check failed: %s", exc)
        st.error(t("common.data_file_error", lang, problem=str(exc)))
        st.stop()


def run_page_safely(page: st.navigation, lang: str) -> None:
    """Run the chosen page; an unexpected error shows an apology with an id that matches the server log."""
    state.mark_routed()
    try:
        page.run()
    except Exception:  # ScriptControlException (rerun/stop) is a BaseException and passes through
        error_id = uuid.uuid4().hex[:8]
        log.exception("error_id=%s page=%s", error_id, getattr(page, "url_path", "?"))
        st.error(t("common.error_apology", lang, error_id=error_id))
