"""Two app processes on one PostgreSQL database (a deployment with several processes or machines): a version
published through one is shown by the other at its next rerun, and killing a process half-way through a publish
leaves no partial version on either. The commands mirror docs/DEPLOYMENT.md, "Several processes"."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import psycopg

from dashboard.registry import PublishRequest, Registry
from dashboard.store import store_at
from tests.e2e import serving
from tests.e2e.conftest import ARTIFACTS, start_server
from tests.e2e.publishing import add_analyst, shown_diaspora_2020, start_publish

PASSPHRASE = "kirkuk-workshop-2016"
ORIGINAL, DOUBLED = "2,077,976", "4,155,952"


def _rerun_overview(probe) -> str:
    """Go to another page and back in the same session (a rerun, not a new session) and read the headline."""
    probe.page.get_by_role("link", name="Methodology").click()
    probe.wait_idle()
    probe.page.get_by_role("link", name="Overview").click()
    probe.wait_idle()
    return shown_diaspora_2020(probe)


def _wait_in_log(port: int, marker: str, timeout: float = 60) -> None:
    log = ARTIFACTS / f"server-{port}.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{marker!r} never appeared in {log}")


def _counts(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        return (conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def test_two_processes_share_one_postgresql_store(postgres_server, browser, probe, tmp_path):
    database_url = postgres_server()
    home = tmp_path / "home"  # each machine's own DASHBOARD_HOME holds only its analysts.env here
    add_analyst(home / "analysts.env", "analyst.a", PASSPHRASE)
    env = {"DASHBOARD_HOME": str(home), "DASHBOARD_DATABASE_URL": database_url}
    first, first_url = start_server(env=env)
    second, second_url = start_server(env={**env, "DASHBOARD_FAULT_INJECTION": "1",
                                           "DASHBOARD_FAULT_PUBLISH_PAUSE_S": "120"})
    other_context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        from tests.e2e.conftest import PageProbe

        watcher = PageProbe(other_context.new_page())
        watcher.goto(second_url)
        assert shown_diaspora_2020(watcher) == ORIGINAL

        frame = Registry().get("migrant_stock").frame
        doubled, tripled = tmp_path / "doubled.csv", tmp_path / "tripled.csv"
        frame.assign(migrants=frame["migrants"] * 2).to_csv(doubled, index=False)
        frame.assign(migrants=frame["migrants"] * 3).to_csv(tripled, index=False)

        # 1. Published through the first process ...
        probe.goto(first_url)  # a fresh server's very first visit is its front page (deep links come after)
        assert shown_diaspora_2020(probe) == ORIGINAL
        start_publish(probe, first_url, doubled, "analyst.a", PASSPHRASE)
        probe.page.get_by_text("Published: Migrant stock version v4 is now active on every page.").wait_for(
            timeout=60_000)
        # ... shown by the second at its next rerun, in the session that was already open.
        assert _rerun_overview(watcher) == DOUBLED
        assert _counts(database_url) == (1, 1)

        # 2. The second process is killed half-way through a publish (written, not committed).
        start_publish(watcher, second_url, tripled, "analyst.a", PASSPHRASE)
        second_port = int(re.search(r":(\d+)$", second_url).group(1))
        _wait_in_log(second_port, "FAULT: publish paused before commit")
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=10)

        # Nothing partial anywhere: the first process still shows v3, the database has one version and one event.
        assert _rerun_overview(probe) == DOUBLED
        assert _counts(database_url) == (1, 1)
        store = store_at(database_url)
        assert store.versions("migrant_stock")["version"].tolist() == ["v4"]
        assert store.active() == {"migrant_stock": "v4"}
        # and the store takes the next publish at once (the dead process's lock went with its connection)
        registry = Registry(store=store)
        after = registry.publish(PublishRequest(
            dataset_id="migrant_stock", frame=frame, title="t", publisher="p", citation="c",
            published_by="analyst.a", source_file=Path(tripled).name, file_sha256="00"))
        assert after.version == "v5"
        assert probe.external_requests() == [] and watcher.external_requests() == []
    finally:
        other_context.close()
        serving.stop(first)
        serving.stop(second)
