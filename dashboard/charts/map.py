"""Figures of the Diaspora map page: the offline world choropleth, one country's story, and the trends.

The world map formats its hover text and colour-bar ticks here with the user's digits (plotly.js only knows
Western digits), so its builder takes `digits`; the trend charts use plain hover templates that
ui.widgets.chart localises like every other chart.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import geo
from dashboard.charts.common import PALETTE, apply_layout, set_layout
from dashboard.charts.digits import nice_step
from dashboard.countries import country_names
from dashboard.diaspora import measure_column
from dashboard.i18n import Digits, format_number, format_percent, is_rtl, localise_digits, t
from dashboard.table_cells import declare_kinds

MAP_HEIGHT = 580
LAND_COLOUR = "#e3e6e8"
BORDER_COLOUR = "#ffffff"
ORIGIN_COLOUR = "#c8553d"
SELECTED_BORDER = "#212529"
#: Light to dark green, the app's primary colour at the dark end: reads on a projector and in grey print.
SEQUENTIAL = [[0.0, "#e6f2ec"], [0.25, "#a8d5bf"], [0.5, "#5fae8c"], [0.75, "#1f845d"], [1.0, "#053b2a"]]
#: Brown (fewer people) to teal (more): a diverging scale readable with red-green colour blindness.
DIVERGING = [[0.0, "#8c510a"], [0.25, "#d8b365"], [0.5, "#f5f5f5"], [0.75, "#5ab4ac"], [1.0, "#01665e"]]


# --- formatting ----------------------------------------------------------------------------------------------

def _signed_number(value: float, digits: Digits) -> str:
    return localise_digits(f"{value:+,.0f}", digits)


def format_measure(value: float, measure: str, lang: str, digits: Digits) -> str:
    """A measure's value as people read it: 226,480 / 10.9% / +219,636 / +3,209%."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if measure == "people":
        return format_number(value, lang, digits)
    if measure == "share":
        return format_percent(value, lang, digits, decimals=1 if value >= 0.001 else 2)
    if measure == "change":
        return _signed_number(value, digits)
    return format_percent(value, lang, digits, decimals=0, signed=True)


def hover_fields(codes: pd.Series, values: pd.Series, rows: pd.DataFrame, names: dict[str, str], measure: str,
                 lang: str, digits: Digits, base_year: int | None) -> tuple[str, np.ndarray]:
    """A place's hover label as one template plus its own numbers: (hovertemplate, customdata).

    The sentences are written once in the template, each place carries only its name and its numbers (already
    in the user's digits), so the figure sent on every update stays small in every language. customdata[0] is
    the ISO3 code (a click on a dot reports it).
    """
    ranked = bool(rows["rank"].notna().all())
    columns = [list(codes), [names.get(code, code) for code in codes],
               [format_measure(value, measure, lang, digits) for value in values],
               [format_number(value, lang, digits) for value in rows["migrants"]],
               [format_measure(value, "share", lang, digits) for value in rows["share"]],
               [format_number(int(rank), lang, digits) if ranked else
                ("" if pd.isna(rank) else "<br>" + t("map.hover_rank", lang, rank=format_number(int(rank), lang,
                                                                                              digits)))
                for rank in rows["rank"]]]
    template = ("<b>%{customdata[1]}</b>: %{customdata[2]}<br>"
                + t("map.hover_people", lang, people="%{customdata[3]}", share="%{customdata[4]}")
                + ("<br>" + t("map.hover_rank", lang, rank="%{customdata[5]}") if ranked else "%{customdata[5]}"))
    if base_year is not None:
        columns += [[format_measure(value, "change", lang, digits) for value in rows["change"]],
                    [format_measure(value, "change_pct", lang, digits) for value in rows["change_pct"]]]
        template += "<br>" + t("map.hover_change", lang, base=localise_digits(str(base_year), digits),
                               change="%{customdata[6]}", pct="%{customdata[7]}")
    return template + "<extra></extra>", np.array(columns, dtype=object).T.reshape(len(codes), len(columns))


