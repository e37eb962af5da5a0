"""Figure builders of the map page, tested on their data: locations, values, colour range, size."""

import math
import re

import pandas as pd
import plotly.io
import pytest

from dashboard import diaspora, geo
from dashboard.charts import map as charts
from dashboard.charts.digits import localise_figure

IRAN_2020 = 54_445  # UN DESA Rev.2020, Iraqi-born people in Iran, 2020


@pytest.fixture(scope="module")
def data(registry):
    return {"stock": registry.get("migrant_stock").frame, "countries": registry.get("countries").frame,
            "boundaries": registry.boundaries(), "refugees": registry.get("refugees").frame}


def build(data, year=2020, sex="total", measure="people", lang="en", digits="western", log_scale=False,
          base_year=None, selected=None, geojson_url=None):
    measures = diaspora.destination_measures(data["stock"], year, sex, base_year)
    return charts.world_map(measures, data["boundaries"], data["countries"], measure, lang, digits, "title",
                            log_scale=log_scale, base_year=base_year, selected=selected, geojson_url=geojson_url)


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def hover_label(trace_, code):
    """What the reader sees on hovering `code`: the trace's hover template filled in as plotly.js does."""
    i = list(trace_.locations if trace_.type == "choropleth" else [row[0] for row in trace_.customdata]).index(code)
    label = trace_.hovertemplate.replace("<extra></extra>", "")
    if trace_.customdata is not None:
        label = re.sub(r"%\{customdata\[(\d+)\]\}", lambda m: str(trace_.customdata[i][int(m.group(1))]), label)
    if trace_.hovertext is not None:
        label = label.replace("%{hovertext}", trace_.hovertext[i])
    assert "%{" not in label, label
    return label


def locations(trace_):
    return list(geo.feature_iso3(f) for f in geo.from_data_url(trace_.geojson)["features"])


def test_map_colours_destinations_by_people_and_draws_every_shape_once(data):
    fig = build(data)
    layers = ("No Iraqi-born people recorded", "Countries of residence", "Iraq, country of origin")
    land, destinations, origin = (trace(fig, name) for name in layers)
    values = dict(zip(destinations.locations, destinations.z, strict=True))
    assert values["USA"] == 256_028 and values["TUR"] == 233_288 and values["DEU"] == 226_480
    assert len(values) == 69  # 71 destinations, of which Malta and Liechtenstein are dots
    assert "IRQ" not in values and list(origin.locations) == ["IRQ"]
    assert sorted(destinations.locations) == sorted(locations(destinations))  # its geometry, and only its
    shapes = locations(land) + locations(destinations) + locations(origin)
    assert len(shapes) == len(set(shapes)) == len(geo.polygon_iso3(data["boundaries"])) > 150
    assert set(land.locations) == set(locations(land))
    assert fig.layout.coloraxis.cmin == 0 and fig.layout.coloraxis.cmax == 256_028
    assert hover_label(destinations, "USA") == ("<b>United States</b>: 256,028<br>256,028 Iraqi-born people, 12.3% of "
                                               "the diaspora<br>Rank 1 among destinations")
    assert hover_label(land, "MNG") == "<b>Mongolia</b><br>No Iraqi-born people recorded for this year and revision"


def test_small_destinations_are_dots_on_the_same_colour_scale(data):
    dots = trace(build(data), "Small countries")
    codes = [row[0] for row in dots.customdata]  # what a click on a dot reports (geo.selected_iso3)
    assert set(codes) == {"MLT", "LIE"}
    assert geo.selected_iso3({"points": [{"customdata": list(dots.customdata[0])}]}, {"MLT", "LIE"}) == codes[0]
    assert dots.marker.coloraxis == "coloraxis"
    people = diaspora.destination_measures(data["stock"], 2020).set_index("destination_iso3")["migrants"]
    assert sorted(dots.marker.color) == sorted(float(people[c]) for c in codes)
    assert hover_label(dots, "MLT").startswith("<b>Malta</b>: ")


GEOMETRY_URL = f"/app/static/{geo.BOUNDARIES_FILE}?v=test"


def sent(fig, lang, digits) -> bytes:
    """The figure as st.plotly_chart sends it: localised as ui.widgets.chart does, plotly.io.to_json."""
    return plotly.io.to_json(localise_figure(fig, digits, lang), validate=False).encode("utf-8")


