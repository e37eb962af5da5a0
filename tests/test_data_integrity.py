"""Integrity of the bundled files in data/ (read directly with pandas; no streamlit)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def stock() -> pd.DataFrame:
    return pd.read_csv(DATA / "migrant_stock_rev2020.csv")


@pytest.fixture(scope="module")
def stock2019() -> pd.DataFrame:
    return pd.read_csv(DATA / "migrant_stock_rev2019.csv")


@pytest.fixture(scope="module")
def refugees() -> pd.DataFrame:
    return pd.read_csv(DATA / "refugees_unhcr.csv")


@pytest.fixture(scope="module")
def totals() -> pd.DataFrame:
    return pd.read_csv(DATA / "iraq_totals.csv")


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(
        DATA / "countries.csv",
        dtype={"m49": str},
        keep_default_na=False,
        na_values={"lon": [""], "lat": [""]},
    )


@pytest.fixture(scope="module")
def geojson() -> dict:
    return json.loads((DATA / "world_110m.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


def test_rev2020_sums_equal_diaspora_totals(stock, totals):
    sums = stock[stock["sex"] == "total"].groupby("year")["migrants"].sum()
    expected = totals.set_index("year")["diaspora"]
    assert sorted(sums.index) == sorted(expected.index)
    pd.testing.assert_series_equal(sums.sort_index(), expected.sort_index(), check_names=False)
    assert sums[2020] == 2_077_976
    assert sums[1990] == 642_933


def test_schemas(stock, stock2019, refugees, totals):
    cols = ["origin_iso3", "destination_iso3", "year", "sex", "migrants"]
    assert list(stock.columns) == cols and list(stock2019.columns) == cols
    assert set(stock["sex"]) == {"total", "male", "female"}
    assert set(stock2019["sex"]) == {"total"}
    assert list(refugees.columns) == ["origin_iso3", "asylum_iso3", "year", "refugees", "asylum_seekers"]
    assert list(totals.columns) == [
        "year",
        "diaspora",
        "population",
        "foreign_born_in_iraq",
        "refugees_in_iraq",
    ]
    for frame in (stock, stock2019, refugees):
        assert set(frame["origin_iso3"]) == {"IRQ"}
    assert pd.api.types.is_integer_dtype(stock["migrants"]) and (stock["migrants"] >= 0).all()


def test_male_plus_female_equals_total(stock):
    wide = stock.pivot_table(index=["year", "destination_iso3"], columns="sex", values="migrants")
    assert not wide.isna().any().any()
    assert (wide["male"] + wide["female"] == wide["total"]).all()


def test_every_code_resolves(stock, stock2019, refugees, countries):
    known = set(countries["iso3"])
    assert "IRQ" in known
    assert set(stock["destination_iso3"]) <= known
    assert set(stock2019["destination_iso3"]) <= known
    assert set(refugees["asylum_iso3"]) <= known
    assert countries["iso3"].is_unique


def test_every_country_with_migrants_can_be_drawn(stock, refugees, countries, geojson):
    polygons = {f["properties"]["iso_a3"] for f in geojson["features"]}
    points = set(countries.loc[countries["lon"].notna() & countries["lat"].notna(), "iso3"])
    with_people = set(stock.loc[stock["migrants"] > 0, "destination_iso3"]) | set(refugees["asylum_iso3"])
    assert not with_people - polygons - points
    # has_polygon agrees with the geojson, and the polygon set is covered by the table
    flagged = set(countries.loc[countries["has_polygon"].astype(str) == "True", "iso3"])
    assert flagged == polygons
    assert {"MLT", "LIE"} <= set(countries["iso3"]) - polygons


def test_every_country_has_names_and_region(countries):
    assert (countries["name_ar"].str.strip() != "").all()
    assert (countries["name_ckb"].str.strip() != "").all()
    assert (countries["name_en"].str.strip() != "").all()
    assert set(countries["region"]) <= {"Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica"}
    assert countries.set_index("iso3").at["IRQ", "subregion"] == "Western Asia"
    assert countries["lon"].between(-180, 180).all() and countries["lat"].between(-90, 90).all()


def test_kurdish_country_names_are_in_arabic_script(countries):
    """No English name reaches a Kurdish page: every name_ckb is Sorani (Arabic script, no Latin letter)."""
    import re

    latin = countries.loc[countries["name_ckb"].str.contains(r"[A-Za-z]"), "iso3"].tolist()
    assert latin == []
    assert countries["name_ckb"].map(lambda n: bool(re.search("[\u0600-\u06ff]", n))).all()
    names = countries.set_index("iso3")["name_ckb"]
    assert names["IRQ"] == "عێراق" and names["TUR"] == "تورکیا" and names["IRN"] == "ئێران"


def test_manifest_matches_files(manifest):
    entries = manifest["datasets"]
    assert {(e["id"], e["version"]) for e in entries} >= {
        ("migrant_stock", "rev2020"),
        ("migrant_stock", "rev2019"),
        ("refugees", "unhcr2020"),
        ("iraq_totals", "ims2020"),
        ("skills", "sample2015"),
        ("countries", "iso3166"),
        ("boundaries", "ne110m"),
    }
    root = DATA.parent
    for e in entries:
        path = root / e["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == e["sha256"], e["file"]
        if path.suffix == ".csv":
            assert len(pd.read_csv(path)) == e["rows"], e["file"]
        else:
            assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == e["rows"]
        assert e["nature"] in {"real", "derived", "synthetic"}
        assert e["citation"] and e["licence"] and e["built_by"].startswith("scripts/build_data.py")
    defaults = [e for e in entries if e["id"] == "migrant_stock" and e["default"]]
    assert [e["version"] for e in defaults] == ["rev2020"]
    skills = next(e for e in entries if e["id"] == "skills")
    assert skills["nature"] == "synthetic" and "synthetic" in skills["title"].lower()


def test_revisions_kept_separate(stock, stock2019):
    def iran_1990(frame):
        row = frame[
            (frame["year"] == 1990) & (frame["destination_iso3"] == "IRN") & (frame["sex"] == "total")
        ]
        return int(row["migrants"].iloc[0])

    assert iran_1990(stock2019) == 1_153_969
    assert iran_1990(stock) == 290_278


def test_geojson_small_and_complete(geojson):
    assert (DATA / "world_110m.geojson").stat().st_size < 120_000
    assert len(geojson["features"]) > 150
    codes = [f["properties"]["iso_a3"] for f in geojson["features"]]
    assert len(codes) == len(set(codes))
    assert "-99" not in codes and {"IRQ", "FRA", "NOR"} <= set(codes)
    assert all(set(f["properties"]) == {"iso_a3", "name"} for f in geojson["features"])


def test_top_destinations_2020(stock):
    y2020 = stock[stock["year"] == 2020].set_index(["sex", "destination_iso3"])["migrants"]
    assert y2020["total"].idxmax() == "USA" and y2020["total"].max() == 256_028
    assert y2020["female"].idxmax() == "TUR" and y2020["female"].max() == 193_875


def test_uploads_may_name_countries_in_kurdish(countries):
    from dashboard.countries import CountryResolver

    resolver = CountryResolver(countries)
    assert resolver.resolve("ئەڵمانیا") == "DEU" and resolver.resolve("سوید") == "SWE"
    assert resolver.resolve("تورکیا") == "TUR"