# --- colour scale ----------------------------------------------------------------------------------------------

#: Percentage change is coloured by log2(now / base), so doubling and halving are equally strong; a destination
#: that emptied (ratio 0) is drawn at this floor (1/64 of its base, -98%).
RATIO_FLOOR_LOG2 = -6.0


def colour_axis(z: pd.Series, measure: str, lang: str, digits: Digits, log_scale: bool) -> dict:
    """Colour range, scale and colour-bar ticks for the values the colour reads (`map_values(...)["z"]`,
    non-empty).

    Counts and shares: sequential, from 0 (log scale: z is log10 of the value, from the power of ten at or below
    the smallest). Changes: diverging and symmetric around no change, so white always means "no change" and
    equal distances mean equal changes (absolute: people; percentage: z is log2 of the ratio). Tick labels are
    the measure's own values.
    """
    z = z.astype(float)
    if measure == "change":
        reach = float(z.abs().max()) or 1.0
        step = nice_step(2 * reach, target=7)
        ticks = [float(v) for v in np.arange(-math.floor(reach / step) * step, reach + step / 2, step)
                 if abs(v) <= reach]
        return {"colorscale": DIVERGING, "cmin": -reach, "cmax": reach, "tickvals": ticks,
                "ticktext": [format_measure(v, measure, lang, digits) for v in ticks]}
    if measure == "change_pct":
        reach = max(float(z.abs().max()), 1.0)
        step = max(1, math.ceil(2 * reach / 6))
        ticks = [float(k) for k in range(-math.floor(reach / step) * step, math.floor(reach) + 1, step)]
        return {"colorscale": DIVERGING, "cmin": -reach, "cmax": reach, "tickvals": ticks,
                "ticktext": [format_measure(2.0 ** k - 1, measure, lang, digits) for k in ticks]}
    if log_scale:
        first = math.floor(float(z.min()))
        high = max(float(z.max()), first + 1.0)
        ticks = [float(k) for k in range(first, math.ceil(high) + 1)]
        return {"colorscale": SEQUENTIAL, "cmin": float(first), "cmax": high, "tickvals": ticks,
                "ticktext": [format_measure(10.0 ** k, measure, lang, digits) for k in ticks]}
    high = float(z.max()) or 1.0
    step = nice_step(high, target=5)
    ticks = [float(v) for v in np.arange(0, high + step / 2, step) if v <= high]
    return {"colorscale": SEQUENTIAL, "cmin": 0.0, "cmax": high, "tickvals": ticks,
            "ticktext": [format_measure(v, measure, lang, digits) for v in ticks]}


def map_values(measures: pd.DataFrame, measure: str, log_scale: bool) -> pd.DataFrame:
    """The destinations the map colours, with `value` (the measure) and `z` (what the colour scale reads).

    Counts and shares show destinations with people in the year; percentage change shows those with people in
    the base year (it is undefined otherwise) and reads log2(now / base); the log scale needs positive values,
    which counts and shares are.
    """
    column = measure_column(measure)
    out = measures.assign(value=measures[column].astype(float))
    if measure in ("people", "share"):
        out = out[out["migrants"] > 0]
    out = out[out["value"].notna()]
    if measure == "change_pct":
        ratio = (1 + out["value"]).clip(lower=2.0 ** RATIO_FLOOR_LOG2)
        z = np.log2(ratio)
    elif log_scale and measure in ("people", "share"):
        z = np.log10(out["value"])
    else:
        z = out["value"]
    return out.assign(z=z).reset_index(drop=True)


# --- the world map ---------------------------------------------------------------------------------------------

