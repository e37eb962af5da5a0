"""Shared look of every figure: readable on a projector, and mirrored for right-to-left languages."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.i18n import is_rtl

PALETTE = ["#0b6e4f", "#c8553d", "#2d6a9f", "#e0a800", "#6c4f9e", "#5b8c5a", "#8d99ae", "#d1495b"]
BASELINE_COLOUR = "#6c757d"
FONT_FAMILY = "Noto Sans Arabic, Noto Sans, Source Sans Pro, sans-serif"

#: Plotly config passed with every chart: no plotly logo, and the offline base-map location for geo charts.
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/"}


def apply_layout(fig: go.Figure, lang: str, title: str | None = None, height: int = 420) -> go.Figure:
    """Common layout; in RTL languages the title, legend and value axis move to the right."""
    rtl = is_rtl(lang)
    fig.update_layout(
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
