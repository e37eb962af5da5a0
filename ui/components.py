"""Render helpers every page shares: language picker, source lines, labelled charts and tables with downloads."""

from __future__ import annotations

import logging
import os
import re
import uuid

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import presentation
from dashboard.charts.common import PLOTLY_CONFIG
from dashboard.charts.digits import localise_figure
from dashboard.exports import to_csv_bytes, to_excel_bytes
from dashboard.i18n import available_languages, format_number, is_rtl, language_name, t, t_optional
from dashboard.registry import DataFileError, DatasetMeta
from ui import cached, state

log = logging.getLogger("dashboard.app")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(_handler)


def leave_legacy_pages_mode() -> None:
    """Redo a run that Streamlit started in its legacy multipage mode, this time through the router.

    With a `pages/` folder beside the entrypoint, the very first run of a fresh server is a legacy-mode run: it
    runs the visited page file directly (no router, no language picker), or the entrypoint under a different
    page identity, so sidebar widgets would lose their values on the next run. Nothing has been drawn yet when
    this is called, so a rerun loses nothing; st.navigation itself clears the same flag.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_start() -> tuple[str, str]:
    """First call of every page: (language, digits). A page run that bypassed the router is redone through it."""
    if not state.consume_routed():
        leave_legacy_pages_mode()
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
        f"{{direction: {direction}; text-align: {align};}}"
        # Streamlit aligns headings and captions left whatever the direction; numbers are one left-to-right unit
        # (so "+223%" never shows as "223%+") aligned with the text around them.
        f"[data-testid='stHeading'] :is(h1, h2, h3, h4, h5, h6), [data-testid='stCaptionContainer'], "
        f"[data-testid='stMarkdownContainer'] {{text-align: {align};}}"
        f"[data-testid='stMetricValue'] > div, [data-testid='stMetricDelta'] > div "
        f"{{direction: ltr; unicode-bidi: isolate; text-align: {align};}}</style>"
        f"<script>document.querySelector(\"[data-testid='stApp']\")?.setAttribute('dir', '{direction}');"
        f"document.documentElement.setAttribute('lang', '{lang}');</script>",
        unsafe_allow_javascript=True,
    )


def source_line(meta: DatasetMeta, lang: str) -> str:
    """The source under a chart. Each name is a bidi isolate, so Latin names keep their order in Arabic text."""
    def field(name: str) -> str:  # bundled datasets have translated provenance; uploads keep what was entered
        return t_optional(f"dataset.{meta.id}.{meta.version}.{name}", lang) or getattr(meta, name)

    return t("common.source_short", lang, publisher=_isolate(field("publisher")), title=_isolate(field("title")),
             revision=_isolate(field("revision")), years=_isolate(meta.years))


def _isolate(text: object) -> str:
    return f"\u2068{text}\u2069"


def source_caption(meta: DatasetMeta, lang: str) -> None:
    """The source under a chart; synthetic data is labelled in the same line (pages add the full label once)."""
    line = source_line(meta, lang)
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
        fig = presentation.for_projector(fig)
        config = {**config, "displayModeBar": False}
    return st.plotly_chart(fig, config=config, key=key, width="stretch", **kwargs)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "table"


def table_with_downloads(frame: pd.DataFrame, file_stem: str, source: str, lang: str,
                         key: str | None = None, show: bool = True, lazy: bool = True) -> None:
    """The table as shown, plus CSV and Excel downloads of exactly those rows with the source line.

    Files are built when a button is clicked (`lazy`): an Excel file costs tens of milliseconds to seconds on
    every rerun otherwise, and a file prepared in advance is replaced by the next rerun, so with many people on
    one server a click could reach a file that is gone. `lazy=False` prepares them with the page.
    """
    key = key or _slug(file_stem)
    if show:
        if is_rtl(lang) and all(isinstance(c, str) for c in frame.columns):
            # the grid draws left to right: first column on the right, cells aligned right
            st.dataframe(frame, hide_index=True, width="stretch", column_order=list(frame.columns)[::-1],
                         column_config={c: st.column_config.Column(alignment="right") for c in frame.columns})
        else:
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
        cached.bundled_data_check()
    except DataFileError as exc:
        log.error("bundled data check failed: %s", exc)
        st.error(t("common.data_file_error", lang, problem=str(exc)))
        st.stop()


FAULT_INJECTION_ENV = "DASHBOARD_FAULT_INJECTION"


def _injected_fault() -> None:
    """Tests only: on a server started with DASHBOARD_FAULT_INJECTION=1, the query ?_fail=1 makes the page fail.

    Off by default (the variable is unset in production); used by tests/e2e/test_errors.py to prove that an
    unexpected error shows the apology with an error id, never a traceback. See docs/DEPLOYMENT.md.
    """
    if os.environ.get(FAULT_INJECTION_ENV) == "1" and st.query_params.get("_fail") == "1":
        raise RuntimeError("injected fault (DASHBOARD_FAULT_INJECTION=1 and ?_fail=1)")


def run_page_safely(page: st.navigation, lang: str) -> None:
    """Run the chosen page; an unexpected error shows an apology with an id that matches the server log."""
    state.mark_routed()
    try:
        _injected_fault()
        page.run()
    except Exception:  # ScriptControlException (rerun/stop) is a BaseException and passes through
        error_id = uuid.uuid4().hex[:8]
        log.exception("error_id=%s page=%s", error_id, getattr(page, "url_path", "?"))
        st.error(t("common.error_apology", lang, error_id=error_id))


# Presentation mode and the briefing download (shown on every page; see dashboard/presentation.py, briefing.py).

_PRESENTATION_CSS = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stExpandSidebarButton'],
[data-testid='stHeader'], [data-testid='stToolbar'], [data-testid='stDecoration'],
[data-testid='stElementToolbar'], [data-testid='stDownloadButton'] { display: none !important; }
html { font-size: clamp(18px, 1.5vw, 30px); }
[data-testid='stMainBlockContainer'] { max-width: none; padding: 1rem 2.5rem 2rem; }
[data-testid='stMain'] h1 { font-size: 2.2rem; padding-top: 0.5rem; }
[data-testid='stMetricValue'] { font-size: 2.4rem; }
.st-key-presentation_bar { border-bottom: 3px solid #0b6e4f; padding-bottom: 0.5rem; }
.st-key-presentation_bar p { margin: 0; }
.st-key-presentation_bar kbd { display: none; }
</style>"""


