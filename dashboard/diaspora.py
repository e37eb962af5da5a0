"""Diaspora figures computed from the tidy migrant-stock, refugee and Iraq-totals tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
    """Latest diaspora size, share of Iraq's population, growth since the first year, latest refugees."""
    by_year = total_by_year(stock).set_index("year")["migrants"]
    year, base_year = int(by_year.index.max()), int(by_year.index.min())
    population = int(totals.set_index("year").loc[year, "population"])
    ref = refugees_by_year(refugees).set_index("year")
    ref_year = int(ref.index.max())
    return Headline(
        year=year, diaspora=int(by_year[year]), population=population,
        base_year=base_year, base_diaspora=int(by_year[base_year]),
        refugee_year=ref_year, refugees=int(ref.loc[ref_year, "refugees"]),
        asylum_seekers=int(ref.loc[ref_year, "asylum_seekers"]),
    )
