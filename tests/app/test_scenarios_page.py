"""The Policy scenarios page as a facilitator uses it: presets, packages, files, links and bad input."""

from __future__ import annotations

import json

import pytest

from dashboard.i18n import t
from dashboard.scenario.presets import PRESETS
from dashboard.scenario.spec import Scenario, to_json, to_url
from tests.app.conftest import plotly_figures, reader_text

PAGE = "scenarios"
TIMEOUT = 90


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def open_tab(at, name: str):
    """Open one of the page's tabs (only the open tab is built), as a click on it does."""
    at.session_state["scn_tab"] = t(f"scenario.tab_{name}", "en")
    return at.run()


def load_case(at, case: str):
    at.selectbox(key="scn_case").set_value(case).run()
    next(b for b in at.button if b.label.startswith("Load into package")).click().run()
    return at


def test_baseline_is_shown_with_the_statement_and_no_cost(open_page):
    at = open_page(PAGE, timeout=TIMEOUT)
    assert not at.exception
    shown = metrics(at)
    assert shown["Programme cost, whole horizon (USD)"] == "0"
    assert shown["Cost per added engagement (USD)"] == "–"
    assert any("not forecasts" in w.value for w in at.warning)
    names = [trace.get("name") for fig in plotly_figures(at) for trace in fig["data"]]
    assert "Baseline (no new policy)" in names


@pytest.mark.parametrize("case", sorted(PRESETS))
def test_loading_a_case_study_preset_changes_the_outcomes(open_page, case):
    at = open_page(PAGE, timeout=TIMEOUT)
    before = metrics(at)
    load_case(at, case)
    assert not at.exception
    after = metrics(at)
    assert after["Programme cost, whole horizon (USD)"] != "0"
    assert after != before
    for lever in PRESETS[case]:
        assert at.toggle(key=f"scn_on_{lever}").value


def test_case_studies_button_opens_the_scenario_page_with_its_package(open_page):
    at = open_page("case_studies", timeout=TIMEOUT, case="ireland")
    at.button(key="case_load_ireland").click().run()
    assert not at.exception
    assert at.toggle(key="scn_on_network").value and at.toggle(key="scn_on_protection").value
    assert metrics(at)["Programme cost, whole horizon (USD)"] != "0"


def _configure(at):
    at.toggle(key="scn_on_talent").set_value(True).run()
    at.toggle(key="scn_on_card").set_value(True).run()
    at.select_slider(key="scn_size_talent").set_value(400.0).run()
    at.select_slider(key="scn_security").set_value(30).run()
    return at


def test_a_scenario_saved_to_json_and_loaded_back_gives_the_same_numbers(open_page):
    at = _configure(open_page(PAGE, timeout=TIMEOUT))
    shown = metrics(at)
    saved = to_json(Scenario.model_validate_json(at.session_state["_scn_packages"]["A"]))
    assert json.loads(saved)["levers"] == {"card": None, "talent": 400.0}

    fresh = open_page(PAGE, timeout=TIMEOUT)
    assert metrics(fresh) != shown
    open_tab(fresh, "save")
    fresh.file_uploader(key="scn_upload").set_value(("mine.json", saved.encode(), "application/json")).run()
    assert not fresh.exception and not fresh.error
    assert metrics(fresh) == shown
    assert fresh.select_slider(key="scn_security").value == 30


def test_a_scenario_reopened_from_its_url_gives_the_same_numbers(open_page):
    at = _configure(open_page(PAGE, timeout=TIMEOUT))
    shown = metrics(at)
    link = at.query_params["scn"]
    link = link[0] if isinstance(link, list) else link
    assert link == to_url(Scenario.model_validate_json(at.session_state["_scn_packages"]["A"]))

    reopened = open_page(PAGE, timeout=TIMEOUT, scn=link)
    assert not reopened.exception and not reopened.error
    assert metrics(reopened) == shown
    assert reopened.toggle(key="scn_on_talent").value and reopened.select_slider(key="scn_size_talent").value == 400


