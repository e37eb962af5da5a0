"""Write the bad upload fixtures in this folder (run by hand; the files are committed).

Usage: .venv/bin/python tests/bad_files/make_bad_files.py
Each file is one way an analyst's upload goes wrong; tests/test_validation_bad_files.py asserts the exact
message each one gets and that the shared data is unchanged afterwards.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADER = "origin_iso3,destination_iso3,year,sex,migrants\n"
SKILLS = ("respondent_id,residence_iso3,sex,age,years_abroad,education,field_of_study,occupation_isco,sector,"
          "languages,interest_mentoring,interest_short_term,interest_return,interest_investment,"
          "interest_philanthropy,weight\n")
UNKNOWN_NAMES = 20_000


def text(name: str, body: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(body.encode(encoding))


def workbook(name: str, sheets: dict[str, list[list[object]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(HERE / name)


def main() -> None:
    good = [["origin_iso3", "destination_iso3", "year", "sex", "migrants"], ["IRQ", "DEU", 2020, "total", 100]]
    text("empty.csv", "")
    text("header_only.csv", HEADER)
    text("missing_column.csv", "origin_iso3,destination_iso3,year,sex\nIRQ,DEU,2020,total\n")
    text("text_in_number.csv", HEADER + "IRQ,DEU,2020,total,100\nIRQ,SWE,2020,total,about 500\n")
    text("negative_counts.csv", HEADER + "IRQ,DEU,2020,total,100\nIRQ,SWE,2020,total,-40\n")
    text("unknown_country.csv", HEADER + "IRQ,Germny,2020,total,100\nIRQ,Germny,2015,total,90\nIRQ,SWE,2020,total,5\n")
    text("unknown_country_no_suggestion.csv", HEADER + "IRQ,Atlantis,2020,total,100\n")
    text("duplicate_rows.csv", HEADER + "IRQ,DEU,2020,total,100\nIRQ,SWE,2020,total,5\nIRQ,DEU,2020,total,100\n")
    text("huge_numbers.csv", HEADER + "IRQ,DEU,2020,total,99999999999999999999999\n")
    text("implausible_count.csv", HEADER + "IRQ,DEU,2020,total,250000000\n")
    text("formula_cells.csv", HEADER + 'IRQ,DEU,2020,total,"=SUM(E2:E9)"\n')
    text("html_in_name.csv", HEADER + "IRQ,<script>alert(1)</script>,2020,total,100\n")
    text("unknown_year.csv", HEADER + "IRQ,DEU,1850,total,100\n")
    text("not_whole.csv", HEADER + "IRQ,DEU,2020,total,12.5\n")
    text("missing_value.csv", HEADER + "IRQ,DEU,2020,total,\n")
    text("sex_sum_mismatch.csv", HEADER + "IRQ,DEU,2020,total,100\nIRQ,DEU,2020,male,60\nIRQ,DEU,2020,female,50\n")
    text("unknown_sex.csv", HEADER + "IRQ,DEU,2020,other,100\n")
    text("ragged_rows.csv", HEADER + "IRQ,DEU,2020,total,100\nIRQ,United Kingdom, the,2020,total,5\n")
    text("duplicate_header.csv", "destination_iso3,year,migrants,migrants\nDEU,2020,1,2\n")
    text("refugees_wide.csv", "asylum_iso3,2019,2020\nDEU,10,20\n")
    text("skills_zero_weight.csv",
         "respondent_id,residence_iso3,sex,age,years_abroad,education,field_of_study,occupation_isco,sector,"
         "languages,interest_mentoring,interest_short_term,interest_return,interest_investment,"
         "interest_philanthropy,weight\nR1,SWE,female,35,10,master,health,2,health,ar;en,1,0,0,0,1,0\n")
    text("skills_bad_category.csv",
         "respondent_id,residence_iso3,sex,age,years_abroad,education,field_of_study,occupation_isco,sector,"
         "languages,interest_mentoring,interest_short_term,interest_return,interest_investment,"
         "interest_philanthropy,weight\nR1,SWE,female,35,10,PhD,health,2,health,ar;en,1,0,2,0,1,1\n")
    # UTF-32 is none of the encodings accepted: it reads as text full of NUL characters.
    text("wrong_encoding.csv", HEADER + "IRQ,DEU,2020,total,100\n", encoding="utf-32")
    (HERE / "image_renamed.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (HERE / "old_excel.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    text("not_a_workbook.xlsx", HEADER + "IRQ,DEU,2020,total,100\n")
    text("notes.json", '{"migrants": 100}\n')
    workbook("wrong_sheet.xlsx", {"Notes": [["About this file"], ["Figures are on the sheet Data"]], "Data": good})
    workbook("formula_cells.xlsx", {"Data": [*good, ["IRQ", "SWE", 2020, "total", "=E2*2"]]})
    workbook("empty_sheet.xlsx", {"Empty": [], "Data": good})
    # A "zip bomb": 60 MB of zeros that compress to ~60 kB, posing as a worksheet.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    (HERE / "zip_bomb.xlsx").write_bytes(buffer.getvalue())
    hostile()
    numbers_and_encodings()


def hostile() -> None:
    """Small files that used to take the server down (issue 14): each is refused by a limit before parsing."""
    # 5 kB: a header cell at XFD1 and one value at A20000; openpyxl declares the sheet as A1:XFD20000.
    book = Workbook()
    book.active["XFD1"] = "x"
    book.active["A20000"] = 1
    book.save(HERE / "xfd1_a20000.xlsx")
    # 100,000 columns in one header row (~890 kB).
    text("columns_100000.csv", ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n")
    # 20,000 distinct country names that are no country (~400 kB).
    text("unknown_names_20000.csv", HEADER + "".join(f"IRQ,Nowhere {i:05d},2020,total,{i}\n"
                                                     for i in range(UNKNOWN_NAMES)))


def numbers_and_encodings() -> None:
    """Numbers as people write them, and text files that used to get the wrong message."""
    # An empty `languages` cell no longer skips the row's checks; the other cells are wrong.
    text("skills_empty_languages.csv", SKILLS + "R1,SWE,robot,999,-50,master,health,2,health,,1,0,0,0,1,inf\n")
    text("skills_no_languages.csv", SKILLS.replace("languages,", "") + "R1,SWE,female,35,10,master,health,2,health,"
         "1,0,0,0,1,1\n")
    text("skills_inf_weights.csv", SKILLS + "".join(f"R{i},SWE,female,35,10,master,health,2,health,ar,1,0,0,0,1,{w}\n"
                                                    for i, w in enumerate(["inf", "1e308", "nan", "-inf"], 1)))
    # A semicolon file: decimal commas. "0,5" is a fine weight; "1.234" could be 1234 or 1.234.
    text("decimal_comma_weights.csv", SKILLS.replace(",", ";") + "".join(
        f"R{i};SWE;female;35;10;master;health;2;health;ar;1;0;0;0;1;{w}\n"
        for i, w in enumerate(["0,5", "1,5", "1.234"], 1)))
    text("decimal_comma_counts.csv", HEADER.replace(",", ";") + "IRQ;DEU;2020;total;12,5\nIRQ;SWE;2020;total;7,50\n"
         "IRQ;NLD;2020;total;1,2,3\nIRQ;AUT;2020;total;1.234\n")
    text("ambiguous_counts.csv", HEADER + 'IRQ,DEU,2020,total,"12,5"\nIRQ,SWE,2020,total,"1,234"\n')
    # A short Arabic table saved as UTF-16 without a byte-order mark: read, then checked (-5 is negative).
    text("arabic_utf16_no_bom.csv", "البلد,السنة,العدد\nألمانيا,2020,-5\n", encoding="utf-16-le")
    text("only_quotes.csv", '"""""""\n')


if __name__ == "__main__":
    main()
