"""Numbers as people write them: "1,234", "1 310", "0,5" in a semicolon-separated file, Arabic-Indic digits and
the Arabic decimal and thousands signs (٫ ٬). A separator that could be read two ways ("12,5" or "7,50" in a
comma-separated file, "1.234" in a semicolon-separated one) is a problem for the analyst to settle, never a guess;
inf and nan are never numbers.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹−", "01234567890123456789-")
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")  # spaces and apostrophes only ever group thousands
_WORDS = re.compile(r"^[+-]?(?:inf(?:inity)?|nan)$", re.IGNORECASE)

OK, NOT_A_NUMBER, AMBIGUOUS, NOT_FINITE = "", "not_a_number", "ambiguous_number", "not_finite"


def _read_one(text: str, decimal: str) -> tuple[float, str]:
    """(value, problem code) of one cell that is not a plain number."""
    thousands = "." if decimal == "," else ","
    s = _SPACES.sub("", text.translate(_ARABIC_DIGITS).replace("٫", decimal).replace("٬", ""))
    if _WORDS.match(s):
        return math.nan, NOT_FINITE
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        return math.nan, NOT_A_NUMBER
    d, t = re.escape(decimal), re.escape(thousands)
    if re.fullmatch(rf"\d+(?:{d}\d+)?", s):
        return sign * float(s.replace(decimal, ".")), OK
    if re.fullmatch(rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?", s):
        if decimal == "," and s.count(".") == 1 and "," not in s:
            return math.nan, AMBIGUOUS  # "1.234": a thousand and more, or one and a quarter?
        return sign * float(s.replace(thousands, "").replace(decimal, ".")), OK
    if decimal == "," and re.fullmatch(r"\d+\.\d+", s):
        return sign * float(s), OK  # "1.5", "0.25": a decimal point (a thousands dot has three digits after)
    return math.nan, AMBIGUOUS


def parse_numbers(series: pd.Series, decimal: str = ".") -> tuple[pd.Series, pd.Series]:
    """(float values, problem code per cell) for a column of strings; "" cells are NaN with no problem.

    Plain numbers are parsed vectorised; only the others (and, with a decimal comma, those holding a dot) are
    read one distinct value at a time.
    """
    numbers = pd.to_numeric(series, errors="coerce").astype("float64")
    codes = pd.Series(OK, index=series.index, dtype=object)
    present = series != ""
    slow = present & numbers.isna()
    if decimal == ",":
        slow |= present & series.str.contains(".", regex=False)
    if slow.any():
        read = {v: _read_one(v, decimal) for v in series[slow].unique()}
        numbers[slow] = series[slow].map(lambda v: read[v][0]).astype("float64")
        codes[slow] = series[slow].map(lambda v: read[v][1])
    infinite = present & codes.eq(OK) & ~np.isfinite(numbers.fillna(0.0))
    codes[infinite] = NOT_FINITE
    numbers[infinite] = math.nan
    return numbers, codes
