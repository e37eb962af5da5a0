"""No chart or table combines two UN DESA revisions: every figure builder, given one revision, shows only that
revision's years and figures (Rev.2020, Rev.2019 and Rev.2024 each re-estimate the past differently)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import briefing, diaspora
from dashboard.charts import map as map_charts
from dashboard.charts import overview as overview_charts
from dashboard.countries import country_names
from dashboard.i18n import t

REVISIONS = ("rev2020", "rev2019", "rev2024")


@pytest.fixture(scope="module")
def common(registry):
    return {"countries": registry.get("countries").frame, "boundaries": registry.boundaries(),
            "refugees": registry.get("refugees"), "totals": registry.get("iraq_totals")}


def allowed_values(stock: pd.DataFrame, countries: pd.DataFrame) -> set[float]:
    """Every count this revision can produce: a destination's, a year's total, a region's, and zero."""
    values = set(stock["migrants"].astype(float))
    for sex in diaspora.available_sexes(stock):
        values |= set(diaspora.total_by_year(stock, sex)["migrants"].astype(float))
        values |= set(diaspora.by_region(stock, countries, sex)["migrants"].astype(float))
    return values | {0.0}


def stock_traces(fig) -> list:
    """The traces drawing the migrant stock (refugee bars come from UNHCR, a separate source)."""
    unhcr = {t("chart.refugees", "en"), t("chart.asylum_seekers", "en")}
    return [trace for trace in fig.data if trace.name not in unhcr and trace.type in ("scatter", "bar")]


def check_figure(fig, years: set[int], allowed: set[float]) -> None:
    for trace in stock_traces(fig):
        xs, ys = list(trace.x if trace.orientation != "h" else trace.y), list(
            trace.y if trace.orientation != "h" else trace.x)
        if all(isinstance(x, int | float) for x in xs):
            assert {int(x) for x in xs} <= years, (trace.name, xs)
        assert {float(y) for y in ys} <= allowed, trace.name


@pytest.mark.parametrize("version", REVISIONS)
def test_every_map_and_overview_builder_shows_one_revision(registry, common, version):
    stock = registry.get("migrant_stock", version).frame
    countries, refugees = common["countries"], common["refugees"].frame
    years = set(diaspora.available_years(stock))
    allowed = allowed_values(stock, countries)
    latest, first = max(years), min(years)
    names = country_names(countries, "en")

    measures = diaspora.destination_measures(stock, latest, base_year=first)
    fig = map_charts.world_map(measures, common["boundaries"], countries, "people", "en", "western", "t")
    destinations = next(tr for tr in fig.data if tr.name == t("map.layer_destinations", "en"))
    assert {float(z) for z in destinations.z} <= allowed
    table = map_charts.destinations_table(measures, countries, "people", "en")
    assert set(table[t("chart.migrants", "en")].astype(float)) <= allowed
    assert table[t("chart.migrants", "en")].sum() == diaspora.total_by_year(stock).set_index("year").at[
        latest, "migrants"]

    series = diaspora.country_series(stock, "TUR")
    check_figure(map_charts.country_trend(series, diaspora.refugees_in(refugees, "TUR"), "en", "t"), years, allowed)
    assert set(map_charts.country_table(series, diaspora.refugees_in(refugees, "TUR"), "en")["Year"]) >= years

    with_refugees = diaspora.diaspora_with_refugees(stock, refugees)
    check_figure(map_charts.diaspora_trend_with_refugees(with_refugees, "en", "t"), years, allowed)
    top = diaspora.top_destinations_over_time(stock).assign(country=lambda f: f["destination_iso3"].map(names))
    check_figure(map_charts.top_destinations_trend(top, "en", "t"), years, allowed)
    assert set(map_charts.long_table(top, "country", "en")["Year"]) == years
    regions = diaspora.by_region(stock, countries)
    check_figure(map_charts.regional_trend(regions, "en", "t"), years, allowed)

    by_destination = diaspora.stock_by_destination(stock, latest).head(10)
    bar = overview_charts.top_destinations_bar(
        by_destination.assign(country=by_destination["destination_iso3"].map(names)), "en", "t")
    check_figure(bar, years, allowed)
    check_figure(overview_charts.diaspora_trend(diaspora.total_by_year(stock), "en", "t"), years, allowed)


@pytest.mark.parametrize("version", REVISIONS)
def test_the_briefing_built_on_one_revision_shows_only_that_revision(registry, common, version):
    stock = registry.get("migrant_stock", version)
    years = set(diaspora.available_years(stock.frame))
    allowed = allowed_values(stock.frame, common["countries"])
    sections = briefing.standard_sections(stock, common["totals"], common["refugees"], common["countries"],
                                          common["boundaries"], "en", "western")
    for section in sections:
        if section.figure is not None and section.figure.data[0].type != "choropleth":
            check_figure(section.figure, years, allowed)
    other = {"rev2020", "rev2019", "rev2024"} - {version}
    # each figure's source line names its revision, and no other (the cover and the sources section also list
    # the population table, IMS 2020, that the share divides by: not a stock series)
    for section in sections:
        if section.figure is not None:
            assert stock.meta.revision in section.source
            assert not any(f"Rev.{v[3:]}" in section.source for v in other), section.source
