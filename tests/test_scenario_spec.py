"""Scenarios round-trip through files and links; a bad one names its field and allowed range."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from dashboard.scenario.spec import Scenario, ScenarioError, from_json, from_url, to_json, to_url
from tests.test_scenario_model import scenarios


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios())
def test_json_and_url_round_trip(scenario):
    assert from_json(to_json(scenario)) == scenario
    assert from_url(to_url(scenario)) == scenario


def test_url_is_compact():
    scenario = Scenario(levers={"talent": 130, "card": None, "network": 1000, "protection": 18})
    assert len(to_url(scenario)) < 150


def _error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        from_json(text)
    return caught.value


@pytest.mark.parametrize(("raw", "field", "allowed"), [
    ({"horizon": 40}, "horizon", "5–15"),
    ({"context": {"security": 140}}, "context.security", "0–100"),
    ({"context": {"trust": "high"}}, "context.trust", "0–100"),
    ({"levers": {"talent": 99999}}, "levers.talent", "0–2000"),
    ({"levers": {"talent": None}}, "levers.talent", "0–2000"),
])
def test_out_of_range_fields_are_named_with_their_range(raw, field, allowed):
    error = _error(json.dumps(raw))
    assert error.field == field and error.kind == "range"
    assert f"{error.low:g}–{error.high:g}" == allowed


def test_unknown_lever_lists_the_known_ones():
    error = _error(json.dumps({"levers": {"bitcoin": 1}}))
    assert error.field == "levers.bitcoin" and error.kind == "choice" and "talent" in error.choices


def test_garbage_is_not_a_scenario():
    assert _error("not json").kind == "format"
    assert _error("[1, 2]").kind == "format"
    assert _error(json.dumps({"format": "something-else"})).field == "format"
    assert _error(json.dumps({"colour": "red"})).field == "colour"
    with pytest.raises(ScenarioError) as caught:
        from_url("%%%not-base64")
    assert caught.value.field == "scn"


def test_url_with_bad_value_names_the_field():
    good = to_url(Scenario(horizon=12))
    assert from_url(good).horizon == 12
    import base64
    import zlib
    bad = base64.urlsafe_b64encode(zlib.compress(b'{"h":99}')).decode().rstrip("=")
    with pytest.raises(ScenarioError) as caught:
        from_url(bad)
    assert caught.value.field == "horizon"


def test_packages_are_named_in_the_readers_script_on_the_page_and_in_the_briefing():
    from dashboard.i18n import t
    from dashboard.scenario.tables import package_label

    assert package_label("A", "ireland", "en") == "A: Ireland"
    assert package_label("B", "", "en") == "B"
    assert package_label("A", "ireland", "ar") == f"أ: {t('cases.ireland.name', 'ar')}"
    assert package_label("C", "My plan", "ar") == "ج: My plan"
