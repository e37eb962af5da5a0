"""Start-up, routing and the error boundary: what runs before and around every page.

The router builds its navigation from the page table (dashboard.pages); pages and ui/ move between pages by id.
"""

from __future__ import annotations

import logging
import os
import uuid

import streamlit as st

from dashboard import pages
from dashboard.i18n import (
    available_languages,
    is_rtl,
    language_name,
    t,
    translation_note,
    unknown_language_notice,
)
from dashboard.registry import DataFileError
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
    this is called, so a rerun loses nothing; st.navigation itself clears the same flag. The app's start command
    (ui/server.py) clears the flag before the first session, so this only acts under a bare `streamlit run`.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_start() -> tuple[str, str]:
    """First call of every page: (language, digits); the language carries the digits, so every text the page
    translates writes its numbers and years in them. A page run that bypassed the router is redone through it."""
    if not state.consume_routed():
        leave_legacy_pages_mode()
    return state.language(), state.digits()


def navigation(lang: str) -> st.navigation:
    """The navigation menu from the page table; the first page is the default."""
    return st.navigation([st.Page(p.file, title=t(p.title_key, lang), icon=f":material/{p.icon}:",
                                  url_path=p.url_path, default=i == 0) for i, p in enumerate(pages.PAGES)])


def current_page_id(page: st.navigation) -> str:
    """The id of the page the router chose (Streamlit reports "" as the default page's url_path)."""
    return pages.page_at(getattr(page, "url_path", None)).id


def switch_to(page_id: str, query_params: dict[str, str] | None = None) -> None:
    """Go to the page with this id (st.switch_page by the page table's file)."""
    st.switch_page(pages.page(page_id).file, query_params=query_params)


def link_to(page_id: str, label: str) -> None:
    """A link to the page with this id, with the page's own icon."""
    target = pages.page(page_id)
    st.page_link(target.file, label=label, icon=f":material/{target.icon}:")


def sidebar_language() -> None:
    lang = state.language()
    with st.sidebar:
        st.selectbox(t("common.language", lang), available_languages(), key="lang", format_func=language_name)
        st.radio(t("common.digits", lang), ["western", "arabic"], key="digits", horizontal=True,
                 format_func=lambda d: t(f"common.digits_{d}", lang))
    state.publish_to_url("lang", "digits")


def language_notices(lang: str) -> None:
    """In the sidebar, the note that `lang` is a first translation (until a native reviewer signs it off); in the
    main area, once, the fallback to English in every language when the link asked for one the app lacks."""
    note = translation_note(lang)
    if note:
        st.sidebar.caption(note)
    unknown = state.take_unknown_language()
    if unknown is not None:
        st.info(unknown_language_notice(unknown), icon=":material/translate:")


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
        f"[data-testid='stMarkdownContainer'], [data-testid='stMarkdownContainer'] :is(li, p) "
        f"{{text-align: {align};}}"
        # the data grid draws its cells left to right on a canvas (in RTL its columns come reversed, see
        # widgets.table_with_downloads): a wide grid starts scrolled to its right end, where the first column is
        f"[data-testid='stDataFrame'] {{direction: ltr;}}"
        # a metric's label, value and delta wrap between words rather than end in "…" (no figure is cut off)
        f":is([data-testid='stMetricLabel'], [data-testid='stMetricValue'], [data-testid='stMetricDelta']), "
        f":is([data-testid='stMetricLabel'], [data-testid='stMetricValue'], [data-testid='stMetricDelta']) * "
        f"{{white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}}"
        f"[data-testid='stMetricValue'] > div, [data-testid='stMetricDelta'] > div "
        f"{{direction: ltr; unicode-bidi: isolate; text-align: {align};}}"
        # equations are written left to right in every language (in RTL KaTeX would put subscripts before symbols)
        f".katex {{direction: ltr; unicode-bidi: isolate;}}{_uploader_css(lang)}"
        f"{_RTL_SEGMENTS_CSS if direction == 'rtl' else ''}</style>"
        f"<script>document.querySelector(\"[data-testid='stApp']\")?.setAttribute('dir', '{direction}');"
        f"document.documentElement.setAttribute('lang', '{lang}');{_RTL_GRIDS_JS}</script>",
        unsafe_allow_javascript=True,
    )


#: Streamlit draws a segmented control's options with physical sides (each overlaps the next by its right border,
#: the first has round left corners, a selected option's right neighbour hides its left border): right to left,
#: the first option (drawn rightmost) would stick out of its row by a border and be cut, round corners would sit
#: inside the row and outer borders vanish. So the row is laid out left to right as Streamlit designed it and
#: mirrored as a whole (the first option rightmost), and each option's content is mirrored back.
_RTL_SEGMENTS_CSS = (
    "[role='radiogroup']:has(> button[data-variant='segmented_control']) {direction: ltr; transform: scaleX(-1);}"
    "button[data-variant='segmented_control'] > * {direction: rtl; transform: scaleX(-1);}")

#: Once per browser page: every data grid that appears on a right-to-left page and is wider than its box is
#: scrolled once to its right end, so its first column (drawn rightmost) is in view.
_RTL_GRIDS_JS = """if (!window.__rtlGrids) { window.__rtlGrids = true; const seen = new WeakSet();
const fix = () => { if (document.querySelector("[data-testid='stApp']")?.getAttribute('dir') !== 'rtl') return;
  document.querySelectorAll("[data-testid='stDataFrame'] .dvn-scroller").forEach(s => {
    if (!seen.has(s) && s.scrollWidth > s.clientWidth + 1) { s.scrollLeft = s.scrollWidth; seen.add(s); } }); };
new MutationObserver(fix).observe(document.body, {childList: true, subtree: true}); fix(); }"""


def _uploader_css(lang: str) -> str:
    """Streamlit's file uploader says "Upload" and "200MB per file • CSV" in English whatever the page's language:
    outside English its button gets the translated word and the English size note is hidden (the data page's
    label states the formats and the 50 MB limit)."""
    if lang == "en":
        return ""
    word = t("common.upload_button", lang).replace("\\", "").replace('"', "")
    zone = "[data-testid='stFileUploaderDropzone']"
    hidden = (f"{zone} [data-testid='stFileUploaderDropzoneInstructions'], "
              f"{zone} button [data-testid='stMarkdownContainer']")
    return f"{hidden} {{display: none;}} {zone} button > div > span::after {{content: \"{word}\";}}"


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
