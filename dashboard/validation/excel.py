"""Reading one sheet of an .xlsx workbook without trusting it: zip limits, sheet count and the declared size are
checked before any cell is read, and cells are read as they are (a value at XFD1 is never padded into 16,384
empty cells per row).

`inspect_workbook` runs in the server process (it reads only the zip directory, workbook.xml and the first bytes
of the sheet); `read_sheet` runs in the limited worker (dashboard/validation/limits.py).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from dashboard.validation.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_SHEETS,
    check_shape,
    too_many_cells,
    too_many_columns,
)
from dashboard.validation.problems import UploadError, problem

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024  # the whole workbook, inflated
MAX_COMPRESSION_RATIO = 200  # per zip member; real xlsx sheets compress ~5-20x
MAX_WORKBOOK_XML_BYTES = 5 * 1024 * 1024  # workbook.xml and its relationships: sheet names only
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\"")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def column_number(letters: str) -> int:
    """A -> 1, Z -> 26, AA -> 27, XFD -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column at a 0-based position."""
    name = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        name = chr(65 + rest) + name
    return name


def _open_zip(file_name: str, data: bytes) -> zipfile.ZipFile:
    """The workbook's zip, after refusing one whose members would inflate beyond the limits (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError(problem("not_excel", file=file_name)) from exc
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 1_000_000 and ratio > MAX_COMPRESSION_RATIO):
            archive.close()
            raise UploadError(problem("zip_bomb", file=file_name))
    if "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise UploadError(problem("not_excel", file=file_name))
    return archive


def _xml(archive: zipfile.ZipFile, member: str, file_name: str) -> ElementTree.Element:
    if archive.getinfo(member).file_size > MAX_WORKBOOK_XML_BYTES:
        raise UploadError(problem("not_excel", file=file_name))
    try:
        return ElementTree.fromstring(archive.read(member))
    except ElementTree.ParseError as exc:
        raise UploadError(problem("not_excel", file=file_name)) from exc


def _sheet_paths(archive: zipfile.ZipFile, file_name: str) -> dict[str, str]:
    """Sheet name -> its member in the zip, in workbook order (from workbook.xml and its relationships)."""
    try:
        book = _xml(archive, "xl/workbook.xml", file_name)
        rels = _xml(archive, "xl/_rels/workbook.xml.rels", file_name)
    except KeyError as exc:
        raise UploadError(problem("not_excel", file=file_name)) from exc
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    sheets = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets[sheet.get("name", "")] = path
    if len(sheets) > MAX_SHEETS:
        raise UploadError(problem("too_many_sheets", file=file_name, count=len(sheets), limit=MAX_SHEETS))
    if not sheets:
        raise UploadError(problem("not_excel", file=file_name))
    return sheets


def declared_size(archive: zipfile.ZipFile, member: str) -> tuple[int, int] | None:
    """(rows, columns) the sheet declares in its <dimension ref="A1:XFD20000"/>, read from its first 64 KB."""
    with archive.open(member) as stream:
        head = stream.read(65_536)
    match = _DIMENSION.search(head)
    if match is None:
        return None
    last_col, last_row = (match.group(3), match.group(4)) if match.group(3) else (match.group(1), match.group(2))
    return int(last_row), column_number(last_col.decode())


def inspect_workbook(file_name: str, data: bytes, sheet: str | None) -> tuple[tuple[str, ...], str]:
    """(all sheet names, the chosen sheet), after every check that needs no cell: zip, sheets, declared size."""
    with _open_zip(file_name, data) as archive:
        paths = _sheet_paths(archive, file_name)
        names = tuple(paths)
        name = sheet if sheet is not None else names[0]
        if name not in paths:
            raise UploadError(problem("no_such_sheet", value=name, file=file_name, sheets=", ".join(names)))
        if paths[name] not in archive.namelist():
            raise UploadError(problem("not_excel", file=file_name))
        size = declared_size(archive, paths[name])
    if size is not None:
        check_shape(file_name, *size)
    return names, name


def read_sheet(file_name: str, data: bytes, sheet: str) -> list[list[str]]:
    """The sheet's rows as lists of strings (header first), only as wide as its cells; limits enforced per cell.

    Runs in the worker. Uses openpyxl's read-only streaming parser, cell by cell, instead of its row iterator
    (which pads every row to the widest declared column).
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        # data_only=False: a formula cell reads as its formula text ("=SUM(...)"), which the checks refuse
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise UploadError(problem("not_excel", file=file_name)) from exc
    rows: dict[int, dict[int, str]] = {}
    width = 0
    try:
        worksheet = book[sheet]
        with worksheet._get_source() as source:
            parser = WorkSheetParser(source, worksheet._shared_strings, data_only=False, epoch=book.epoch,
                                     date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            for index, cells in parser.parse():
                values = {}
                for cell in cells:
                    text = cell_text(cell["value"])
                    if text:
                        if cell["column"] > MAX_COLUMNS:
                            raise too_many_columns(file_name, cell["column"])
                        values[cell["column"]] = text
                if values:
                    width = max(width, *values)
                    if index * width > MAX_CELLS:
                        raise too_many_cells(file_name, index, width)
                    rows[index] = values
    finally:
        book.close()
    if not rows:
        raise UploadError(problem("empty_sheet", value=sheet, file=file_name, sheets=", ".join(book.sheetnames)))
    lines = (rows.get(i, {}) for i in range(min(rows), max(rows) + 1))
    return [[line.get(c, "") for c in range(1, width + 1)] for line in lines]


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "text"):  # openpyxl ArrayFormula / DataTableFormula
        return str(value.text)
    return str(value).strip()


def sheet_names(file_name: str, data: bytes) -> list[str]:
    """The sheets of a workbook (after the zip and sheet-count checks), in workbook order."""
    with _open_zip(file_name, data) as archive:
        return list(_sheet_paths(archive, file_name))
