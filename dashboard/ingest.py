"""Reading an analyst's file into a table of strings, whatever its format, encoding or separator.

Accepts CSV/TSV/TXT (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16, Windows-1256 as exported by
Arabic Excel) and Excel workbooks (.xlsx, a chosen sheet). Everything is checked before it is parsed: the size
(also enforced here, not only by the web server), that an .xlsx is a real zip whose members do not inflate
beyond a limit (zip bombs), and that a text file is text. Failures raise `UploadError` carrying a `Problem`,
a message template (data.problem.*) with its values, translated where it is shown.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from dashboard.i18n import t

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # same as Streamlit's server.maxUploadSize default
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024  # the whole workbook, inflated
MAX_COMPRESSION_RATIO = 200  # per zip member; real xlsx sheets compress ~5-20x
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload: a message template key (data.problem.<code>) and its values."""

    code: str
    row: int | None = None  # as the analyst sees it in a spreadsheet: the header is row 1
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def message(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        """The message in `lang`. Column names, values and file names come from the file: `escape` (e.g.
        dashboard.plaintext.markdown where the message is shown as Markdown) is applied to each of them."""
        values = {"column": self.column or "", "value": self.value if self.value is not None else "",
                  **dict(self.params)}
        if escape is not None:
            values = {key: escape(text) for key, text in values.items()}
        return t(f"data.problem.{self.code}", lang, row="" if self.row is None else self.row, **values)


def problem(code: str, row: int | None = None, column: str | None = None, value: object = None,
            **params: object) -> Problem:
    return Problem(code, row, column, None if value is None else str(value),
                   tuple((k, str(v)) for k, v in params.items()))


class UploadError(ValueError):
    """The file cannot be read at all; `problem` says why and what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message("en"))
        self.problem = problem


@dataclass(frozen=True)
class RawTable:
    """An uploaded table as strings, with how it was read."""

    frame: pd.DataFrame  # every cell a string ("" for empty), headers stripped
    file_name: str
    sha256: str
    size: int
    encoding: str  # utf-8, utf-8-sig, utf-16, cp1256 or xlsx
    separator: str  # ",", ";", "\t" or "" for a workbook
    sheet: str = ""
    sheets: tuple[str, ...] = ()


def file_kind(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in EXCEL_SUFFIXES:
        return "excel"
    if suffix == ".xls":
        raise UploadError(problem("old_excel", value=file_name, file=file_name))
    raise UploadError(problem("unsupported_type", value=file_name, file=file_name))


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
        frame, sheet_name, sheets = _read_excel(file_name, data, sheet)
        encoding, separator = "xlsx", ""
    else:
        text, encoding = decode_text(file_name, data)
        separator = sniff_separator(text)
        frame = _read_csv(file_name, text, separator)
        sheet_name, sheets = "", ()
    frame = _clean(file_name, frame)
    return RawTable(frame=frame, file_name=file_name, sha256=sha, size=len(data), encoding=encoding,
                    separator=separator, sheet=sheet_name, sheets=sheets)


# -- text files ---------------------------------------------------------------------------------------------
def decode_text(file_name: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, then UTF-8, then UTF-16 without BOM, then Windows-1256; refuse what is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        sample = data[:4096]
        looks_utf16 = len(sample) > 3 and sample.count(b"\x00") > len(sample) // 4
        candidates = ["utf-16-le", "utf-16-be"] if looks_utf16 else ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text[:100_000]) is None:
            return text, encoding.replace("-sig", "").replace("-le", "").replace("-be", "")
    raise UploadError(problem("not_text", file=file_name))


def sniff_separator(text: str) -> str:
    """The separator of the header line: whichever of tab, semicolon and comma occurs most outside quotes."""
    header = text.lstrip("\ufeff")[:65_536].partition("\n")[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(file_name: str, text: str, separator: str) -> pd.DataFrame:
    try:
        # header=None keeps duplicate headers visible and makes the index the spreadsheet row number - 1
        return pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, header=None,
                           skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL, engine="c")
    except pd.errors.EmptyDataError as exc:
        raise UploadError(problem("empty_file", file=file_name)) from exc
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        row = int(match.group(1)) if match else None
        raise UploadError(problem("ragged_rows", row=row, file=file_name)) from exc


# -- workbooks ----------------------------------------------------------------------------------------------
def check_zip(file_name: str, data: bytes) -> None:
    """Refuse a workbook that is not a zip, or whose members would inflate beyond the limits (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError(problem("not_excel", file=file_name)) from exc
    with archive:
        total = 0
        for info in archive.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 1_000_000 and ratio > MAX_COMPRESSION_RATIO):
                raise UploadError(problem("zip_bomb", file=file_name))
        if "xl/workbook.xml" not in archive.namelist():
            raise UploadError(problem("not_excel", file=file_name))


def sheet_names(file_name: str, data: bytes) -> list[str]:
    """The sheets of a workbook (after the zip checks), in workbook order; [] for a text file."""
    if file_kind(file_name) != "excel":
        return []
    check_zip(file_name, data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise UploadError(problem("not_excel", file=file_name)) from exc
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _read_excel(file_name: str, data: bytes, sheet: str | None) -> tuple[pd.DataFrame, str, tuple[str, ...]]:
    check_zip(file_name, data)
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell reads as its formula text ("=SUM(...)"), which validation refuses
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise UploadError(problem("not_excel", file=file_name)) from exc
    try:
        sheets = tuple(workbook.sheetnames)
        name = sheet if sheet is not None else sheets[0]
        if name not in sheets:
            raise UploadError(problem("no_such_sheet", value=name, file=file_name, sheets=", ".join(sheets)))
        rows = workbook[name].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None or all(cell is None for cell in header):
            raise UploadError(problem("empty_sheet", value=name, file=file_name, sheets=", ".join(sheets)))
        width = max(i for i, cell in enumerate(header) if cell is not None) + 1
        body = [tuple(_cell_text(c) for c in row[:width]) + ("",) * (width - len(row[:width])) for row in rows]
    finally:
        workbook.close()
    return pd.DataFrame([tuple(_cell_text(c) for c in header[:width]), *body], dtype=object), name, sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "text"):  # openpyxl ArrayFormula / DataTableFormula
        return str(value.text)
    return str(value)


# -- both -------------------------------------------------------------------------------------------------
def _clean(file_name: str, grid: pd.DataFrame) -> pd.DataFrame:
    """Header from the first row; stripped string cells; empty rows and unnamed empty columns dropped.

    The index of the result is the row number a spreadsheet shows minus one (the header is row 1), so a
    problem found in index i is reported on row i + 1.
    """
    if grid.empty:
        raise UploadError(problem("empty_file", file=file_name))
    grid = grid.fillna("").astype(str)
    for column in grid.columns:
        grid[column] = grid[column].str.strip()
    header = [h.lstrip("\ufeff").strip() for h in grid.iloc[0]]
    frame = grid.iloc[1:]
    frame.columns = header
    keep = [i for i, h in enumerate(header) if h != "" or (frame.iloc[:, i] != "").any()]
    frame = frame.iloc[:, keep]
    if len(frame.columns) == 0:
        raise UploadError(problem("empty_file", file=file_name))
    for i, column in enumerate(frame.columns):
        if column == "":
            raise UploadError(problem("blank_header", column=_excel_column(keep[i]), file=file_name))
        if column in frame.columns[:i]:
            raise UploadError(problem("duplicate_header", column=column, file=file_name))
    frame = frame[(frame != "").any(axis=1)]
    if frame.empty:
        raise UploadError(problem("header_only", file=file_name))
    return frame


def _excel_column(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column."""
    name = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        name = chr(65 + rest) + name
    return name
