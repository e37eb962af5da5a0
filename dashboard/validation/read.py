"""Step 1, read: an analyst's file into a table of strings, whatever its format, encoding or separator.

Accepts CSV/TSV/TXT (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16 with or without BOM, Windows-1256
as exported by Arabic Excel) and Excel workbooks (.xlsx, a chosen sheet). The limits (size, columns, cells,
sheets, a workbook's declared size, zip bombs) are checked before parsing; the parse runs in the limited worker
(limits.run_limited). Every step is linear in the file's size.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from dashboard.validation import excel
from dashboard.validation.limits import MAX_UPLOAD_BYTES, check_shape, run_limited
from dashboard.validation.problems import UploadError, problem

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RawTable:
    """An uploaded table as strings, with how it was read."""

    frame: pd.DataFrame  # every cell a string ("" for empty), headers stripped; index = spreadsheet row - 1
    file_name: str
    sha256: str
    size: int
    encoding: str  # utf-8, utf-16, cp1256 or xlsx
    separator: str  # ",", ";", "\t" or "" for a workbook
    sheet: str = ""
    sheets: tuple[str, ...] = ()

    @property
    def decimal(self) -> str:
        """The decimal mark numbers in this file use: a comma where the separator is a semicolon."""
        return "," if self.separator == ";" else "."


def file_kind(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in EXCEL_SUFFIXES:
        return "excel"
    if suffix == ".xls":
        raise UploadError(problem("old_excel", value=file_name, file=file_name))
    raise UploadError(problem("unsupported_type", value=file_name, file=file_name))


def sheet_names(file_name: str, data: bytes) -> list[str]:
    """The sheets of a workbook in workbook order; [] for a text file."""
    return excel.sheet_names(file_name, data) if file_kind(file_name) == "excel" else []


def read_upload(file_name: str, data: bytes, sheet: str | None = None,
                max_bytes: int = MAX_UPLOAD_BYTES) -> RawTable:
    """The upload as a RawTable of strings, or UploadError saying what is wrong and what to do."""
    kind = file_kind(file_name)
    if len(data) > max_bytes:
        raise UploadError(problem("too_large", file=file_name, size_mb=f"{len(data) / 2**20:.1f}",
                                  limit_mb=f"{max_bytes / 2**20:.0f}"))
    if not data.strip():
        raise UploadError(problem("empty_file", file=file_name))
    sha = hashlib.sha256(data).hexdigest()
    if kind == "excel":
        sheets, sheet_name = excel.inspect_workbook(file_name, data, sheet)
        frame = run_limited(file_name, _parse_sheet, file_name, data, sheet_name)
        encoding, separator = "xlsx", ""
    else:
        text, encoding = decode_text(file_name, data)
        separator = sniff_separator(text)
        check_shape(file_name, text.count("\n") + (not text.endswith("\n")), count_columns(text, separator))
        frame = run_limited(file_name, _parse_text, file_name, text, separator)
        sheet_name, sheets = "", ()
    return RawTable(frame=frame, file_name=file_name, sha256=sha, size=len(data), encoding=encoding,
                    separator=separator, sheet=sheet_name, sheets=sheets)


# -- text files ---------------------------------------------------------------------------------------------
def decode_text(file_name: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, then UTF-8, then UTF-16 without BOM, then Windows-1256; refuse what is not text.

    UTF-16 without BOM is tried only when the file holds zero bytes: an Arabic UTF-16 file has few (Arabic
    letters are 0x06xx), but every comma, digit and line break brings one, and Windows-1256 text has none.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        has_zero = b"\x00" in data[:65_536]
        candidates = ["utf-8", "utf-16-le", "utf-16-be"] if has_zero else ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text[:100_000]) is None and (not encoding.startswith("utf-16-") or _looks_tabular(text)):
            return text, encoding.replace("-sig", "").replace("-le", "").replace("-be", "")
    raise UploadError(problem("not_text", file=file_name))


def _looks_tabular(text: str) -> bool:
    """A line break or a separator: what any table decoded with the right byte order contains."""
    return any(mark in text[:65_536] for mark in ("\n", ",", ";", "\t"))


def sniff_separator(text: str) -> str:
    """The separator of the header line: whichever of tab, semicolon and comma occurs most outside quotes."""
    header = text.lstrip("\ufeff")[:65_536].partition("\n")[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def count_columns(text: str, separator: str) -> int:
    """Columns of the header line (separators outside quotes, plus one), counted without parsing the file."""
    header = text.lstrip("\ufeff").partition("\n")[0]
    return re.sub(r'"[^"]*"', "", header).count(separator) + 1


def _parse_text(file_name: str, text: str, separator: str) -> pd.DataFrame:
    try:
        # header=None keeps duplicate headers visible and makes the index the spreadsheet row number - 1
        grid = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL, engine="c")
    except pd.errors.EmptyDataError as exc:
        raise UploadError(problem("empty_file", file=file_name)) from exc
    except pd.errors.ParserError as exc:
        if match := re.search(r"EOF inside string starting at row (\d+)", str(exc)):
            raise UploadError(problem("unclosed_quote", row=int(match.group(1)) + 1, file=file_name)) from exc
        if match := re.search(r"line (\d+)", str(exc)):
            raise UploadError(problem("ragged_rows", row=int(match.group(1)), file=file_name)) from exc
        raise UploadError(problem("unreadable", file=file_name)) from exc
    return clean(file_name, grid)


def _parse_sheet(file_name: str, data: bytes, sheet: str) -> pd.DataFrame:
    return clean(file_name, pd.DataFrame(excel.read_sheet(file_name, data, sheet), dtype=object))


# -- both -------------------------------------------------------------------------------------------------
def clean(file_name: str, grid: pd.DataFrame) -> pd.DataFrame:
    """Header from the first row; stripped string cells; empty rows and unnamed empty columns dropped.

    The index of the result is the row number a spreadsheet shows minus one (the header is row 1), so a
    problem found in index i is reported on row i + 1. Built column by column into one new frame (linear).
    """
    if grid.empty:
        raise UploadError(problem("empty_file", file=file_name))
    cells = [grid[c].fillna("").astype(str).str.strip() for c in grid.columns]
    header = [column.iloc[0].lstrip("\ufeff").strip() for column in cells]
    keep = [i for i, h in enumerate(header) if h != "" or (cells[i].iloc[1:] != "").any()]
    if not keep:
        raise UploadError(problem("empty_file", file=file_name))
    blank = next((i for i in keep if header[i] == ""), None)
    if blank is not None:
        raise UploadError(problem("blank_header", column=excel.column_letters(blank), file=file_name))
    repeated = next((name for name, n in Counter(header[i] for i in keep).items() if n > 1), None)
    if repeated is not None:
        raise UploadError(problem("duplicate_header", column=repeated, file=file_name))
    frame = pd.DataFrame({header[i]: cells[i].iloc[1:] for i in keep})
    frame = frame[(frame != "").any(axis=1)]
    if frame.empty:
        raise UploadError(problem("header_only", file=file_name))
    return frame
