"""Presentation mode for facilitators: the guided sequence of steps, and figures scaled for a projector.

The sequence is data: each step names the page it shows (its id in dashboard.pages), the translation keys of its
title and of the one-line caption the facilitator reads out, and the query parameters that put the page in the
right state. The Streamlit side (ui/presenting.presentation_bar) only walks this list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

#: The five case studies, in the order the 2015 workshop presented them.
CASES = ("china", "india", "ireland", "korea", "taiwan")


@dataclass(frozen=True)
class Step:
    key: str                      # stable id, kept in the URL as ?step=KEY
    page: str                     # id (dashboard.pages) of the page that shows this step
    title_key: str
    caption_key: str
    params: dict[str, str] = field(default_factory=dict)   # query parameters the page reads for this step


STEPS: tuple[Step, ...] = (
    Step("today", "overview", "present.step_today", "present.caption_today"),
    Step("since_1990", "map", "present.step_since_1990", "present.caption_since_1990"),
    Step("skills", "skills", "present.step_skills", "present.caption_skills"),
    *(Step(f"case_{case}", "case_studies", f"present.step_case_{case}", "present.caption_case", {"case": case})
      for case in CASES),
    Step("scenarios", "scenarios", "present.step_scenarios", "present.caption_scenarios"),
)

STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)


def step_index(step_key: str | None, page_id: str | None = None) -> int:
    """Position of the current step: the named step if this page shows it; else the first step of this page;
    else (a page outside the sequence) the named step; else the first step."""
    named = next((i for i, step in enumerate(STEPS) if step.key == step_key), None)
    if named is not None and (page_id is None or STEPS[named].page == page_id):
        return named
    on_page = next((i for i, step in enumerate(STEPS) if step.page == page_id), None)
    if on_page is not None:
        return on_page
    return named or 0


def neighbours(index: int) -> tuple[Step | None, Step | None]:
    """The previous and next steps (None at either end of the sequence)."""
    previous = STEPS[index - 1] if index > 0 else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following


#: Font sizes (px) of figures in presentation mode: readable from the back of a room on a 1280x720 projector.
PRESENT_FONT = 20
PRESENT_TITLE_FONT = 26


def for_projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with fonts, markers and lines enlarged for a projector; the builder's figure is untouched."""
    out = go.Figure(fig)
    out.update_layout(font={"size": PRESENT_FONT}, hoverlabel={"font": {"size": PRESENT_FONT}},
                      legend={"font": {"size": PRESENT_FONT}})
    if out.layout.title.text:
        out.update_layout(title={"font": {"size": PRESENT_TITLE_FONT}})
    if out.layout.height:
        out.update_layout(height=int(out.layout.height * 1.25))
    out.update_xaxes(tickfont={"size": PRESENT_FONT}, title_font={"size": PRESENT_FONT})
    out.update_yaxes(tickfont={"size": PRESENT_FONT}, title_font={"size": PRESENT_FONT})
    for trace in out.data:
        if trace.type == "scatter" and trace.line is not None and trace.line.width:
            trace.line.width = max(trace.line.width, 4)
    return out
