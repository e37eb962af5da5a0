"""Upload in a real browser: choose a file, see it checked, publish it as a named analyst, and see every page
change; the data survives a server restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard.registry import Registry
from tests.e2e import serving
from tests.e2e.conftest import start_server
from tests.e2e.publishing import add_analyst, shown_diaspora_2020, start_publish

PASSPHRASE = "erbil-workshop-2015"


@pytest.fixture
def data_home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def publishing_server(data_home) -> Iterator[str]:
    add_analyst(data_home / "analysts.env", "analyst.a", PASSPHRASE)
    proc, url = start_server(env={"DASHBOARD_HOME": str(data_home)})
    yield url
    serving.stop(proc)


def _diaspora_2020(probe, url: str) -> str:
    probe.goto(url)
    return shown_diaspora_2020(probe)


def test_upload_check_publish_see_it_everywhere_and_after_a_restart(publishing_server, probe, data_home, tmp_path):
    frame = Registry().get("migrant_stock").frame
    upload = tmp_path / "stock_doubled.csv"
    frame.assign(migrants=frame["migrants"] * 2).to_csv(upload, index=False)
    assert _diaspora_2020(probe, publishing_server) == "2,077,976"

    start_publish(probe, publishing_server, upload, "analyst.a", PASSPHRASE)
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
        serving.stop(proc)
