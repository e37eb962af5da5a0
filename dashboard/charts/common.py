"""Shared look of every figure: readable on a projector, and mirrored for right-to-left languages."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.basedatatypes import BasePlotlyType

from dashboard.i18n import is_rtl

PALETTE = ["#0b6e4f", "#c8553d", "#2d6a9f", "#e0a800", "#6c4f9e", "#5b8c5a", "#8d99ae", "#d1495b"]
BASELINE_COLOUR = "#6c757d"
FONT_FAMILY = "Noto Sans Arabic, Noto Sans, Source Sans Pro, sans-serif"

#: Plotly config passed with every chart: no plotly logo, and the offline base-map location for geo charts.
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/"}


def _merged(current: dict, new: dict) -> dict:
    out = dict(current)
    for key, value in new.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def set_layout(fig: go.Figure, **props: Any) -> go.Figure:
    """`fig.update_layout(**props)` with the same result (nested settings merged into what is set), about six
    times faster: each top-level property is validated once, without plotly's relayout machinery, which was a
    large part of every rerun's CPU (issue 16). Property names only, no "title_text" shorthand."""
    layout = fig.layout
    for key, value in props.items():
        if isinstance(value, dict):
            current = layout[key]
            current = current.to_plotly_json() if isinstance(current, BasePlotlyType) else None
            if current:
                value = _merged(current, value)
        layout[key] = value
    return fig


def apply_layout(fig: go.Figure, lang: str, title: str | None = None, height: int = 420) -> go.Figure:
    """Common layout; in RTL languages the title, legend and value axis move to the right."""
    rtl = is_rtl(lang)
    set_layout(
        fig,
        title={"text": title, "x": 0.98 if rtl else 0.02, "xanchor": "right" if rtl else "left"} if title else None,
        font={"family": FONT_FAMILY, "size": 14},
        height=height,
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right" if rtl else "left",
                "x": 1 if rtl else 0},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        separators=".,",
    )
    if rtl:
        fig.update_yaxes(side="right")
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(gridcolor="#e9ecef")
    return fig
