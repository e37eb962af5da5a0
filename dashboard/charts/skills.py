"""Skills figures: horizontal bars, an age-sex pyramid and a sector x mode grid, readable on a projector.

Every bar is labelled with its value and respondent count; a cell built on fewer than MIN_RESPONDENTS
respondents is drawn empty and labelled "<10" (the same rule as the tables). Figures mirror in Arabic.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.common import PALETTE, apply_layout
from dashboard.i18n import Digits, format_number, format_percent, is_rtl, localise_digits, t
from dashboard.skills import MIN_RESPONDENTS, SUPPRESSED

_MALE, _FEMALE = PALETTE[2], PALETTE[1]
LABEL_FONT = {"size": 14}  # value labels readable on a projector
ROW_HEIGHT = 40  # pixels per bar
HEADROOM = 1.6  # value axis reaches 1.6 x the longest bar, so its label fits beside it


def _n(value: int, lang: str, digits: Digits) -> str:
    return t("skills.n", lang, n=format_number(value, lang, digits))


def _bar_text(share: float, respondents: int, lang: str, digits: Digits) -> str:
    if respondents < MIN_RESPONDENTS:
        return SUPPRESSED
    return f"{format_percent(share, lang, digits)} ({_n(respondents, lang, digits)})"


def _mirror(fig: go.Figure, lang: str) -> go.Figure:
    """Bars grow right-to-left in RTL languages (the category axis is already on the right)."""
    if is_rtl(lang):
        span = fig.layout.xaxis.range
        if span is not None:  # autorange="reversed" would drop the headroom kept for the value labels
            fig.update_xaxes(range=[span[1], span[0]])
        else:
            fig.update_xaxes(autorange="reversed")
    return fig


def share_bars(
    frame: pd.DataFrame,
    lang: str,
    digits: Digits,
    label: Callable[[str], str],
    title: str,
    value_column: str = "value",
    axis_title: str | None = None,
) -> go.Figure:
    """Horizontal bars of `share` per `value_column` (first row on top), each labelled "share (n=…)"."""
    small = frame["respondents"].to_numpy() < MIN_RESPONDENTS
    shares = frame["share"].to_numpy(dtype=float)
    fig = go.Figure(
        go.Bar(
            x=np.where(small, 0.0, np.nan_to_num(shares)).tolist(),
            y=[label(str(v)) for v in frame[value_column]],
            orientation="h",
            marker_color=PALETTE[0],
            text=[_bar_text(s, n, lang, digits) for s, n in zip(shares, frame["respondents"], strict=True)],
            textposition="outside",
            textfont=LABEL_FONT,
            cliponaxis=False,
            hoverinfo="text+y",
        )
    )
    top = float(np.nanmax(np.where(small, 0.0, shares))) if len(frame) else 0.0
    fig.update_xaxes(tickformat=".0%", range=[0, max(top * HEADROOM, 0.05)],
                     title=axis_title or t("skills.share", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    height = max(260, 90 + ROW_HEIGHT * len(frame))
    return _mirror(apply_layout(fig, lang, title=title, height=height), lang)


def pyramid(frame: pd.DataFrame, lang: str, digits: Digits, title: str) -> go.Figure:
    """Age-sex pyramid of weighted shares: men to the left, women to the right (mirrored in Arabic)."""
    fig = go.Figure()
    peak = 0.0
    for sex, sign, colour in (("male", -1, _MALE), ("female", 1, _FEMALE)):
        part = frame[frame["sex"] == sex]
        small = part["respondents"].to_numpy() < MIN_RESPONDENTS
        shares = np.where(small, 0.0, part["share"].to_numpy(dtype=float))
        peak = max(peak, float(shares.max()) if len(shares) else 0.0)
        fig.add_bar(
            x=(sign * shares).tolist(),
            y=[localise_digits(str(v), digits) for v in part["age_band"]],
            orientation="h",
            name=t(f"skills.sex.{sex}", lang),
            marker_color=colour,
            text=[_bar_text(s, n, lang, digits) for s, n in zip(part["share"], part["respondents"], strict=True)],
            textposition="outside",
            textfont=LABEL_FONT,
            cliponaxis=False,
            hoverinfo="text+y+name",
        )
    limit = max(peak * 1.9, 0.02)  # room for "share (n=…)" beside the longest bar on both sides
    ticks = np.linspace(-limit, limit, 5)
    fig.update_layout(barmode="overlay", bargap=0.1)
    fig.update_xaxes(
        range=[-limit, limit],
        tickvals=ticks.tolist(),
        ticktext=[format_percent(abs(v), lang, digits, decimals=0) for v in ticks],
        title=t("skills.share", lang),
        zeroline=True,
        zerolinecolor="#adb5bd",
    )
    fig.update_yaxes(title=t("skills.age", lang))
    return _mirror(apply_layout(fig, lang, title=title, height=480), lang)


def pool_grid(frame: pd.DataFrame, lang: str, digits: Digits, sector_label: Callable[[str], str],
              mode_label: Callable[[str], str], title: str) -> go.Figure:
    """Sector x engagement mode grid of estimated professionals (colour) with value and n in each cell."""
    sectors = list(dict.fromkeys(frame["sector"]))
    modes = list(dict.fromkeys(frame["mode"]))
    wide = frame.pivot(index="sector", columns="mode", values="weighted").reindex(index=sectors, columns=modes)
    counts = frame.pivot(index="sector", columns="mode", values="respondents").reindex(index=sectors, columns=modes)
    small = counts.to_numpy() < MIN_RESPONDENTS
    z = np.where(small, np.nan, wide.to_numpy(dtype=float))
    text = [
        [
            SUPPRESSED if small[i, j] else
            f"{format_number(z[i, j], lang, digits)}<br>{_n(int(counts.iat[i, j]), lang, digits)}"
            for j in range(len(modes))
        ]
        for i in range(len(sectors))
    ]
    x = [mode_label(m) for m in modes]
    # "other" is the largest row: colour by the priority sectors so their differences stay visible.
    priority = [i for i, s in enumerate(sectors) if s != "other"] or list(range(len(sectors)))
    zmax = float(np.nanmax(z[priority])) if np.isfinite(z[priority]).any() else None
    fig = go.Figure(
        go.Heatmap(
            z=z.tolist(),
            x=x,
            y=[sector_label(s) for s in sectors],
            text=text,
            texttemplate="%{text}",
            textfont=LABEL_FONT,
            zmax=zmax,
            zmin=0,
            colorscale=[[0, "#e8f3ee"], [1, PALETTE[0]]],
            showscale=False,
            hoverinfo="text+x+y",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", automargin=True)
    height = max(300, 130 + 64 * len(sectors))
    fig = apply_layout(fig, lang, title=title, height=height)
    fig.update_layout(margin={"t": 110}, title={"y": 0.98, "yanchor": "top"})  # title above the mode labels
    return _mirror(fig, lang)


def count_bars(frame: pd.DataFrame, lang: str, digits: Digits, label: Callable[[str], str], title: str,
               value_column: str = "residence_iso3") -> go.Figure:
    """Horizontal bars of estimated people (`weighted`) per row, labelled "value (n=…)"; first row on top."""
    small = frame["respondents"].to_numpy() < MIN_RESPONDENTS
    weighted = np.where(small, 0.0, frame["weighted"].to_numpy(dtype=float))
    text = [
        SUPPRESSED if s else f"{format_number(w, lang, digits)} ({_n(int(n), lang, digits)})"
        for s, w, n in zip(small, weighted, frame["respondents"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(x=weighted.tolist(), y=[label(str(v)) for v in frame[value_column]], orientation="h",
               marker_color=PALETTE[0], text=text, textposition="outside", textfont=LABEL_FONT, cliponaxis=False,
               hoverinfo="text+y")
    )
    top = float(weighted.max()) if len(weighted) else 0.0
    fig.update_xaxes(range=[0, max(top * HEADROOM, 1.0)], title=t("skills.estimated_people", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    height = max(260, 90 + ROW_HEIGHT * len(frame))
    return _mirror(apply_layout(fig, lang, title=title, height=height), lang)
