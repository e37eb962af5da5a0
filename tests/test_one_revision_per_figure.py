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


def test_the_briefing_map_on_rev2024_names_what_it_does_not_estimate(registry, common):
    stock = registry.get("migrant_stock", "rev2024")
    section = briefing.map_section(stock, common["countries"], common["boundaries"], "en", "western")
    assert section.notes and section.notes[0].startswith("Not estimated in Rev.2024 (not zero):")
    assert "France" in section.notes[0] and "Kuwait" in section.notes[0]
    assert 0 not in section.table[t("chart.migrants", "en")].tolist()


def test_the_briefing_on_rev2019_names_both_years_where_it_divides(registry, common):
    stock = registry.get("migrant_stock", "rev2019")
    section = briefing.headline_section(stock, common["totals"], common["refugees"], "en", "western")
    labels = dict(section.metrics)
    assert labels["Share of Iraq's population (2019 diaspora, 2015 population)"] == "5.7%"
    assert labels["Iraqi-born living abroad, 2019"] == "2,033,789"


def test_the_briefing_on_rev2024_claims_no_growth_and_draws_no_one_point_trend(registry, common):
    stock = registry.get("migrant_stock", "rev2024")
    sections = briefing.standard_sections(stock, common["totals"], common["refugees"], common["countries"],
                                          common["boundaries"], "en", "western")
    labels = dict(sections[0].metrics)
    assert labels["Growth since 2024"] == "–"
    assert labels["Share of Iraq's population (2024 diaspora, 2020 population)"] == "5.8%"
    assert not any(s.title.startswith("How the diaspora changed") for s in sections)


def test_the_briefing_headline_says_refugees_are_inside_the_stock(registry, common):
    section = briefing.headline_section(registry.get("migrant_stock"), common["totals"], common["refugees"], "en",
                                        "western")
    assert "Refugees and asylum-seekers of Iraqi origin, end-2019" in dict(section.metrics)
    assert section.notes == ["Refugees born in Iraq are part of the Iraqi-born figure above, not in addition to it."]
