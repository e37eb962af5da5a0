"""Twenty people on one server: issue 8's workshop load, at the protocol level (benchmarks/load_protocol.py).

Twenty simulated sessions speak Streamlit's own websocket protocol, as the browser frontend does, against one
server at the same time: each opens /map, changes the year and sex widgets three times, switches to
/scenarios and flips a lever toggle three times, pausing 5-15 s between changes as a participant reads the
result (benchmarks.load_protocol.WORKSHOP_PAUSE_S).

The test asserts what a participant would notice: no error of any kind (exception, apology, timeout,
websocket failure, a change that left the page as it was), every page opened and every update answered. It
asserts no duration: how fast the answers come is measured and printed by the benchmarks (`make bench`:
benchmarks/load_protocol.py for this load, benchmarks/bench_stress.py for the stress case), since on a shared
or busy machine a timed threshold measures the machine as much as the app. The percentiles of this run are
printed and written to test-artifacts/load.txt for reading, never judged.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.common import machine
from benchmarks.load_protocol import run_protocol_load
from tests.e2e.conftest import ARTIFACTS

SESSIONS = 20
ROUNDS = 3


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

