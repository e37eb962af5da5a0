"""The Methodology page is generated from the parameter definitions the model runs on: it cannot drift."""

import dataclasses

from dashboard.scenario.params import LEVERS, PARAMETERS

PAGE = "methodology"


def _tables(at):
    return [df.value for df in at.dataframe]


def test_every_parameter_and_lever_is_listed_with_range_and_source(open_page):
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    assert at.latex, "the equations are shown"
    params = next(t for t in _tables(at) if "Identifier" in t.columns)
    assert list(params["Identifier"]) == list(PARAMETERS)
    fee = params.set_index("Identifier").loc["network_fee_per_job"]
    assert fee["Central"] == "4,211"  # €2M / 527 jobs × 1.1095
    assert "€2M for 527 verified jobs" in fee["Source and reasoning"]
    assert "USD 1.1095 per EUR" in fee["Source and reasoning"]
    assert params.set_index("Identifier").loc["organic_remote", "Evidence"] == "assumption"
    levers = next(t for t in _tables(at) if "Pillar" in t.columns)
    assert len(levers) == len(LEVERS)


def test_a_changed_definition_shows_at_once(open_page, monkeypatch):
    changed = dataclasses.replace(PARAMETERS["jobs_per_musd"], high=99.0)
    monkeypatch.setitem(PARAMETERS, "jobs_per_musd", changed)
    at = open_page(PAGE, timeout=60)
    params = next(t for t in _tables(at) if "Identifier" in t.columns).set_index("Identifier")
    assert params.loc["jobs_per_musd", "High"] == "99"