def world_map(measures: pd.DataFrame, boundaries: dict, countries: pd.DataFrame, measure: str, lang: str,
              digits: Digits, title: str, log_scale: bool = False, base_year: int | None = None,
              origin: str = "IRQ", selected: str | None = None, gaps: dict[str, str] | None = None,
              geojson_url: str | None = None) -> go.Figure:
    """World choropleth of `measures` (a `destination_measures` frame) coloured by `measure`.

    `gaps` (`diaspora.coverage_gaps`) names destinations the revision has no figure for: their hover says so
    ("not estimated in this revision") instead of "no one recorded".

    Each country's shape is drawn once: destinations with a value in the coloured layer, the origin in its own
    colour, every other country as grey land (still clickable). Destinations with no shape at this scale
    (Malta, Liechtenstein) are points on the same colour scale. Drawn from `boundaries` alone, no base map.

    `geojson_url`: where the browser finds `geo.compact_boundaries(boundaries)` (the app serves it, see
    geo.BOUNDARIES_FILE); every layer then names that one file and picks its countries by `locations`, so the
    figure carries values, not shapes. Without it (the self-contained briefing) each layer carries its own
    shapes inline as a `data:` URL.
    """
    names = country_names(countries, lang)
    shown = map_values(measures, measure, log_scale)
    polygons = geo.polygon_iso3(boundaries)
    with_shape = shown[shown["destination_iso3"].isin(polygons)].reset_index(drop=True)
    as_point = geo.point_locations(countries, shown["destination_iso3"], polygons).merge(
        shown, left_on="iso3", right_on="destination_iso3")
    layers = geo.split_features(geo.compact_boundaries(boundaries),
                                {"data": set(with_shape["destination_iso3"]), "origin": {origin}}, rest="land")
    land_iso3 = [geo.feature_iso3(f) for f in layers["land"]["features"]]

    def shapes(layer: dict) -> str:
        return geojson_url or geo.to_data_url(layer)
    change_base = base_year if measure in ("change", "change_pct") else None
    origin_name = names.get(origin, origin)

    def hover(codes: pd.Series, values: pd.Series, rows: pd.DataFrame) -> dict:
        template, fields = hover_fields(codes, values, rows, names, measure, lang, digits, change_base)
        return {"hovertemplate": template, "customdata": fields}

    # Shapes report their ISO3 as `location` when clicked, dots carry it in `customdata[0]`.
    flat = {"marker": {"line": {"color": BORDER_COLOUR, "width": 0.5}}, "hovertemplate": "%{hovertext}<extra></extra>"}
    border = {"marker": flat["marker"]}
    no_one = t("map.hover_none", lang)
    gap_text = {iso3: t(f"map.gap.{reason}", lang) for iso3, reason in (gaps or {}).items()}
    land_names = [names.get(c, c) for c in land_iso3]
    # The sentence under a grey country's name once for the layer; per country only when some have a gap.
    land_hover = ({"hovertext": land_names, "text": [gap_text.get(c, no_one) for c in land_iso3],
                   "hovertemplate": "<b>%{hovertext}</b><br>%{text}<extra></extra>"} if gap_text else
                  {"hovertext": land_names, "hovertemplate": f"<b>%{{hovertext}}</b><br>{no_one}<extra></extra>"})
    traces: list[go.Choropleth | go.Scattergeo] = [
        go.Choropleth(
            geojson=shapes(layers["land"]), featureidkey=geo.FEATURE_ID_KEY, locations=land_iso3,
            z=[0] * len(land_iso3), colorscale=[[0, LAND_COLOUR], [1, LAND_COLOUR]], showscale=False,
            name=t("map.layer_land", lang), **land_hover, **border),
        go.Choropleth(
            geojson=shapes(layers["data"]), featureidkey=geo.FEATURE_ID_KEY,
            locations=with_shape["destination_iso3"], z=with_shape["z"], coloraxis="coloraxis",
            name=t("map.layer_destinations", lang),
            **hover(with_shape["destination_iso3"], with_shape["value"], with_shape), **border),
        go.Choropleth(
            geojson=shapes(layers["origin"]), featureidkey=geo.FEATURE_ID_KEY, locations=[origin], z=[1],
            colorscale=[[0, ORIGIN_COLOUR], [1, ORIGIN_COLOUR]], showscale=False, name=t("map.layer_origin", lang),
            hovertext=[f"<b>{origin_name}</b><br>{t('map.hover_origin', lang)}"], **flat),
    ]
    if selected in polygons:
        # The chosen country's outline on top (its shape a second time: one country, a few hundred bytes).
        outline = geo.split_features(layers["land" if selected in land_iso3 else "data"], {"it": {selected}})["it"]
        traces.append(go.Choropleth(
            geojson=shapes(outline), featureidkey=geo.FEATURE_ID_KEY, locations=[selected], z=[0],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
            marker={"line": {"color": SELECTED_BORDER, "width": 2.5}}, name=names.get(selected, selected)))
    if not as_point.empty:
        traces.append(go.Scattergeo(
            lon=as_point["lon"], lat=as_point["lat"], mode="markers", name=t("map.layer_points", lang),
            marker={"size": 10, "color": as_point["z"], "coloraxis": "coloraxis",
                    "line": {"color": [SELECTED_BORDER if c == selected else BORDER_COLOUR for c in as_point["iso3"]],
                             "width": 1.5}},
            **hover(as_point["iso3"], as_point["value"], as_point),
        ))
    origin_row = countries.loc[countries["iso3"] == origin]
    if not origin_row.empty:
        traces.append(go.Scattergeo(
            lon=origin_row["lon"], lat=origin_row["lat"], mode="text", text=[origin_name],
            textposition="bottom center",
            textfont={"size": 13, "color": "#7a2e1e"}, hoverinfo="skip", showlegend=False,
            name=t("map.layer_origin", lang),
        ))

    colour = colour_axis(shown["z"], measure, lang, digits, log_scale) if not shown.empty else {
        "colorscale": SEQUENTIAL, "cmin": 0.0, "cmax": 1.0, "tickvals": [], "ticktext": []}
    tickvals, ticktext = colour.pop("tickvals"), colour.pop("ticktext")
    colour["colorbar"] = {
        "title": {"text": t(f"map.measure.{measure}", lang), "side": "top"}, "orientation": "h",
        "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top", "len": 0.6, "thickness": 14,
        "tickvals": tickvals, "ticktext": ticktext,
    }
    fig = apply_layout(go.Figure(data=traces), lang, title, height=MAP_HEIGHT)
    # A click selects what it hovers, and plotly hovers the nearest point within `hoverdistance` pixels: keep it
    # to a dot's size, or a click on Germany would select Liechtenstein's dot nearby.
    set_layout(
        fig, coloraxis=colour, showlegend=False, margin={"l": 0, "r": 0, "t": 50, "b": 70}, dragmode=False,
        hoverdistance=6,
        geo={"visible": False, "showframe": False, "projection": {"type": "natural earth"}, "bgcolor": "white",
             "lataxis": {"range": [-57, 84]}, "lonaxis": {"range": [-170, 190]}},
    )
    return fig


