"""How a number is written in a table on a page: one rule for every table the app shows.

A table builder hands over numbers; the page writes them for the reader, in the reader's language and digits:
shares as percentages ("29.4%", "٢٩٫٤٪"), counts with thousands separators ("2,313,028"), years bare ("2020"),
modelled figures rounded as everywhere else (dashboard.scenario.tables.format_modelled), money with its currency.
The numbers stay numbers underneath, so a column still sorts by value (ui.widgets.data_table shows these texts
as the cells' display values); downloads keep the numbers themselves (dashboard.exports).

A builder may declare a column's kind (`declare_kinds`); otherwise the kind follows from the column: whole
numbers are counts (years under a "Year" header), fractions between -1 and 1 are shares.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from dashboard.i18n import Digits, format_number, format_percent, localise_digits, t

CellKind = Literal["text", "count", "year", "share", "percent_points", "number", "modelled", "modelled_usd"]

#: Where a builder's declared kinds travel with its frame (pandas keeps `attrs` through copies and renames).
KINDS_ATTR = "cell_kinds"
#: Headers that name a year column, as translation keys (and "year" as uploaded files name it).
YEAR_HEADER_KEYS = ("chart.year", "cases.col_year", "data.col_year", "map.year", "official.col.year")
#: Shown for a missing number: a dash, never "nan" or an empty cell that reads as zero.
MISSING = "–"


def declare_kinds(frame: pd.DataFrame, kinds: Mapping[str, CellKind]) -> pd.DataFrame:
    """`frame` with the kinds of some of its columns declared (where inference would guess wrong: a modelled
    figure, an amount of money, a percentage already in points). Returns the same frame, for chaining."""
    frame.attrs[KINDS_ATTR] = {**frame.attrs.get(KINDS_ATTR, {}), **kinds}
    return frame


def _is_year_header(column: object, lang: str) -> bool:
    names = {"year", *(t(key, lang).casefold() for key in YEAR_HEADER_KEYS)}
    return str(column).casefold() in names


def _numbers(values: pd.Series) -> pd.Series | None:
    """The column's numbers: all of a numeric column, or those of a column that mixes numbers with words
    (a totals row labelled "all"); None for text, dates and yes/no columns."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_numeric_dtype(values):
        return values
    if values.dtype != object:
        return None
    numbers = values[values.map(lambda v: isinstance(v, int | float | np.number) and not isinstance(v, bool))]
    return numbers if len(numbers) else None


def column_kind(column: str, values: pd.Series, lang: str) -> CellKind:
    """The kind of an undeclared column: a year under a year header (even written as text, "2008–2012"),
    else from its values."""
    if _is_year_header(column, lang) and not pd.api.types.is_bool_dtype(values):
        return "year"
    numbers = _numbers(values)
    if numbers is None:
        return "text"
    finite = numbers.to_numpy(dtype=float, na_value=np.nan)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0 or np.all(finite == np.round(finite)):
        return "count"
    return "share" if np.all(np.abs(finite) <= 1) else "number"


def column_kinds(frame: pd.DataFrame, lang: str) -> dict[str, CellKind]:
    """Every column's kind: declared by the builder, else inferred (`column_kind`)."""
    declared = frame.attrs.get(KINDS_ATTR, {})
    return {c: declared.get(c) or column_kind(c, frame[c], lang) for c in frame.columns}


def share_text(value: float, lang: str, digits: Digits) -> str:
    """A share as a percentage: one decimal ("29.4%"), two below one percent ("0.25%")."""
    return format_percent(value, lang, digits, decimals=2 if 0 < abs(value) < 0.01 else 1)


def number_decimals(values: pd.Series) -> int:
    """Decimals for a column of measured numbers that are not counts: fewer the larger they are, the same for
    the whole column so its figures line up."""
    size = float(np.nanmax(np.abs(values.to_numpy(dtype=float, na_value=np.nan)), initial=0))
    return 2 if size < 10 else 1 if size < 1000 else 0


def cell_text(value: object, kind: CellKind, lang: str, digits: Digits, decimals: int = 2) -> str:
    """One cell as the reader sees it (a missing number as a dash; words among numbers stay as they are);
    `decimals` for a "number" column (number_decimals)."""
    if kind == "year" and isinstance(value, str):
        return localise_digits(value, digits)
    if kind == "text" or isinstance(value, str):
        return "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)
    if value is None or value is pd.NA or not math.isfinite(float(value)):
        return MISSING
    value = float(value)
    # here, not at the top: the scenario tables import this module, and pages without a scenario need not load them
    from dashboard.scenario.tables import format_modelled

    match kind:
        case "year":
            return localise_digits(str(round(value)), digits)
        case "count":
            return format_number(value, lang, digits)
        case "share":
            return share_text(value, lang, digits)
        case "percent_points":
            return share_text(value / 100, lang, digits)
        case "modelled":
            return format_modelled(value, "people", lang, digits)
        case "modelled_usd":
            return t("table.usd", lang, value=format_modelled(value, "usd", lang, digits))
        case _:
            return format_number(value, lang, digits, decimals=decimals)


def cell_formatters(frame: pd.DataFrame, lang: str, digits: Digits) -> dict[str, Callable[[object], str]]:
    """For each numeric column of `frame`, the function that writes its cells (pandas Styler.format's form)."""
    writers = {}
    for column, kind in column_kinds(frame, lang).items():
        if kind != "text":
            decimals = number_decimals(_numbers(frame[column])) if kind == "number" else 0
            writers[column] = lambda value, kind=kind, decimals=decimals: cell_text(value, kind, lang, digits, decimals)
    return writers


#: A word longer than this (a link, an identifier) gets places where a line may break.
LONG_WORD = 16
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD},}}")
_BREAK_AFTER = re.compile(r"([/_.?&=#+%-])(?=\S)")
_RUN = re.compile(rf"[^/_.?&=#+%\-\s]{{{LONG_WORD}}}(?=\S)")   # LONG_WORD characters without a separator (a checksum)
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: object) -> str:
    """`text` with invisible break points after the separators of its long words (a URL after each "/", an
    identifier after each "_", a checksum every 16 characters), so a table that wraps its text fits its page
    instead of scrolling sideways. Numbers are short and keep their digits together."""
    def split(word: re.Match) -> str:
        return _RUN.sub(rf"\g<0>{ZERO_WIDTH_SPACE}", _BREAK_AFTER.sub(rf"\1{ZERO_WIDTH_SPACE}", word.group(0)))

    return _LONG_WORD.sub(split, str(text))
