"""Figures of the Overview page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.common import PALETTE, apply_layout
from dashboard.i18n import is_rtl, t
from dashboard.table_cells import declare_kinds


def top_destinations_bar(top: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Horizontal bars, largest on top. `top` has columns country, migrants."""
    fig = go.Figure(go.Bar(
        x=top["migrants"], y=top["country"], orientation="h", marker_color=PALETTE[0],
        hovertemplate="%{y}: %{x:,}<extra></extra>",
    ))
    apply_layout(fig, lang, title, height=60 + 32 * len(top))
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("chart.migrants", lang), autorange="reversed" if is_rtl(lang) else True)
    return fig


def diaspora_trend(by_year: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Line of the whole diaspora over time. `by_year` has columns year, migrants."""
    fig = go.Figure(go.Scatter(
        x=by_year["year"], y=by_year["migrants"], mode="lines+markers", line={"color": PALETTE[0], "width": 3},
        hovertemplate="%{x}: %{y:,}<extra></extra>",
    ))
    apply_layout(fig, lang, title, height=360)
    fig.update_xaxes(title=t("chart.year", lang), dtick=5, autorange="reversed" if is_rtl(lang) else True)
    fig.update_yaxes(title=t("chart.migrants", lang), rangemode="tozero")
    return fig


def remittances_trend(frame: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Personal remittances received by Iraq, % of GDP, a bar per year. `frame` has year, remittances_pct_gdp
    (World Bank WDI; recorded channels only, so the caption must say informal transfers are not counted)."""
    fig = go.Figure(go.Bar(
        x=frame["year"], y=frame["remittances_pct_gdp"], marker_color=PALETTE[2],
        hovertemplate="%{x}: %{y:.2f}%<extra></extra>",
    ))
    apply_layout(fig, lang, title, height=300)
    fig.update_xaxes(title=t("chart.year", lang), dtick=5, autorange="reversed" if is_rtl(lang) else True)
    fig.update_yaxes(title=t("chart.remittances_pct_gdp", lang), rangemode="tozero")
    return fig


def remittances_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The remittances chart's table (download as shown): year and % of GDP to two decimals."""
    column = t("chart.remittances_pct_gdp", lang)
    table = pd.DataFrame({t("chart.year", lang): frame["year"], column: frame["remittances_pct_gdp"].round(2)})
    return declare_kinds(table, {column: "percent_points"})
