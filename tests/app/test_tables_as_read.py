"""Every table on every page, read as its reader sees it: shares as percentages, counts with thousands
separators, years bare, in the chosen language and digits, while the numbers underneath still sort by value.

The walk opens each page in the states that show its tables (every "show table" expander open, every scenario
tab, every skills section, a country's panel, each case study, an upload, a workshop room with packages), so a new
table whose builder forgets the rule fails here.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
from streamlit.elements.lib.utils import user_key_from_element_id
from streamlit.testing.v1 import AppTest

from dashboard import auth, room_store
from dashboard.case_studies import CASES
from dashboard.i18n import t
from dashboard.pages import PAGES, page
from dashboard.registry import Registry
from dashboard.scenario.spec import Scenario
from dashboard.store import open_store
from dashboard.table_cells import YEAR_HEADER_KEYS, ZERO_WIDTH_SPACE
from tests.app.conftest import ENTRYPOINT, reader_text
from ui.scenario_tabs import TABS

TIMEOUT = 120
LANGUAGES = (("en", "western"), ("ar", "arabic"))

_DIGIT = "[0-9\u0660-\u0669]"
#: A cell that is one number, as written: digits with separators, a sign, a percent sign.
NUMBER_CELL = re.compile(rf"[-+\u2212]?{_DIGIT}[0-9\u0660-\u0669,.\u066b\u066c]*\s?[%\u066a]?")
#: A share written as a raw fraction ("0.1232", "٠٫١٢٣٢").
RAW_FRACTION = re.compile(rf"[-\u2212]?[0\u0660][.\u066b]{_DIGIT}{{3,}}")
#: Four or more digits in a row, not grouped ("2313028"); years are allowed under a year header.
UNGROUPED = re.compile(rf"[-\u2212]?{_DIGIT}{{4,}}([.\u066b]{_DIGIT}+)?")
WESTERN = re.compile("[0-9]")


def shown(element) -> pd.DataFrame:
    """The cells of an on-page table as text, as the reader sees them: the display values every table carries
    (ui.widgets.data_table; a static table's are Markdown, read without its escapes and break points); the
    numbers underneath are `element.value`."""
    display = element.proto.arrow_data.styler.display_values
    assert display, "a table shown without its display values (not through ui.widgets.data_table)"
    cells = pa.ipc.open_stream(io.BytesIO(display)).read_pandas()
    cells.columns = element.value.columns
    if element.type == "table":
        cells = cells.map(lambda cell: reader_text(str(cell)).replace(ZERO_WIDTH_SPACE, ""))
    return cells


def _year_header(column: str, lang: str) -> bool:
    return column.casefold() in {"year", *(t(k, lang).casefold() for k in YEAR_HEADER_KEYS)}


def misread_cells(element, lang: str, digits: str) -> list[str]:
    """Cells a reader would misread: raw fractions, ungrouped counts, Western digits where Arabic-Indic digits
    were chosen, numbers left unwritten ("nan", "None")."""
    values, cells = element.value, shown(element)
    found = []
    for column in cells.columns:
        numeric = pd.api.types.is_numeric_dtype(values[column]) and not pd.api.types.is_bool_dtype(values[column])
        for cell in cells[column].astype(str):
            whole_number = NUMBER_CELL.fullmatch(cell.strip())
            if numeric and cell in ("nan", "None", "<NA>", ""):
                found.append(f"{column}: missing number shown as {cell!r}")
            if RAW_FRACTION.fullmatch(cell.strip()) or (numeric and whole_number and "%" not in cell
                                                        and "\u066a" not in cell and RAW_FRACTION.match(cell)):
                found.append(f"{column}: raw fraction {cell!r}")
            if whole_number and UNGROUPED.fullmatch(cell.strip()) and not _year_header(str(column), lang):
                found.append(f"{column}: count without separators {cell!r}")
            if digits == "arabic" and whole_number and WESTERN.search(cell):
                found.append(f"{column}: Western digits {cell!r}")
    return found


def _open_every_table(at: AppTest) -> AppTest:
    """Open every expander whose content runs only while open (ui.widgets.table_when_open)."""
    keys = [user_key_from_element_id(e.proto.id) for e in at.expander if e.proto.id]
    closed = [k for k in keys if k and k.endswith("_open") and not at.session_state[k]]
    for key in closed:
        at.session_state[key] = True
    return at.run() if closed else at


def _open(lang: str, digits: str, page_id: str, **query: str) -> AppTest:
    at = AppTest.from_file(ENTRYPOINT, default_timeout=TIMEOUT)
    for key, value in {"lang": lang, "digits": digits, **query}.items():
        at.query_params[key] = value
    at.run()
    if page_id != PAGES[0].id:
        at.switch_page(page(page_id).file).run()
    return _open_every_table(at)


def _views(lang: str, digits: str, page_id: str):
    """The page in each state that shows tables."""
    if page_id == "map":
        yield _open(lang, digits, "map", map_country="DEU")
        yield _open(lang, digits, "map", map_rev="rev2024")
    elif page_id == "skills":
        at = _open(lang, digits, "skills")
        for section in ("compare", "priority", "finder", "distributions"):
            at.segmented_control(key="skills_section").set_value(section).run()
            yield _open_every_table(at)
    elif page_id == "scenarios":
        at = _open(lang, digits, "scenarios")
        at.toggle(key="scn_on_card").set_value(True).run()
        for tab in TABS:
            at.session_state["scn_tab"] = t(f"scenario.tab_{tab}", lang)
            yield _open_every_table(at.run())
    elif page_id == "case_studies":
        for case in CASES:
            yield _open(lang, digits, "case_studies", case=case)
    elif page_id == "workshop":
        at = _open(lang, digits, "workshop")
        at.text_input(key="room_title").set_value("Day 2")
        at = next(b for b in at.button if b.label == t("rooms.open_button", lang)).click().run()
        code = at.query_params["room"]
        code = code[0] if isinstance(code, list) else code
        for group, levers in (("Labour", {"card": None}), ("Health", {"convention": 2000})):
            room_store.submit(open_store(), code, group, Scenario(levers=levers), "why", None)
        yield _open_every_table(at.run())
    elif page_id == "data":
        at = _open(lang, digits, "data")
        frame = Registry().get("migrant_stock").frame
        doubled = frame.assign(migrants=frame["migrants"] * 2).to_csv(index=False).encode("utf-8")
        at.file_uploader(key="upload_file").set_value(("doubled.csv", doubled, "text/csv"))
        yield _open_every_table(at.run())
    else:
        yield _open(lang, digits, page_id)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty data directory (uploads and rooms), so the walk changes nothing outside the test."""
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(auth.OLD_SETTING, raising=False)
    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    st.cache_resource.clear()
    yield tmp_path / "home"
    st.cache_resource.clear()


@pytest.mark.parametrize("lang,digits", LANGUAGES)
@pytest.mark.parametrize("page_id", ["overview", "map", "skills", "scenarios", "workshop", "case_studies",
                                     "methodology", "data"])
def test_every_table_on_the_page_writes_its_numbers_for_the_reader(page_id, lang, digits, home):
    tables = 0
    for at in _views(lang, digits, page_id):
        assert not at.exception, [e.message for e in at.exception]
        for element in [*at.dataframe, *at.table]:
            tables += 1
            assert misread_cells(element, lang, digits) == [], (page_id, list(element.value.columns))
    assert tables, f"no table found on {page_id}: the walk no longer reaches them"


@pytest.mark.parametrize("lang,digits,people,share", [("en", "western", "256,028", "12.3%"),
                                                      ("ar", "arabic", "٢٥٦٬٠٢٨", "١٢٫٣٪")])
def test_the_overview_table_shows_the_united_states_as_a_reader_writes_it(lang, digits, people, share, home):
    at = _open(lang, digits, "overview")
    table = next(e for e in at.dataframe if t("chart.share", lang) in e.value.columns)
    first = shown(table).iloc[0]
    assert (first[t("chart.migrants", lang)], first[t("chart.share", lang)]) == (people, share)
    # the numbers themselves stay underneath, so the grid sorts the column by value, not as text
    values = table.value
    assert values[t("chart.migrants", lang)].iloc[0] == 256_028
    assert round(values[t("chart.share", lang)].iloc[0], 4) == 0.1232


def test_the_rev2024_table_writes_counts_shares_and_the_not_estimated_row(home):
    at = _open("en", "western", "map", map_rev="rev2024")
    table = next(e for e in at.dataframe if t("map.col.note", "en") in e.value.columns)
    cells = shown(table).set_index(t("map.col.iso3", "en"))
    assert cells.loc["TUR", t("chart.migrants", "en")] == "403,670"
    assert cells.loc["TUR", t("map.col.share_pct", "en")] == "17.4%"
    assert cells.loc["FRA", t("chart.migrants", "en")] == "–"   # not estimated: a dash, never 0 or "nan"
