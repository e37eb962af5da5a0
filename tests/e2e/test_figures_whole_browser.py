"""What a room of officials sees at 1280 px and wider, in English and Arabic, with either digits: no figure cut
off, money named in its currency, counts shown as whole numbers."""

from __future__ import annotations

import re

import pytest

from dashboard.presentation import SCENARIO_STEP_CASE
from dashboard.scenario.presets import preset
from dashboard.scenario.spec import SCENARIO_URL_KEY, to_url

#: Every metric's label, value and delta, and the elements inside them: cut off when wider than their box.
_CLIPPED_JS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] :is([data-testid='stMetricValue'], [data-testid='stMetricDelta'], "
    + "[data-testid='stMetricLabel']), [data-testid='stMain'] :is([data-testid='stMetricValue'], "
    + "[data-testid='stMetricDelta'], [data-testid='stMetricLabel']) *")]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
  .map(e => e.innerText)"""

#: The lever names of the scenario controls (toggle labels) and the elements inside them, cut off when wider.
_LEVERS_CLIPPED_JS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] [data-testid='stCheckbox'] [data-testid='stWidgetLabel'] *")]
  .filter(e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
  .map(e => e.textContent)"""

_CARD_LABELS_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMetricLabel']")]
  .map(e => e.innerText)"""


@pytest.fixture
def room(browser):
    from tests.e2e.conftest import PageProbe

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield PageProbe(context.new_page())
    context.close()


@pytest.mark.parametrize(("lang", "digits"), [("en", "western"), ("ar", "western"), ("ar", "arabic")])
def test_scenario_cards_show_every_figure_whole_with_its_currency(server, room, lang, digits):
    from dashboard.i18n import t

    package = to_url(preset(SCENARIO_STEP_CASE))
    room.goto(f"{server}/scenarios?lang={lang}&digits={digits}&{SCENARIO_URL_KEY}={package}")
    page = room.page
    page.locator("[data-testid='stMetricDelta']").first.wait_for(timeout=30_000)
    room.screenshot(f"scenario-cards-1280-{lang}-{digits}")
    assert page.evaluate(_CLIPPED_JS) == []
    assert page.evaluate(_LEVERS_CLIPPED_JS) == []
    labels = page.evaluate(_CARD_LABELS_JS)
    for metric in ("cum_investment", "cum_cost"):
        card = next(label for label in labels if t(f"scenario.headline.{metric}", lang) in label)
        assert t("scenario.unit_of.cost_usd", lang) in card, card
    page.get_by_text(t("scenario.tune", lang)).click()
    room.wait_idle()
    sizes = [text for text in page.locator("[data-testid='stSliderThumbValue']").all_inner_texts() if text]
    assert sizes and all(re.fullmatch(r"[\d,]+", size) for size in sizes), sizes


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_lever_names_and_card_labels_are_whole_at_1440(server, browser, lang):
    """At 1440x900 (a laptop) every lever's name and every card's label reads in full, not ending in "…"."""
    from tests.e2e.conftest import PageProbe

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    probe = PageProbe(context.new_page())
    try:
        probe.goto(f"{server}/scenarios?lang={lang}&{SCENARIO_URL_KEY}={to_url(preset(SCENARIO_STEP_CASE))}")
        probe.page.locator("[data-testid='stMetricDelta']").first.wait_for(timeout=30_000)
        probe.screenshot(f"scenario-levers-1440-{lang}")
        assert probe.page.evaluate(_LEVERS_CLIPPED_JS) == []
        assert probe.page.evaluate(_CLIPPED_JS) == []
    finally:
        context.close()


@pytest.mark.parametrize("url_path", ["", "map?map_country=DEU"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_headline_figures_are_not_cut_off(server, room, url_path, lang):
    sep = "&" if "?" in url_path else "?"
    room.goto(f"{server}/{url_path}{sep}lang={lang}&digits={'arabic' if lang == 'ar' else 'western'}")
    assert room.page.evaluate(_CLIPPED_JS) == []


_GRIDS_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame'] .dvn-scroller")]
  .map(s => ({rows_hidden: s.scrollHeight > s.clientHeight + 1}))"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_methodology_parameter_table_shows_every_row(server, room, lang):
    """The parameters are read in full: every row on the page (no 10-row scrolling grid)."""
    room.goto(f"{server}/?lang={lang}")  # a server's first visit lands on the first page (not this test's issue)
    room.goto(f"{server}/methodology?lang={lang}")
    room.page.locator("[data-testid='stDataFrame'] .dvn-scroller").nth(1).wait_for(state="attached", timeout=30_000)
    room.page.wait_for_timeout(500)
    assert room.page.evaluate(_GRIDS_JS)[1] == {"rows_hidden": False}