def test_live_map_names_the_served_geometry_file_and_sends_values_not_shapes(data):
    """Issue 16: a year change must not carry the world's shapes; the figure sent stays under 60 KB."""
    for lang, digits in (("en", "western"), ("ar", "arabic")):
        fig = build(data, lang=lang, digits=digits, selected="DEU", geojson_url=GEOMETRY_URL)
        choropleths = [t for t in fig.data if t.type == "choropleth"]
        assert {t.geojson for t in choropleths} == {GEOMETRY_URL}
        shown = [code for t in choropleths[:3] for code in t.locations]  # land, destinations, origin
        assert sorted(shown) == sorted(geo.polygon_iso3(data["boundaries"]))
        payload = sent(fig, lang, digits)
        assert b'"coordinates"' not in payload
        assert len(payload) <= 60_000, (lang, len(payload))


def test_arabic_hover_text_is_sent_once(data):
    """Each place's name and numbers travel once; the sentences around them once per layer, not per place."""
    fig = build(data, lang="ar", digits="arabic", geojson_url=GEOMETRY_URL)
    destinations = trace(localise_figure(fig, "arabic", "ar"), "بلدان الإقامة")
    usa = hover_label(destinations, "USA")
    assert usa.startswith("<b>الولايات المتّحدة</b>: ٢٥٦٬٠٢٨<br>٢٥٦٬٠٢٨ من المولودين في العراق")
    payload = sent(fig, "ar", "arabic")
    assert payload.count("الولايات المتّحدة".encode()) == 1
    assert payload.count("من المولودين في العراق".encode()) == 2  # destinations and the small countries' dots


def test_briefing_map_carries_its_geometry_inline_under_300_kb(data):
    for lang, digits in (("en", "western"), ("ar", "arabic")):
        fig = build(data, lang=lang, digits=digits, selected="DEU")
        assert all(t.geojson.startswith(geo.DATA_URL_PREFIX) for t in fig.data if t.type == "choropleth")
        size = len(sent(fig, lang, digits))
        assert 100_000 < size <= 300_000, (lang, size)


def test_log_scale_colours_by_log10_and_labels_ticks_with_the_values(data):
    fig = build(data, log_scale=True)
    destinations = trace(fig, "Countries of residence")
    values = dict(zip(destinations.locations, destinations.z, strict=True))
    assert math.isclose(values["USA"], math.log10(256_028))
    axis = fig.layout.coloraxis
    assert axis.cmin == 1 and math.isclose(axis.cmax, math.log10(256_028))  # smallest is 10 (Bolivia)
    assert list(axis.colorbar.tickvals) == [1, 2, 3, 4, 5, 6]
    assert list(axis.colorbar.ticktext) == ["10", "100", "1,000", "10,000", "100,000", "1,000,000"]


def test_change_measures_use_a_diverging_scale_symmetric_around_no_change(data):
    fig = build(data, measure="change", base_year=1990)
    axis = fig.layout.coloraxis
    destinations = trace(fig, "Countries of residence")
    values = dict(zip(destinations.locations, destinations.z, strict=True))
    assert values["DEU"] == 226_480 - 6_844 and values["IRN"] < 0  # Iran lost most of its 1990 stock
    assert axis.cmin == -axis.cmax == -max(abs(v) for v in values.values())  # white is exactly "no change"
    assert axis.colorscale[0][1] != axis.colorscale[-1][1]
    assert "+0" in axis.colorbar.ticktext[list(axis.colorbar.tickvals).index(0)]


def test_percentage_change_is_coloured_by_the_ratio_so_doubling_and_halving_weigh_the_same(data):
    fig = build(data, measure="change_pct", base_year=1990)
    destinations = trace(fig, "Countries of residence")
    values = dict(zip(destinations.locations, destinations.z, strict=True))
    assert math.isclose(values["USA"], math.log2(256_028 / 44_916))
    assert math.isclose(values["IRN"], math.log2(IRAN_2020 / 290_278))
    axis = fig.layout.coloraxis
    assert axis.cmin == -axis.cmax and axis.cmax == max(abs(v) for v in values.values())
    labels = dict(zip(axis.colorbar.tickvals, axis.colorbar.ticktext, strict=True))
    assert labels[0] == "+0%" and labels[3] == "+700%" and labels[-3] == "-88%"  # ratios 1, 8 and 1/8
    assert "LIE" not in {row[0] for row in trace(fig, "Small countries").customdata}  # no one there in 1990
    assert "Change since 1990: +211,112 (+470%)" in hover_label(destinations, "USA")


def test_arabic_map_has_arabic_names_and_digits(data):
    fig = build(data, lang="ar", digits="arabic")
    destinations = trace(fig, "بلدان الإقامة")
    usa = hover_label(destinations, "USA")
    assert "الولايات" in usa and "٢٥٦٬٠٢٨" in usa
    assert all(ch not in "0123456789" for ch in "".join(fig.layout.coloraxis.colorbar.ticktext))


