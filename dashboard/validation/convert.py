"""Step 4, convert: each mapped column of strings into its field's type (numbers, years, country codes,
categories, consent), listing every cell that cannot be converted with its row and column.

Cells holding a spreadsheet formula or markup are refused before anything reads them. A row with a problem here
is left out of the checks of step 5 (they see only readable values); empty cells of optional fields are fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard import exports
from dashboard.countries import CountryResolver, normalise
from dashboard.schemas import CONSENT_COLUMN, MAX_COUNT, Field, Kind
from dashboard.validation.limits import MAX_UNKNOWN_SHOWN
from dashboard.validation.numbers import OK, parse_numbers
from dashboard.validation.problems import Collector, problem
from dashboard.vocabularies import CONSENT_WORDS, SEX_WORDS

# A cell a spreadsheet would run: "=SUM(A1)", "@x", "+A1", "-A1" (but not "-5", "+964 770 123", "-inf"): the
# product's one rule, the same that neutralises every download.
FORMULA = exports.FORMULA
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.IGNORECASE)
UNRESOLVED_COLUMNS = ["column", "value", "rows", "first_row", "suggestions", "codes"]


@dataclass
class Table:
    """The mapped table being converted: one string column per field, `_row` (the spreadsheet row) and, for a
    wide table, `_col` (the year column each value came from)."""

    kind: Kind
    cells: pd.DataFrame
    source: dict[str, str]  # field -> the file column it came from
    out: Collector
    unresolved: list[dict] = field(default_factory=list)

    def column(self, name: str, hit: pd.Series | None = None) -> str:
        """The file column a problem sits in (in a wide table, the year column of the first hit)."""
        wide = self.kind.wide_value
        if "_col" in self.cells and name in {"year", wide} and hit is not None and hit.any():
            return str(self.cells.loc[hit, "_col"].iloc[0])
        return self.source.get(name, name)

    def report(self, code: str, name: str, hit: pd.Series, values: pd.Series | None = None, **params: object) -> None:
        self.out.add_rows(code, self.column(name, hit), self.cells.loc[hit, "_row"],
                          None if values is None else values[hit], **params)


def screen(table: Table) -> pd.DataFrame:
    """Cells holding a formula or markup (each reported), per field; distinct values are tested once."""
    bad = pd.DataFrame(False, index=table.cells.index, columns=[f.name for f in table.kind.fields
                                                                 if f.name in table.cells])
    for name in bad.columns:
        series = table.cells[name]
        uniques = pd.Series(series.unique(), dtype=object)
        formula = set(uniques[uniques.str.match(FORMULA)])
        markup = set(uniques[uniques.str.contains(MARKUP)]) - formula
        for code, values in (("formula", formula), ("markup", markup)):
            if values:
                hit = series.isin(values)
                bad[name] |= hit
                table.report(code, name, hit, series)
    return bad


def convert(table: Table, resolver: CountryResolver, decimal: str,
            picks: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(typed table, cells with a problem per field); `picks` maps unknown country values to a chosen ISO3.

    A cell with a problem is left out of the checks of step 5, the other cells of its row are still checked.
    """
    broken = screen(table)
    typed = pd.DataFrame(index=table.cells.index)
    for name in broken.columns:
        f = table.kind.field(name)
        series = table.cells[name].where(~broken[name], "")
        empty = (series == "") & ~broken[name]
        if empty.any() and (f.required or f.default is not None or f.type == "consent") and f.type != "languages":
            table.report("missing_value", name, empty)
            broken[name] |= empty
        typed[name], invalid = _typed(table, f, series, resolver, decimal, picks)
        broken[name] |= invalid
    return typed, broken


