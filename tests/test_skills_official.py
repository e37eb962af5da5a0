"""The bundled official skills figures (DIOC-E 2010/11, DIOC 2015/16, IAB) equal the reference, and the
illustrative sample is calibrated to them."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import skills_official as so
from dashboard.registry import Registry
from dashboard.skills_sample import (
    CALIBRATION_COLUMNS,
    EDUCATION_GROUP_OF_LEVEL,
    SKILLS_COLUMNS,
    calibration_table,
    generate_skills_sample,
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry()


@pytest.fixture(scope="module")
def dioc(registry) -> pd.DataFrame:
    return registry.get("skills_dioc_e").frame


@pytest.fixture(scope="module")
def oecd(registry) -> pd.DataFrame:
    return registry.get("skills_oecd").frame


@pytest.fixture(scope="module")
def sample(registry) -> pd.DataFrame:
    return registry.get("skills").frame


def test_dioc_e_tertiary_shares_equal_the_reference(dioc):
    shares = so.tertiary_by_destination(dioc).set_index("residence_iso3")["share"]
    assert round(100 * shares["USA"], 1) == 31.9
    assert round(100 * shares["GBR"], 1) == 43.1
    assert round(100 * shares["SWE"], 1) == 29.9
    assert round(100 * so.tertiary_share_all(dioc), 1) == 29.4
    assert len(dioc[dioc["sex"] == "total"]) == 58


def test_oecd_2015_headline_equals_the_reference(oecd):
    head = so.oecd_headline(oecd)
    assert head.people_15plus == 918_615
    assert round(100 * head.share_high, 1) == 29.8
    assert round(100 * head.employment_rate, 1) == 44.4
    assert round(100 * head.unemployment_rate, 1) == 19.6
    assert round(100 * head.overqualified, 1) == 45.0
    education = so.oecd_education(oecd).set_index("sex")
    assert round(100 * education.at["male", "share_high"], 1) == 31.4
    assert round(100 * education.at["female", "share_high"], 1) == 27.8
    labour = so.labour_by_education(oecd).set_index(["sex", "education"])["employment_rate"]
    assert [round(100 * labour[("total", g)], 1) for g in ("low", "medium", "high")] == [36.2, 46.5, 55.5]
    assert round(100 * labour[("male", "all")], 1) == 53.8 and round(100 * labour[("female", "all")], 1) == 32.5


def test_occupation_schemes_are_never_summed(oecd):
    isco = so.occupations(oecd, "isco08")
    soc = so.occupations(oecd, "us_soc2010")
    assert list(isco["occupation"]) == [str(c) for c in range(10)]
    assert soc["occupation"].str.startswith("USA_").all()
    assert isco["share"].sum() == pytest.approx(1) and soc["share"].sum() == pytest.approx(1)
    assert round(100 * isco.set_index("occupation").at["5", "share"], 1) == 23.4
    with pytest.raises(ValueError):
        so.occupations(oecd, "all")


def test_iab_brain_drain_2010(registry):
    rates = so.brain_drain(registry.get("brain_drain").frame).set_index(["education", "year"])["rate"]
    assert round(100 * rates[("high", 2010)], 1) == 12.6
    assert round(100 * rates[("high", 1980)], 1) == 6.4
    assert round(100 * rates[("all", 2010)], 1) == 3.3


def test_flagged_destinations_carry_their_reason(dioc):
    table = so.tertiary_by_destination(dioc).set_index("residence_iso3")
    expected = {"DEU": "ratio_undesa", "CHE": "suppressed_cells", "TUR": "ratio_undesa", "GRC": "ratio_undesa",
                "IRN": "ratio_undesa", "FIN": "low_with_unknown"}
    for iso3, reason in expected.items():
        assert not table.at[iso3, "reliable"], iso3
        assert reason in so.reason_codes(table.at[iso3, "reason"]), (iso3, table.at[iso3, "reason"])
    assert "suppressed_cells" in table.at["DEU", "reason"]
    for iso3 in ("USA", "SWE", "GBR", "CAN", "AUS", "NLD", "ISR"):
        assert table.at[iso3, "reliable"] and table.at[iso3, "reason"] == "", iso3
    flagged = table[~table["reliable"]]
    assert (flagged["reason"] != "").all()
    assert set(c for r in flagged["reason"] for c in so.reason_codes(r)) <= set(so.REASONS)


def test_destination_absent_from_dioc_has_no_official_figure(dioc):
    assert so.official_education(dioc, "JOR") is None  # no DIOC row: "no official figure", never zero
    usa = so.official_education(dioc, "USA")
    assert usa["people"] == 120_925 and round(100 * usa["share"], 1) == 31.9 and usa["reliable"]
    assert so.official_education(dioc, "DEU")["reasons"] == ["suppressed_cells", "ratio_undesa"]


def test_education_split_uses_dioc_where_reliable_else_oecd_wide(dioc, oecd):
    split = so.education_split(dioc, oecd, ["USA", "DEU", "JOR"]).set_index("destination_iso3")
    assert split.at["USA", "source"] == so.SOURCE_DIOC_E
    assert round(100 * split.at["USA", "high"], 1) == 31.9
    for iso3 in ("DEU", "JOR"):
        assert split.at[iso3, "source"] == so.SOURCE_OECD
        assert round(100 * split.at[iso3, "high"], 1) == 29.8
    assert split[["low", "medium", "high"]].sum(axis=1).round(9).eq(1).all()


def _tertiary(frame: pd.DataFrame) -> pd.Series:
    return frame["education"].astype(str).map(EDUCATION_GROUP_OF_LEVEL).eq("high")


def test_sample_education_is_calibrated_to_dioc(sample, dioc):
    high = _tertiary(sample)
    per = sample.assign(w_high=sample["weight"] * high).groupby("residence_iso3").agg(
        respondents=("weight", "size"), weight=("weight", "sum"), w_high=("w_high", "sum"))
    per["sample"] = 100 * per["w_high"] / per["weight"]
    official = so.tertiary_by_destination(dioc).set_index("residence_iso3")
    reliable = official[official["reliable"]]
    table = per.join(100 * reliable["share"].rename("dioc_e"), how="inner")
    table = table[table["respondents"] >= 100]
    table["diff"] = table["sample"] - table["dioc_e"]
    print("\ntertiary share of known, % (target DIOC-E 2010/11 vs calibrated sample)")
    print(table[["respondents", "dioc_e", "sample", "diff"]].round(2).to_string())
    assert {"USA", "SWE", "GBR", "CAN", "AUS"} <= set(table.index)
    assert (table["diff"].abs() <= 2).all(), table


def test_sample_occupations_and_employment_are_calibrated(sample, oecd):
    employed = sample[sample["employed"] == 1]
    shares = employed.groupby("occupation_isco")["weight"].sum()
    shares = 100 * shares / shares.sum()
    target = 100 * so.occupations(oecd, "isco08").set_index("occupation")["share"]
    table = pd.DataFrame({"oecd_2015": target.to_numpy(), "sample": shares.reindex(range(10), fill_value=0)
                          .to_numpy()}, index=target.index)
    table["diff"] = table["sample"] - table["oecd_2015"]
    print("\nISCO-08 major groups of the employed, % (target DIOC 2015/16 vs calibrated sample)")
    print(table.round(2).to_string())
    assert (table["diff"].abs() <= 2).all(), table
    rates = so.labour_by_education(oecd).set_index(["sex", "education"])["employment_rate"]
    group = sample["education"].astype(str).map(EDUCATION_GROUP_OF_LEVEL)
    for level in ("low", "medium", "high"):
        part = sample[group == level]
        rate = (part["weight"] * part["employed"]).sum() / part["weight"].sum()
        assert abs(rate - rates[("total", level)]) <= 0.02, level


def test_sample_weights_still_sum_to_the_stock(sample, registry):
    stock = registry.get("migrant_stock").frame
    latest = stock[(stock["year"] == 2020) & (stock["sex"] == "total")].set_index("destination_iso3")["migrants"]
    by_country = sample.groupby("residence_iso3")["weight"].sum()
    assert (by_country - latest.reindex(by_country.index)).abs().max() < 1


def test_calibration_table_says_what_rests_on_what():
    table = calibration_table().set_index("variable")
    assert table.at["education", "basis"] == "calibrated" and "DIOC-E" in table.at["education", "source"]
    assert table.at["occupation_isco", "basis"] == "calibrated"
    for variable in ("field_of_study", "languages", "interest_return", "sector"):
        assert table.at[variable, "basis"] == "assumption", variable
    assert table.at["residence_iso3", "basis"] == "real"


def test_uncalibrated_generator_has_no_calibration_columns(registry):
    out = generate_skills_sample(registry.get("migrant_stock").frame, n=200, seed=1)
    assert list(out.columns) == SKILLS_COLUMNS and not set(CALIBRATION_COLUMNS) & set(out.columns)


def test_talent_pool_education_split_comes_from_official_figures(registry, dioc, oecd):
    """A survey of graduates only still yields each destination's official low/medium/high split; the survey
    gives only sectors and interest within a level."""
    from dashboard.scenario.population import build_population
    from dashboard.skills import talent_pool

    stock = registry.get("migrant_stock").frame
    survey = registry.get("skills").frame.copy()
    survey["education"] = "master"  # an (uploaded) survey of graduates only
    destinations = so.destinations_of(stock)
    split = so.education_split(dioc, oecd, destinations)
    population = build_population(stock, talent_pool(survey), split)
    latest = stock[(stock["year"] == 2020) & (stock["sex"] == "total")].set_index("destination_iso3")["migrants"]
    by_level = population.segments.groupby("skill_level")["people"].sum()
    expected_high = (split.set_index("destination_iso3")["high"] * latest.reindex(destinations)).sum()
    assert by_level["high"] == pytest.approx(expected_high)
    assert by_level.sum() == pytest.approx(latest.sum())
    assert by_level["low"] > 0.3 * latest.sum()  # not the survey's 0% low
    coverage = population.coverage.set_index("destination_iso3")
    assert coverage.at["USA", "education_source"] == so.SOURCE_DIOC_E
    assert coverage.at["JOR", "education_source"] == so.SOURCE_OECD
    # interest stays the survey's: no one interested in returning -> no one in the return pool
    survey["interest_return"] = 0
    assert build_population(stock, talent_pool(survey), split).segments["return"].sum() == 0


def test_a_survey_without_the_calibration_columns_still_loads(sample):
    from dashboard.registry import apply_schema

    survey = sample.drop(columns=CALIBRATION_COLUMNS).astype(str)
    loaded = apply_schema(survey, "skills", "survey.csv")
    assert list(loaded.columns) == SKILLS_COLUMNS and len(loaded) == len(sample)
    with_column = apply_schema(sample.astype(str), "skills", "sample.csv")
    assert list(with_column.columns) == [*SKILLS_COLUMNS, *CALIBRATION_COLUMNS]
    assert with_column["employed"].dtype == "int64"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_briefing_scenario_sections_carry_the_sample_note(registry, lang):
    from dataclasses import replace

    from dashboard import briefing
    from dashboard.i18n import t
    from dashboard.scenario.population import build_population
    from dashboard.scenario.presets import preset
    from dashboard.skills import sample_note, talent_pool

    skills = registry.get("skills")
    population = build_population(registry.get("migrant_stock").frame, talent_pool(skills.frame))
    note = sample_note(skills.meta, lang)
    assert note == t("common.sample_note", lang)
    sections = briefing.scenario_sections({"A": preset("ireland")}, population, lang, "western", sample_note=note)
    assert all(note in section.source for section in sections)
    html = briefing.build_briefing(lang, "western", sections)
    assert note in html.replace("&quot;", '"').replace("&#x27;", "'")
    survey = replace(skills.meta, nature="real", version="v2", title="Erbil diaspora survey 2026",
                     published_at="2026-11-29T20:00:00Z")
    named = sample_note(survey, lang)
    assert "Erbil diaspora survey 2026" in named and named != note


def test_population_table_says_where_each_destinations_skill_levels_come_from(registry, dioc, oecd):
    from dashboard.scenario.population import build_population
    from dashboard.scenario.tables import coverage_table
    from dashboard.skills import talent_pool

    stock = registry.get("migrant_stock").frame
    split = so.education_split(dioc, oecd, so.destinations_of(stock))
    population = build_population(stock, talent_pool(registry.get("skills").frame), split)
    table = coverage_table(population, "en", "western", {"USA": "United States", "DEU": "Germany"})
    source = table.set_index("Country of residence")["Skill levels from"]
    assert source["United States"].startswith("OECD/World Bank DIOC-E") and "OECD as a whole" in source["Germany"]
