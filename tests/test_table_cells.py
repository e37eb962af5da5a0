"""The one rule for numbers in on-page tables (dashboard.table_cells), and that every table goes through it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dashboard.i18n import t
from dashboard.paths import REPO_ROOT
from dashboard.table_cells import cell_text, column_kind, column_kinds, declare_kinds


@pytest.mark.parametrize("value,kind,digits,shown", [
    (0.294, "share", "western", "29.4%"),
    (0.294, "share", "arabic", "٢٩٫٤٪"),
    (0.0025, "share", "western", "0.25%"),
    (2_313_028, "count", "western", "2,313,028"),
    (2_313_028, "count", "arabic", "٢٬٣١٣٬٠٢٨"),
    (2020, "year", "western", "2020"),
    (2020, "year", "arabic", "٢٠٢٠"),
    ("2008–2012", "year", "arabic", "٢٠٠٨–٢٠١٢"),
    (12.3, "percent_points", "western", "12.3%"),
    (55_194, "modelled", "western", "55,000"),
    (1.44e9, "modelled_usd", "western", "USD 1,400 M"),
    (float("nan"), "count", "western", "–"),
    (pd.NA, "share", "arabic", "–"),
    ("all", "year", "western", "all"),
])
def test_each_kind_of_number_is_written_for_the_reader(value, kind, digits, shown):
    assert cell_text(value, kind, "en", digits) == shown


def test_money_says_its_currency_in_arabic_too():
    assert cell_text(1.44e9, "modelled_usd", "ar", "arabic") == "١٬٤٠٠ مليون دولار أمريكي"


def test_kinds_follow_from_values_and_the_year_header():
    assert column_kind("Iraqi-born people", pd.Series([256_028, 1_000]), "en") == "count"
    assert column_kind("Share", pd.Series([0.1232, 0.05]), "en") == "share"
    assert column_kind(t("chart.year", "ar"), pd.Series([1990, 2020]), "ar") == "year"
    assert column_kind(t("chart.year", "en"), pd.Series(["1990", "all"]), "en") == "year"
    assert column_kind("Change", pd.Series([1990, "all"], dtype=object), "en") == "count"
    assert column_kind("Active", pd.Series([True, False]), "en") == "text"
    assert column_kind("GDP", pd.Series([1.42, 12.5]), "en") == "number"
    assert column_kind("Country", pd.Series(["Iraq", None]), "en") == "text"


def test_a_declared_kind_wins_over_the_guess():
    frame = declare_kinds(pd.DataFrame({"P50": [0.5, 0.75], "n": [1, 2]}), {"P50": "modelled"})
    assert column_kinds(frame, "en") == {"P50": "modelled", "n": "count"}
    assert column_kinds(frame.copy(), "en")["P50"] == "modelled"   # declarations travel with copies


def test_number_columns_keep_their_decimals_column_wide():
    from dashboard.table_cells import cell_formatters

    writers = cell_formatters(pd.DataFrame({"GDP": [1.42, 12.5, np.nan]}), "en", "western")
    assert [writers["GDP"](v) for v in (1.42, 12.5)] == ["1.4", "12.5"]


def test_every_table_on_a_page_goes_through_the_one_rule():
    """A grid drawn anywhere but ui.widgets.data_table would show its numbers raw."""
    grid = re.compile(r"\bst\.(dataframe|data_editor|table)\(")
    files = [REPO_ROOT / "streamlit_app.py", *(REPO_ROOT / "pages").rglob("*.py"), *(REPO_ROOT / "ui").rglob("*.py")]
    offenders = [str(path.relative_to(REPO_ROOT)) for path in files
                 if grid.search(path.read_text(encoding="utf-8")) and path.name != "widgets.py"]
    assert offenders == []
    assert len(grid.findall((REPO_ROOT / "ui" / "widgets.py").read_text(encoding="utf-8"))) == 3   # data_table's


def test_the_parameter_table_read_on_the_page_folds_links_into_the_source_and_the_file_keeps_them():
    from dashboard.scenario.params import PARAMETERS
    from dashboard.scenario.tables import parameter_table, parameter_table_for_reading

    full = parameter_table("en", "western")
    read = parameter_table_for_reading(full, "en")
    assert list(full["Identifier"]) == list(PARAMETERS) and "Links" in full.columns   # the download
    assert "Identifier" not in read.columns and "Links" not in read.columns and len(read) == len(full)
    fee = read.set_index("Parameter").loc[t("scenario.param.network_fee_per_job", "en"), "Source and reasoning"]
    assert "€2M for 527 verified jobs" in fee and "https://" in fee


def test_long_words_get_break_points_and_numbers_stay_whole():
    from dashboard.table_cells import ZERO_WIDTH_SPACE, breakable

    assert breakable("2,313,028 0.50% 1,000–20,000") == "2,313,028 0.50% 1,000–20,000"
    link = breakable("https://docslib.org/doc/5133404/")
    assert link.replace(ZERO_WIDTH_SPACE, "") == "https://docslib.org/doc/5133404/"
    assert max(len(part) for part in link.split(ZERO_WIDTH_SPACE)) <= 16
