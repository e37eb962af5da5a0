"""Downloads: exactly the table shown, with its source line, safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe (CSV injection)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    renamed = {c: "'" + c for c in out.columns if isinstance(c, str) and c.startswith(_FORMULA_START)}
    return out.rename(columns=renamed)


def to_csv_bytes(frame: pd.DataFrame, source_line: str) -> bytes:
    """UTF-8 with BOM (so Excel shows Arabic correctly); the source line follows the table after a blank line."""
    body = neutralise_formulas(frame).to_csv(index=False)
    return ("\ufeff" + body + "\n" + source_line + "\n").encode("utf-8")


def to_excel_bytes(frame: pd.DataFrame, source_line: str, sheet_name: str = "data") -> bytes:
    """A workbook with the table on its first sheet and the source on a second sheet named 'source'."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(frame).to_excel(writer, sheet_name=sheet_name[:31], index=False)
        pd.DataFrame({"source": [source_line]}).to_excel(writer, sheet_name="source", index=False)
    return buffer.getvalue()
