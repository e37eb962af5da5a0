"""Step 2, detect the layout: long (one row per country and year) or wide (one column per year), and turn a wide
table into the long one the rest of the pipeline reads."""

from __future__ import annotations

import re

import pandas as pd

YEAR_HEADER = re.compile(r"^(?:y|year\s*)?((?:19|20)\d\d)$", re.IGNORECASE)


def year_columns(columns: list[str]) -> dict[str, int]:
    """Columns whose header is a year (1990, "2020", Y2015): column -> year."""
    found = {c: int(m.group(1)) for c in columns if (m := YEAR_HEADER.match(c.strip()))}
    return found if len(found) >= 2 else {}


def detect_layout(columns: list[str]) -> str:
    """"wide" when two or more columns are years (one column per year), else "long"."""
    return "wide" if year_columns(columns) else "long"


def melt_years(table: pd.DataFrame, raw: pd.DataFrame, value: str, order: list[str]) -> pd.DataFrame:
    """One row per (row, year column) with a figure; `_col` keeps the year column a problem is reported in.

    An empty year cell means "no figure" and makes no row.
    """
    parts = []
    for column, year in year_columns(list(raw.columns)).items():
        part = table.assign(year=str(year), **{value: raw[column]}, _col=column)
        parts.append(part[part[value] != ""])
    return pd.concat(parts)[[*order, "_col"]]
