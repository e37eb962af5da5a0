"""Diaspora figures computed from the tidy migrant-stock, refugee and Iraq-totals tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from dashboard.registry import DatasetMeta


def stock_by_destination(stock: pd.DataFrame, year: int, sex: str = "total") -> pd.DataFrame:
    """Destinations for one year and sex, largest first, with rank and share of the whole diaspora."""
    rows = stock[(stock["year"] == year) & (stock["sex"] == sex)]
    out = (rows.groupby("destination_iso3", as_index=False)["migrants"].sum()
           .sort_values(["migrants", "destination_iso3"], ascending=[False, True], ignore_index=True))
    total = out["migrants"].sum()
    out["rank"] = range(1, len(out) + 1)
    out["share"] = out["migrants"] / total if total else 0.0
    return out


def total_by_year(stock: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    rows = stock[stock["sex"] == sex]
    return rows.groupby("year", as_index=False)["migrants"].sum()


def refugees_by_year(refugees: pd.DataFrame) -> pd.DataFrame:
    return refugees.groupby("year", as_index=False)[["refugees", "asylum_seekers"]].sum()


@dataclass(frozen=True)
class Headline:
    """The Overview's figures, each with the year it refers to."""

    year: int
    diaspora: int
    population: int
    population_year: int
    base_year: int
    base_diaspora: int
    refugee_year: int
    refugees: int
    asylum_seekers: int

    @property
    def share_of_population(self) -> float:
        return self.diaspora / self.population

    @property
    def growth(self) -> float:
        return self.diaspora / self.base_diaspora - 1


def headline(stock: pd.DataFrame, totals: pd.DataFrame, refugees: pd.DataFrame) -> Headline:
    """Latest diaspora size, share of Iraq's population, growth since the first year, latest refugees.

    A published stock may reach a year the totals table does not have yet: the share then uses the latest
    population at or before that year (or the earliest there is), and says which year it used.
    """
    by_year = total_by_year(stock).set_index("year")["migrants"]
    year, base_year = int(by_year.index.max()), int(by_year.index.min())
    population_by_year = totals.set_index("year")["population"]
    earlier = population_by_year[population_by_year.index <= year]
    population_year = int(earlier.index.max()) if len(earlier) else int(population_by_year.index.min())
    ref = refugees_by_year(refugees).set_index("year")
    ref_year = int(ref.index.max())
    return Headline(
        year=year, diaspora=int(by_year[year]), population=int(population_by_year[population_year]),
        population_year=population_year,
        base_year=base_year, base_diaspora=int(by_year[base_year]),
        refugee_year=ref_year, refugees=int(ref.loc[ref_year, "refugees"]),
        asylum_seekers=int(ref.loc[ref_year, "asylum_seekers"]),
    )


# --- The Diaspora map page: measures by destination, one country's story, trends. ---------------------------

#: What the map can colour destinations by.
MEASURES: tuple[str, ...] = ("people", "share", "change", "change_pct")
#: Sexes in display order; a revision may carry only some of them (Rev.2019 has only the total).
SEXES: tuple[str, ...] = ("total", "male", "female")


def available_years(stock: pd.DataFrame) -> list[int]:
    """The years this revision reports (Rev.2020: 1990..2020; Rev.2019: 1990..2015 and 2019)."""
    return sorted(int(y) for y in stock["year"].unique())


def available_sexes(stock: pd.DataFrame) -> list[str]:
    """The sexes this revision reports, in display order."""
    present = set(stock["sex"].unique())
    return [s for s in SEXES if s in present]


