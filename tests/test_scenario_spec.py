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


# -- bounds: a link or file is refused before it can cost memory or recursion -----------------------------------
def _link(payload: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")


@pytest.fixture(scope="module")
def zlib_bomb() -> str:
    """About 1 MB of link that inflates to 1 GiB of zeros."""
    import zlib

    packer, block = zlib.compressobj(9), bytes(16 << 20)
    packed = b"".join(packer.compress(block) for _ in range(64)) + packer.flush()
    return _link(packed)


def _refused_within(load, value, megabytes: float) -> ScenarioError:
    """Load `value`, expect the plain "not a scenario" refusal, and check the peak memory it took."""
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ScenarioError) as caught:
            load(value)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < megabytes * 2**20, f"peak {peak / 2**20:.1f} MB"
    return caught.value


def test_a_one_megabyte_zlib_bomb_link_is_not_a_scenario_and_costs_under_50_mb(zlib_bomb):
    assert len(zlib_bomb) > 1_000_000
    error = _refused_within(from_url, zlib_bomb, 50)
    assert (error.field, error.kind) == ("scn", "format")


def test_a_short_link_that_inflates_past_the_limit_stops_inflating_at_the_limit():
    import zlib

    from dashboard.scenario.spec import MAX_LINK_CHARS

    bomb = _link(zlib.compress(b'{"n":"' + b"A" * (6 << 20) + b'"}', 9))
    assert len(bomb) < MAX_LINK_CHARS   # passes the length check: only the bounded inflate stops it
    error = _refused_within(from_url, bomb, 1)
    assert (error.field, error.kind) == ("scn", "format")


@pytest.mark.parametrize("depth", [9, 10_000, 1_000_000])
def test_deeply_nested_links_and_files_are_not_scenarios(depth):
    import zlib

    nested = '{"n":"A","l":{"x":' + "[" * depth + "]" * depth + "}}"
    error = _refused_within(from_url, _link(zlib.compress(nested.encode())), 50)
    assert (error.field, error.kind) == ("scn", "format")
    if len(nested) < 64 * 1024:
        error = _refused_within(from_json, nested, 50)
        assert (error.field, error.kind) == ("scenario", "format")


def test_an_oversized_file_is_not_a_scenario():
    error = _refused_within(from_json, json.dumps({"name": "A", "pad": "x" * (1 << 20)}), 50)
    assert (error.field, error.kind) == ("scenario", "format")


def test_an_unknown_key_of_any_length_is_echoed_short():
    error = _error(json.dumps({"levers": {"<a href='http://x'>" + "b" * 5000: 1}}))
    assert error.field.startswith("levers.<a href") and len(error.field) < 60
