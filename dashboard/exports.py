"""Downloads: exactly the table shown, with its source line, safe to open in a spreadsheet.

One formula rule for the whole product (`FORMULA`, `is_formula`): a text cell that starts with = + - @, a tab
or a carriage return would run as a formula in a spreadsheet, unless the whole cell is a plain number ("-5",
"+1.5", "-1,234", "-1e5", "-inf", "+964 770 123 4567", "-٥٫٥"): a sign, digits with their separators, an
exponent, and nothing a spreadsheet could call. Downloads prefix such cells with an apostrophe (every cell, every
header, the source line); uploads refuse them (dashboard/validation/convert.py).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"            # Western, Arabic-Indic and Persian digits
_PLAIN_NUMBER = (rf"[+-]?(?:{_DIGIT}(?:{_DIGIT}|[,.\u066b\u066c \u00a0])*|[.\u066b]{_DIGIT}+)(?:e[+-]?{_DIGIT}+)?"
                 r"|[+-]?(?:inf(?:inity)?|nan)")
#: Matches (with re.match / Series.str.match) a text a spreadsheet would run as a formula.
FORMULA = re.compile(rf"(?!(?:{_PLAIN_NUMBER})\Z)[=+\-@\t\r]", re.IGNORECASE)
#: Sheet names, cell strings and URLs are written as text: xlsxwriter never turns them into formulas or links.
_XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def is_formula(value: object) -> bool:
    """True for a text that a spreadsheet would run as a formula (see the module docstring)."""
    return isinstance(value, str) and FORMULA.match(value) is not None


def neutralise(value: object) -> object:
    """The value as a spreadsheet shows it, never runs it: formula-like text gets a leading apostrophe."""
    return "'" + value if is_formula(value) else value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header of `frame` neutralised (CSV/formula injection); numbers are untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out.rename(columns={c: neutralise(c) for c in out.columns})


#: Decimal places kept in a download's fractional numbers: a share to a hundredth of a percentage point.
EXPORT_DECIMALS = 4


def rounded_for_export(frame: pd.DataFrame) -> pd.DataFrame:
    """Fractional columns rounded to EXPORT_DECIMALS (a share reads 0.1232, not 0.12318766...); integer columns,
    and whole-number floats such as counts, are unchanged."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(EXPORT_DECIMALS)
    return out


def to_csv_bytes(frame: pd.DataFrame, source_line: str) -> bytes:
    """UTF-8 with BOM (so Excel shows Arabic correctly); the source line follows the table after a blank line.

    Every text is quoted: with minimal quoting a carriage return inside a cell is written bare, and a spreadsheet
    starts a new row there, whose first cell can be a formula ("x\r=1+2")."""
    body = neutralise_formulas(rounded_for_export(frame)).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)
    source = io.StringIO()
    csv.writer(source, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).writerow([neutralise(source_line)])
    return ("\ufeff" + body + "\n" + source.getvalue()).encode("utf-8")


def to_excel_bytes(frame: pd.DataFrame, source_line: str, sheet_name: str = "data",
                   right_to_left: bool = False) -> bytes:
    """A workbook with the table on its first sheet and the source on a second sheet named 'source'.

    `right_to_left` (Arabic, Kurdish) sets every sheet right to left, so the first column sits on the right as on
    the page."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": _XLSX_OPTIONS}) as writer:
        neutralise_formulas(rounded_for_export(frame)).to_excel(writer, sheet_name=sheet_name[:31], index=False)
        pd.DataFrame({"source": [neutralise(source_line)]}).to_excel(writer, sheet_name="source", index=False)
        if right_to_left:
            for sheet in writer.sheets.values():
                sheet.right_to_left()
    return buffer.getvalue()