def _typed(table: Table, f: Field, series: pd.Series, resolver: CountryResolver, decimal: str,
           picks: dict[str, str]) -> tuple[pd.Series, np.ndarray]:
    none = np.zeros(len(series), dtype=bool)
    if f.type == "country":
        codes = countries(table, f, series, resolver, picks)
        return codes, ((codes == "") & (series != "")).to_numpy()
    if f.type in {"year", "count", "int", "binary", "float"}:
        return _numbers(table, f, series, decimal)
    if f.type == "sex":
        return _per_value(series, lambda v: SEX_WORDS.get(normalise(v), v)), none
    if f.type == "category":
        return _per_value(series, lambda v: re.sub(r"[\s\-]+", "_", v.lower())), none
    if f.type == "languages":
        return _per_value(series, lambda v: ";".join(re.split(r"[\s,;/|]+", v.lower().strip(" ;,")))), none
    if f.type == "consent":
        consent = series.map({v: CONSENT_WORDS.get(normalise(v)) for v in series.unique()})
        unreadable = consent.isna() & (series != "")
        if unreadable.any():
            table.report("not_consent", f.name, unreadable, series)
        return consent.fillna(False).astype(bool), unreadable.to_numpy()
    return series, none


def _per_value(series: pd.Series, func) -> pd.Series:
    """`func` applied once per distinct non-empty value (columns of a million rows hold a handful of values)."""
    return series.map({"": "", **{v: func(v) for v in series.unique() if v}})


def _numbers(table: Table, f: Field, series: pd.Series, decimal: str) -> tuple[pd.Series, np.ndarray]:
    numbers, codes = parse_numbers(series, decimal)
    for code in ("not_a_number", "ambiguous_number", "not_finite"):
        hit = codes == code
        if hit.any():
            table.report(code, f.name, hit, series, decimal=decimal)
    invalid = (codes != OK).to_numpy(copy=True)
    if f.type == "float":
        return numbers.fillna(0.0), invalid
    ok = (codes == OK) & numbers.notna()
    fraction = ok & (numbers % 1 != 0)
    huge = ok & (numbers.abs() >= 2**53)
    if fraction.any():
        table.report("not_whole", f.name, fraction, series)
    if huge.any():
        table.report("implausibly_large", f.name, huge, series, maximum=f"{f.maximum or MAX_COUNT:,.0f}")
    invalid |= (fraction | huge).to_numpy()
    return numbers.where(~(fraction | huge)).fillna(0).astype("int64"), invalid


def countries(table: Table, f: Field, series: pd.Series, resolver: CountryResolver,
              picks: dict[str, str]) -> pd.Series:
    """ISO3 codes; every distinct value that does not resolve is counted once, the first MAX_UNKNOWN_SHOWN listed
    with their rows and suggestions (one pass over the column, whatever the number of distinct values)."""
    codes = {v: picks.get(v) or resolver.resolve(v) for v in series.unique() if v}
    unknown = [v for v, code in codes.items() if code is None]
    column = table.column(f.name)
    if unknown:
        hit = series.isin(unknown)
        first = table.cells.loc[hit, "_row"].groupby(series[hit], sort=False).agg(["min", "size"])
        for value in unknown[:MAX_UNKNOWN_SHOWN]:
            first_row, rows = int(first.at[value, "min"]), int(first.at[value, "size"])
            suggestions = resolver.suggest(value)
            table.unresolved.append({"column": column, "value": value, "rows": rows, "first_row": first_row,
                                     "suggestions": "; ".join(suggestions),
                                     "codes": ";".join(s[-4:-1] for s in suggestions)})
            table.out.add(problem("unknown_country" if suggestions else "unknown_country_no_suggestion",
                                  row=first_row, column=column, value=value, count=rows,
                                  suggestions=", ".join(suggestions)))
        if len(unknown) > MAX_UNKNOWN_SHOWN:
            table.out.add(problem("more_unknown", column=column, count=f"{len(unknown) - MAX_UNKNOWN_SHOWN:,}",
                                  shown=MAX_UNKNOWN_SHOWN))
    return series.map({"": "", **{v: code or "" for v, code in codes.items()}}).astype(object)


def keep_consented_contacts(typed: pd.DataFrame, kind: Kind, notes: list) -> pd.DataFrame:
    """Contact details only for rows whose consent is yes; without a consent column, no contact at all."""
    contacts = [f.name for f in kind.fields if f.contact and f.name in typed]
    if not contacts:
        return typed
    if CONSENT_COLUMN not in typed:
        notes.append(problem("contacts_without_consent", column=", ".join(contacts)))
        return typed.drop(columns=contacts)
    consent = typed[CONSENT_COLUMN].to_numpy(dtype=bool)
    for name in contacts:
        typed[name] = typed[name].where(consent, "")
    return typed
