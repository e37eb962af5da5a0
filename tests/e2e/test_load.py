"""Twenty people on one server: issue 8's workshop load, at the protocol level (benchmarks/load_protocol.py).

Twenty simulated sessions speak Streamlit's own websocket protocol, as the browser frontend does, against one
server at the same time: each opens /map, changes the year and sex widgets three times, switches to
/scenarios and flips a lever toggle three times, pausing 5-15 s between changes as a participant reads the
result (benchmarks.load_protocol.WORKSHOP_PAUSE_S; `--think 0.5 2` runs the stress case as a benchmark).

The figure is the time from sending the change to the server's `script_finished`: the server's work plus
websocket delivery. Browser rendering is not measured (in the workshop it runs on each participant's own
laptop; twenty Chromium tabs on this 2-core machine would measure the simulated browsers, not the server).
The browser-driven load is still available as a benchmark: `python benchmarks/load.py`.

The report is printed and written to test-artifacts/load.txt. The first test proves the run had no errors and
every session completed all its changes; the second is the issue's acceptance threshold, kept apart on
purpose: it is the only timed assertion in the suite, and on a shared or busy machine it measures the machine
as much as the app.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.common import machine, percentile
from benchmarks.load_protocol import run_protocol_load
from tests.e2e.conftest import ARTIFACTS

SESSIONS = 20
ROUNDS = 3
P95_LIMIT_S = 2.0


@pytest.fixture(scope="module")
def load(server):
    result = asyncio.run(run_protocol_load(server, sessions=SESSIONS, rounds=ROUNDS))
    report = "\n".join([f"machine: {machine()}", *result.lines()])
    print(f"\n{report}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.txt").write_text(report + "\n", encoding="utf-8")
    return result, report


def test_twenty_sessions_work_without_errors(load):
    result, report = load
    assert result.errors == [], report
    assert len(result.page_opens) == SESSIONS, report
    assert len(result.page_switches) == SESSIONS, report
    assert result.completed == {i: 2 * ROUNDS for i in range(SESSIONS)}, report
    assert len(result.seconds("map")) == SESSIONS * ROUNDS, report
    assert len(result.seconds("scenarios")) == SESSIONS * ROUNDS, report


def test_acceptance_p95_update_under_two_seconds(load):
    """The suite's only timed assertion: issue 8's acceptance, p95 of all updates under 2 s with 20 sessions."""
    result, report = load
    assert percentile(result.seconds(), 95) < P95_LIMIT_S, report
