"""The Overview's headline figures as labelled cards: the same labels and values on the page and in the briefing.

Every label names the year of each figure it divides: when the population of Iraq comes from an earlier year than
the diaspora (a revision ending in 2019 against a population table that has 2015 and 2020), the share says both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dashboard.diaspora import Headline, growth_in_other_revision
from dashboard.i18n import Digits, format_number, format_percent, localise_digits, t
from dashboard.sources import provenance


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


def growth_caveats(stock, others: Sequence, names: Mapping[str, str], lang: str, digits: Digits,
                   escape: Callable[[str], str] = str) -> list[str]:
    """Why the growth card depends on its revision: one line for each other bundled revision that starts in the
    same year (Rev.2019 gives +35% for 1990–2019 where Rev.2020 gives +223%, because Rev.2020 re-estimated Iran in
    1990). `stock` and `others` are registry Datasets; `names` maps ISO3 to the reader's country names; `escape`
    makes a published revision's typed name safe where the line is shown (dashboard.plaintext)."""
    lines = []
    for other in others:
        if not other.meta.is_bundled or other.meta.version == stock.meta.version:
            continue
        elsewhere = growth_in_other_revision(stock.frame, other.frame)
        if elsewhere is None:
            continue
        lines.append(t("overview.growth_caveat", lang, other=provenance(other.meta, "revision", lang, escape),
                       start=year_text(elsewhere.base_year, digits), end=year_text(elsewhere.year, digits),
                       revision=provenance(stock.meta, "revision", lang, escape),
                       growth=format_percent(elsewhere.growth, lang, digits, decimals=0, signed=True),
                       country=names.get(elsewhere.destination, elsewhere.destination),
                       there=format_number(elsewhere.base_there, lang, digits),
                       here=format_number(elsewhere.base_here, lang, digits)))
    return lines
