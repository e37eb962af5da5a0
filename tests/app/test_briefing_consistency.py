"""The briefing and the pages say the same thing: one source line, one set of headline labels, one revision."""

from __future__ import annotations

import pytest

from dashboard import briefing
from dashboard.registry import Registry
from dashboard.sources import source_line
from ui import briefing_file


@pytest.fixture(scope="module")
def bundled():
    registry = Registry()
    return [registry.get(d) for d in ("migrant_stock", "iraq_totals", "refugees")]


@pytest.mark.parametrize(("lang", "digits"), [("en", "western"), ("ar", "arabic"), ("ar", "western")])
def test_briefing_headline_matches_the_overview_page(open_page, bundled, lang, digits):
    at = open_page(lang=lang, digits=digits)
    page_metrics = [(m.label, m.value) for m in at.metric]      # a newer estimate may lead, then the four cards
    page_captions = [c.value for c in at.caption]
    section = briefing.headline_section(*bundled, lang, digits)
    assert len(section.metrics) == 4 and list(section.metrics) == page_metrics[-4:]
    assert section.source in page_captions           # the three datasets' source lines, word for word


def test_arabic_briefing_names_the_dataset_in_arabic(bundled):
    source = briefing.headline_section(*bundled, "ar", "arabic").source
    assert "أعداد المهاجرين الدوليين المولودين في العراق حسب بلد المقصد والجنس" in source
    assert "Iraq-born international migrant stock" not in source


@pytest.fixture(scope="module")
def rev2019_sections():
    return briefing_file.briefing_sections("en", "western", "rev2019", {}, {}, {})


@pytest.fixture(scope="module")
def stock_lines():
    """The source lines of the two migrant-stock revisions (the population table is its own dataset)."""
    registry = Registry()
    return {version: source_line(registry.meta("migrant_stock", version), "en") for version in ("rev2019", "rev2020")}


def test_a_briefing_from_rev2019_names_2019_stock_and_2015_population(rev2019_sections, stock_lines):
    labels = [label for label, _ in rev2019_sections[0].metrics]
    assert labels[0] == "Iraqi-born living abroad, 2019"
    assert labels[1] == "Share of Iraq's population (2019 diaspora, 2015 population)"
    assert stock_lines["rev2019"] in rev2019_sections[0].source
    assert stock_lines["rev2020"] not in rev2019_sections[0].source


def test_a_briefing_from_rev2019_runs_its_scenarios_on_rev2019(rev2019_sections, stock_lines):
    scenario = next(s for s in rev2019_sections if s.title == "Scenario comparison")
    assert any("in 2019" in note and stock_lines["rev2019"] in note for note in scenario.notes)
    shown = [s.source for s in rev2019_sections] + [n for s in rev2019_sections for n in s.notes]
    assert not [text for text in shown if stock_lines["rev2020"] in text]


def test_the_briefing_says_beside_its_growth_figure_that_it_depends_on_the_revision(open_page):
    at = open_page(lang="en")
    page_caveats = [c.value for c in at.caption if c.value.startswith("Depends on the revision")]
    notes = briefing_file.briefing_sections("en", "western", None, {}, {}, {})[0].notes
    assert page_caveats and [n for n in notes if n in page_caveats] == page_caveats   # the same words, both places
    assert any("Rev.2019 gives +35% for 1990–2019" in note and "Iran" in note for note in notes)
