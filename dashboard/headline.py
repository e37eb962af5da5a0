"""The Overview's headline figures as labelled cards: the same labels and values on the page and in the briefing.

Every label names the year of each figure it divides: when the population of Iraq comes from an earlier year than
the diaspora (a revision ending in 2019 against a population table that has 2015 and 2020), the share says both.
"""

from __future__ import annotations

from dashboard.diaspora import Headline
from dashboard.i18n import Digits, format_number, format_percent, localise_digits, t


def year_text(year: int, digits: Digits) -> str:
    """A year in the reader's digits, never grouped (2020, not 2,020)."""
    return localise_digits(str(int(year)), digits)


def share_label(head: Headline, lang: str, digits: Digits) -> str:
    """The share of Iraq's population: one year when diaspora and population are of the same year, else both."""
    if head.population_year == head.year:
        return t("overview.metric_share", lang, year=year_text(head.year, digits))
    return t("overview.metric_share_mixed", lang, year=year_text(head.year, digits),
             population_year=year_text(head.population_year, digits))


def headline_cards(head: Headline, lang: str, digits: Digits) -> list[tuple[str, str]]:
    """(label, value) of the four headline cards: diaspora, share of population, growth, refugees."""
    return [
        (t("overview.metric_diaspora", lang, year=year_text(head.year, digits)),
         format_number(head.diaspora, lang, digits)),
        (share_label(head, lang, digits), format_percent(head.share_of_population, lang, digits)),
        (t("overview.metric_growth", lang, base=year_text(head.base_year, digits)),
         format_percent(head.growth, lang, digits, decimals=0, signed=True) if head.base_year < head.year
         else "–"),  # a one-year revision (Rev.2024) has no growth to show
        (t("overview.metric_refugees", lang, year=year_text(head.refugee_year, digits)),
         format_number(head.refugees + head.asylum_seekers, lang, digits)),
    ]
