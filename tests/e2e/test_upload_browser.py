"""Upload in a real browser: choose a file, see it checked, publish it as a named analyst, and see every page
change; the data survives a server restart."""

from __future__ import annotations

import re
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


#: The grids' accessible tables whose header starts "Version", "Active" (the Versions tab's table), as rows of text.
_VERSIONS_TABLES = """[...document.querySelectorAll("[data-testid='stDataFrame'] table")]
  .map(table => [...table.querySelectorAll('tr')]
    .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent)))
  .filter(rows => rows.length && rows[0][0] === 'Version' && rows[0][1] === 'Active')"""


def _active_versions(probe) -> list[str]:
    """The versions the Versions tab's table ticks as active, read from the grid's accessible table once the grid
    is drawn (its code loads on the first grid a browser page shows, which can be this one)."""
    probe.page.wait_for_function(f"({_VERSIONS_TABLES}).length > 0", timeout=30_000)
    rows = probe.page.evaluate(_VERSIONS_TABLES)
    assert len(rows) == 1, rows
    return [row[0] for row in rows[0][1:] if row[1] == "true"]


def test_after_a_rollback_the_versions_table_ticks_the_version_made_active_at_once(publishing_server, probe,
                                                                                   tmp_path):
    """Issue 17: after a rollback the versions table ticked the old version until a reload."""
    frame = Registry().get("migrant_stock").frame
    upload = tmp_path / "stock_doubled.csv"
    frame.assign(migrants=frame["migrants"] * 2).to_csv(upload, index=False)
    start_publish(probe, publishing_server, upload, "analyst.a", PASSPHRASE)
    probe.page.get_by_text("Published: Migrant stock version v4 is now active on every page.").wait_for(
        timeout=60_000)
    probe.page.get_by_role("tab", name="Versions").click()
    probe.wait_idle()
    assert _active_versions(probe) == ["v4"]

    form = probe.page.locator("[data-testid='stForm']").filter(
        has=probe.page.get_by_role("button", name="Roll back", exact=True))
    form.get_by_label("Analyst name (your account)", exact=True).fill("analyst.a")
    form.get_by_label("Analyst passphrase", exact=True).fill(PASSPHRASE)
    form.get_by_role("button", name="Roll back", exact=True).click()
    done = probe.page.get_by_text(re.compile(r"^Migrant stock: version \S+ is active again on every page\.$"))
    done.wait_for(timeout=60_000)
    target = re.search(r"version (\S+) is", done.inner_text()).group(1)
    probe.wait_idle()
    assert target in {"rev2019", "rev2020", "rev2024"} and _active_versions(probe) == [target]  # without a reload
    probe.screenshot("rollback-versions")
