"""Downloads carry the rows shown, the source line, and no live spreadsheet formulas."""

import io

import pandas as pd

from dashboard.exports import to_csv_bytes, to_excel_bytes


def test_csv_has_rows_and_source_and_neutralised_formulas():
    frame = pd.DataFrame({"country": ["=HYPERLINK(\"x\")", "Germany"], "migrants": [5, -3]})
    text = to_csv_bytes(frame, "Source: UN DESA").decode("utf-8-sig")
    assert text.splitlines() == ["country,migrants", '"\'=HYPERLINK(""x"")",5', "Germany,-3", "", "Source: UN DESA"]


def test_excel_has_table_and_source_sheet():
    frame = pd.DataFrame({"country": ["@SUM(A1)", "Iraq"], "migrants": [1, 2]})
    book = pd.read_excel(io.BytesIO(to_excel_bytes(frame, "Source: UNHCR")), sheet_name=None)
    assert book["data"]["country"].tolist() == ["'@SUM(A1)", "Iraq"]
    assert book["data"]["migrants"].tolist() == [1, 2]
    assert book["source"]["source"].tolist() == ["Source: UNHCR"]
