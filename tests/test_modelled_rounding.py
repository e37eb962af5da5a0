"""Modelled scenario figures are shown and downloaded to at most three significant digits (cards, tables, charts,
the briefing); the saved scenario file keeps full precision."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dashboard import briefing
from dashboard.charts.scenario import compare_bars, outcome_over_time, tornado_chart
from dashboard.scenario import tables
from dashboard.scenario.model import Pools, summarise
from dashboard.scenario.population import build_population
from dashboard.scenario.presets import preset
from dashboard.scenario.sensitivity import tornado
from dashboard.scenario.spec import Scenario, from_json, to_json
from dashboard.skills import talent_pool

MAX_SIGNIFICANT = 3
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def significant_digits(value: float) -> int:
    """Significant digits of a number as written (trailing zeros of a whole number are not significant)."""
    if value == 0 or not math.isfinite(value):
        return 0
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0")
    return len(text.rstrip("0")) if float(value).is_integer() else len(text)


def significant_in_text(text: str) -> int:
    """The most significant digits of any number written in `text` ("55,000 (37,000–76,000)", "1.2 million")."""
    found = [tok.replace(",", "") for tok in NUMBER.findall(str(text))]
    return max((len(tok.replace(".", "").lstrip("0").rstrip("0")) if "." not in tok
                else len(tok.replace(".", "").lstrip("0")) for tok in found), default=0)


@pytest.fixture(scope="module")
def population(registry):
    return build_population(registry.get("migrant_stock").frame, talent_pool(registry.get("skills").frame))


@pytest.fixture(scope="module")
def pools(population):
    return Pools.of(population)


@pytest.fixture(scope="module")
def summary(pools):
    return summarise(preset("ireland"), pools, "Ireland", "Baseline", draws=60)


def numbers_of(frame: pd.DataFrame) -> list[float]:
    return [float(v) for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
            for v in frame[c].dropna() if c not in ("Year",)]


def test_the_model_itself_has_more_digits_than_are_shown(summary):
    """Else the checks below could not fail: the raw figures carry false precision."""
    raw = summary.headlines["p50"].dropna().tolist() + summary.bands["p50"].tolist()
    assert max(significant_digits(v) for v in raw) > MAX_SIGNIFICANT


def test_cards_and_comparison_table_round_every_figure(summary):
    table = tables.headline_table([summary.baseline_headlines, summary.headlines], "en", "western")
    cells = [str(v) for column in table.columns[1:] for v in table[column]]
    assert cells and all(significant_in_text(cell) <= MAX_SIGNIFICANT for cell in cells), cells
    row = summary.headlines.set_index("metric").loc["cum_returns"]
    card = tables.band_text(row, "cum_returns", "en", "western", bands=False)
    assert significant_in_text(card) <= MAX_SIGNIFICANT
    assert float(card.replace(",", "")) == tables.modelled(row["p50"])


def test_downloaded_tables_round_every_modelled_figure(summary, pools):
    bands = pd.concat([summary.baseline_bands, summary.bands], ignore_index=True)
    frames = [tables.bands_table(bands[bands["outcome"] == "returns"], "en", "western"),
              tables.segments_table(summary.segments, "en", "western")]
    frame = tornado(preset("ireland"), pools, "cum_returns").head(6)
    frames.append(tables.tornado_table(frame.assign(label=frame["param"]), "en"))
    for table in frames:
        values = [v for v in numbers_of(table) if not (1990 <= v <= 2100 and float(v).is_integer())]
        assert values and max(significant_digits(v) for v in values) <= MAX_SIGNIFICANT, table.columns.tolist()
    contributions = tables.contributions_table(summary.contributions, "en", "western")
    assert all(significant_in_text(v) <= MAX_SIGNIFICANT for c in contributions.columns[1:]
               for v in contributions[c])


def test_charts_draw_and_hover_rounded_figures(summary, pools):
    bands = pd.concat([summary.baseline_bands, summary.bands], ignore_index=True)
    over_time = outcome_over_time(bands[bands["outcome"] == "returns"], "en", "t", "y", "x", "Baseline")
    heads = pd.concat([summary.baseline_headlines, summary.headlines])
    bars = compare_bars(heads[heads["metric"] == "cum_returns"], "en", "t", "y", "Baseline")
    frame = tornado(preset("ireland"), pools, "cum_returns").head(6)
    bars_t = tornado_chart(frame.assign(label=frame["param"]), "en", "t", "x", "low", "high")
    values = [v for fig in (over_time, bars) for trace in fig.data for v in trace.y]
    values += [v for fig in (over_time, bars) for trace in fig.data if trace.customdata is not None
               for pair in trace.customdata for v in pair]
    values += [v for trace in bars_t.data for v in trace.customdata]
    assert values and max(significant_digits(float(v)) for v in values) <= MAX_SIGNIFICANT


def test_briefing_scenario_section_rounds_its_figures(population):
    sections = briefing.scenario_sections({"Ireland": preset("ireland")}, population, "en", "western")
    table = sections[0].table
    assert all(significant_in_text(v) <= MAX_SIGNIFICANT for c in table.columns[1:] for v in table[c])
    assert max(significant_digits(float(v)) for trace in sections[0].figure.data for v in trace.y) <= 3


def test_the_saved_scenario_keeps_full_precision():
    scenario = Scenario.model_validate({**preset("ireland").model_dump(), "levers": {"network": 1234.5678}})
    assert from_json(to_json(scenario)).levers["network"] == 1234.5678
    assert "1234.5678" in to_json(scenario)
