"""UN DESA International Migrant Stock 2024: a revision of its own, with its gaps shown as gaps, never zero.

Figures from UN DESA IMS 2024 (POP/DB/MIG/Stock/Rev.2024), mid-2024, both sexes, origin Iraq.
"""

import pandas as pd
import pytest

from dashboard import diaspora
from dashboard.charts import map as charts

NAMED_WITHOUT_ROW = {"FRA", "ESP", "IRL", "OMN", "KWT", "QAT", "ARE"}  # the reference names these


@pytest.fixture(scope="module")
def rev2024(registry):
    return registry.get("migrant_stock", "rev2024")


@pytest.fixture(scope="module")
def countries(registry):
    return registry.get("countries").frame


def test_rev2024_is_a_real_cited_revision_with_un_desa_figures(rev2024):
    meta, frame = rev2024.meta, rev2024.frame
    assert meta.revision == "Rev.2024" and meta.nature == "real" and "Rev.2024" in meta.citation
    assert "United Nations" in meta.citation and meta.url and meta.licence == "CC BY 3.0 IGO"
    assert diaspora.available_years(frame) == [2024] and diaspora.available_sexes(frame) == ["total"]
    by_destination = frame.set_index("destination_iso3")["migrants"]
    assert int(frame["migrants"].sum()) == 2_313_028 and len(frame) == 63
    assert by_destination["TUR"] == 403_670 and by_destination["USA"] == 272_370
    assert by_destination["DEU"] == 263_918 and by_destination["SWE"] == 150_470


def test_rev2024_is_not_the_default_and_stays_a_separate_version(registry):
    versions = [m.version for m in registry.versions("migrant_stock")]
    assert versions[0] == "rev2020" and "rev2024" in versions
    assert 2024 not in diaspora.available_years(registry.get("migrant_stock").frame)


def test_destinations_without_an_iraq_row_are_not_estimated_never_zero(rev2024, countries):
    gaps = diaspora.coverage_gaps(rev2024.frame, rev2024.meta.not_estimated)
    assert set(gaps) >= NAMED_WITHOUT_ROW and set(gaps.values()) == {diaspora.NOT_ESTIMATED}
    assert not set(gaps) & set(rev2024.frame["destination_iso3"])
    measures = diaspora.destination_measures(rev2024.frame, 2024)
    assert "FRA" not in set(measures["destination_iso3"])  # no invented zero row

    table = charts.destinations_table(measures, countries, "people", "en", gaps=gaps)
    france = table[table["ISO3 code"] == "FRA"].iloc[0]
    assert france["Note"] == "not estimated in this revision" and pd.isna(france["Iraqi-born people"])
    assert table["Iraqi-born people"].sum() == 2_313_028
    csv = table.to_csv(index=False)
    assert "France,FRA,,,not estimated in this revision" in csv


def test_the_map_says_not_estimated_on_france(rev2024, countries, registry):
    gaps = diaspora.coverage_gaps(rev2024.frame, rev2024.meta.not_estimated)
    measures = diaspora.destination_measures(rev2024.frame, 2024)
    fig = charts.world_map(measures, registry.boundaries(), countries, "people", "en", "western", "t", gaps=gaps)
    land = fig.data[0]
    hover = dict(zip(land.locations, land.text, strict=True))  # the line under the name
    assert "not estimated in this revision" in hover["FRA"]
    assert "not estimated" not in hover["MNG"]  # a country no revision estimates keeps "no one recorded"


def test_a_published_version_with_fewer_destinations_shows_the_rest_as_not_in_this_version(registry, countries):
    bundled = registry.get("migrant_stock").frame
    upload = bundled[bundled["destination_iso3"].isin(["USA", "DEU", "TUR"])]
    gaps = diaspora.coverage_gaps(upload, bundled=bundled)
    assert gaps["SWE"] == diaspora.NOT_IN_VERSION and "USA" not in gaps
    measures = diaspora.destination_measures(upload, 2020)
    table = charts.destinations_table(measures, countries, "people", "en", gaps=gaps)
    sweden = table[table["ISO3 code"] == "SWE"].iloc[0]
    assert sweden["Note"] == "not in this version" and pd.isna(sweden["Iraqi-born people"])
    assert (table["Iraqi-born people"].dropna() > 0).all()


def test_growth_since_1990_depends_on_the_revision_and_says_why(registry):
    rev2020, rev2019 = (registry.get("migrant_stock", v).frame for v in ("rev2020", "rev2019"))
    elsewhere = diaspora.growth_in_other_revision(rev2020, rev2019)
    assert (elsewhere.base_year, elsewhere.year, round(elsewhere.growth * 100)) == (1990, 2019, 35)
    assert (elsewhere.destination, elsewhere.base_here, elsewhere.base_there) == ("IRN", 290_278, 1_153_969)
    back = diaspora.growth_in_other_revision(rev2019, rev2020)
    assert round(back.growth * 100) == 223
    assert diaspora.growth_in_other_revision(rev2020, registry.get("migrant_stock", "rev2024").frame) is None


def test_the_newest_estimate_is_rev2024_with_its_gaps(registry):
    newest = diaspora.newest_version(registry.versions("migrant_stock"))
    assert newest.version == "rev2024"
    latest = diaspora.latest_estimate(registry.get("migrant_stock", "rev2024").frame, newest.not_estimated)
    assert (latest.year, latest.people, latest.destinations) == (2024, 2_313_028, 62)  # + Sierra Leone at 0
    assert {"FRA", "ESP", "IRL", "OMN", "KWT", "QAT", "ARE"} <= set(latest.not_estimated)
