"""The diaspora the model acts on: latest migrant stock by destination, split into segments by the skills data.

A segment is (destination group, sector, skill level). Each destination's people are split by the shares of
its own respondents in the skills dataset (talent pool); a destination with no respondents takes the shares
of its destination group (oecd / gulf / neighbours / other), and, if that group has none either, of all
respondents. The coverage table says which rule each destination used.
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
    year: int

    @property
    def total(self) -> float:
        return float(self.segments["people"].sum())


def _shares(pool: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Share of weight per (by, sector, skill_level), and interest rates (interested / weight)."""
    cols = ["weight", *INTEREST_POOLS.values()]
    grouped = pool.groupby([*by, "sector", "skill_level"], observed=True, sort=True)[cols].sum().reset_index()
    grouped = grouped[grouped["weight"] > 0]
    total = grouped.groupby(by, observed=True)["weight"].transform("sum") if by else grouped["weight"].sum()
    out = grouped[[*by, "sector", "skill_level"]].copy()
    out["share"] = grouped["weight"] / total
    for name, col in INTEREST_POOLS.items():
        out[name] = (grouped[col] / grouped["weight"]).clip(0, 1)
    return out


def build_population(stock: pd.DataFrame, pool: pd.DataFrame) -> Population:
    """Segments from the tidy migrant stock (latest year, both sexes) and a talent pool
    (dashboard.skills.talent_pool: residence_iso3, sector, skill_level, weight, interest_<mode>)."""
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
    people = parts["people"] * parts["share"]
    detail = parts[SEGMENT_KEYS].copy()
    detail["people"] = people
    for name in INTEREST_POOLS:
        detail[name] = people * parts[name]
    segments = detail.groupby(SEGMENT_KEYS, sort=True).sum().reset_index()
    coverage = dest[["destination_iso3", "dest_group", "people", "respondents", "rule"]].sort_values(
        "people", ascending=False, ignore_index=True)
    return Population(segments=segments, coverage=coverage, year=year)
