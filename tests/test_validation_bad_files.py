"""A folder of bad uploads (tests/bad_files, made by make_bad_files.py): each gets its exact message, and the
shared data is unchanged afterwards: the file goes through the one publishing path (publish_checked) into a
store that already holds published versions, and the store's own records (versions, active versions, events)
and the registry's active tables are compared before and after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.registry import Registry
from dashboard.store import Store
from dashboard.validation import MAX_UNKNOWN_SHOWN, MAX_UPLOAD_BYTES, check_upload, problems_table, template
from dashboard.validation.publish import NotPublished, publish_checked

BAD = Path(__file__).resolve().parent / "bad_files"
YEAR = date.today().year
SKILLS_ROW = "Row {row}, column {column}: "
LIMIT_COLUMNS = ("{file} has {count} columns; the limit is 500. Keep only the columns of the table (delete empty or "
                 "unused columns to the right), or export just the table as CSV.")
NOT_FINITE = ("Row {row}, column {column}: “{value}” is not a finite number. Enter the figure itself, or leave the "
              "row out.")
AMBIGUOUS = ("Row {row}, column migrants: “{value}” can be read two ways (is the separator a decimal mark or a "
             "thousands separator?). Write whole numbers without separators (12500) and use “{mark}” only as the "
             "decimal mark.")
UNKNOWN = ("Row {row}, column destination_iso3: “Nowhere {i:05d}” is not a country we recognise (rows with this "
           "value: 1). Use the ISO3 code (for example DEU) or the English or Arabic name.")

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
    # Issue 14: small files that used to exhaust the server, refused by a limit before parsing.
    ("xfd1_a20000.xlsx", "migrant_stock", None, [LIMIT_COLUMNS.format(file="xfd1_a20000.xlsx", count="16,384")]),
    ("columns_100000.csv", "migrant_stock", None, [LIMIT_COLUMNS.format(file="columns_100000.csv", count="100,000")]),
    ("unknown_names_20000.csv", "migrant_stock", None,
     [*(UNKNOWN.format(row=i + 2, i=i) for i in range(MAX_UNKNOWN_SHOWN)),
      "Column destination_iso3: 19,950 more values are not countries we recognise (the first 50 are listed). Fix "
      "those, then check the rest of the column."]),
    # Checks that used to be skipped, and numbers that used to be misread.
    ("skills_empty_languages.csv", "skills", None,
     [NOT_FINITE.format(row=2, column="weight", value="inf"),
      "Row 2, column sex: “robot” is not one of the allowed values: male, female.",
      "Row 2, column age: 999 is outside the allowed range 15–100.",
      "Row 2, column years_abroad: -50 is outside the allowed range 0–90."]),
    ("skills_no_languages.csv", "skills", None,
     ["No column of skills_no_languages.csv is mapped to “languages”, which is required. Columns found: "
      "respondent_id, residence_iso3, sex, age, years_abroad, education, field_of_study, occupation_isco, sector, "
      "interest_mentoring, interest_short_term, interest_return, interest_investment, interest_philanthropy, weight."
      " Choose the matching column in the mapping, or add it to the file."]),
    ("skills_inf_weights.csv", "skills", None,
     [NOT_FINITE.format(row=2, column="weight", value="inf"), NOT_FINITE.format(row=4, column="weight", value="nan"),
      NOT_FINITE.format(row=5, column="weight", value="-inf"),
      "Row 3, column weight: 1e308 is larger than any plausible figure (at most 10,000,000). Check for extra digits "
      "or a total pasted by mistake."]),
    ("decimal_comma_weights.csv", "skills", None,
     ["Row 4, column weight: “1.234” can be read two ways (is the separator a decimal mark or a thousands "
      "separator?). Write whole numbers without separators (12500) and use “,” only as the decimal mark."]),
    ("decimal_comma_counts.csv", "migrant_stock", None,
     [AMBIGUOUS.format(row=4, value="1,2,3", mark=","), AMBIGUOUS.format(row=5, value="1.234", mark=","),
      "Row 2, column migrants: 12,5 is not a whole number. Counts, years and codes must be whole numbers.",
      "Row 3, column migrants: 7,50 is not a whole number. Counts, years and codes must be whole numbers."]),
    ("ambiguous_counts.csv", "migrant_stock", None, [AMBIGUOUS.format(row=2, value="12,5", mark=".")]),
    # Read correctly now (the message quotes the Arabic header), then checked.
    ("arabic_utf16_no_bom.csv", "migrant_stock", None,
     ["Row 2, column العدد: -5 is negative. Counts cannot be below zero."]),
    ("only_quotes.csv", "migrant_stock", None,
     ['Row 1 of only_quotes.csv opens a quotation mark (") that is never closed, so the rest of the file cannot be '
      "split into cells. Remove the stray quote or save the file from Excel again."]),
]


PROVENANCE = {"title": "t", "publisher": "p", "citation": "c", "published_by": "test", "file_sha256": "x"}


@pytest.fixture(scope="module")
def countries():
    return Registry().get("countries").frame


@pytest.fixture
def registry_with_history(tmp_path, countries) -> Registry:
    """A registry whose store already holds one published version of every uploadable dataset."""
    registry = Registry(store=Store(tmp_path / "home"))
    for kind in ("migrant_stock", "refugees", "skills"):
        good = template(kind).to_csv(index=False).encode()
        publish_checked(registry, check_upload(kind, f"{kind}.csv", good, countries), source_file=f"{kind}.csv",
                        **PROVENANCE)
    return registry


def _shared_state(registry: Registry) -> tuple:
    """Everything an upload could change: the store's versions, active versions and events, and the tables."""
    store = registry.store
    tables = {kind: registry.get(kind).frame for kind in ("migrant_stock", "refugees", "skills")}
    return store.active(), {"versions": store.versions(), "events": store.events(), **tables}


