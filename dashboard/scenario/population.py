"""The diaspora the model acts on: latest migrant stock by destination, split into segments by the skills data.

A segment is (destination group, sector, skill level). Given the official education split of each destination
(``dashboard.skills_official.education_split``: OECD DIOC shares of low / medium / high), each destination's
people are split by skill level from those real figures, and only the sector and the interest in engaging
within a skill level come from the skills dataset (the illustrative sample or an uploaded survey). Without it,
the skills dataset's own split is used. A destination with no respondents takes the shares of its destination
group (oecd / gulf / neighbours / other), and, if that group has none either, of all respondents. The
coverage table says which rule each destination used (and, with the official split, its source).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.skills_sample import destination_group

SEGMENT_KEYS = ["dest_group", "sector", "skill_level"]
INTEREST_POOLS = {"mentoring": "interest_mentoring", "short_term": "interest_short_term",
                  "return": "interest_return", "investment": "interest_investment"}


@dataclass(frozen=True)
class Population:
    """Segments (people and interested counts) plus how each destination was split."""

    segments: pd.DataFrame  # dest_group, sector, skill_level, people, mentoring, short_term, return, investment
    coverage: pd.DataFrame  # destination_iso3, dest_group, people, respondents, rule (own | group | all)
    #                         [, education_source (dioc_e_2010 | dioc_2015_oecd) with the official split]
    year: int

    @property
    def total(self) -> float:
        return float(self.segments["people"].sum())


def _shares(pool: pd.DataFrame, by: list[str], per_level: bool = False) -> pd.DataFrame:
    """Share of weight per (by, sector, skill_level), and interest rates (interested / weight). The share is of
    the weight of `by`, or with `per_level` of the weight of (by, skill_level) (sectors within a level)."""
    cols = ["weight", *INTEREST_POOLS.values()]
    grouped = pool.groupby([*by, "sector", "skill_level"], observed=True, sort=True)[cols].sum().reset_index()
    grouped = grouped[grouped["weight"] > 0]
    norm = [*by, "skill_level"] if per_level else by
    total = grouped.groupby(norm, observed=True)["weight"].transform("sum") if norm else grouped["weight"].sum()
    out = grouped[[*by, "sector", "skill_level"]].copy()
    out["share"] = grouped["weight"] / total
    for name, col in INTEREST_POOLS.items():
        out[name] = (grouped[col] / grouped["weight"]).clip(0, 1)
    return out


def _split_by_official_levels(dest: pd.DataFrame, pool: pd.DataFrame, education: pd.DataFrame) -> pd.DataFrame:
    """Rows (destination, skill level, sector) with people and interest: the level from `education`, the sector
    and interest within the level from the pool (own destination, else its group, else all respondents)."""
    levels = [c for c in ("low", "medium", "high") if c in education.columns]
    missing = sorted(set(dest["destination_iso3"]) - set(education["destination_iso3"]))
    if missing:
        raise ValueError(f"no education split for {', '.join(missing)}")
    long = dest.merge(education, on="destination_iso3").melt(
        id_vars=["destination_iso3", "dest_group", "people"], value_vars=levels, var_name="skill_level",
        value_name="level_share")
    long["people"] = long["people"] * long["level_share"]
    pool = pool[pool["skill_level"].isin(levels)].assign(dest_group=pool["residence_iso3"].map(destination_group))
    own = _shares(pool, ["residence_iso3"], per_level=True).rename(columns={"residence_iso3": "destination_iso3"})
    group = _shares(pool, ["dest_group"], per_level=True)
    everyone = _shares(pool, [], per_level=True)
    if everyone.empty:
        raise ValueError("the skills data has no respondents with a known education and a positive weight")
    has_own = long.set_index(["destination_iso3", "skill_level"]).index.isin(
        own.set_index(["destination_iso3", "skill_level"]).index)
    has_group = long.set_index(["dest_group", "skill_level"]).index.isin(
        group.set_index(["dest_group", "skill_level"]).index)
    has_all = long["skill_level"].isin(everyone["skill_level"])
    long["source"] = np.where(has_own, "own", np.where(has_group, "group", np.where(has_all, "all", "any")))
    # a level no respondent has: sectors and interest of all respondents, whatever their level
    any_level = _shares(pool.assign(skill_level="any"), [], per_level=True).drop(columns="skill_level")
    keep = ["destination_iso3", "dest_group", "skill_level", "people"]
    parts = [
        long.loc[long["source"] == "own", keep].merge(own, on=["destination_iso3", "skill_level"]),
        long.loc[long["source"] == "group", keep].merge(group, on=["dest_group", "skill_level"]),
        long.loc[long["source"] == "all", keep].merge(everyone, on="skill_level"),
        long.loc[long["source"] == "any", keep].merge(any_level, how="cross"),
    ]
    return pd.concat(parts, ignore_index=True)


def build_population(stock: pd.DataFrame, pool: pd.DataFrame, education: pd.DataFrame | None = None) -> Population:
    """Segments from the tidy migrant stock (latest year, both sexes) and a talent pool
    (dashboard.skills.talent_pool: residence_iso3, sector, skill_level, weight, interest_<mode>).

    ``education`` ([destination_iso3, low, medium, high, source], shares of known) makes the skill-level split
    of every destination the official one; the pool then only gives sectors and interest within a level."""
    year = int(stock["year"].max())
    latest = stock[(stock["year"] == year) & (stock["sex"] == "total")]
    dest = latest.groupby("destination_iso3", as_index=False)["migrants"].sum()
    dest = dest[dest["migrants"] > 0].rename(columns={"migrants": "people"})
    dest["dest_group"] = dest["destination_iso3"].map(destination_group)

    pool = pool.assign(dest_group=pool["residence_iso3"].map(destination_group))
    respondents = pool.groupby("residence_iso3")["respondents"].sum() if "respondents" in pool else \
        pool.groupby("residence_iso3").size()
    with_weight = set(pool.loc[pool["weight"] > 0, "residence_iso3"])
    groups_with = set(pool.loc[pool["weight"] > 0, "dest_group"])
    dest["respondents"] = dest["destination_iso3"].map(respondents).fillna(0).astype(int)
    dest["rule"] = np.where(dest["destination_iso3"].isin(with_weight), "own",
                            np.where(dest["dest_group"].isin(groups_with), "group", "all"))

    if education is not None:
        parts = _split_by_official_levels(dest, pool, education)
        dest = dest.merge(education[["destination_iso3", "source"]].rename(columns={"source": "education_source"}),
                          on="destination_iso3", how="left")
        return _segments(parts, dest, year)
    own = _shares(pool, ["residence_iso3"]).merge(
        dest.loc[dest["rule"] == "own", ["destination_iso3", "dest_group", "people"]],
        left_on="residence_iso3", right_on="destination_iso3")
    group = _shares(pool, ["dest_group"]).merge(
        dest.loc[dest["rule"] == "group", ["destination_iso3", "dest_group", "people"]], on="dest_group")
    everyone = _shares(pool, []).merge(
        dest.loc[dest["rule"] == "all", ["destination_iso3", "dest_group", "people"]], how="cross")
    parts = pd.concat([own, group, everyone], ignore_index=True)
    if parts.empty:
        raise ValueError("the skills data has no respondents with a positive weight")
    return _segments(parts, dest, year)


def _segments(parts: pd.DataFrame, dest: pd.DataFrame, year: int) -> Population:
    """Sum (destination x segment) rows of people x share into segments; the coverage per destination."""
    people = parts["people"] * parts["share"]
    detail = parts[SEGMENT_KEYS].copy()
    detail["people"] = people
    for name in INTEREST_POOLS:
        detail[name] = people * parts[name]
    segments = detail.groupby(SEGMENT_KEYS, sort=True).sum().reset_index()
    columns = ["destination_iso3", "dest_group", "people", "respondents", "rule"]
    columns += ["education_source"] if "education_source" in dest else []
    coverage = dest[columns].sort_values(
        "people", ascending=False, ignore_index=True)
    return Population(segments=segments, coverage=coverage, year=year)
