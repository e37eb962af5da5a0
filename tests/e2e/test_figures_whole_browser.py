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
    assert sizes and all(re.fullmatch(r"[\d,٬]+", size) for size in sizes), sizes   # whole, grouped: "1,000", "١٬٠٠٠"


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


#: The reference table whose header names `source`: its rows, its width against its box and the window, and where
#: its source column lies.
_PARAMETER_TABLE_JS = """(source) => {
  const box = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stTable']")]
    .find(b => [...b.querySelectorAll('thead th')].some(th => th.innerText.trim() === source));
  if (!box) return null;
  const table = box.querySelector('table'), rect = table.getBoundingClientRect();
  const th = [...box.querySelectorAll('thead th')].find(th => th.innerText.trim() === source).getBoundingClientRect();
  const scrollers = [box, ...box.querySelectorAll('*')].filter(e => getComputedStyle(e).overflowX !== 'visible');
  return {rows: box.querySelectorAll('tbody tr').length,
          scrolls: scrollers.some(e => e.scrollWidth > e.clientWidth + 1) || rect.width > box.clientWidth + 1,
          pageScrolls: document.documentElement.scrollWidth > window.innerWidth + 1,
          tableLeft: rect.left, tableRight: rect.right, sourceLeft: th.left, sourceRight: th.right,
          sourceShare: th.width / rect.width, windowWidth: window.innerWidth};
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)], ids=["1280x720", "1440x900"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_methodology_parameter_table_shows_every_row_and_its_source_without_scrolling(server, browser, lang, size):
    """The parameters are read in full: every row on the page (no 10-row scrolling grid), and the source and
    reasoning column on screen beside them, wide enough to read, with nothing to scroll sideways."""
    from dashboard.i18n import t
    from dashboard.scenario.params import PARAMETERS
    from tests.e2e.conftest import PageProbe

    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        reader = PageProbe(context.new_page())
        reader.goto(f"{server}/?lang={lang}")  # a server's first visit lands on the first page (not this test's issue)
        reader.goto(f"{server}/methodology?lang={lang}")
        source = t("method.col_source", lang)
        reader.page.locator("[data-testid='stTable']").nth(1).wait_for(state="attached", timeout=30_000)
        reader.page.wait_for_timeout(500)
        found = reader.page.evaluate(_PARAMETER_TABLE_JS, source)
        reader.page.locator("[data-testid='stTable']").nth(1).scroll_into_view_if_needed()
        reader.screenshot(f"methodology-parameters-{size[0]}x{size[1]}-{lang}")
    finally:
        context.close()
    assert found is not None, "no parameter table with a source column"
    assert found["rows"] == len(PARAMETERS)
    assert not found["scrolls"] and not found["pageScrolls"], found
    assert found["tableLeft"] >= 0 and found["tableRight"] <= found["windowWidth"], found
    assert found["sourceLeft"] >= 0 and found["sourceRight"] <= found["windowWidth"], found
    assert found["sourceShare"] >= 0.3, found   # room to read the reasoning, not a 100 px sliver