def test_a_bad_file_names_the_field_and_range_and_changes_nothing(open_page):
    at = _configure(open_page(PAGE, timeout=TIMEOUT))
    shown = metrics(at)
    bad = json.dumps({"horizon": 10, "levers": {"talent": 99999}}).encode()
    open_tab(at, "save")
    at.file_uploader(key="scn_upload").set_value(("bad.json", bad, "application/json")).run()
    assert not at.exception
    message = reader_text(" ".join(e.value for e in at.error))
    assert "levers.talent" in message and "0 to 2,000" in message
    assert metrics(at) == shown


def test_a_bad_link_names_the_field_and_shows_the_default(open_page):
    import base64
    import zlib

    bad = base64.urlsafe_b64encode(zlib.compress(b'{"h":40}')).decode().rstrip("=")
    at = open_page(PAGE, timeout=TIMEOUT, scn=bad)
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "horizon" in message and "5 to 15" in message
    assert metrics(at)["Programme cost, whole horizon (USD)"] == "0"
    garbage = open_page(PAGE, timeout=TIMEOUT, scn="not-a-scenario")
    assert [e.value for e in garbage.error] == ["This link is not a valid scenario, so nothing was loaded. Use a "
                                                "link made with this page, or load a saved scenario file."]


def test_compare_shows_baseline_and_every_package_side_by_side(open_page):
    at = open_page(PAGE, timeout=TIMEOUT)
    load_case(at, "ireland")
    at.segmented_control(key="scn_slot").set_value("B").run()
    load_case(at, "china")
    open_tab(at, "compare")
    assert not at.exception
    tables = [df.value for df in at.dataframe]
    compare = next(t for t in tables if "Figure" in t.columns)
    assert {"Baseline (no new policy)", "A: Ireland", "B: China"} <= set(compare.columns)
    cost = compare.set_index("Figure").loc["Programme cost, whole horizon"]
    assert cost["A: Ireland"] != cost["B: China"]


def test_arabic_page_uses_arabic_labels_and_digits(open_page):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.selectbox(key="lang").set_value("ar").run()
    at.radio(key="digits").set_value("arabic").run()
    assert not at.exception
    shown = metrics(at)
    assert "العودة الدائمة طوال المدى" in shown
    assert all(ch not in "0123456789" for ch in shown["العودة الدائمة طوال المدى"])


def test_cards_show_modelled_figures_rounded_to_two_significant_digits(open_page):
    """A model with assumed ranges shows "58,000", never "57,842" (the JSON download keeps every digit)."""
    import re

    at = load_case(open_page(PAGE, timeout=TIMEOUT), "ireland")
    shown = [m.value for m in at.metric] + [str(m.proto.delta) for m in at.metric]
    numbers = [n.replace(",", "") for text in shown for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    assert numbers
    assert all(len(n.replace(".", "").lstrip("0").rstrip("0")) <= 3 if "." not in n
               else len(n.replace(".", "").lstrip("0")) <= 3 for n in numbers), shown


def test_every_slider_reads_in_arabic_indic_digits_when_they_are_chosen(open_page):
    """Streamlit's number slider shows "130.00" in Western digits whatever the reader chose: the lever sizes,
    the world and the horizon are select sliders whose every value is written in the reader's digits."""
    at = open_page(PAGE, timeout=TIMEOUT, lang="ar", digits="arabic")
    at.toggle(key="scn_on_talent").set_value(True).run()
    sliders = {s.key: s for s in at.select_slider}
    assert {"scn_size_talent", "scn_security", "scn_economy", "scn_trust", "scn_horizon"} <= set(sliders)
    assert not at.slider                                     # no number slider left to write Western digits
    for slider in sliders.values():
        assert slider.options and not [o for o in slider.options if any("0" <= c <= "9" for c in o)], slider.key
    assert "٤٠٠" in sliders["scn_size_talent"].options and "٥٠" in sliders["scn_security"].options
    assert sliders["scn_horizon"].options[0] == "٥"


def test_map_years_read_in_arabic_indic_digits_when_they_are_chosen(open_page):
    at = open_page("map", timeout=TIMEOUT, lang="ar", digits="arabic")
    assert at.select_slider(key="map_year").options[-1] == "٢٠٢٠"
    assert "١٩٩٠" in at.selectbox(key="map_base").options
