"""What a publish would do, in words, and whether it needs an explicit confirmation.

A version that drops destinations the active version has, or moves the latest total by more than CHANGE_LIMIT,
replaces what everyone sees (a 3-country file over the 71-country dataset once made the Overview say "580,242
Iraqis abroad"), so the Data page shows the change in country names and totals and asks the analyst to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import Digits, format_number, format_percent, localise_digits, t
from dashboard.validation import Diff

CHANGE_LIMIT = 0.10


@dataclass(frozen=True)
class Review:
    removed: tuple[str, ...]  # ISO3 codes of destinations the new version no longer has
    year: str | None  # the year whose totals are compared: the latest with figures in the active version
    total_before: float
    total_after: float

    @property
    def change_share(self) -> float | None:
        return None if not self.total_before else (self.total_after - self.total_before) / self.total_before

    @property
    def large_change(self) -> bool:
        share = self.change_share
        return share is not None and abs(share) > CHANGE_LIMIT

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.removed) or self.large_change


def _year_order(year: str) -> tuple[int, str]:
    return (int(year), year) if str(year).isdigit() else (-1, str(year))


def review(change: Diff) -> Review:
    """The removed destinations and the latest total before and after, from the upload's diff."""
    totals = change.totals[change.totals["active"] > 0]
    if totals.empty:
        return Review(tuple(change.removed), None, 0.0, float(change.totals["new"].sum()))
    latest = max(totals["year"].astype(str), key=_year_order)
    row = change.totals[change.totals["year"].astype(str) == latest].iloc[0]
    return Review(tuple(change.removed), latest, float(row["active"]), float(row["new"]))


def describe(found: Review, names: dict[str, str], lang: str, digits: Digits = "western") -> list[str]:
    """The change in sentences for the analyst: which countries go, and the total before and after."""
    lines = []
    if found.removed:
        countries = ", ".join(names.get(code, code) for code in found.removed)
        lines.append(t("data.review_removed", lang, count=format_number(len(found.removed), lang, digits),
                       countries=countries))
    if found.large_change and found.year is not None:
        lines.append(t("data.review_total", lang, year=localise_digits(found.year, digits),
                       before=format_number(found.total_before, lang, digits),
                       after=format_number(found.total_after, lang, digits),
                       change=format_percent(found.change_share, lang, digits, signed=True)))
    return lines

