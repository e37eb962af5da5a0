"""Figures of the Policy scenarios page: outcomes over time with P10–P90 bands, comparison bars, tornado."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import plaintext
from dashboard.charts.common import BASELINE_COLOUR, PALETTE, apply_layout
from dashboard.i18n import is_rtl
from dashboard.scenario.tables import modelled_series


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _colour(i: int, is_baseline: bool) -> str:
    return BASELINE_COLOUR if is_baseline else PALETTE[i % len(PALETTE)]


def outcome_over_time(bands: pd.DataFrame, lang: str, title: str, y_title: str, x_title: str,
                      baseline: str) -> go.Figure:
    """One line (P50) and one shaded P10–P90 band per scenario. `bands` has scenario, year, p10, p50, p90;
    the scenario named `baseline` is drawn grey and dashed. Values are modelled figures: drawn and hovered
    rounded (tables.modelled), like every other place they are shown. Scenario names (from a link or file) show
    as text."""
    bands = bands.assign(**{p: modelled_series(bands[p]) for p in ("p10", "p50", "p90")})
    fig = go.Figure()
    for i, (scenario, part) in enumerate(bands.groupby("scenario", sort=False)):
        is_base = scenario == baseline
        name = plaintext.plotly(scenario)
        colour = _colour(i - 1 if not is_base else 0, is_base)
        years = part["year"].tolist()
        fig.add_trace(go.Scatter(
            x=years + years[::-1], y=part["p90"].tolist() + part["p10"].tolist()[::-1], fill="toself",
            fillcolor=_rgba(colour, 0.15), line={"width": 0}, hoverinfo="skip", showlegend=False,
            legendgroup=name))
        fig.add_trace(go.Scatter(
            x=years, y=part["p50"], mode="lines+markers", name=name, legendgroup=name,
            line={"color": colour, "width": 3, "dash": "dash" if is_base else "solid"},
            customdata=part[["p10", "p90"]].to_numpy(),
            hovertemplate="%{x}: %{y:,.0f} (%{customdata[0]:,.0f}–%{customdata[1]:,.0f})<extra>"
                          + name + "</extra>"))
    apply_layout(fig, lang, title, height=400)
    fig.update_xaxes(title=x_title, dtick=1, autorange="reversed" if is_rtl(lang) else True)
    fig.update_yaxes(title=y_title, rangemode="tozero")
    return fig


def compare_bars(summary: pd.DataFrame, lang: str, title: str, y_title: str, baseline: str) -> go.Figure:
    """Bars of P50 with P10–P90 whiskers, one per scenario. `summary` has scenario, p10, p50, p90 (rounded here
    as modelled figures are); scenario names (from a link or file) show as text."""
    summary = summary.assign(**{p: modelled_series(summary[p]) for p in ("p10", "p50", "p90")})
    colours = [_colour(i - 1, name == baseline) for i, name in enumerate(summary["scenario"])]
    fig = go.Figure(go.Bar(
        x=summary["scenario"].map(plaintext.plotly), y=summary["p50"], marker_color=colours,
        error_y={"type": "data", "symmetric": False, "array": summary["p90"] - summary["p50"],
                 "arrayminus": summary["p50"] - summary["p10"], "color": "#343a40"},
        customdata=summary[["p10", "p90"]].to_numpy(),
        hovertemplate="%{x}: %{y:,.0f} (%{customdata[0]:,.0f}–%{customdata[1]:,.0f})<extra></extra>"))
    apply_layout(fig, lang, title, height=360)
    fig.update_xaxes(autorange="reversed" if is_rtl(lang) else True)
    fig.update_yaxes(title=y_title, rangemode="tozero")
    return fig


def tornado_chart(frame: pd.DataFrame, lang: str, title: str, x_title: str, low_name: str,
                  high_name: str) -> go.Figure:
    """Horizontal bars from the central value to each parameter's low and high result, widest on top.
    `frame` has label, low_value, high_value, central_value (rounded here as modelled figures are)."""
    frame = frame.assign(**{c: modelled_series(frame[c]) for c in ("low_value", "central_value", "high_value")})
    central = float(frame["central_value"].iloc[0]) if len(frame) else 0.0
    fig = go.Figure()
    for column, name, colour in (("low_value", low_name, PALETTE[1]), ("high_value", high_name, PALETTE[0])):
        fig.add_trace(go.Bar(
            y=frame["label"], x=frame[column] - central, base=central, orientation="h", name=name,
            marker_color=colour, customdata=frame[column],
            hovertemplate="%{y}: %{customdata:,.0f}<extra>" + name + "</extra>"))
    apply_layout(fig, lang, title, height=120 + 34 * max(len(frame), 1))
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(autorange="reversed", title=None, side="right" if is_rtl(lang) else "left")
    fig.update_xaxes(title=x_title, autorange="reversed" if is_rtl(lang) else True)
    fig.add_vline(x=central, line_color="#343a40", line_width=1)
    return fig
