"""Skills aggregation: weighted shares equal hand-computed values, filters compose, small cells are hidden."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import skills as sk
from dashboard.exports import to_csv_bytes, to_excel_bytes
from dashboard.skills_sample import SKILLS_COLUMNS


def _rows(n: int, **values: object) -> list[dict]:
    base = {"residence_iso3": "SWE", "sex": "female", "age": 40, "years_abroad": 12, "education": "bachelor",
            "field_of_study": "health", "occupation_isco": 2, "sector": "health", "languages": "ar;sv",
            "interest_mentoring": 0, "interest_short_term": 0, "interest_return": 0, "interest_investment": 0,
            "interest_philanthropy": 0, "weight": 1.0}
    return [{**base, **values} for _ in range(n)]


@pytest.fixture
def survey() -> pd.DataFrame:
    """Sweden: 10 bachelors (weight 1, mentoring), 3 masters (weight 3, male, ICT), 3 secondary (weight 2);
    Jordan: 4 secondary (weight 5, return). Total weight 45; Sweden 25."""
    rows = (
        _rows(10, interest_mentoring=1, languages="ar;sv;en")
        + _rows(3, education="master", sex="male", weight=3.0, sector="ict", field_of_study="ict", age=28,
                interest_mentoring=1, interest_investment=1)
        + _rows(3, education="secondary", weight=2.0, sector="trade_hospitality", field_of_study="none", age=50)
        + _rows(4, residence_iso3="JOR", education="secondary", weight=5.0, sex="male", sector="manufacturing",
                field_of_study="none", languages="ar", interest_return=1, age=22)
    )
    frame = pd.DataFrame(rows)
    frame.insert(0, "respondent_id", [f"T{i:03d}" for i in range(len(frame))])
    return frame[SKILLS_COLUMNS]


def _by_value(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("value")


def test_education_shares_are_weighted_and_count_respondents(survey):
    dist = _by_value(sk.weighted_distribution(survey, "education"))
    assert dist.loc["bachelor", "share"] == pytest.approx(10 / 45)
    assert dist.loc["master", "share"] == pytest.approx(9 / 45)
    assert dist.loc["secondary", "share"] == pytest.approx(26 / 45)
    assert dist.loc["secondary", "respondents"] == 7
    assert dist.loc["doctorate", "respondents"] == 0  # every category is listed, in natural order
    assert list(dist.index[:4]) == ["primary_or_less", "secondary", "post_secondary_vocational", "bachelor"]
    assert dist["share"].sum() == pytest.approx(1.0)


def test_interest_and_language_shares_are_of_everyone(survey):
    interest = _by_value(sk.interest_distribution(survey))
    assert interest.loc["mentoring", "share"] == pytest.approx(19 / 45)
    assert interest.loc["mentoring", "respondents"] == 13
    assert interest.loc["return", "share"] == pytest.approx(20 / 45)
    languages = _by_value(sk.languages_distribution(survey))
    assert languages.loc["ar", "share"] == pytest.approx(1.0)
    assert languages.loc["sv", "share"] == pytest.approx(25 / 45)
    assert languages.loc["en", "respondents"] == 10


def test_pyramid_splits_weight_by_age_band_and_sex(survey):
    pyramid = sk.age_sex_pyramid(survey).set_index(["age_band", "sex"])
    assert pyramid.loc[("18-24", "male"), "share"] == pytest.approx(20 / 45)
    assert pyramid.loc[("25-34", "male"), "respondents"] == 3
    assert pyramid.loc[("35-44", "female"), "share"] == pytest.approx(10 / 45)
    assert pyramid["share"].sum() == pytest.approx(1.0)


def test_compare_destinations_gives_weighted_tertiary_share_per_country(survey):
    table = sk.compare_destinations(survey, "tertiary").set_index("residence_iso3")
    assert table.loc["SWE", "share"] == pytest.approx(19 / 25)
    assert table.loc["SWE", "matches"] == 13
    assert table.loc["SWE", "respondents"] == 16
    assert table.loc["JOR", "share"] == 0
    assert list(table.index) == ["SWE", "JOR"]  # largest community first
    with pytest.raises(ValueError):
        sk.compare_destinations(survey, "height")


def test_filters_compose_as_an_intersection(survey):
    prepared = sk.prepare(survey)
    sweden = sk.SkillsFilter(countries="SWE")
    women = sk.SkillsFilter(sex=("female",))
    both = sk.SkillsFilter(countries="SWE", sex=("female",))
    expected = set(sweden.apply(prepared)["respondent_id"]) & set(women.apply(prepared)["respondent_id"])
    assert set(both.apply(prepared)["respondent_id"]) == expected
    assert len(expected) == 13
    mentoring_ict = sk.SkillsFilter(mode="mentoring", sector=("ict", "energy"))
    assert len(mentoring_ict.apply(prepared)) == 3
    assert len(sk.SkillsFilter(age_band="18-29", mode=("return", "investment")).apply(prepared)) == 7
    assert len(sk.SkillsFilter().apply(prepared)) == len(survey)
    assert sk.SkillsFilter(education=()).is_empty()


def test_filtered_shares_recompute_on_the_filtered_rows(survey):
    sweden = sk.SkillsFilter(countries="SWE").apply(survey)
    dist = _by_value(sk.weighted_distribution(sweden, "education"))
    assert dist.loc["secondary", "share"] == pytest.approx(6 / 25)


def test_suppression_hides_every_cell_under_ten_respondents(survey):
    dist = sk.weighted_distribution(survey, "education")
    labels = {"value": "Education", "respondents": "Respondents", "weighted": "People", "share": "Share"}
    shown = sk.display_table(dist, "en", "western", labels).set_index("Education")
    for value, row in dist.set_index("value").iterrows():
        if row["respondents"] < sk.MIN_RESPONDENTS:
            assert list(shown.loc[value]) == [sk.SUPPRESSED] * 3, value
        else:
            assert sk.SUPPRESSED not in list(shown.loc[value]), value
    assert shown.loc["bachelor", "Share"] == "22.2%"
    assert shown.loc["bachelor", "Respondents"] == "10"


def test_suppressed_cells_stay_hidden_in_downloads(survey):
    comparison = sk.compare_destinations(survey, "interest_mentoring")
    table = sk.suppress(comparison, "matches", derived=["matches_weighted", "share"])
    shown = sk.display_table(table, "en", "western", {"residence_iso3": "Country", "respondents": "Respondents",
                                                       "matches": "Matches", "share": "Share"})
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(shown, "source")), encoding="utf-8-sig", nrows=2, dtype=str)
    xlsx = pd.read_excel(io.BytesIO(to_excel_bytes(shown, "source")), dtype=str)
    for download in (csv, xlsx):
        rows = download.set_index("Country")
        assert list(rows.loc["JOR"]) == [sk.SUPPRESSED] * 3  # 4 respondents: nothing about them is shown
        assert rows.loc["SWE", "Respondents"] == "16"
        assert rows.loc["SWE", "Matches"] == "13"
        assert rows.loc["SWE", "Share"] == "76.0%"  # (10 + 9) / 25


def test_matches_under_ten_are_hidden_even_in_a_large_base(survey):
    table = sk.suppress(sk.compare_destinations(survey, "interest_investment"), "matches",
                        derived=["matches_weighted", "share"]).set_index("residence_iso3")
    assert table.loc["SWE", "respondents"] == 16
    assert table.loc["SWE", "matches"] == sk.SUPPRESSED
    assert table.loc["SWE", "share"] == sk.SUPPRESSED


def test_talent_pool_sums_weights_and_interest_without_suppression(survey):
    pool = sk.talent_pool(survey, sectors=("health", "ict"))
    assert set(pool.columns) >= {"residence_iso3", "sector", "skill_level", "respondents", "weight",
                                 *sk.INTEREST_COLUMNS}
    assert pool["weight"].sum() == pytest.approx(45)
    assert set(pool["sector"]) == {"health", "ict", "other"}
    row = pool.set_index(["residence_iso3", "sector", "skill_level"])
    assert row.loc[("SWE", "ict", "high"), "interest_investment"] == pytest.approx(9)
    assert row.loc[("SWE", "health", "high"), "interest_mentoring"] == pytest.approx(10)
    assert row.loc[("JOR", "other", "medium"), "respondents"] == 4  # small cells stay: the model needs them
    assert row.loc[("JOR", "other", "medium"), "interest_return"] == pytest.approx(20)
    assert row.loc[("SWE", "other", "medium"), "weight"] == pytest.approx(6)
    assert set(pool["skill_level"]) <= set(sk.SKILL_LEVELS)


def test_talent_pool_by_mode_and_country(survey):
    pool = sk.talent_pool(survey)
    by_mode = sk.pool_by_mode(pool, ["high"]).set_index(["sector", "mode"])
    assert by_mode.loc[("ict", "mentoring"), "weighted"] == pytest.approx(9)
    assert by_mode.loc[("health", "mentoring"), "respondents"] == 10
    assert list(dict.fromkeys(by_mode.index.get_level_values("sector"))) == ["health", "ict"]
    by_country = sk.pool_by_country(pool, "other", "return", ["medium"])
    assert by_country.to_dict("records") == [{"residence_iso3": "JOR", "respondents": 4, "weighted": 20.0}]


def test_country_summary_for_the_map_panel(survey):
    sweden = sk.country_summary(survey, "SWE", "en").set_index("Indicator")
    assert sweden.loc["Share with a university degree", "Value"] == "76.0%"
    assert sweden.loc["Share with a university degree", "Respondents"] == "13"
    assert sweden.loc["Estimated people (weighted)", "Respondents"] == "16"
    assert sweden.loc["Interested in: Mentoring or virtual work", "Value"] == "76.0%"
    assert sweden.loc["Interested in: Investment", "Value"] == sk.SUPPRESSED  # 3 respondents
    assert sweden.loc["Main sectors of work", "Value"] == "Health (40.0%)"  # ICT has only 3 respondents
    jordan = sk.country_summary(survey, "JOR", "ar", "arabic")
    assert set(jordan.iloc[:, 1]) == {sk.SUPPRESSED}
    assert set(jordan.iloc[:, 2]) == {sk.SUPPRESSED}
    assert sk.country_summary(survey, "FRA", "en").empty


def test_talent_finder_lists_only_groups_of_ten_or_a_consented_roster(survey):
    prepared = sk.prepare(survey)
    jordan = sk.SkillsFilter(countries="JOR").apply(prepared)
    assert not sk.can_list(jordan)
    sweden = sk.SkillsFilter(countries="SWE").apply(prepared)
    assert sk.can_list(sweden)
    listing = sk.talent_list(sweden, "en", {"SWE": "Sweden"})
    assert len(listing) == 16
    assert "Age" in listing and "age" not in listing  # bands only, never the exact age
    assert set(listing["Country of residence"]) == {"Sweden"}
    assert "Email" not in listing

    roster = survey.assign(email=[f"p{i}@example.org" for i in range(len(survey))], contact_consent=1)
    roster.loc[roster["residence_iso3"] == "SWE", "contact_consent"] = [1] * 15 + [0]
    roster = sk.prepare(roster)
    assert sk.can_list(sk.SkillsFilter(countries="JOR").apply(roster))  # all four consented
    listed = sk.talent_list(sk.SkillsFilter(countries="SWE").apply(roster), "en", {}, with_contacts=True)
    assert (listed["Email"] == "").sum() == 1  # the one without consent shows no contact


def test_real_dataset_values_outside_the_sample_categories_are_kept(survey):
    odd = survey.copy()
    odd.loc[0, "sector"] = "space"
    odd.loc[0, "education"] = None
    dist = _by_value(sk.weighted_distribution(odd, "sector"))
    assert dist.loc["space", "respondents"] == 1
    pool = sk.talent_pool(odd)
    assert pool["weight"].sum() == pytest.approx(45)
    assert "unknown" in set(pool["skill_level"])
