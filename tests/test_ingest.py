"""Reading analysts' real files: encodings, separators, layouts, workbooks, column names and country names."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from dashboard.registry import Registry
from dashboard.validation import CountryResolver, check_upload, detect_layout, suggest_mapping
from dashboard.validation.read import read_upload, sniff_separator

EXPECTED = pd.DataFrame({"origin_iso3": ["IRQ", "IRQ", "IRQ", "IRQ"],
                         "destination_iso3": ["DEU", "DEU", "SWE", "SWE"], "year": [2015, 2020, 2015, 2020],
                         "sex": ["total"] * 4, "migrants": [150, 226480, 90, 1310]})


@pytest.fixture(scope="module")
def countries():
    return Registry().get("countries").frame


def _check(name: str, data: bytes, countries, **kwargs) -> pd.DataFrame:
    prepared = check_upload("migrant_stock", name, data, countries, **kwargs)
    assert prepared.problems == [], [p.message() for p in prepared.problems]
    return prepared.frame


ARABIC_LONG = "البلد,السنة,العدد\nألمانيا,2015,150\nألمانيا,2020,\"226,480\"\nالسويد,2015,90\nالسّويد,2020,1310\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_arabic_headers_and_names_in_every_accepted_encoding(countries, encoding):
    frame = _check("stock.csv", ARABIC_LONG.encode(encoding), countries)
    pd.testing.assert_frame_equal(frame, EXPECTED.astype(frame.dtypes.to_dict()))


@pytest.mark.parametrize(("separator", "name"), [(";", "stock.csv"), ("\t", "stock.tsv"), (",", "stock.txt")])
def test_semicolon_tab_and_comma_separators(countries, separator, name):
    body = "\n".join(separator.join(row) for row in [
        ["Country", "Year", "Sex", "Migrants"], ["DE", "2015", "Both sexes", "150"], ["Germany", "2020", "T", "226480"],
        ["SE", "2015", "total", "90"], ["Sweden", "2020", "total", "1 310"]]) + "\n"
    assert sniff_separator(body) == separator
    pd.testing.assert_frame_equal(_check(name, body.encode(), countries), EXPECTED.astype({"sex": "string"}),
                                  check_dtype=False)


def test_wide_table_with_one_column_per_year(countries):
    body = "destination,1990,2015,2020\nDEU,,150,226480\nSWE,,90,1310\n"
    assert detect_layout(["destination", "1990", "2015", "2020"]) == "wide"
    frame = _check("wide.csv", body.encode(), countries)
    pd.testing.assert_frame_equal(frame, EXPECTED, check_dtype=False)


def test_wide_table_problem_names_the_year_column(countries):
    body = "destination,2015,2020\nDEU,150,lots\n"
    prepared = check_upload("migrant_stock", "wide.csv", body.encode(), countries)
    assert [p.message() for p in prepared.problems] == [
        "Row 2, column 2020: “lots” is not a number. Use digits only, for example 1250."]


def test_chosen_sheet_of_a_workbook(countries):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Prepared by the ministry"])
    data_sheet = book.create_sheet("Data")
    data_sheet.append(["destination_iso3", "year", "migrants"])
    for row in EXPECTED.itertuples():
        data_sheet.append([row.destination_iso3, row.year, row.migrants])
    buffer = io.BytesIO()
    book.save(buffer)
    frame = _check("stock.xlsx", buffer.getvalue(), countries, sheet="Data")
    pd.testing.assert_frame_equal(frame, EXPECTED, check_dtype=False)
    raw = read_upload("stock.xlsx", buffer.getvalue(), "Data")
    assert (raw.sheet, raw.sheets, raw.encoding) == ("Data", ("Notes", "Data"), "xlsx")


def test_row_numbers_count_blank_lines_like_a_spreadsheet(countries):
    body = "destination_iso3,year,migrants\nDEU,2015,150\n\nSWE,2015,x\n"
    prepared = check_upload("migrant_stock", "gaps.csv", body.encode(), countries)
    assert [p.row for p in prepared.problems] == [4]


def test_mapping_is_detected_from_english_and_arabic_names():
    assert suggest_mapping("migrant_stock", ["Country of origin", "destination", "Year", "Gender", "Value"]) == {
        "origin_iso3": "Country of origin", "destination_iso3": "destination", "year": "Year", "sex": "Gender",
        "migrants": "Value"}
    assert suggest_mapping("refugees", ["بلد اللجوء", "السنة", "اللاجئون", "طالبو اللجوء"]) == {
        "origin_iso3": None, "asylum_iso3": "بلد اللجوء", "year": "السنة", "refugees": "اللاجئون",
        "asylum_seekers": "طالبو اللجوء"}
    assert suggest_mapping("migrant_stock", ["البلد", "2019", "2020"])["destination_iso3"] == "البلد"


@pytest.mark.parametrize(("value", "iso3"), [
    ("DEU", "DEU"), ("de", "DEU"), ("Germany", "DEU"), ("ألمانيا", "DEU"), ("United States of America", "USA"),
    ("Iran (Islamic Republic of)", "IRN"), ("المملكة المتّحدة", "GBR"), ("Türkiye", "TUR"), ("the Netherlands", "NLD"),
    ("السويد", "SWE"), ("Côte d'Ivoire", "CIV")])
def test_countries_resolve_from_codes_and_names(countries, value, iso3):
    assert CountryResolver(countries).resolve(value) == iso3


def test_unresolved_names_are_listed_with_suggestions_not_dropped(countries):
    body = "destination_iso3,year,migrants\nSweeden,2015,1\nSweeden,2020,2\nDEU,2020,3\n"
    prepared = check_upload("migrant_stock", "typo.csv", body.encode(), countries)
    assert prepared.frame is None
    assert prepared.unresolved.to_dict("records") == [
        {"column": "destination_iso3", "value": "Sweeden", "rows": 2, "first_row": 2, "suggestions": "Sweden (SWE)",
         "codes": "SWE"}]


def test_bundled_files_pass_their_own_checks_unchanged(countries):
    registry = Registry()
    for kind, name in (("migrant_stock", "migrant_stock_rev2020.csv"), ("refugees", "refugees_unhcr.csv"),
                       ("skills", "skills_sample.csv")):
        prepared = check_upload(kind, name, (registry.data_dir / name).read_bytes(), countries)
        assert prepared.ok, [p.message() for p in prepared.problems[:3]]
        bundled = registry.get(kind).frame
        pd.testing.assert_frame_equal(
            prepared.frame, bundled.sort_values(list(bundled.columns[:4]) if kind != "skills" else ["respondent_id"],
                                                kind="stable").reset_index(drop=True), check_like=False)
