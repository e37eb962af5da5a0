"""Twenty people on one server: the workshop load of benchmarks/load.py, as a test.

The figures (p50 / p95 of the time until the page has finished updating after a widget change, page opens,
page switches) are printed and written to test-artifacts/load.txt. The first test proves the run had no
errors at all; the second is the issue's acceptance threshold, kept apart on purpose: it is the only timed
assertion in the suite, and on a shared or busy machine it measures the machine as much as the app.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.common import machine, percentile
from benchmarks.load import run_load
from tests.e2e.conftest import ARTIFACTS

SESSIONS = 20
P95_LIMIT_S = 2.0


@pytest.fixture(scope="module")
def load(server, chromium_path):
    result = asyncio.run(run_load(server, chromium_path, sessions=SESSIONS, rounds=3))
    report = "\n".join([f"machine: {machine()}", *result.lines()])
    print(f"\n{report}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.txt").write_text(report + "\n", encoding="utf-8")
    return result, report


def test_twenty_sessions_work_without_errors(load):
    result, report = load
    assert result.errors == [], report
    assert len(result.page_opens) == SESSIONS, report
    assert len(result.seconds("map")) == SESSIONS * 3, report
    assert len(result.seconds("scenarios")) == SESSIONS * 3, report


def test_acceptance_p95_update_under_two_seconds(load):

    result, report = load
    assert percentile(result.seconds(), 95) < P95_LIMIT_S, report