# --- one country, and the trends ------------------------------------------------------------------------------

def _x_axis(fig: go.Figure, lang: str, dtick: int | None = 5) -> None:
    fig.update_xaxes(title=t("chart.year", lang), dtick=dtick, autorange="reversed" if is_rtl(lang) else True)


def _hover(name: str) -> dict:
    """Hover "year: number" with the series named beside it; ui.widgets.chart (and the briefing) put the
    number into the reader's digits, as for every chart."""
    return {"hovertemplate": "%{x}: %{y:,}<extra>" + name + "</extra>"}


def _over_time(years: pd.Series, values: pd.Series, name: str, mode: str = "lines+markers",
               **style) -> go.Scatter:
    """One series over the years."""
    return go.Scatter(x=years, y=values, mode=mode, name=name, **style, **_hover(name))


def _time_layout(fig: go.Figure, lang: str, title: str, height: int) -> go.Figure:
    """The common finish of every chart over the years: layout, year axis, people on the value axis."""
    apply_layout(fig, lang, title, height=height)
    _x_axis(fig, lang)
    fig.update_yaxes(title=t("chart.migrants", lang), rangemode="tozero")
    return fig


def _add_refugee_bars(fig: go.Figure, refugees: pd.DataFrame, lang: str, opacity: float) -> None:
    """Refugees and asylum-seekers of Iraqi origin as stacked bars (UNHCR years); nothing when there are none."""
    if refugees.empty:
        return
    for column, colour in (("refugees", PALETTE[1]), ("asylum_seekers", PALETTE[3])):
        name = t(f"chart.{column}", lang)
        fig.add_trace(go.Bar(x=refugees["year"], y=refugees[column].astype(float), name=name, marker_color=colour,
                             opacity=opacity, **_hover(name)))


