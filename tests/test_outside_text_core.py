"""Scenario names from a link or file, in the charts and the briefing: shown as text, never as plotly or HTML
markup (the page and URL notices are tested through the app in tests/app/test_outside_text.py)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.io as pio
import pytest

from dashboard import briefing
from dashboard.charts.scenario import compare_bars, outcome_over_time
from dashboard.scenario.population import build_population
from dashboard.scenario.presets import preset
from dashboard.scenario.tables import package_label
from dashboard.skills import talent_pool
from tests.payloads import EVIL_HOST, SHORT

MARKUP = ("<a ", "<a>", "<img", "<span", "<b>")


def _figure_texts(fig) -> list[str]:
    """Every text plotly draws from the figure's traces: names, categories, hover templates."""
    spec = json.loads(pio.to_json(fig, validate=False))
    texts = []
    for trace in spec["data"]:
        texts += [trace.get("name") or "", trace.get("hovertemplate") or ""]
        texts += [v for v in trace.get("x") or [] if isinstance(v, str)]
    return texts


def _assert_plain(texts: list[str]) -> None:
    for text in texts:
        assert not any(tag in text.lower() for tag in MARKUP), text
        assert "%{customdata[0]} " not in text and "%{y} " not in text, text


@pytest.mark.parametrize("name", [*SHORT, "%{y} %{customdata[0]} 100%"])
def test_scenario_names_in_charts_are_text(name):
    label = package_label("A", name, "en")
    bands = pd.DataFrame({"scenario": ["Baseline", "Baseline", label, label], "year": [2026, 2027] * 2,
                          "p10": [1.0] * 4, "p50": [2.0] * 4, "p90": [3.0] * 4})
    summary = pd.DataFrame({"scenario": ["Baseline", label], "p10": [1.0, 1.0], "p50": [2.0, 2.0],
                            "p90": [3.0, 3.0]})
    over_time = outcome_over_time(bands, "en", "t", "y", "x", "Baseline")
    bars = compare_bars(summary, "en", "t", "y", "Baseline")
    _assert_plain(_figure_texts(over_time) + _figure_texts(bars))
    assert over_time.data[1].name == "Baseline" and over_time.data[3].name.startswith("A: ")


@pytest.fixture(scope="module")
def population(registry):
    return build_population(registry.get("migrant_stock").frame, talent_pool(registry.get("skills").frame))


def test_scenario_names_in_the_briefing_are_text(population):
    names = [f"<a href='http://{EVIL_HOST}/'>Official</a>", "<img src=x onerror=alert(1)>", "%{y} 100%"]
    scenarios = {package_label(slot, name, "en"): preset("ireland").model_copy(update={"name": name})
                 for slot, name in zip("ABC", names, strict=True)}
    page = briefing.build_briefing("en", "western", briefing.scenario_sections(scenarios, population, "en", "western"),
                                   generated="2026-11-29").replace(briefing._plotly_js(), "")  # its own markup
    assert "<a href" not in page and "<img" not in page
    assert "A: &lt;a href=&#x27;http://evil.example/&#x27;&gt;Official&lt;/a&gt;" in page   # the table, as text
