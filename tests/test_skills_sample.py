"""The synthetic skills sample generator (dashboard/skills_sample.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.skills_official import calibration_targets
from dashboard.skills_sample import (
    ASSUMPTIONS,
    CALIBRATION_COLUMNS,
    EDUCATION_LEVELS,
    ENGAGEMENT_MODES,
    FIELDS,
    ISCO_MAJOR_GROUPS,
    LANGUAGES,
    SECTORS,
    SKILLS_COLUMNS,
    assumptions_table,
    destination_group,
    generate_skills_sample,
)

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def stock() -> pd.DataFrame:
    return pd.read_csv(DATA / "migrant_stock_rev2020.csv")


@pytest.fixture(scope="module")
def targets(stock):
    dioc = pd.read_csv(DATA / "skills_dioc_e_2010.csv", keep_default_na=False)
    oecd = pd.read_csv(DATA / "skills_oecd_2015.csv", keep_default_na=False, dtype=str).astype({"number": int})
    destinations = sorted(stock.loc[(stock["year"] == 2020) & (stock["migrants"] > 0), "destination_iso3"].unique())
    return calibration_targets(dioc, oecd, destinations)


@pytest.fixture(scope="module")
def sample(stock, targets) -> pd.DataFrame:
    return generate_skills_sample(stock, n=5000, seed=2015, targets=targets)


def test_deterministic(stock, sample, targets):
    pd.testing.assert_frame_equal(sample, generate_skills_sample(stock, n=5000, seed=2015, targets=targets))
    assert not sample.equals(generate_skills_sample(stock, n=5000, seed=7, targets=targets))


def test_bundled_file_matches_generator(sample):
    bundled = pd.read_csv(DATA / "skills_sample.csv", keep_default_na=False)
    assert list(bundled.columns) == [*SKILLS_COLUMNS, *CALIBRATION_COLUMNS]
    pd.testing.assert_frame_equal(
        bundled.drop(columns="weight"), sample.drop(columns="weight"), check_dtype=False
    )
    assert (bundled["weight"] - sample["weight"]).abs().max() < 1e-3


def test_columns_and_categories(sample):
    assert list(sample.columns) == [*SKILLS_COLUMNS, *CALIBRATION_COLUMNS]
    assert set(sample["employed"]) == {0, 1}
    assert len(sample) == 5000
    assert sample["respondent_id"].is_unique and sample["respondent_id"].iloc[0] == "R00001"
    assert set(sample["sex"]) <= {"male", "female"}
    assert set(sample["education"]) <= set(EDUCATION_LEVELS)
    assert set(sample["field_of_study"]) <= set(FIELDS)
    assert set(sample["sector"]) <= set(SECTORS)
    assert set(sample["occupation_isco"]) <= set(ISCO_MAJOR_GROUPS)
    assert sample["age"].between(18, 80).all()
    assert (sample["years_abroad"] >= 0).all() and (sample["years_abroad"] < sample["age"] - 15).all()
    codes = {c for langs in sample["languages"] for c in langs.split(";")}
    assert codes <= set(LANGUAGES) and (sample["languages"] != "").all()
    for mode in ENGAGEMENT_MODES:
        assert set(sample[f"interest_{mode}"]) <= {0, 1}


def test_weights(stock, sample):
    assert (sample["weight"] > 0).all()
    total_2020 = stock[(stock["year"] == 2020) & (stock["sex"] == "total")]["migrants"].sum()
    assert abs(sample["weight"].sum() - total_2020) / total_2020 < 0.01


def test_n_rows(stock):
    assert len(generate_skills_sample(stock, n=123, seed=1)) == 123


def test_residence_in_stock(stock, sample):
    in_stock = set(stock[(stock["year"] == 2020) & (stock["sex"] == "total")]["destination_iso3"])
    assert set(sample["residence_iso3"]) <= in_stock


def test_sensible_correlations(sample):
    group = sample["residence_iso3"].map(destination_group)
    doctorate = sample["education"].eq("doctorate").groupby(group).mean()
    assert doctorate["oecd"] > doctorate["neighbours"]
    health = sample[sample["field_of_study"] == "health"]
    assert health["sector"].eq("health").mean() > 0.6
    doctors = sample[sample["education"] == "doctorate"]
    assert doctors["occupation_isco"].isin([1, 2]).mean() > 0.8


def test_assumptions_table():
    table = assumptions_table()
    assert list(table.columns) == ["group", "variable", "value", "share", "basis", "note"]
    basis = table.groupby("variable")["basis"].first()
    assert basis["education"] == "calibrated" and basis["interest"] == "assumption"
    assert len(table) > 0
    assert "not survey" in ASSUMPTIONS.note
    assert (table["note"] == ASSUMPTIONS.note).all()
    assert {"education", "field_of_study", "sector", "occupation_isco", "interest"} <= set(table["variable"])
