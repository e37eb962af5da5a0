"""Presentation mode through the router: kept in the URL, a step bar, projector-sized charts; and the briefing."""

import pytest

from dashboard import presentation
from dashboard.pages import PAGE_IDS, page
from tests.app.conftest import plotly_figures


def test_the_sequence_is_the_workshop_story():
    pages = [step.page for step in presentation.STEPS]
    assert pages == ["overview", "map", "skills", *["case_studies"] * 5, "scenarios"]
    assert [s.params.get("case") for s in presentation.STEPS[3:8]] == list(presentation.CASES)
    assert set(pages) <= set(PAGE_IDS)


@pytest.mark.parametrize(("step", "page_id", "expected"), [
    ("case_india", "case_studies", 4),      # the named step, on its page
    ("case_india", "map", 1),               # navigated elsewhere: that page's step
    ("case_india", "data", 4),              # a page outside the sequence keeps the step
    (None, "scenarios", 8), ("nonsense", None, 0),
])
def test_step_index(step, page_id, expected):
    assert presentation.step_index(step, page_id) == expected


def test_neighbours_stop_at_both_ends():
    assert presentation.neighbours(0)[0] is None
    assert presentation.neighbours(len(presentation.STEPS) - 1)[1] is None


def test_off_by_default_with_no_step_bar(open_page):
    at = open_page()
    assert at.toggle(key="present").value is False
    assert not [b for b in at.button if b.key == "present_next"]
    assert "present" not in at.query_params


def test_present_in_url_shows_the_step_bar_and_keeps_the_url(open_page):
    at = open_page(lang="ar", present="1")
    assert not at.exception
    bar = " ".join(m.value for m in at.markdown)
    assert "المغتربون العراقيون اليوم" in bar and "الخطوة 1 من 9" in bar
    assert at.query_params["present"] == "1" and at.query_params["step"] == "today"
    labels = {b.key: b.label for b in at.button}
    assert labels["present_next"] == "التالي ←" and labels["present_exit"] == "إنهاء العرض"
    assert "present_previous" not in labels                            # nothing before the first step


def test_charts_are_enlarged_for_the_projector(open_page):
    normal = plotly_figures(open_page())[0]["layout"]
    presenting = plotly_figures(open_page(present="1"))[0]["layout"]
    assert presenting["font"]["size"] >= 20 > normal["font"]["size"]
    assert presenting["xaxis"]["tickfont"]["size"] >= 20 and presenting["font"]["color"] == "#262730"
    assert presenting["height"] <= presentation.PROJECTOR.height < normal["height"]  # fits under the step bar


def test_exit_leaves_presentation_and_the_url(open_page):
    at = open_page(present="1")
    at.button(key="present_exit").click().run()
    assert at.session_state["present"] is False
    assert "present" not in at.query_params and "step" not in at.query_params
    assert not [b for b in at.button if b.key == "present_next"]


def test_charts_follow_the_digits_choice(open_page):
    figure = plotly_figures(open_page(lang="ar", digits="arabic"))[0]
    ticks = figure["layout"]["xaxis"]["ticktext"]
    assert ticks and all(not any(c in "0123456789" for c in tick) for tick in ticks)


@pytest.fixture
def deferred_downloads(monkeypatch) -> dict[str, tuple[object, str | None]]:
    """Every download the app registered to be generated on click: file id -> (callable, file name)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    registered: dict[str, tuple[object, str | None]] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)
        registered[file_id] = (data_callable, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return registered


def _sidebar_briefing_button(at):
    """The briefing download button in the sidebar (by its key), or None."""
    return next((b for b in at.sidebar.get("download_button") if b.proto.id.endswith("-briefing_download")), None)


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_briefing_download_is_in_the_sidebar_of_every_page(open_page, deferred_downloads, page_id):
    at = open_page(page_id, lang="ar", timeout=90)
    button = _sidebar_briefing_button(at)
    assert button is not None, f"no briefing download in the sidebar of {page_id}"
    assert button.proto.label == "تنزيل الإحاطة"
    _, file_name = deferred_downloads[button.proto.deferred_file_id]
    assert file_name == "iraqi-diaspora-briefing-ar.html"


def test_the_briefing_button_gives_the_briefing_of_this_session(open_page, deferred_downloads):
    at = open_page("map", lang="ar", digits="arabic", timeout=90)
    at.select_slider(key="map_year").set_value(2005).run()
    generate, _ = deferred_downloads[_sidebar_briefing_button(at).proto.deferred_file_id]
    html = generate()
    assert "<html lang='ar' dir='rtl'>" in html
    assert "المولودون في العراق حسب بلد الإقامة، ٢٠٠٥" in html     # the map section shows the map's year


def test_the_scenario_step_opens_a_case_package_beside_the_baseline(open_page):
    """Step 9 compares a case study's package with the baseline, not an empty package identical to it."""
    from dashboard.scenario.params import LEVERS
    from dashboard.scenario.presets import PRESETS

    at = open_page("scenarios", timeout=90, present="1", step="scenarios")
    assert not at.exception
    on = {lever for lever in LEVERS if at.toggle(key=f"scn_on_{lever}").value}
    assert on == set(PRESETS[presentation.SCENARIO_STEP_CASE]) and on
    # Back on the same step later in the session (the builder was already open): the package is loaded again.
    for lever in on:
        at.toggle(key=f"scn_on_{lever}").set_value(False)
    at.run()
    at.query_params["case"] = "taiwan"
    at.switch_page(page("case_studies").file).run()
    assert "Taiwan" in at.markdown[0].value
    at.button(key="present_next").click().run()
    assert not at.exception
    assert {lever for lever in LEVERS if at.toggle(key=f"scn_on_{lever}").value} == on


def test_the_step_bar_writes_its_years_in_the_readers_digits(open_page):
    """The step bar is drawn by the entrypoint, before any page: its texts follow the digits choice too
    ("حرّك السنة من ١٩٩٠ إلى ٢٠٢٠", not 1990 and 2020)."""
    at = open_page("map", lang="ar", digits="arabic", present="1", step="since_1990")
    bar = [c.value for c in at.caption]
    assert any("١٩٩٠" in text and "٢٠٢٠" in text for text in bar), bar
    assert not [text for text in bar if "1990" in text or "2020" in text]
