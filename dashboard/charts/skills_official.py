"""Figures and tables of the official skills statistics (DIOC-E 2010/11, DIOC 2015/16, IAB 1980-2010).

Each builder takes the frames of dashboard/skills_official.py and `lang`; flagged DIOC-E destinations are
drawn grey and carry their reason, never coloured like the reliable ones. Figures mirror in Arabic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import geo
from dashboard.charts.common import PALETTE, apply_layout
from dashboard.charts.skills import HEADROOM, LABEL_FONT, ROW_HEIGHT, _mirror
from dashboard.i18n import Digits, format_number, format_percent, is_rtl, localise_digits, t
from dashboard.skills_official import reason_codes
from dashboard.table_cells import declare_kinds
from dashboard.vocabularies import EDUCATION_GROUPS

FLAGGED_COLOUR = "#c9ccd1"
LAND_COLOUR = "#eef0f2"
BORDER_COLOUR = "#ffffff"
SEQUENTIAL = [[0, "#e6f2ec"], [1, "#0b6e4f"]]
EDUCATION_COLOURS = dict(zip(EDUCATION_GROUPS, [PALETTE[1], PALETTE[3], PALETTE[0]], strict=True))
SEX_COLOURS = {"total": PALETTE[0], "male": PALETTE[2], "female": PALETTE[1]}
MAP_HEIGHT = 480


def reasons_text(reason: str, lang: str) -> str:
    """A flagged destination's reasons in words ("" when reliable)."""
    return t("skills.list_separator", lang).join(t(f"official.reason.{code}", lang) for code in reason_codes(reason))


def _label(kind: str, value: str, lang: str) -> str:
    """official.<kind>.<value>, else skills.<kind>.<value> (ISCO groups), else the value itself."""
    for key in (f"official.{kind}.{value}", f"skills.{kind}.{value}"):
        text = t(key, lang)
        if text != key:
            return text
    return value


