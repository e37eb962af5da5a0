"""Downloads carry the rows shown, the source line, and no live spreadsheet formulas."""

import csv
import io
import zipfile

import pandas as pd
import pytest

from dashboard.exports import FORMULA, is_formula, neutralise, to_csv_bytes, to_excel_bytes

#: Cells a spreadsheet would run, whatever their column.
FORMULAS = ["=1+2", "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+2", "\r=1+2", "-", "-A1", "+5x",
            "=HYPERLINK(\"http://example.com\",\"x\")", "-5\n=1", "-5\r=1", "-2+3", "-SUM(A1:A3)", "-infx"]
#: Text that starts like a formula but is a plain number, and ordinary text.
PLAIN = ["-5", "+5", "-1.5", "-1,234", "-.5", "-1e5", "-1E-5", "-inf", "+964 770 123 4567", "-٥٫٥", "Germany",
         "1990", "", "a=b", " =1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_a_formula(text):
    assert is_formula(text) and FORMULA.match(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_plain_numbers_and_text_are_left_alone(text):
    assert not is_formula(text)
    assert neutralise(text) == text


def test_the_rule_is_usable_on_a_column_as_validation_does():
    column = pd.Series(["-5", "=1+2", "Iraq", "@x"])
    assert column.str.match(FORMULA).tolist() == [False, True, False, True]


def test_csv_has_rows_and_source_and_neutralised_formulas():
    frame = pd.DataFrame({"country": ["=HYPERLINK(\"x\")", "Germany"], "migrants": [5, -3]})
    text = to_csv_bytes(frame, "Source: UN DESA").decode("utf-8-sig")
    assert text.split("\n") == ['"country","migrants"', '"\'=HYPERLINK(""x"")",5', '"Germany",-3', "",
                                 '"Source: UN DESA"', ""]


def test_a_carriage_return_inside_a_cell_cannot_start_a_row_with_a_formula():
    frame = pd.DataFrame({"note": ["x\r=1+2", "y\n@SUM(A1)"]})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame, "s").decode("utf-8-sig"), newline="")))
    assert rows == [["note"], ["x\r=1+2"], ["y\n@SUM(A1)"], [], ["s"]]


def _csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def _xlsx_cells(data: bytes) -> list[object]:
    book = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=object)
    return [cell for sheet in book.values() for cell in sheet.to_numpy().ravel().tolist()]


def test_every_cell_of_both_downloads_is_neutralised_the_source_line_and_headers_included():
    frame = pd.DataFrame({"=cmd": FORMULAS, "@note": ["-5"] * len(FORMULAS), "n": range(len(FORMULAS))})
    for cells in (_csv_cells(to_csv_bytes(frame, "=1+2")), _xlsx_cells(to_excel_bytes(frame, "@SUM(A1)"))):
        texts = [c for c in cells if isinstance(c, str) and c]
        assert not [c for c in texts if is_formula(c)], texts
        assert {"'=cmd", "'@note", "-5"} <= set(texts)
        assert {"'=1+2", "'@SUM(A1)"} & set(texts)   # the source line


def test_excel_has_table_and_source_sheet():
    frame = pd.DataFrame({"country": ["@SUM(A1)", "Iraq"], "migrants": [1, 2]})
    book = pd.read_excel(io.BytesIO(to_excel_bytes(frame, "Source: UNHCR")), sheet_name=None)
    assert book["data"]["country"].tolist() == ["'@SUM(A1)", "Iraq"]
    assert book["data"]["migrants"].tolist() == [1, 2]
    assert book["source"]["source"].tolist() == ["Source: UNHCR"]


def test_excel_stores_text_as_text_never_a_formula_or_a_link():
    frame = pd.DataFrame({"url": ["http://example.com/x"], "n": ["-5"]})
    with zipfile.ZipFile(io.BytesIO(to_excel_bytes(frame, "=1+2"))) as book:
        sheets = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in sheets and "hyperlink" not in sheets.lower()


def test_downloads_round_fractions_and_keep_counts_exact():
    frame = pd.DataFrame({"country": ["Germany", "Sweden"], "share": [0.12318766234, 0.5],
                          "people": [1234567, 89], "people_float": [1234567.0, 89.0]})
    text = to_csv_bytes(frame, "Source").decode("utf-8-sig")
    assert "0.12318766" not in text and "0.1232" in text
    assert "1234567" in text
    book = pd.read_excel(io.BytesIO(to_excel_bytes(frame, "Source")))
    assert book["share"].tolist() == [0.1232, 0.5]
    assert book["people"].tolist() == [1234567, 89] and book["people_float"].tolist() == [1234567, 89]


@pytest.mark.parametrize("right_to_left", [True, False])
def test_excel_sheets_read_right_to_left_for_arabic_and_kurdish(right_to_left):
    import openpyxl

    frame = pd.DataFrame({"البلد": ["ألمانيا"], "n": [1]})
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frame, "المصدر", right_to_left=right_to_left)))
    assert [bool(sheet.sheet_view.rightToLeft) for sheet in book.worksheets] == [right_to_left] * 2
