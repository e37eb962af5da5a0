"""Widgets every page shares: source captions, labelled charts, and tables with their downloads."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import plaintext, presentation
from dashboard.charts.common import PLOTLY_CONFIG
from dashboard.charts.digits import localise_figure
from dashboard.exports import to_csv_bytes, to_excel_bytes
from dashboard.i18n import is_rtl, t
from dashboard.registry import DatasetMeta
from dashboard.sources import source_line
from dashboard.table_cells import MISSING, breakable, cell_formatters
from ui import cached, state


def source_caption(meta: DatasetMeta, lang: str) -> None:
    """The source under a chart; synthetic data is labelled in the same line (pages add the full label once)."""
    line = source_line(meta, lang, plaintext.markdown)
    st.caption(f":material/warning: **{t('common.synthetic_short', lang)}** · {line}" if meta.is_synthetic else line)
    if meta.session_only:
        st.info(t("data.session_only_label", lang), icon=":material/person:")


def synthetic_label(lang: str) -> None:
    st.warning(t("common.synthetic_label", lang), icon=":material/warning:")


def static_url(base_url_path: str | None) -> str:
    """Where static/ is served: /app/static/, under the server's base path when one is set (reverse proxy)."""
    base = (base_url_path or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"


def plotly_config() -> dict:
    """PLOTLY_CONFIG with the offline base map (static/world_110m.json) under this server's base path."""
    return {**PLOTLY_CONFIG, "topojsonURL": static_url(st.get_option("server.baseUrlPath"))}


def boundaries_url() -> str:
    """The URL of the country shapes the live map names instead of carrying them (dashboard.geo.BOUNDARIES_FILE)."""
    from dashboard.geo import BOUNDARIES_FILE

    base = static_url(st.get_option("server.baseUrlPath"))
    return f"{base}{BOUNDARIES_FILE}?v={cached.boundaries_file_version()}"


def chart(fig: go.Figure, key: str | None = None, **kwargs) -> object:
    """Show a figure: its numbers in the chosen digits, and enlarged for the projector in presentation mode."""
    fig = localise_figure(fig, state.digits(), state.language())
    config = plotly_config()
    if state.presenting():
        fig = presentation.for_projector(fig, presentation.projector_style(state.step(), key))
        config = {**config, "displayModeBar": False}
    return st.plotly_chart(fig, config=config, key=key, width="stretch", **kwargs)


def bring_into_view(container_key: str) -> None:
    """Scroll the page so the keyed container's top is in view (after a click elsewhere opened it)."""
    nonce = st.session_state.get("_scroll_nonce", 0) + 1   # a new script each time, so the browser runs it again
    st.session_state["_scroll_nonce"] = nonce
    st.html(f"<script>/* {nonce} */ (function go(tries) {{"
            f" const el = document.querySelector('.st-key-{container_key}');"
            f" if (el) el.scrollIntoView({{block: 'start'}}); else if (tries) setTimeout(() => go(tries - 1), 100);"
            f" }})(30);</script>", unsafe_allow_javascript=True)


def file_slug(text: str) -> str:
    """A file name from a table's title: its words in any script (an Arabic title keeps its words, so two
    downloads never share a name), joined by "_", without characters a file system forbids; at most 80 long."""
    return re.sub(r"[^\w\u0610-\u061a\u064b-\u065f\u0670]+|_+", "_", text).strip("_").lower()[:80].strip("_") or "table"


#: The share of a reference table's width (table_with_downloads `whole`) given to its last column, the long text.
WHOLE_LAST_COLUMN = "45%"


def data_table(frame: pd.DataFrame, lang: str, key: str | None = None, whole: bool = False) -> None:
    """Every table on a page: numbers written for the reader (dashboard.table_cells: shares as percentages,
    counts grouped, in the chosen digits) as display values over the numbers themselves, so a column still
    sorts by value; right to left in Arabic and Kurdish."""
    frame = frame.reset_index(drop=True)   # a Styler needs unique labels; no table shows its index
    writers = cell_formatters(frame, lang, state.digits())
    text = [c for c in frame.columns if c not in writers]
    if whole:   # a static table draws its cells as Markdown: every cell shown as written, long words breakable
        writers = {c: (lambda v, write=write: plaintext.markdown(write(v))) for c, write in writers.items()}
        writers |= dict.fromkeys(text, lambda v: plaintext.markdown(breakable(v)))
    styled = frame.style.format(na_rep="", subset=text)
    for column, write in writers.items():
        styled = styled.format(write, subset=[column], na_rep="" if column in text else MISSING)
    if whole:   # read in full: every row and column on the page, long text wrapped (a grid would scroll both ways)
        box = f"whole_{file_slug(key or 'table')}"
        with st.container(key=box):
            # the last column (source and reasoning, why this default) is the one read at length: it gets the room
            st.html(f"<style>.st-key-{box} :is(td, th):last-child {{width: {WHOLE_LAST_COLUMN};}}</style>")
            st.table(styled, hide_index=True)
        return
    options = {"hide_index": True, "width": "stretch", "key": key}
    if is_rtl(lang) and all(isinstance(c, str) for c in frame.columns):
        # the grid draws left to right: first column on the right, cells aligned right
        st.dataframe(styled, column_order=list(frame.columns)[::-1],
                     column_config={c: st.column_config.Column(alignment="right") for c in frame.columns}, **options)
    else:
        st.dataframe(styled, **options)


def table_with_downloads(frame: pd.DataFrame, file_stem: str, source: str, lang: str,
                         key: str | None = None, show: bool = True, lazy: bool = True, whole: bool = False,
                         shown: pd.DataFrame | None = None) -> None:
    """The table as shown, plus CSV and Excel downloads of exactly those rows with the source line.

    Files are built when a button is clicked (`lazy`): an Excel file costs tens of milliseconds to seconds on
    every rerun otherwise, and a file prepared in advance is replaced by the next rerun, so with many people on
    one server a click could reach a file that is gone. `lazy=False` prepares them with the page. `whole` shows
    every row and column (a reference table read in full, such as Methodology's parameters), its text wrapped,
    without scroll bars; `shown` is what the page shows of such a table when the file carries more (identifiers).
    """
    key = key or file_slug(file_stem)
    if show:
        data_table(frame if shown is None else shown, lang, key=key if whole else None, whole=whole)
    csv, xlsx = partial(to_csv_bytes, frame, source), partial(to_excel_bytes, frame, source, right_to_left=is_rtl(lang))
    if not lazy:
        csv, xlsx = csv(), xlsx()
    left, right = st.columns(2)
    left.download_button(t("common.download_csv", lang), csv,
                         file_name=f"{file_slug(file_stem)}.csv", mime="text/csv", key=f"{key}_csv")
    right.download_button(t("common.download_xlsx", lang), xlsx,
                          file_name=f"{file_slug(file_stem)}.xlsx", key=f"{key}_xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def table_in_expander(frame: pd.DataFrame, file_stem: str, source: str, lang: str, key: str) -> None:
    """A chart's table with its downloads, folded away under "Show table"."""
    with st.expander(t("common.show_table", lang)):
        table_with_downloads(frame, file_stem, source, lang, key=key)


def table_when_open(frame: pd.DataFrame, file_stem: str, source: str, lang: str, key: str) -> None:
    """A chart's table with its downloads, in an expander whose content runs only while it is open (the Excel
    file is the costliest part of a rerun, so the files are then prepared with the page)."""
    expander = st.expander(t("common.show_table", lang), key=f"{key}_open", on_change="rerun")
    if expander.open:
        with expander:
            table_with_downloads(frame, file_stem, source, lang, key=key, lazy=False)
