"""Step 5, check: the rules of the dataset's schema on the converted table, through pandera, with each failure
turned into a plain-language problem (row, column, rule, what to do); repeated keys (pandera's unique check)
and, for migrant stock, male + female against total.

`schema_checks` builds the pandera schema from dashboard/schemas.py; the same schema checks the bundled data
(tests/test_registry.py) and every upload.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa

from dashboard.schemas import FIRST_YEAR, Field, Kind
from dashboard.validation.convert import Table
from dashboard.validation.problems import MAX_PROBLEMS_PER_CHECK, problem

LANGUAGE_LIST = r"^(?:[a-z]{2,3}(?:;[a-z]{2,3})*)?$"  # ISO 639 codes separated by ";" (empty: not asked)
EMAIL = r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+)?$"


def _checks(f: Field) -> list[pa.Check]:
    """The pandera checks of one field, each named after the message it produces (data.problem.<name>)."""
    if f.type == "year":
        return [pa.Check.in_range(FIRST_YEAR, date.today().year, error="unknown_year")]
    if f.type == "count":
        return [pa.Check.ge(0, error="negative"), pa.Check.le(f.maximum, error="implausibly_large")]
    if f.type == "float":
        checks = [pa.Check.gt(f.minimum, error="not_positive")] if f.exclusive_minimum else []
        return [*checks, pa.Check.le(f.maximum, error="implausibly_large")] if f.maximum is not None else checks
    if f.type == "int" and f.minimum is not None:
        return [pa.Check.in_range(f.minimum, f.maximum, error="out_of_range")]
    if f.type == "binary":
        return [pa.Check.isin([0, 1], error="not_binary")]
    if f.type in {"sex", "category"}:
        return [pa.Check.isin(list(f.allowed), error="not_allowed")]
    if f.type == "languages":
        return [pa.Check.str_matches(LANGUAGE_LIST, error="not_language_list")]
    if f.name == "email":
        return [pa.Check.str_matches(EMAIL, error="not_email")]
    return []


def schema_checks(kind: Kind, columns: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({f.name: pa.Column(checks=_checks(f), nullable=False)
                               for f in kind.fields if f.name in columns})


def _params(f: Field) -> dict[str, object]:
    def fmt(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"

    return {"allowed": ", ".join(f.allowed), "minimum": fmt(f.minimum), "maximum": fmt(f.maximum),
            "first": FIRST_YEAR, "last": date.today().year}


def check(table: Table, typed: pd.DataFrame, broken: pd.DataFrame) -> None:
    """Report every rule the readable cells break (a cell with a conversion problem is not checked again; the
    other cells of its row are)."""
    for name in typed.columns:
        readable = typed.loc[~broken[name], [name]]
        if readable.empty:
            continue
        try:
            schema_checks(table.kind, [name]).validate(readable, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases.dropna(subset=["index"])
            for rule, group in cases.groupby("check", sort=False):
                hit = pd.Series(False, index=typed.index)
                hit.loc[group["index"].astype(typed.index.dtype).to_numpy()] = True
                table.report(str(rule), name, hit, table.cells[name], **_params(table.kind.field(name)))
    key = list(table.kind.key)
    _duplicates(table, typed[~broken[key].any(axis=1).to_numpy()])
    if table.kind.id == "migrant_stock":
        _sex_totals(table, typed[~broken[[*key, "migrants"]].any(axis=1).to_numpy()])


def _duplicates(table: Table, checked: pd.DataFrame) -> None:
    """A key seen before (pandera's unique check); the message names the row it repeats."""
    key = list(table.kind.key)
    try:
        pa.DataFrameSchema(unique=key, report_duplicates="exclude_first").validate(checked[key], lazy=True)
    except pa.errors.SchemaErrors as errors:
        later = pd.Index(errors.failure_cases["index"].dropna().astype(checked.index.dtype).unique())
        repeated = checked[checked.duplicated(key, keep=False)]  # only these rows are grouped
        rows = table.cells.loc[repeated.index, "_row"]
        first = rows.groupby([repeated[k] for k in key], sort=False).transform("min")
        table.out.add_rows("duplicate", ", ".join(table.column(k) for k in key), rows[later], first[later])


def _sex_totals(table: Table, typed: pd.DataFrame) -> None:
    """Where male, female and total are all given, male + female must equal total (to within 1, for rounding)."""
    key = ["origin_iso3", "destination_iso3", "year"]
    if not {"male", "female", "total"} <= set(typed["sex"].unique()):
        return
    wide = typed.assign(_row=table.cells.loc[typed.index, "_row"]).pivot_table(
        index=key, columns="sex", values=["migrants", "_row"], aggfunc="first")
    m = wide["migrants"].dropna(subset=["male", "female", "total"])
    off = m[(m["male"] + m["female"] - m["total"]).abs() > 1]
    rows = wide["_row"].loc[off.index, "total"]
    for idx, row in rows.iloc[:MAX_PROBLEMS_PER_CHECK].items():
        total, male, female = (int(off.loc[idx, s]) for s in ("total", "male", "female"))
        table.out.add(problem("sex_sum", row=int(row), column=table.column("migrants"), value=f"{total:,}",
                              male=f"{male:,}", female=f"{female:,}", sum=f"{male + female:,}"))
    table.out.count_at_least("sex_sum", table.column("migrants"), len(rows))
