"""A folder of bad uploads (tests/bad_files, made by make_bad_files.py): each gets its exact message, and the
shared data is unchanged afterwards (nothing is published, the store is not even created)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.registry import PublishRequest, Registry
from dashboard.store import Store
from dashboard.validation import MAX_UPLOAD_BYTES, check_upload

BAD = Path(__file__).resolve().parent / "bad_files"
YEAR = date.today().year

CASES = [
    ("empty.csv", "migrant_stock", None, ["empty.csv is empty. Choose the file that holds your table."]),
    ("header_only.csv", "migrant_stock", None,
     ["header_only.csv has a header row but no data rows. Add your data below the header."]),
    ("missing_column.csv", "migrant_stock", None,
     ["No column of missing_column.csv is mapped to “migrants”, which is required. Columns found: origin_iso3, "
      "destination_iso3, year, sex. Choose the matching column in the mapping, or add it to the file."]),
    ("text_in_number.csv", "migrant_stock", None,
     ["Row 3, column migrants: “about 500” is not a number. Use digits only, for example 1250."]),
    ("negative_counts.csv", "migrant_stock", None,
     ["Row 3, column migrants: -40 is negative. Counts cannot be below zero."]),
    ("unknown_country.csv", "migrant_stock", None,
     ["Row 2, column destination_iso3: “Germny” is not a country we recognise (rows with this value: 2). "
      "Did you mean: Germany (DEU)? Use the ISO3 code (for example DEU) or the English or Arabic name."]),
    ("unknown_country_no_suggestion.csv", "migrant_stock", None,
     ["Row 2, column destination_iso3: “Atlantis” is not a country we recognise (rows with this value: 1). "
      "Use the ISO3 code (for example DEU) or the English or Arabic name."]),
    ("duplicate_rows.csv", "migrant_stock", None,
     ["Row 4 repeats row 2 (same origin_iso3, destination_iso3, year, sex). Keep only one of them."]),
    ("huge_numbers.csv", "migrant_stock", None,
     ["Row 2, column migrants: 99999999999999999999999 is larger than any plausible figure (at most 100,000,000)."
      " Check for extra digits or a total pasted by mistake."]),
    ("implausible_count.csv", "migrant_stock", None,
     ["Row 2, column migrants: 250000000 is larger than any plausible figure (at most 100,000,000). Check for "
      "extra digits or a total pasted by mistake."]),
    ("formula_cells.csv", "migrant_stock", None,
     ["Row 2, column migrants: “=SUM(E2:E9)” is a spreadsheet formula. Paste values only (Paste Special › "
      "Values) and save again."]),
    ("formula_cells.xlsx", "migrant_stock", None,
     ["Row 3, column migrants: “=E2*2” is a spreadsheet formula. Paste values only (Paste Special › Values) and "
      "save again."]),
    ("html_in_name.csv", "migrant_stock", None,
     ["Row 2, column destination_iso3: “<script>alert(1)</script>” contains HTML or script markup, which is not "
      "allowed. Remove the tags between < and >."]),
    ("unknown_year.csv", "migrant_stock", None,
     [f"Row 2, column year: 1850 is not a year between 1950 and {YEAR}."]),
    ("not_whole.csv", "migrant_stock", None,
     ["Row 2, column migrants: 12.5 is not a whole number. Counts, years and codes must be whole numbers."]),
    ("missing_value.csv", "migrant_stock", None,
     ["Row 2, column migrants: the cell is empty. Fill it in or delete the row."]),
    ("sex_sum_mismatch.csv", "migrant_stock", None,
     ["Row 2, column migrants: male 60 + female 50 = 110, but the total is 100. Correct the figures so that they "
      "add up."]),
    ("unknown_sex.csv", "migrant_stock", None,
     ["Row 2, column sex: “other” is not one of the allowed values: total, male, female."]),
    ("ragged_rows.csv", "migrant_stock", None,
     ["Row 3 has more cells than the header row. A separator inside a value (for example a comma in a name) must "
      "be in quotes; save the file from Excel again."]),
    ("duplicate_header.csv", "migrant_stock", None,
     ["Two columns are both called “migrants”. Rename one so that every header is different."]),
    ("refugees_wide.csv", "refugees", None,
     ["One column per year is accepted for migrant stock only. Put the table of refugees_wide.csv in the long "
      "layout of the template (one row per country and year)."]),
    ("skills_zero_weight.csv", "skills", None, ["Row 2, column weight: 0 must be greater than zero."]),
    ("skills_bad_category.csv", "skills", None,
     ["Row 2, column education: “PhD” is not one of the allowed values: primary_or_less, secondary, "
      "post_secondary_vocational, bachelor, master, doctorate.",
      "Row 2, column interest_return: 2 must be 1 (yes) or 0 (no)."]),
    ("wrong_encoding.csv", "migrant_stock", None,
     ["wrong_encoding.csv is not text in UTF-8, UTF-16 or Windows-1256 (Arabic). In Excel choose Save As › "
      "CSV UTF-8 and upload that file."]),
    ("image_renamed.csv", "migrant_stock", None,
     ["image_renamed.csv is not text in UTF-8, UTF-16 or Windows-1256 (Arabic). In Excel choose Save As › "
      "CSV UTF-8 and upload that file."]),
    ("old_excel.xls", "migrant_stock", None,
     ["old_excel.xls is an old Excel 97–2003 workbook (.xls). Open it in Excel, save it as .xlsx or as CSV UTF-8,"
      " and upload it again."]),
    ("not_a_workbook.xlsx", "migrant_stock", None,
     ["not_a_workbook.xlsx is not a valid Excel workbook (damaged, protected or renamed). Open it in Excel and "
      "save it again as .xlsx, or export it as CSV."]),
    ("notes.json", "migrant_stock", None,
     ["notes.json is not a CSV, TSV, TXT or Excel (.xlsx) file. Save your table in one of these formats and "
      "upload it again."]),
    ("zip_bomb.xlsx", "migrant_stock", None,
     ['zip_bomb.xlsx would expand to far more data than any real workbook (a compressed "zip bomb"), so it was '
      "not opened. Export the sheet you need as CSV and upload that."]),
    ("wrong_sheet.xlsx", "migrant_stock", None,
     [f"No column of wrong_sheet.xlsx is mapped to “{field}”, which is required. Columns found: About this file. "
      "Choose the matching column in the mapping, or add it to the file. This workbook has the sheets Notes, Data:"
      " is the table on another sheet?" for field in ("destination_iso3", "year", "migrants")]),
    ("wrong_sheet.xlsx", "migrant_stock", "Summary",
     ["wrong_sheet.xlsx has no sheet named “Summary”. Its sheets are: Notes, Data."]),
    ("empty_sheet.xlsx", "migrant_stock", None,
     ["Sheet “Empty” of empty_sheet.xlsx is empty. Choose the sheet that holds your table (sheets: Empty, Data)."]),
]


@pytest.fixture
def isolated_registry(tmp_path) -> Registry:
    return Registry(store=Store(tmp_path / "home"))


@pytest.fixture(scope="module")
def countries():
    return Registry().get("countries").frame


def _publish_if_valid(registry: Registry, kind: str, name: str, data: bytes, countries, sheet=None) -> list[str]:
    """What the Upload tab does: check, and publish only a file without problems."""
    prepared = check_upload(kind, name, data, countries, sheet=sheet)
    if prepared.ok:
        registry.publish(PublishRequest(dataset_id=kind, frame=prepared.frame, title="t", publisher="p",
                                        citation="c", published_by="test", source_file=name, file_sha256="x"))
    return [p.message("en") for p in prepared.problems]


def test_the_folder_holds_at_least_twenty_bad_files():
    assert len([p for p in BAD.iterdir() if p.suffix != ".py"]) >= 20
    assert {name for name, *_ in CASES} == {p.name for p in BAD.iterdir() if p.suffix != ".py"}


@pytest.mark.parametrize(("name", "kind", "sheet", "expected"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_bad_file_gets_its_exact_message_and_changes_nothing(isolated_registry, countries, name, kind, sheet,
                                                             expected):
    before = isolated_registry.get(kind)
    messages = _publish_if_valid(isolated_registry, kind, name, (BAD / name).read_bytes(), countries, sheet)
    assert messages == expected
    after = isolated_registry.get(kind)
    assert after.meta == before.meta
    assert after.frame.equals(before.frame)
    assert not isolated_registry.store.exists()


def test_file_over_the_size_limit_is_refused_before_it_is_read(isolated_registry, countries):
    data = b"origin_iso3,destination_iso3,year,sex,migrants\n" + b"IRQ,DEU,2020,total,1\n" * (
        MAX_UPLOAD_BYTES // 21 + 1)
    assert len(data) > MAX_UPLOAD_BYTES
    before = isolated_registry.get("migrant_stock")
    messages = _publish_if_valid(isolated_registry, "migrant_stock", "big.csv", data, countries)
    assert messages == [f"big.csv is {len(data) / 2**20:.1f} MB; the limit is 50 MB. Split it (for example by year) "
                        "or remove columns you do not need."]
    assert isolated_registry.get("migrant_stock").frame.equals(before.frame)


def test_many_bad_rows_are_listed_up_to_a_cap_and_summarised(countries):
    body = "origin_iso3,destination_iso3,year,sex,migrants\n" + "".join(
        f"IRQ,DEU,{1950 + i % 70},total,-{i + 1}\n" if i < 70 else f"IRQ,SWE,{1950 + i - 70},total,-{i + 1}\n"
        for i in range(120))
    messages = [p.message() for p in check_upload("migrant_stock", "many.csv", body.encode(), countries).problems]
    assert len(messages) == 51
    assert messages[0] == "Row 2, column migrants: -1 is negative. Counts cannot be below zero."
    assert messages[-1] == ("Column migrants: 70 more rows have the same kind of problem. Fix the rows listed, then "
                            "check the rest of the column.")


def test_messages_are_translated_into_arabic(countries):
    prepared = check_upload("migrant_stock", "negative_counts.csv", (BAD / "negative_counts.csv").read_bytes(),
                            countries)
    assert prepared.problems[0].message("ar") == (
        "الصف 3، العمود migrants: -40 قيمة سالبة. لا يمكن أن يقل العدد عن الصفر.")