def destination_measures(stock: pd.DataFrame, year: int, sex: str = "total",
                         base_year: int | None = None) -> pd.DataFrame:
    """Every destination with people in `year` or `base_year`: count, rank, share, and change since `base_year`.

    A destination the revision does not list in a year counts as 0 there, so a destination that emptied shows
    its full loss and a new one shows its full gain; its percentage change is undefined (NaN), never infinite.
    Rank and share refer to `year`; destinations with nobody in `year` get no rank.
    """
    base_year = year if base_year is None else base_year
    rows = stock[stock["sex"] == sex]
    now = rows[rows["year"] == year].groupby("destination_iso3")["migrants"].sum()
    then = rows[rows["year"] == base_year].groupby("destination_iso3")["migrants"].sum()
    out = pd.DataFrame({"migrants": now, "base_migrants": then}).fillna(0).astype("int64")
    out = out[(out["migrants"] > 0) | (out["base_migrants"] > 0)]
    out = out.rename_axis("destination_iso3").reset_index()
    out = out.sort_values(["migrants", "destination_iso3"], ascending=[False, True], ignore_index=True)
    total = int(out["migrants"].sum())
    present = out["migrants"] > 0
    out["rank"] = pd.Series(range(1, len(out) + 1), dtype="Int64").where(present)
    out["share"] = out["migrants"] / total if total else 0.0
    out["change"] = out["migrants"] - out["base_migrants"]
    base = out["base_migrants"].astype(float)
    out["change_pct"] = (out["change"] / base).where(base > 0)
    return out[["destination_iso3", "rank", "migrants", "share", "base_migrants", "change", "change_pct"]]


#: Why a destination has no figure in a version (never zero): the source has no row for it in this revision
#: (a bundled revision), or a published version leaves out a destination the bundled revision has.
NOT_ESTIMATED = "not_estimated"
NOT_IN_VERSION = "not_in_version"


def coverage_gaps(stock: pd.DataFrame, not_estimated: Iterable[str] = (),
                  bundled: pd.DataFrame | None = None) -> dict[str, str]:
    """Destinations with no row at all in `stock` that must read as missing, not as zero: ISO3 -> reason.

    `not_estimated` is the revision's own list (the manifest's, from the source); `bundled` is the bundled
    revision a published version replaces: every destination it estimates that the version lacks is
    "not in this version".
    """
    present = set(stock["destination_iso3"])
    gaps = {iso3: NOT_ESTIMATED for iso3 in not_estimated if iso3 not in present}
    if bundled is not None:
        for iso3 in set(bundled.loc[bundled["migrants"] > 0, "destination_iso3"]) - present:
            gaps.setdefault(iso3, NOT_IN_VERSION)
    return dict(sorted(gaps.items()))


def measure_column(measure: str) -> str:
    """The column of `destination_measures` that a map measure colours by."""
    return {"people": "migrants", "share": "share", "change": "change", "change_pct": "change_pct"}[measure]


