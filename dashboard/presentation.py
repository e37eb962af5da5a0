"""Presentation mode for facilitators: the guided sequence of steps, and figures scaled for a projector.

The sequence is data: each step names the page it shows (its id in dashboard.pages), the translation keys of its
title and of the one-line caption the facilitator reads out, and the query parameters that put the page in the
right state. The Streamlit side (ui/presenting.presentation_bar) only walks this list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.scenario.presets import preset
from dashboard.scenario.spec import SCENARIO_URL_KEY, to_url

#: The five case studies, in the order the 2015 workshop presented them.
CASES = ("china", "india", "ireland", "korea", "taiwan")
#: The case package the scenario step opens in package A, beside the baseline (India: three levers together).
SCENARIO_STEP_CASE = "india"


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
    Step("scenarios", "scenarios", "present.step_scenarios", "present.caption_scenarios",
         {SCENARIO_URL_KEY: to_url(preset(SCENARIO_STEP_CASE))}),
)

STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)


def step_index(step_key: str | None, page_id: str | None = None, page_params: Mapping[str, str] | None = None
               ) -> int:
    """Position of the current step: the step of this page whose parameters the page shows now (`page_params`,
    so the step named matches the case on screen); else the named step if this page shows it; else the first
    step of this page; else (a page outside the sequence) the named step; else the first step."""
    named = next((i for i, step in enumerate(STEPS) if step.key == step_key), None)
    shown = dict(page_params or {})
    matching = [i for i, step in enumerate(STEPS) if step.page == page_id and step.params
                and all(shown.get(key) == value for key, value in step.params.items())]
    if matching:
        return named if named in matching else matching[0]
    if named is not None and (page_id is None or STEPS[named].page == page_id):
        return named
    on_page = next((i for i, step in enumerate(STEPS) if step.page == page_id), None)
    if on_page is not None:
        return on_page
    return named or 0


def step_param_keys(page_id: str) -> tuple[str, ...]:
    """The query parameters by which the steps of this page differ (e.g. `case` on the case-studies page)."""
    return tuple(sorted({key for step in STEPS if step.page == page_id for key in step.params}))


def neighbours(index: int) -> tuple[Step | None, Step | None]:
    """The previous and next steps (None at either end of the sequence)."""
    previous = STEPS[index - 1] if index > 0 else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following


#: Font sizes (px) of figures in presentation mode: readable from the back of a room on a 1280x720 projector.
PRESENT_FONT = 20
PRESENT_TITLE_FONT = 26


def _legend_above_plot(fig: go.Figure) -> bool:
    """A shown legend placed over the plot area (as dashboard.charts.common lays it out), where a title is too."""
    legend = fig.layout.legend
    shown = fig.layout.showlegend is not False and sum(trace.showlegend is not False for trace in fig.data) > 1
    return shown and legend.yanchor == "bottom" and (legend.y or 0) >= 1


def for_projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with fonts, markers and lines enlarged for a projector; the builder's figure is untouched."""
    out = go.Figure(fig)
    out.update_layout(font={"size": PRESENT_FONT}, hoverlabel={"font": {"size": PRESENT_FONT}},
                      legend={"font": {"size": PRESENT_FONT}})
    if out.layout.title.text:
        out.update_layout(title={"font": {"size": PRESENT_TITLE_FONT}, "y": 1, "yref": "container",
                                 "yanchor": "top", "pad": {"t": 8}})
        if _legend_above_plot(out):  # room for the title and, under it, up to three rows of larger legend
            out.update_layout(margin={"t": max(out.layout.margin.t or 0, PRESENT_TITLE_FONT + 3 * PRESENT_FONT * 1.6
                                               + 24)})
    if out.layout.height:
        out.update_layout(height=int(out.layout.height * 1.25))
    out.update_xaxes(tickfont={"size": PRESENT_FONT}, title_font={"size": PRESENT_FONT})
    out.update_yaxes(tickfont={"size": PRESENT_FONT}, title_font={"size": PRESENT_FONT})
    for trace in out.data:
        if trace.type == "scatter" and trace.line is not None and trace.line.width:
            trace.line.width = max(trace.line.width, 4)
    return out