def _assert_same(before: tuple, after: tuple) -> None:
    assert after[0] == before[0]
    for name, frame in before[1].items():
        pd.testing.assert_frame_equal(after[1][name], frame)


def _try_to_publish(registry: Registry, kind: str, name: str, data: bytes, countries, sheet=None) -> list[str]:
    """What the Upload tab does: check, then publish through the one path that refuses a file with problems."""
    prepared = check_upload(kind, name, data, countries, sheet=sheet)
    with pytest.raises(NotPublished) as refused:
        publish_checked(registry, prepared, source_file=name, **PROVENANCE)
    assert refused.value.problems == prepared.problems
    return [p.message("en") for p in prepared.problems]


def test_the_folder_holds_at_least_twenty_bad_files():
    assert len([p for p in BAD.iterdir() if p.suffix != ".py"]) >= 20
    assert {name for name, *_ in CASES} == {p.name for p in BAD.iterdir() if p.suffix != ".py"}


@pytest.mark.parametrize(("name", "kind", "sheet", "expected"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_bad_file_gets_its_exact_message_and_changes_nothing(registry_with_history, countries, name, kind, sheet,
                                                             expected):
    before = _shared_state(registry_with_history)
    messages = _try_to_publish(registry_with_history, kind, name, (BAD / name).read_bytes(), countries, sheet)
    assert messages == expected
    _assert_same(before, _shared_state(registry_with_history))


def test_a_good_file_does_change_the_shared_data(registry_with_history, countries):
    """The other half of the check above: the same path and comparison do see a publication."""
    before = _shared_state(registry_with_history)
    good = template("refugees").assign(refugees=[101, 202]).to_csv(index=False).encode()
    publish_checked(registry_with_history, check_upload("refugees", "r.csv", good, countries), source_file="r.csv",
                    **PROVENANCE)
    with pytest.raises(AssertionError):
        _assert_same(before, _shared_state(registry_with_history))


def test_file_over_the_size_limit_is_refused_before_it_is_read(registry_with_history, countries):
    data = b"origin_iso3,destination_iso3,year,sex,migrants\n" + b"IRQ,DEU,2020,total,1\n" * (
        MAX_UPLOAD_BYTES // 21 + 1)
    assert len(data) > MAX_UPLOAD_BYTES
    before = _shared_state(registry_with_history)
    messages = _try_to_publish(registry_with_history, "migrant_stock", "big.csv", data, countries)
    assert messages == [f"big.csv is {len(data) / 2**20:.1f} MB; the limit is 50 MB. Split it (for example by year) "
                        "or remove columns you do not need."]
    _assert_same(before, _shared_state(registry_with_history))


def test_a_problem_table_mixing_rows_and_file_problems_converts_for_display(countries):
    problems = [*check_upload("migrant_stock", "n.csv", (BAD / "negative_counts.csv").read_bytes(),
                              countries).problems,
                *check_upload("migrant_stock", "e.csv", b"", countries).problems]
    table = problems_table(problems, "en")
    assert pa.Table.from_pandas(table).num_rows == 2
    assert table["Row"].tolist() == [3, pd.NA]


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
