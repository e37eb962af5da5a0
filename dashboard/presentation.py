"""Presentation mode for facilitators: the guided sequence of steps, and figures scaled for a projector.

The sequence is data: each step names the page it shows (its id in dashboard.pages), the translation keys of its
title and of the one-line caption the facilitator reads out, and the query parameters that put the page in the
right state. The Streamlit side (ui/presenting.presentation_bar) only walks this list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

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
    #: widget key of the step's main chart, which must be whole on a 1280x720 projector without scrolling
    #: (None: a step of text, the case studies, whose table and lists are read as text)
    main_chart: str | None = None
    #: its height (px) on a projector when the page above it leaves more room than ProjectorStyle.height
    main_chart_height: int | None = None


STEPS: tuple[Step, ...] = (
    Step("today", "overview", "present.step_today", "present.caption_today", main_chart="overview_top"),
    Step("since_1990", "map", "present.step_since_1990", "present.caption_since_1990", main_chart="map_chart",
         main_chart_height=410),
    Step("skills", "skills", "present.step_skills", "present.caption_skills", main_chart="official_map_chart"),
    *(Step(f"case_{case}", "case_studies", f"present.step_case_{case}", "present.caption_case", {"case": case})
      for case in CASES),
    Step("scenarios", "scenarios", "present.step_scenarios", "present.caption_scenarios",
         {SCENARIO_URL_KEY: to_url(preset(SCENARIO_STEP_CASE))}, main_chart="scn_chart_outcome"),
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


@dataclass(frozen=True)
class ProjectorStyle:
    """How figures look on a projector (issue 17): every text at least `font` px and dark enough for 4.5:1 on
    white, a figure no taller than fits under the step bar and the page's title at 1280x720."""

    font: int = 20                 # px: ticks, colour bars, legends, annotations, value labels
    title_font: int = 26
    text_colour: str = "#262730"   # 15:1 on white (Streamlit's own theme greys ticks to about 3.7:1)
    height: int = 330              # px: the tallest figure that fits under a compact page head at 720 px
    line_width: float = 4


PROJECTOR = ProjectorStyle()
#: Font sizes (px) of figures in presentation mode (kept as names for the builders' tests).
PRESENT_FONT = PROJECTOR.font
PRESENT_TITLE_FONT = PROJECTOR.title_font


def projector_style(step_key: str | None, chart_key: str | None) -> ProjectorStyle:
    """The style of one chart on a projector: the step's main chart at the height the step table gives it."""
    step = next((s for s in STEPS if s.key == step_key), None)
    if step is not None and chart_key is not None and step.main_chart == chart_key and step.main_chart_height:
        return replace(PROJECTOR, height=step.main_chart_height)
    return PROJECTOR


def _legend_above_plot(fig: go.Figure) -> bool:
    """A shown legend placed over the plot area (as dashboard.charts.common lays it out), where a title is too."""
    legend = fig.layout.legend
    shown = fig.layout.showlegend is not False and sum(trace.showlegend is not False for trace in fig.data) > 1
    return shown and legend.yanchor == "bottom" and (legend.y or 0) >= 1


def _is_hex(colour: object) -> bool:
    return isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21; text needs 4.5)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str, dark: str) -> str:
    """White or `dark`, whichever reads better on `fill` (a label inside a bar); `fill` as #rrggbb."""
    return "#ffffff" if contrast(fill, "#ffffff") >= contrast(fill, dark) else dark


def _inside_label_colours(trace, dark: str) -> object:
    """Colours for the labels inside a bar trace's bars (plotly's own choice can fall under 4.5:1), or None."""
    fill = trace.marker.color if trace.marker is not None else None
    if _is_hex(fill):
        return text_colour_on(fill, dark)
    if isinstance(fill, (list, tuple)) and all(_is_hex(c) for c in fill):
        return [text_colour_on(c, dark) for c in fill]
    return None


def _legend_rows(fig: go.Figure) -> int:
    """Rows a horizontal legend in large type takes at most: two short entries share a row on a half-width chart."""
    entries = sum(trace.showlegend is not False and bool(trace.name) for trace in fig.data)
    return 1 if entries <= 2 else 2 if entries <= 4 else 3


def for_projector(fig: go.Figure, style: ProjectorStyle = PROJECTOR) -> go.Figure:
    """A copy of `fig` in `style`: every text (ticks, axis and colour-bar titles, legend, annotations, value
    labels) large and dark, lines thicker, the height capped; the builder's figure is untouched."""
    out = go.Figure(fig)
    text = {"size": style.font, "color": style.text_colour}
    out.update_layout(font=text, hoverlabel={"font": {"size": style.font}}, legend={"font": text})
    if out.layout.title.text:
        out.update_layout(title={"font": {"size": style.title_font, "color": style.text_colour}, "y": 1,
                                 "yref": "container", "yanchor": "top", "pad": {"t": 8}})
        if _legend_above_plot(out):  # room for the title and, under it, the rows of larger legend
            rows = _legend_rows(out)
            out.update_layout(margin={"t": max(out.layout.margin.t or 0, style.title_font + 32
                                               + rows * (style.font * 1.6 + 8))})
    out.update_layout(height=min(int((out.layout.height or style.height) * 1.25), style.height))
    out.update_xaxes(tickfont=text, title_font=text)
    out.update_yaxes(tickfont=text, title_font=text)
    for annotation in out.layout.annotations:
        annotation.font = {"size": max(annotation.font.size or 0, style.font), "color": style.text_colour}
    out.update_coloraxes(colorbar={"tickfont": text, "title": {"font": text}})
    for trace in out.data:
        if "colorbar" in trace and trace.showscale is not False:
            trace.colorbar.update(tickfont=text, title={"font": text})
        if "textfont" in trace and trace.text is not None:
            trace.textfont.size = style.font
            if _is_hex(trace.textfont.color) and contrast(trace.textfont.color, "#ffffff") < 4.5:
                trace.textfont.color = style.text_colour   # a label set in a light grey
        if trace.type == "bar" and trace.text is not None:
            inside = _inside_label_colours(trace, "#000000")  # black: 4.8:1 even on the palette's red
            if inside is not None:
                trace.insidetextfont = {"color": inside, "size": style.font}
        if trace.type == "scatter" and trace.line is not None and trace.line.width:
            trace.line.width = max(trace.line.width, style.line_width)
    return out
