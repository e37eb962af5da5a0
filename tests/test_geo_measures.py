"""The map page's numbers (dashboard.diaspora), checked against UN DESA Rev.2020/Rev.2019 and UNHCR figures."""

import math

import pandas as pd
import pytest

from dashboard import diaspora


@pytest.fixture(scope="module")
def stock(registry):
    return registry.get("migrant_stock", "rev2020").frame


@pytest.fixture(scope="module")
def stock2019(registry):
    return registry.get("migrant_stock", "rev2019").frame


@pytest.fixture(scope="module")
def refugees(registry):
    return registry.get("refugees").frame


@pytest.mark.parametrize(("year", "sex", "iso3", "people"), [
    (2020, "total", "USA", 256_028), (1990, "total", "IRN", 290_278), (2020, "female", "TUR", 193_875),
    (2010, "total", "SYR", 1_110_642),
])
def test_the_largest_destination_comes_first_with_rank_one(stock, year, sex, iso3, people):
    measures = diaspora.destination_measures(stock, year, sex)
    first = measures.iloc[0]
    assert (first["destination_iso3"], first["migrants"], first["rank"]) == (iso3, people, 1)
    assert math.isclose(measures["share"].sum(), 1.0)
    assert measures["migrants"].is_monotonic_decreasing


def test_shares_are_of_the_whole_diaspora_of_that_year(stock):
    measures = diaspora.destination_measures(stock, 2020).set_index("destination_iso3")
    assert math.isclose(measures.loc["USA", "share"], 256_028 / 2_077_976)


def test_change_since_a_base_year_counts_absent_destinations_as_zero(stock):
    measures = diaspora.destination_measures(stock, 2020, "total", base_year=1990).set_index("destination_iso3")
    germany = measures.loc["DEU"]
    assert (germany["base_migrants"], germany["change"]) == (6_844, 226_480 - 6_844)
    assert math.isclose(germany["change_pct"], 226_480 / 6_844 - 1)
    liechtenstein = measures.loc["LIE"]  # first recorded after 1990: a gain, but no percentage
    assert liechtenstein["base_migrants"] == 0 and liechtenstein["change"] == liechtenstein["migrants"] > 0
    assert pd.isna(liechtenstein["change_pct"])


def test_a_destination_that_emptied_keeps_its_loss_and_has_no_rank(stock):
    gone = stock[(stock["sex"] == "total")].groupby("destination_iso3")["year"].max()
    gone = gone[gone < 2020].index
    assert len(gone), "the data should have a destination not reported in 2020"
    measures = diaspora.destination_measures(stock, 2020, "total", base_year=1990).set_index("destination_iso3")
    for iso3 in set(gone) & set(measures.index):
        row = measures.loc[iso3]
        assert row["migrants"] == 0 and row["change"] == -row["base_migrants"] and pd.isna(row["rank"])


def test_years_and_sexes_follow_the_revision(stock, stock2019):
    assert diaspora.available_years(stock) == [1990, 1995, 2000, 2005, 2010, 2015, 2020]
    assert diaspora.available_years(stock2019) == [1990, 1995, 2000, 2005, 2010, 2015, 2019]
    assert diaspora.available_sexes(stock) == ["total", "male", "female"]
    assert diaspora.available_sexes(stock2019) == ["total"]


def test_a_country_series_has_every_year_and_sex(stock, stock2019):
    germany = diaspora.country_series(stock, "DEU").set_index("year")
    assert germany.loc[2020].tolist() == [226_480, 137_875, 88_605]
    assert (germany["male"] + germany["female"] == germany["total"]).all()
    assert diaspora.country_series(stock2019, "DEU").columns.tolist() == ["year", "total"]
    nowhere = diaspora.country_series(stock, "ATA")
    assert len(nowhere) == 7 and nowhere.drop(columns="year").to_numpy().sum() == 0


def test_refugees_in_one_country(refugees):
    germany = diaspora.refugees_in(refugees, "DEU").set_index("year")
    assert germany.loc[2019].tolist() == [141_650, 34_890]
    assert germany.index.min() >= 1995 and germany.index.max() == 2019
    assert diaspora.refugees_in(refugees, "ATA").empty


def test_diaspora_with_refugees_keeps_each_source_to_its_own_years(stock, refugees):
    both = diaspora.diaspora_with_refugees(stock, refugees).set_index("year")
    assert both.loc[2020, "migrants"] == 2_077_976 and pd.isna(both.loc[2020, "refugees"])
    assert pd.isna(both.loc[1990, "refugees"]) and pd.isna(both.loc[1996, "migrants"])
    assert both.loc[2010, "refugees"] == 1_683_576


def test_top_destinations_over_time_tell_the_story_from_iran_to_the_united_states(stock):
    top = diaspora.top_destinations_over_time(stock, per_year=3)
    assert set(top["destination_iso3"]) == {"IRN", "ISR", "USA", "SYR", "JOR", "LBN", "TUR", "DEU"}
    leader = top[top["rank"] == 1].set_index("year")["destination_iso3"]
    assert leader.loc[1990] == "IRN" and leader.loc[2010] == "SYR" and leader.loc[2020] == "USA"
    second_2010 = top[(top["year"] == 2010) & (top["rank"] == 2)]["destination_iso3"].item()
    assert second_2010 == "JOR"
    assert top.groupby("destination_iso3").size().eq(7).all()  # every destination in every year
    assert top["destination_iso3"].iloc[0] == "SYR"  # ordered by peak: Syria's 1.1 million in 2010


def test_regions_add_up_to_the_whole_diaspora(stock, registry):
    regions = diaspora.by_region(stock, registry.get("countries").frame)
    per_year = regions.groupby("year")["migrants"].sum()
    assert per_year.to_dict() == diaspora.total_by_year(stock).set_index("year")["migrants"].to_dict()
    assert regions["region"].iloc[0] == "Asia"
    assert "Other" not in set(regions["region"])  # every destination has an M49 region