def country_series(stock: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One destination over time: a row per year, a column per sex the revision reports (missing years: 0)."""
    sexes = available_sexes(stock)
    rows = stock[stock["destination_iso3"] == iso3]
    wide = rows.pivot_table(index="year", columns="sex", values="migrants", aggfunc="sum")
    wide = wide.reindex(index=available_years(stock), columns=sexes).fillna(0).astype("int64")
    return wide.rename_axis(index="year", columns=None).reset_index()


def refugees_in(refugees: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees and asylum-seekers of Iraqi origin in one country of asylum, a row per reported year."""
    rows = refugees[refugees["asylum_iso3"] == iso3]
    return (rows.groupby("year", as_index=False)[["refugees", "asylum_seekers"]].sum()
            .sort_values("year", ignore_index=True))


def diaspora_with_refugees(stock: pd.DataFrame, refugees: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    """The whole diaspora per stock year beside refugees and asylum-seekers per UNHCR year (outer join on year:
    the two sources report different years, and a missing value stays missing rather than becoming 0)."""
    stock_years = total_by_year(stock, sex)
    out = stock_years.merge(refugees_by_year(refugees), on="year", how="outer").sort_values("year", ignore_index=True)
    return out.astype({"migrants": "Int64", "refugees": "Int64", "asylum_seekers": "Int64"})


def top_destinations_over_time(stock: pd.DataFrame, sex: str = "total", per_year: int = 3) -> pd.DataFrame:
    """Every destination that was among the `per_year` largest in some year, followed through all years.

    Long form (year, destination_iso3, migrants, rank), destinations ordered by their peak, so the story of
    where Iraqi-born people went (Iran, then Syria and Jordan, then the United States, Turkey and Germany) shows.
    """
    rows = stock[stock["sex"] == sex]
    by_year = rows.groupby(["year", "destination_iso3"], as_index=False)["migrants"].sum()
    by_year["rank"] = (by_year.groupby("year")["migrants"].rank(method="first", ascending=False).astype("int64"))
    chosen = set(by_year.loc[by_year["rank"] <= per_year, "destination_iso3"])
    grid = pd.MultiIndex.from_product([available_years(rows), sorted(chosen)], names=["year", "destination_iso3"])
    out = (by_year.set_index(["year", "destination_iso3"]).reindex(grid)
           .fillna({"migrants": 0}).reset_index())
    out["migrants"] = out["migrants"].astype("int64")
    out["rank"] = out["rank"].astype("Int64")
    peak = out.groupby("destination_iso3")["migrants"].max().sort_values(ascending=False)
    order = {iso3: i for i, iso3 in enumerate(peak.index)}
    return (out.assign(_order=out["destination_iso3"].map(order))
            .sort_values(["_order", "year"], ignore_index=True).drop(columns="_order"))


def by_region(stock: pd.DataFrame, countries: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    """Iraqi-born people per UN M49 region and year (long form: year, region, migrants); regions largest first."""
    rows = stock[stock["sex"] == sex].merge(countries[["iso3", "region"]], left_on="destination_iso3",
                                           right_on="iso3", how="left")
    rows["region"] = rows["region"].fillna("Other")
    out = rows.groupby(["year", "region"], as_index=False)["migrants"].sum()
    grid = pd.MultiIndex.from_product([available_years(rows), sorted(out["region"].unique())],
                                      names=["year", "region"])
    out = out.set_index(["year", "region"]).reindex(grid, fill_value=0).reset_index()
    size = out.groupby("region")["migrants"].sum().sort_values(ascending=False)
    order = {region: i for i, region in enumerate(size.index)}
    return (out.assign(_order=out["region"].map(order)).sort_values(["_order", "year"], ignore_index=True)
            .drop(columns="_order"))


@dataclass(frozen=True)
class GrowthElsewhere:
    """The growth since the first year as another revision gives it, and the destination whose first-year
    estimate differs most between the two (why the two growth figures differ)."""

    base_year: int
    year: int
    growth: float
    destination: str
    base_here: int
    base_there: int


def growth_in_other_revision(stock: pd.DataFrame, other: pd.DataFrame) -> GrowthElsewhere | None:
    """The other revision's growth from the same first year to its own latest year (None when the two do not
    start in the same year or `other` has a single year): a growth figure depends on the revision it comes from."""
    here, there = total_by_year(stock).set_index("year")["migrants"], total_by_year(other).set_index("year")["migrants"]
    if here.empty or len(there) < 2 or here.index.min() != there.index.min():
        return None
    base_year, year = int(there.index.min()), int(there.index.max())
    rows = [f[(f["year"] == base_year) & (f["sex"] == "total")].groupby("destination_iso3")["migrants"].sum()
            for f in (stock, other)]
    base = pd.DataFrame({"here": rows[0], "there": rows[1]}).fillna(0).astype("int64")
    moved = (base["there"] - base["here"]).abs().idxmax()
    return GrowthElsewhere(base_year=base_year, year=year, growth=float(there[year] / there[base_year] - 1),
                           destination=str(moved), base_here=int(base.at[moved, "here"]),
                           base_there=int(base.at[moved, "there"]))


@dataclass(frozen=True)
class LatestEstimate:
    """The newest whole-diaspora figure of one revision, with what it leaves out (shown beside it)."""

    year: int
    people: int
    destinations: int
    not_estimated: tuple[str, ...]


def latest_estimate(stock: pd.DataFrame, not_estimated: Iterable[str] = ()) -> LatestEstimate:
    """The revision's latest year: everyone counted, in how many destinations (with people, as the map counts
    them: Rev.2024 lists 63, one of them Sierra Leone with 0), and which it does not estimate."""
    year = int(stock["year"].max())
    rows = stock[(stock["year"] == year) & (stock["sex"] == "total")]
    gaps = coverage_gaps(stock, not_estimated)
    return LatestEstimate(year=year, people=int(rows["migrants"].sum()),
                          destinations=int((rows.groupby("destination_iso3")["migrants"].sum() > 0).sum()),
                          not_estimated=tuple(gaps))


def newest_version(metas: Iterable[DatasetMeta]) -> DatasetMeta | None:
    """Of several versions of the stock (DatasetMeta), the one reaching the latest year (real data only;
    the earlier in the list wins a tie, so the active version is preferred)."""
    real = [m for m in metas if m.nature == "real" and m.year_max is not None]
    return max(real, key=lambda m: m.year_max, default=None)