def sidebar_tools(lang: str, digits: str) -> None:
    """The presentation switch and the one-click briefing, in the sidebar of every page."""
    state.init_presentation(presentation.STEP_KEYS)
    with st.sidebar:
        st.toggle(t("present.toggle", lang), key=state.PRESENT, help=t("present.toggle_help", lang))
        inputs = _briefing_inputs()
        st.download_button(t("briefing.download", lang), data=lambda: briefing_html(lang, digits, **inputs),
                           file_name=f"iraqi-diaspora-briefing-{lang}.html", mime="text/html",
                           key="briefing_download", on_click="ignore", help=t("briefing.download_help", lang))
    state.publish_presentation()


def _briefing_inputs() -> dict:
    """What the briefing shows from this session, read now (the download runs off the script thread): the
    map's current choices and the scenario packages that have policies."""
    view = {name: state.value(f"map_{key}") for name, key in
            (("year", "year"), ("sex", "sex"), ("measure", "measure"), ("log_scale", "log"), ("base_year", "base"))}
    packages = {slot: raw for slot, raw in state.scenario_packages().items()}
    return {"map_version": state.value("map_rev"), "map_view": {k: v for k, v in view.items() if v is not None},
            "packages": packages}


def briefing_html(lang: str, digits: str, map_version: str | None = None, map_view: dict | None = None,
                  packages: dict[str, str] | None = None) -> str:
    """The briefing for the download button (generated on click, off the script thread: no Streamlit calls)."""
    from datetime import date

    from dashboard import briefing

    sections = briefing_sections(lang, digits, map_version, map_view or {}, packages or {})
    return briefing.build_briefing(lang, digits, sections, generated=date.today().isoformat())


def briefing_sections(lang: str, digits: str, map_version: str | None, map_view: dict,
                      packages: dict[str, str]) -> list:
    """The briefing's sections from the active datasets: headline figures, map, trend, scenarios, sources."""
    from dashboard import briefing
    from dashboard.scenario.population import build_population
    from dashboard.scenario.presets import PRESETS, preset
    from dashboard.scenario.spec import Scenario
    from dashboard.scenario.tables import package_label
    from dashboard.skills import talent_pool

    registry = cached.registry()
    totals, refugees, skills = (registry.get(d) for d in ("iraq_totals", "refugees", "skills"))
    stock = registry.get("migrant_stock", map_version)
    countries = registry.get("countries").frame
    scenarios = {}
    for slot, raw in sorted(packages.items()):
        scenario = Scenario.model_validate_json(raw)
        if scenario.levers:
            scenarios[package_label(slot, scenario.name, lang)] = scenario
    if not scenarios:   # nothing built yet: compare the five case-study packages
        scenarios = {t(f"cases.{case}.name", lang): preset(case) for case in PRESETS}
    population = build_population(registry.get("migrant_stock").frame, talent_pool(skills.frame))
    return briefing.standard_sections(
        stock, totals, refugees, countries, registry.boundaries(), lang, digits, briefing.MapView(**map_view),
        scenario=briefing.scenario_sections(scenarios, population, lang, digits))


def _go_to(step: presentation.Step) -> None:
    state.set_step(step.key)
    query = {"lang": state.language(), "digits": state.digits(), **state.presentation_query(), **step.params}
    st.switch_page(presentation.PAGE_FILES[step.url_path], query_params=query)


def presentation_bar(lang: str, url_path: str) -> None:
    """In presentation mode: large type, no chrome, and the step bar (previous, where we are, next, exit)."""
    if not state.presenting():
        return
    url_path = url_path or presentation.DEFAULT_URL_PATH   # the default page's url_path is ""
    index = presentation.step_index(state.step(), url_path)
    current = presentation.STEPS[index]
    if current.url_path == url_path and state.step() != current.key:
        state.set_step(current.key)
        state.publish_presentation()
    st.html(_PRESENTATION_CSS)
    previous, following = presentation.neighbours(index)
    rtl = is_rtl(lang)
    back, forward = ("→", "←") if rtl else ("←", "→")
    with st.container(key="presentation_bar"):
        left, middle, right, end = st.columns([2, 7, 2, 2.4], vertical_alignment="center")
        if previous and left.button(f"{back} {t('present.previous', lang)}", key="present_previous",
                                    shortcut="PageUp", width="stretch"):
            _go_to(previous)
        digits = state.digits()
        progress = t("present.progress", lang, n=format_number(index + 1, lang, digits),
                     total=format_number(len(presentation.STEPS), lang, digits))
        middle.markdown(f"**{t(current.title_key, lang)}** · {progress}")
        middle.caption(t(current.caption_key, lang))
        if following and right.button(f"{t('present.next', lang)} {forward}", key="present_next", type="primary",
                                      shortcut="PageDown", width="stretch"):
            _go_to(following)
        end.button(t("present.exit", lang), key="present_exit", on_click=state.set_presenting, args=(False,),
                   width="stretch")
