"""The Methodology page is generated from the parameter definitions the model runs on: it cannot drift."""

import dataclasses

import pandas as pd

from dashboard.i18n import t
from dashboard.scenario.params import LEVERS, PARAMETERS

PAGE = "methodology"


def _tables(at):
    """The page's reference tables (drawn whole, st.table), as frames."""
    return [table.value for table in at.table]


def _parameters(at) -> pd.DataFrame:
    return next(t for t in _tables(at) if "Source and reasoning" in t.columns).set_index("Parameter")


def _label(param_id: str) -> str:
    return t(f"scenario.param.{param_id}", "en")


def test_every_parameter_and_lever_is_listed_with_range_and_source(open_page):
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    assert at.latex, "the equations are shown"
    params = _parameters(at)
    assert list(params.index) == [_label(p) for p in PARAMETERS]
    fee = params.loc[_label("network_fee_per_job")]
    assert fee["Central"] == "4,211"  # €2M / 527 jobs × 1.1095
    assert "€2M for 527 verified jobs" in fee["Source and reasoning"]
    assert "USD 1.1095 per EUR" in fee["Source and reasoning"]
    assert "https://" in params.loc[_label("network_fee_per_job"), "Source and reasoning"]  # its links follow
    assert params.loc[_label("organic_remote"), "Evidence"] == "assumption"
    levers = next(t for t in _tables(at) if "Pillar" in t.columns)
    assert len(levers) == len(LEVERS)


def test_a_changed_definition_shows_at_once(open_page, monkeypatch):
    changed = dataclasses.replace(PARAMETERS["jobs_per_musd"], high=99.0)
    monkeypatch.setitem(PARAMETERS, "jobs_per_musd", changed)
    at = open_page(PAGE, timeout=60)
    assert _parameters(at).loc[_label("jobs_per_musd"), "High"] == "99"
