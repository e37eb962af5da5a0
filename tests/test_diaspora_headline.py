"""The Overview's headline figures, including a stock that runs past the population table."""

import pandas as pd

from dashboard.diaspora import headline


def _refugees() -> pd.DataFrame:
    return pd.DataFrame({"origin_iso3": ["IRQ"], "asylum_iso3": ["DEU"], "year": [2019], "refugees": [5],
                         "asylum_seekers": [2]})


def _totals() -> pd.DataFrame:
    return pd.DataFrame({"year": [1990, 2020], "diaspora": [100, 300], "population": [1000, 4000],
                         "foreign_born_in_iraq": [0, 0], "refugees_in_iraq": [0, 0]})


def _stock(years: list[int], values: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"origin_iso3": "IRQ", "destination_iso3": "DEU", "year": years, "sex": "total",
                         "migrants": values})


def test_bundled_headline(registry):
    head = headline(registry.get("migrant_stock").frame, registry.get("iraq_totals").frame,
                    registry.get("refugees").frame)
    assert (head.year, head.diaspora, head.population_year) == (2020, 2_077_976, 2020)
    assert round(head.share_of_population, 3) == 0.052
    assert (head.refugee_year, head.refugees + head.asylum_seekers) == (2019, 647_181)


def test_stock_year_beyond_totals_uses_latest_earlier_population():
    head = headline(_stock([1990, 2024], [100, 400]), _totals(), _refugees())
    assert (head.year, head.population_year, head.population) == (2024, 2020, 4000)
    assert head.share_of_population == 0.1
    assert head.growth == 3.0