# --------------------------------------------------------------------------------------------------
# Education by destination (DIOC-E 2010/11)
# --------------------------------------------------------------------------------------------------
def education_map(table: pd.DataFrame, boundaries: dict, countries: pd.DataFrame, names: Mapping[str, str],
                  lang: str, digits: Digits, title: str) -> go.Figure:
    """World map of the tertiary share (of known) per destination; flagged destinations grey with their reason
    in the hover, destinations without a DIOC figure as plain land."""
    polygons = geo.polygon_iso3(boundaries)
    table = table[table["residence_iso3"].isin(polygons) & table["share"].notna()]
    good, flagged = table[table["reliable"]], table[~table["reliable"]]
    layers = geo.split_features(geo.compact_boundaries(boundaries),
                                {"good": set(good["residence_iso3"]), "flagged": set(flagged["residence_iso3"])},
                                rest="land")
    land = [geo.feature_iso3(f) for f in layers["land"]["features"]]
    flat = {"marker": {"line": {"color": BORDER_COLOUR, "width": 0.5}}, "hovertemplate": "%{hovertext}<extra></extra>"}

    def hover(rows: pd.DataFrame) -> list[str]:
        out = []
        for r in rows.itertuples():
            line = (f"<b>{names.get(r.residence_iso3, r.residence_iso3)}</b>: {format_percent(r.share, lang, digits)}"
                    f"<br>{t('official.people_15plus', lang)}: {format_number(r.people, lang, digits)}")
            if not r.reliable:
                line += f"<br>{t('official.flagged', lang)}: {reasons_text(r.reason, lang)}"
            out.append(line)
        return out

    no_figure = t("official.no_figure", lang)
    traces = [
        go.Choropleth(geojson=geo.to_data_url(layers["land"]), featureidkey=geo.FEATURE_ID_KEY, locations=land,
                      z=[0] * len(land), colorscale=[[0, LAND_COLOUR], [1, LAND_COLOUR]], showscale=False,
                      hovertext=[f"<b>{names.get(c, c)}</b><br>{no_figure}" for c in land], **flat),
        go.Choropleth(geojson=geo.to_data_url(layers["flagged"]), featureidkey=geo.FEATURE_ID_KEY,
                      locations=flagged["residence_iso3"], z=[0] * len(flagged), showscale=False,
                      colorscale=[[0, FLAGGED_COLOUR], [1, FLAGGED_COLOUR]], hovertext=hover(flagged), **flat),
        go.Choropleth(geojson=geo.to_data_url(layers["good"]), featureidkey=geo.FEATURE_ID_KEY,
                      locations=good["residence_iso3"], z=good["share"].to_numpy(dtype=float), zmin=0,
                      zmax=max(0.5, float(good["share"].max() if len(good) else 0)), colorscale=SEQUENTIAL,
                      hovertext=hover(good),
                      colorbar={"title": {"text": t("official.tertiary_share", lang), "side": "top"},
                                "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                                "len": 0.6, "thickness": 14, "tickformat": ".0%"}, **flat),
    ]
    fig = apply_layout(go.Figure(data=traces), lang, title, height=MAP_HEIGHT)
    fig.update_layout(showlegend=False, margin={"l": 0, "r": 0, "t": 50, "b": 70}, dragmode=False,
                      geo={"visible": False, "showframe": False, "projection": {"type": "natural earth"},
                           "bgcolor": "white", "lataxis": {"range": [-57, 84]}, "lonaxis": {"range": [-170, 190]}})
    return fig


def tertiary_ranked(by_sex: Mapping[str, pd.DataFrame], names: Mapping[str, str], lang: str, digits: Digits,
                    title: str, min_people: int = 1000) -> go.Figure:
    """Ranked bars of the tertiary share per destination (largest share first) for each sex in `by_sex`
    ({"total": frame, "male": ..., "female": ...} from tertiary_by_destination); flagged rows grey, their
    reason after the name. Destinations with fewer than `min_people` aged 15+ are left to the table."""
    total = by_sex["total"]
    shown = total[(total["people"] >= min_people) & total["share"].notna()].copy()
    shown["rank"] = np.where(shown["reliable"], shown["share"], -1.0 + shown["share"].fillna(0))
    shown = shown.sort_values(["rank", "residence_iso3"], ascending=[False, True])
    order = shown["residence_iso3"].tolist()
    flagged = dict(zip(shown["residence_iso3"], ~shown["reliable"], strict=True))
    labels = [names.get(c, c) + (" ⚠" if flagged[c] else "") for c in order]
    fig = go.Figure()
    for sex, frame in by_sex.items():
        rows = frame.set_index("residence_iso3").reindex(order)
        shares = rows["share"].to_numpy(dtype=float)
        colours = [FLAGGED_COLOUR if flagged[c] else SEX_COLOURS.get(sex, PALETTE[0]) for c in order]
        text = [format_percent(s, lang, digits) if np.isfinite(s) else "" for s in shares]
        hover = [f"{names.get(c, c)} · {t(f'official.sex.{sex}', lang)}: {x}"
                 + (f"<br>{t('official.flagged', lang)}: {reasons_text(rows.at[c, 'reason'], lang)}" if flagged[c]
                    else "") for c, x in zip(order, text, strict=True)]
        fig.add_trace(go.Bar(x=np.nan_to_num(shares).tolist(), y=labels, orientation="h",
                             name=t(f"official.sex.{sex}", lang), marker_color=colours, text=text,
                             textposition="outside", textfont=LABEL_FONT, cliponaxis=False, hovertext=hover,
                             hovertemplate="%{hovertext}<extra></extra>"))
    top = float(np.nanmax(shown["share"])) if len(shown) else 0.5
    fig.update_xaxes(tickformat=".0%", range=[0, max(min(top, 1.0) * 1.25, 0.1)],
                     title=t("official.tertiary_share", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="group", bargap=0.25)
    height = max(300, 110 + ROW_HEIGHT * len(order) * (0.55 + 0.3 * len(by_sex)))
    return _mirror(apply_layout(fig, lang, title=title, height=int(height)), lang)


def destinations_table(table: pd.DataFrame, names: Mapping[str, str], lang: str, digits: Digits) -> pd.DataFrame:
    """The education-by-destination figures as a translated table (every destination, flagged ones with their
    reason; a share with nothing known reads "no official figure")."""
    return pd.DataFrame({
        t("official.col.country", lang): [names.get(c, c) for c in table["residence_iso3"]],
        t("official.people_15plus", lang): table["people"].to_numpy(),
        t("official.col.known", lang): table["known"].to_numpy(),
        t("official.col.high", lang): table["high"].to_numpy(),
        t("official.tertiary_share", lang): [format_percent(v, lang, digits) if pd.notna(v) else
                                             t("official.no_figure", lang) for v in table["share"]],
        t("official.col.reliability", lang): [t("official.reliable", lang) if ok else reasons_text(r, lang)
                                              for ok, r in zip(table["reliable"], table["reason"], strict=True)],
    })


def panel_text(figure: Mapping[str, object] | None, lang: str, digits: Digits) -> str:
    """The map panel's line for one country (skills_official.official_education): its tertiary share and
    people, the reason when flagged, or "no official figure" (never zero) when DIOC-E has none."""
    if figure is None or not np.isfinite(figure["share"]):
        return t("official.no_figure", lang)
    text = t("official.panel_figure", lang, share=format_percent(figure["share"], lang, digits),
             people=format_number(figure["people"], lang, digits))
    if not figure["reliable"]:
        text += f" · {t('official.flagged', lang)}: {reasons_text(';'.join(figure['reasons']), lang)}"
    return text


# --------------------------------------------------------------------------------------------------
# The OECD as a whole (DIOC 2015/16)
# --------------------------------------------------------------------------------------------------
def education_mix(frame: pd.DataFrame, lang: str, digits: Digits, title: str) -> go.Figure:
    """Stacked bars of low / medium / high (share of known) for all, men and women (oecd_education)."""
    sexes = [t(f"official.sex.{s}", lang) for s in frame["sex"]]
    fig = go.Figure()
    for group in EDUCATION_GROUPS:
        shares = frame[f"share_{group}"].to_numpy(dtype=float)
        fig.add_trace(go.Bar(x=shares.tolist(), y=sexes, orientation="h", name=t(f"official.edu.{group}", lang),
                             marker_color=EDUCATION_COLOURS[group], text=[format_percent(s, lang, digits)
                                                                          for s in shares],
                             textposition="inside", insidetextanchor="middle", textfont=LABEL_FONT))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title=t("official.share_known", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _mirror(apply_layout(fig, lang, title=title, height=300), lang)


def labour_chart(frame: pd.DataFrame, lang: str, digits: Digits, title: str,
                 rate: str = "employment_rate") -> go.Figure:
    """Grouped bars of a rate (employment or unemployment, ages 15-64) by education, men and women side by
    side (labour_by_education)."""
    order = ["all", *EDUCATION_GROUPS]
    fig = go.Figure()
    for sex in ("male", "female"):
        rows = frame[frame["sex"] == sex].set_index("education").reindex(order)
        values = rows[rate].to_numpy(dtype=float)
        fig.add_trace(go.Bar(x=[_label("edu", e, lang) for e in order], y=values.tolist(),
                             name=t(f"official.sex.{sex}", lang), marker_color=SEX_COLOURS[sex],
                             text=[format_percent(v, lang, digits) for v in values], textposition="outside",
                             textfont=LABEL_FONT, cliponaxis=False))
    top = float(np.nanmax(frame[rate])) if len(frame) else 1.0
    fig.update_yaxes(tickformat=".0%", range=[0, min(1.0, top * 1.25)], title=t(f"official.{rate}", lang))
    fig.update_layout(barmode="group")
    if is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
    return apply_layout(fig, lang, title=title, height=380)


def share_bars(frame: pd.DataFrame, label_kind: str, lang: str, digits: Digits, title: str,
               value_column: str = "occupation") -> go.Figure:
    """Horizontal bars of `share` per row (occupations of one scheme, job skill levels), labelled "share"."""
    shares = frame["share"].to_numpy(dtype=float)
    fig = go.Figure(go.Bar(
        x=shares.tolist(), y=[_label(label_kind, str(v), lang) for v in frame[value_column]], orientation="h",
        marker_color=PALETTE[0], text=[format_percent(s, lang, digits) for s in shares], textposition="outside",
        textfont=LABEL_FONT, cliponaxis=False, hoverinfo="text+y"))
    top = float(np.nanmax(shares)) if len(shares) else 0.0
    fig.update_xaxes(tickformat=".0%", range=[0, max(top * HEADROOM, 0.05)], title=t("official.share_employed", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _mirror(apply_layout(fig, lang, title=title, height=max(260, 90 + ROW_HEIGHT * len(frame))), lang)


def overqualification_chart(frame: pd.DataFrame, lang: str, digits: Digits, title: str) -> go.Figure:
    """Share of employed graduates in jobs below their qualification, all / men / women (overqualification)."""
    rates = frame["rate"].to_numpy(dtype=float)
    fig = go.Figure(go.Bar(
        x=rates.tolist(), y=[t(f"official.sex.{s}", lang) for s in frame["sex"]], orientation="h",
        marker_color=[SEX_COLOURS.get(s, PALETTE[0]) for s in frame["sex"]],
        text=[format_percent(r, lang, digits) for r in rates], textposition="outside", textfont=LABEL_FONT,
        cliponaxis=False, hoverinfo="text+y"))
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title=t("official.overqualified_rate", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _mirror(apply_layout(fig, lang, title=title, height=260), lang)


# --------------------------------------------------------------------------------------------------
# Brain drain over time (IAB)
# --------------------------------------------------------------------------------------------------
def brain_drain_chart(frame: pd.DataFrame, lang: str, digits: Digits, title: str) -> go.Figure:
    """Lines of the emigration rate by education, 1980-2010 (brain_drain)."""
    fig = go.Figure()
    colours = {**EDUCATION_COLOURS, "all": "#6c757d"}
    for group in ("high", "medium", "low", "all"):
        rows = frame[frame["education"] == group].sort_values("year")
        fig.add_trace(go.Scatter(
            x=rows["year"].tolist(), y=rows["rate"].tolist(), mode="lines+markers",
            name=_label("edu", group, lang), line={"color": colours[group], "width": 3 if group == "high" else 2},
            hovertext=[f"{_label('edu', group, lang)} · {y}: {format_percent(r, lang, digits)}"
                       for y, r in zip(rows["year"], rows["rate"], strict=True)],
            hovertemplate="%{hovertext}<extra></extra>"))
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title=t("official.emigration_rate", lang))
    fig.update_xaxes(title=t("chart.year", lang), dtick=5, autorange="reversed" if is_rtl(lang) else True)
    return apply_layout(fig, lang, title=title, height=380)


def long_table(frame: pd.DataFrame, columns: Mapping[str, str], lang: str, digits: Digits,
               percent: tuple[str, ...] = (), labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A frame as a translated display table: `columns` maps frame column -> translation key; `labels` maps
    a column to the official.<kind> vocabulary of its values; numbers stay numbers (the page writes them,
    dashboard.table_cells), `percent` columns declared as shares; text columns (years included: pass them as
    text) keep their value in the reader's digits."""
    labels = labels or {}
    out, kinds = {}, {}
    for column, key in columns.items():
        values = frame[column]
        if column in labels:
            out[t(key, lang)] = [_label(labels[column], str(v), lang) for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            out[t(key, lang)] = values.to_numpy()
            kinds[t(key, lang)] = "share" if column in percent else "count"
        else:
            out[t(key, lang)] = [localise_digits(str(v), digits) for v in values]
    return declare_kinds(pd.DataFrame(out), kinds)


def calibration_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The sample's calibration table (skills_sample.calibration_table: variable, basis, source) translated;
    the interest columns share one row."""
    variables = list(dict.fromkeys("interest" if v.startswith("interest_") else v for v in table["variable"]))
    basis = dict(zip(table["variable"].map(lambda v: "interest" if v.startswith("interest_") else v),
                     table["basis"], strict=True))
    return pd.DataFrame({
        t("skills.calib.col_variable", lang): [t(f"skills.calib.var.{v}", lang) for v in variables],
        t("skills.calib.col_basis", lang): [t(f"skills.calib.basis.{basis[v]}", lang) for v in variables],
        t("skills.calib.col_source", lang): [t(f"skills.calib.src.{v}", lang) for v in variables],
    })