def country_trend(series: pd.DataFrame, refugees: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """One destination's Iraqi-born people by sex (lines, stock years) beside refugees and asylum-seekers of
    Iraqi origin there (stacked bars, UNHCR years). `series`: year + one column per sex; `refugees`: year,
    refugees, asylum_seekers (may be empty)."""
    fig = go.Figure()
    colours = {"total": PALETTE[0], "male": PALETTE[2], "female": PALETTE[4]}
    for sex in [c for c in ("total", "male", "female") if c in series.columns]:
        fig.add_trace(_over_time(series["year"], series[sex], t(f"map.sex.{sex}", lang),
                                 line={"color": colours[sex], "width": 3 if sex == "total" else 2,
                                       "dash": "solid" if sex == "total" else "dot"}))
    _add_refugee_bars(fig, refugees, lang, opacity=0.55)
    fig.update_layout(barmode="stack", bargap=0.25)
    return _time_layout(fig, lang, title, height=400)


def diaspora_trend_with_refugees(frame: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """The whole diaspora (line, stock years) with refugees and asylum-seekers of Iraqi origin (stacked bars,
    UNHCR years). `frame` is `diaspora_with_refugees`: year, migrants, refugees, asylum_seekers."""
    stock = frame.dropna(subset=["migrants"])
    unhcr = frame.dropna(subset=["refugees"])
    fig = go.Figure()
    _add_refugee_bars(fig, unhcr, lang, opacity=0.7)
    fig.add_trace(_over_time(stock["year"], stock["migrants"].astype(float), t("chart.migrants", lang),
                             line={"color": PALETTE[0], "width": 3}))
    fig.update_layout(barmode="stack", bargap=0.2)
    return _time_layout(fig, lang, title, height=400)


def top_destinations_trend(frame: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """One line per destination that was ever among the largest (`top_destinations_over_time` with a
    `country` name column), in the frame's order, so the shift from Iran to Syria and Jordan to the United
    States, Turkey and Germany is visible."""
    fig = go.Figure()
    for i, (country, rows) in enumerate(frame.groupby("country", sort=False)):
        fig.add_trace(_over_time(rows["year"], rows["migrants"], str(country),
                                 line={"color": PALETTE[i % len(PALETTE)], "width": 2.5}))
    return _time_layout(fig, lang, title, height=440)


def regional_trend(frame: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Stacked areas of Iraqi-born people per UN M49 region over time. `frame`: year, region (display name),
    migrants, in the order the regions should stack."""
    fig = go.Figure()
    for i, (region, rows) in enumerate(frame.groupby("region", sort=False)):
        fig.add_trace(_over_time(rows["year"], rows["migrants"], str(region), mode="lines",
                                 stackgroup="regions", line={"color": PALETTE[i % len(PALETTE)], "width": 1}))
    return _time_layout(fig, lang, title, height=420)


# --- the table behind each chart (shown, and downloaded exactly as shown) --------------------------------------

def destinations_table(measures: pd.DataFrame, countries: pd.DataFrame, measure: str, lang: str,
                       log_scale: bool = False, base_year: int | None = None,
                       gaps: dict[str, str] | None = None) -> pd.DataFrame:
    """The map's rows (the destinations it colours) as a table: rank, country, ISO3, people, share in percent,
    and for change measures the base-year count and the change. Percentages are rounded as displayed.
    Destinations in `gaps` follow with empty figures and a note saying why (never a zero)."""
    shown = map_values(measures, measure, log_scale)
    names = country_names(countries, lang)
    table = pd.DataFrame({
        t("chart.rank", lang): shown["rank"],
        t("chart.destination", lang): [names.get(c, c) for c in shown["destination_iso3"]],
        t("map.col.iso3", lang): shown["destination_iso3"],
        t("chart.migrants", lang): shown["migrants"],
        t("map.col.share_pct", lang): (shown["share"] * 100).round(2),
    })
    if measure in ("change", "change_pct") and base_year is not None:
        table[t("map.col.base", lang, base=base_year)] = shown["base_migrants"]
        table[t("map.col.change", lang, base=base_year)] = shown["change"]
        table[t("map.col.change_pct", lang, base=base_year)] = (shown["change_pct"] * 100).round(1)
    if gaps:
        missing = [iso3 for iso3 in gaps if iso3 not in set(shown["destination_iso3"])]
        table = table.astype({c: "Int64" if pd.api.types.is_integer_dtype(table[c]) else "Float64"
                              for c in table.columns if pd.api.types.is_numeric_dtype(table[c])})
        table[t("map.col.note", lang)] = ""
        rest = pd.DataFrame({t("chart.destination", lang): [names.get(c, c) for c in missing],
                             t("map.col.iso3", lang): missing,
                             t("map.col.note", lang): [t(f"map.gap.{gaps[c]}", lang) for c in missing]})
        table = pd.concat([table, rest], ignore_index=True)
    return declare_kinds(table, {t("map.col.share_pct", lang): "percent_points",
                                 t("map.col.change_pct", lang, base=base_year): "percent_points"})


def country_table(series: pd.DataFrame, refugees: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One country's stock by sex (stock years) and refugees and asylum-seekers (UNHCR years), a row per year;
    a year one source does not report is left empty, not zero."""
    merged = series.merge(refugees, on="year", how="outer").sort_values("year", ignore_index=True)
    columns = {"year": t("chart.year", lang), **{s: t(f"map.col.{s}", lang) for s in ("total", "male", "female")},
               "refugees": t("chart.refugees", lang), "asylum_seekers": t("chart.asylum_seekers", lang)}
    for column in ("refugees", "asylum_seekers"):
        if column not in merged.columns:
            merged[column] = pd.NA
    keep = [c for c in columns if c in merged.columns]
    numbers = {c: "Int64" for c in keep if c != "year"}
    return merged[keep].astype(numbers).rename(columns=columns)


def long_table(frame: pd.DataFrame, label_column: str, lang: str) -> pd.DataFrame:
    """A long (year, label, migrants) trend frame as a wide table: a row per year, a column per label."""
    wide = frame.pivot_table(index="year", columns=label_column, values="migrants", aggfunc="sum", sort=False)
    wide = wide.reindex(columns=list(dict.fromkeys(frame[label_column]))).astype("Int64")
    wide.columns.name = None
    return wide.reset_index().rename(columns={"year": t("chart.year", lang)})


def diaspora_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`diaspora_with_refugees` with translated headers (empty where a source reports no figure)."""
    return frame.rename(columns={"year": t("chart.year", lang), "migrants": t("chart.migrants", lang),
                                 "refugees": t("chart.refugees", lang),
                                 "asylum_seekers": t("chart.asylum_seekers", lang)})