def test_the_chosen_country_is_outlined(data):
    fig = build(data, selected="DEU")
    outline = trace(fig, "Germany")
    assert list(outline.locations) == ["DEU"] == locations(outline)
    assert outline.marker.line.width > 2 and outline.hoverinfo == "skip"
    assert "Germany" not in [t.name for t in build(data).data]


def test_destinations_table_lists_exactly_the_mapped_rows(data):
    measures = diaspora.destination_measures(data["stock"], 2020, "female")
    table = charts.destinations_table(measures, data["countries"], "people", "en")
    assert table.iloc[0].tolist()[:4] == [1, "Turkey", "TUR", 193_875]
    assert len(table) == len(charts.map_values(measures, "people", False)) == (measures["migrants"] > 0).sum() == 70
    assert math.isclose(table["Share of the diaspora (%)"].sum(), 100, abs_tol=0.05)
    change = charts.destinations_table(diaspora.destination_measures(data["stock"], 2020, "total", 1990),
                                       data["countries"], "change", "en", base_year=1990)
    assert {"Iraqi-born people in 1990", "Change since 1990", "Change since 1990 (%)"} <= set(change.columns)


def test_country_trend_shows_stock_by_sex_beside_refugees(data):
    series = diaspora.country_series(data["stock"], "DEU")
    asylum = diaspora.refugees_in(data["refugees"], "DEU")
    fig = charts.country_trend(series, asylum, "en", "Germany")
    lines = {t.name: list(t.y) for t in fig.data if t.type == "scatter"}
    bars = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data if t.type == "bar"}
    assert lines["Total"][-1] == 226_480 and lines["Women"][-1] == 88_605
    assert bars["Refugees"][2019] == 141_650 and bars["Asylum-seekers"][2019] == 34_890
    table = charts.country_table(series, asylum, "en").set_index("Year")
    assert table.loc[2020, "Iraqi-born people (total)"] == 226_480 and pd.isna(table.loc[2020, "Refugees"])
    assert pd.isna(table.loc[2019, "Iraqi-born people (total)"]) and table.loc[2019, "Refugees"] == 141_650


def test_top_destinations_trend_has_one_line_per_destination(data):
    from dashboard.countries import with_names

    top = with_names(diaspora.top_destinations_over_time(data["stock"]), data["countries"], "en", "destination_iso3")
    fig = charts.top_destinations_trend(top, "en", "title")
    names = [t.name for t in fig.data]
    assert {"Iran", "Syria", "Jordan", "United States", "Turkey", "Germany"} <= set(names)
    iran = next(t for t in fig.data if t.name == "Iran")
    assert dict(zip(iran.x, iran.y, strict=True))[1990] == 290_278
    wide = charts.long_table(top, "country", "en").set_index("Year")
    assert wide.loc[2020, "United States"] == 256_028 and list(wide.columns[:2]) == ["Syria", "Jordan"]


def test_regional_trend_stacks_regions_that_add_up_to_the_total(data):
    regions = diaspora.by_region(data["stock"], data["countries"])
    fig = charts.regional_trend(regions, "en", "title")
    assert {t.stackgroup for t in fig.data} == {"regions"}
    total_2020 = sum(dict(zip(t.x, t.y, strict=True))[2020] for t in fig.data)
    assert total_2020 == 2_077_976


def test_diaspora_trend_draws_the_stock_line_and_refugee_bars(data):
    both = diaspora.diaspora_with_refugees(data["stock"], data["refugees"])
    fig = charts.diaspora_trend_with_refugees(both, "en", "title")
    line = next(t for t in fig.data if t.type == "scatter")
    assert list(line.x) == [1990, 1995, 2000, 2005, 2010, 2015, 2020] and line.y[-1] == 2_077_976
    refugees = next(t for t in fig.data if t.name == "Refugees")
    assert min(refugees.x) == 1995 and max(refugees.x) == 2019


def test_format_measure():
    assert charts.format_measure(256_028, "people", "en", "western") == "256,028"
    assert charts.format_measure(0.1232, "share", "en", "western") == "12.3%"
    assert charts.format_measure(0.0004, "share", "en", "western") == "0.04%"
    assert charts.format_measure(-1234, "change", "en", "western") == "-1,234"
    assert charts.format_measure(32.09, "change_pct", "en", "western") == "+3,209%"
    assert charts.format_measure(float("nan"), "change_pct", "en", "western") == "–"


def test_trend_hover_shows_the_readers_digits_once_shown(data):
    from dashboard.charts.digits import localise_figure

    series = diaspora.country_series(data["stock"], "DEU")
    fig = localise_figure(charts.country_trend(series, series.iloc[0:0], "ar", "title"), "arabic", "ar")
    total = fig.data[0]
    assert "٢٠٢٠" in str(total.customdata) and any("٬" in str(row) for row in total.customdata)
    assert "customdata" in total.hovertemplate
