"""Upload in a real browser: choose a file, see it checked, publish it with the passphrase, and see every page
change; the data survives a server restart."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from dashboard import auth
from dashboard.registry import Registry
from tests.e2e.conftest import start_server

PASSPHRASE = "erbil-workshop-2015"


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def data_home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def publishing_server(data_home) -> Iterator[str]:
    env = {"DASHBOARD_HOME": str(data_home),
           auth.SETTING: auth.hash_passphrase(PASSPHRASE, iterations=1000)}
    proc, url = start_server(env=env)
    yield url
    _stop(proc)


def _diaspora_2020(probe, url: str) -> str:
    probe.goto(url)
    metric = probe.page.locator("[data-testid='stMetric']").filter(has_text="Iraqi-born living abroad, 2020")
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_upload_check_publish_see_it_everywhere_and_after_a_restart(publishing_server, probe, data_home, tmp_path):
    frame = Registry().get("migrant_stock").frame
    upload = tmp_path / "stock_doubled.csv"
    frame.assign(migrants=frame["migrants"] * 2).to_csv(upload, index=False)
    assert _diaspora_2020(probe, publishing_server) == "2,077,976"

    probe.goto(f"{publishing_server}/data")
    probe.page.get_by_role("tab", name="Upload").click()
    with probe.page.expect_file_chooser() as chooser:
        probe.page.get_by_test_id("stFileUploaderDropzone").click()
    chooser.value.set_files(str(upload))
    probe.page.get_by_text("All checks passed: 1,401 rows ready.").wait_for(timeout=60_000)
    probe.wait_idle()
    for label, value in (("Title", "Iraqi-born abroad, doubled test"), ("Source (publisher of the figures)", "Test"),
                         ("Citation", "Test (2025)"), ("Your name", "Analyst A"), ("Analyst passphrase", PASSPHRASE)):
        probe.page.get_by_label(label, exact=True).first.fill(value)
    probe.page.get_by_role("button", name="Publish as the new active version").click()
    probe.page.get_by_text("Published: Migrant stock version v4 is now active on every page.").wait_for(
        timeout=60_000)
    probe.screenshot("upload-published")
    assert probe.page.locator("[data-testid='stException']").count() == 0
    assert _diaspora_2020(probe, publishing_server) == "4,155,952"
    assert probe.external_requests() == []
    # A new server on the same data directory (a restart) shows the published version.
    proc, url = start_server(env={"DASHBOARD_HOME": str(data_home)})
    try:
        assert _diaspora_2020(probe, url) == "4,155,952"
    finally:
        _stop(proc)
