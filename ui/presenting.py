"""Presentation mode: the sidebar switch, and the step bar that walks dashboard.presentation.STEPS."""

from __future__ import annotations

import streamlit as st

from dashboard import plaintext, presentation
from dashboard.i18n import format_number, is_rtl, t
from dashboard.skills import sample_note
from ui import cached, shell, state

_PRESENTATION_CSS = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stExpandSidebarButton'],
[data-testid='stHeader'], [data-testid='stToolbar'], [data-testid='stDecoration'],
[data-testid='stElementToolbar'], [data-testid='stDownloadButton'] { display: none !important; }
html { font-size: clamp(18px, 1.5vw, 30px); }
[data-testid='stMainBlockContainer'] { max-width: none; padding: 0.4rem 2.5rem 2rem; }
[data-testid='stMain'] h1 { font-size: 2.2rem; padding-top: 0.5rem; }
[data-testid='stMetricValue'] { font-size: 2.4rem; }
.st-key-presentation_bar { border-bottom: 3px solid #0b6e4f; padding-bottom: 0.5rem; height: auto !important;
  overflow: visible !important; }
.st-key-presentation_bar [data-testid='stHorizontalBlock'], .st-key-presentation_bar [data-testid='stColumn']
  { height: auto !important; flex-wrap: nowrap; }
.st-key-presentation_bar :is(p, button, [data-testid='stCaptionContainer']) { font-size: 1rem !important; }
.st-key-presentation_bar :is([data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] *)
  { color: #2f2d2b !important; opacity: 1 !important; line-height: 1.35;
  margin-bottom: 0 !important; }
.st-key-presentation_bar p { margin: 0; }
/* Streamlit pulls each text up by 1rem under its paragraph margin, removed above: the title would cover the caption */
.st-key-presentation_bar [data-testid='stMarkdownContainer'] { margin-bottom: 0 !important; }
.st-key-presentation_bar kbd { display: none; }
/* every text of the page at 18 px or more, dark enough for 4.5:1 (headings and big figures keep their size; a
   chart's text keeps the size plotly laid it out at, 18 px or more by dashboard.presentation.ProjectorStyle) */
[data-testid='stMain'] :is(p, span, label, li, summary, button, input, div, td, th, small)
  :not([data-testid='stHeading'], :is([data-testid='stHeading'], h1, h2, h3, h4, [data-testid='stMetricValue'],
  [data-testid='stIconMaterial'], svg) *) { font-size: max(18px, 1rem) !important; }
[data-testid='stMain'] :is([data-testid='stCaptionContainer'], [data-testid='stWidgetLabel']),
[data-testid='stMain'] :is([data-testid='stCaptionContainer'], [data-testid='stWidgetLabel']) *
  { color: #3d3f4a !important; opacity: 1 !important; }
/* the step bar names the step: the page title is left out so the step's chart fits the screen */
[data-testid='stMain'] h1 { display: none; }
[data-testid='stMain'] h2 { font-size: 1.7rem; } [data-testid='stMain'] h3 { font-size: 1.35rem; }
[data-testid='stMetricValue'] { font-size: 2rem; }
[data-testid='stMain'] [data-testid='stVerticalBlock'] { gap: 0.5rem; }
/* the scenario chart's title names the outcome chosen: its selector needs no label of its own */
.st-key-scn_outcome [data-testid='stWidgetLabel'] { display: none; }
</style>"""


def large_type() -> None:
    """Presentation mode's type sizes and bare layout, for a page built for the projector (the workshop room)."""
    st.html(_PRESENTATION_CSS)


def aside(lang: str):
    """Where a page puts secondary text above its chart (intro, notes, extra controls): in presentation mode
    folded under "More detail" so the step's chart fits the projector; otherwise shown in place."""
    if state.presenting():
        return st.expander(t("present.more", lang))
    return st.container()


def sidebar_toggle(lang: str) -> None:
    """The presentation switch in the sidebar (seeded from ?present= and ?step= once per session)."""
    state.init_presentation(presentation.STEP_KEYS)
    with st.sidebar:
        st.toggle(t("present.toggle", lang), key=state.PRESENT, help=t("present.toggle_help", lang))


def _go_to(step: presentation.Step) -> None:
    state.set_step(step.key)
    state.forget(*step.params)  # the page seeds them again from the step's URL (the same page, another case)
    state.follow_link(bool(step.params))
    query = {"lang": state.language(), "digits": state.digits(), **state.presentation_query(), **step.params}
    shell.switch_to(step.page, query_params=query)


def presentation_bar(lang: str, page_id: str) -> None:
    """In presentation mode: large type, no chrome, and the step bar (previous, where we are, next, exit)."""
    if not state.presenting():
        return
    shown = state.page_params(presentation.step_param_keys(page_id))
    index = presentation.step_index(state.step(), page_id, shown)
    current = presentation.STEPS[index]
    if current.page == page_id:  # a link to a step without its parameters (?step=case_korea) opens that case
        state.seed_url({key: value for key, value in current.params.items() if key not in shown})
    if current.page == page_id and state.step() != current.key:
        state.set_step(current.key)
        state.publish_presentation()
    st.html(_PRESENTATION_CSS)
    previous, following = presentation.neighbours(index)
    back, forward = ("→", "←") if is_rtl(lang) else ("←", "→")
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
        if current.page == "scenarios":  # its figures rest on the skills data: say which
            middle.caption(sample_note(cached.dataset("skills").meta, lang, plaintext.markdown))
        if following and right.button(f"{t('present.next', lang)} {forward}", key="present_next", type="primary",
                                      shortcut="PageDown", width="stretch"):
            _go_to(following)
        end.button(t("present.exit", lang), key="present_exit", on_click=state.set_presenting, args=(False,),
                   width="stretch")
