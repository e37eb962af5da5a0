"""Degrade, don't die: a damaged or unreachable store leaves every page serving the bundled data under one banner,
the Data page says exactly what is wrong, a full disk says so, and a wrong setting stops the app with one message."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.pages import PAGES, page
from dashboard.registry import PublishRequest, Registry
from dashboard.store import SQLiteStore, store_at
from tests.app.conftest import ENTRYPOINT

ORIGINAL_2020, DOUBLED_2020 = "2,077,976", "4,155,952"
BANNER = "Published versions are unavailable:"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    monkeypatch.delenv(auth.OLD_SETTING, raising=False)
    st.cache_resource.clear()
    yield tmp_path / "home"
    st.cache_resource.clear()


def _publish_doubled(location: str) -> None:
    registry = Registry(store=store_at(location))
    frame = registry.get("migrant_stock").frame
    registry.publish(PublishRequest(dataset_id="migrant_stock", frame=frame.assign(migrants=frame["migrants"] * 2),
                                    title="t", publisher="p", citation="c", published_by="analyst.a",
                                    source_file="f.csv", file_sha256="00"))


def _open(page_id: str) -> AppTest:
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60).run()
    if page_id != PAGES[0].id:
        at.switch_page(page(page_id).file).run()
    return at


def _headline(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Iraqi-born living abroad, 2020"]


def _banners(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if BANNER in w.value or "data store is unavailable" in w.value]


def _garbage(path):
    path.write_bytes(b"\x00garbage" * 1000)


def _truncated(path):
    path.write_bytes(path.read_bytes()[:1500])


@pytest.mark.parametrize("damage", [_truncated, _garbage], ids=["truncated", "garbage"])
def test_a_damaged_store_serves_the_bundled_data_on_every_page_with_one_banner(home, damage):
    _publish_doubled(str(home))
    store = SQLiteStore(home)
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    backup = home.parent / "backup.sqlite3"
    shutil.copy(store.path, backup)
    damage(store.path)
    for each in PAGES:
        at = _open(each.id)
        assert not at.exception, (each.id, [e.message for e in at.exception])
        assert not [e.value for e in at.error if "apolog" in e.value.lower() or "went wrong" in e.value.lower()]
        banners = _banners(at)
        assert len(banners) == 1, (each.id, banners)
        assert banners[0].startswith(BANNER) and "restore store.sqlite3 from a backup" in banners[0]
    assert _headline(_open("overview")) == ORIGINAL_2020  # the bundled figure, not the published one
    data = _open("data")
    assert any(e.value.startswith("The data store cannot be read:") and str(store.path) in e.value
               for e in data.error)
    # the operator restores the backup: the published version is back, the banner gone
    shutil.copy(backup, store.path)
    at = _open("overview")
    assert _banners(at) == [] and _headline(at) == DOUBLED_2020


def test_a_full_disk_says_so_and_changes_nothing(home, monkeypatch):
    from tests.app.test_data_page import PASSPHRASE, _analysts, _publish, _upload

    _publish_doubled(str(home))
    connect = SQLiteStore._connect

    def small_disk(self):
        conn = connect(self)
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    at.secrets[auth.SECRETS_SECTION] = _analysts()
    at.run()
    at.switch_page(page("data").file).run()
    frame = Registry().get("migrant_stock", "rev2020").frame
    at = _upload(at, "tripled.csv", frame.assign(migrants=frame["migrants"] * 3).to_csv(index=False).encode())
    monkeypatch.setattr(SQLiteStore, "_connect", small_disk)
    at = _publish(at, PASSPHRASE)
    monkeypatch.undo()
    assert not at.exception
    assert at.error[-1].value.startswith("Not enough disk space; nothing was changed.")
    assert SQLiteStore(home).versions()["version"].tolist() == ["v4"]
    assert _headline(_open("overview")) == DOUBLED_2020


def test_a_postgresql_store_that_goes_away_gives_a_short_notice_and_recovers(home, postgres_server, monkeypatch):
    url = postgres_server()
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    _publish_doubled(url)
    assert _headline(_open("overview")) == DOUBLED_2020
    postgres_server.stop()
    try:
        at = _open("overview")
        assert not at.exception
        assert [w.value for w in at.warning if "data store is unavailable" in w.value] == [
            "The data store is unavailable right now, so published versions cannot be shown; every page shows the "
            "bundled data meanwhile. Try again in a moment."]
        assert _headline(at) == ORIGINAL_2020
    finally:
        postgres_server.start()
    at = _open("overview")
    assert _banners(at) == [] and _headline(at) == DOUBLED_2020


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("DASHBOARD_DATABASE_URL", "mysql://db.example/dashboard", "DASHBOARD_DATABASE_URL must be a PostgreSQL URL"),
    ("DASHBOARD_DATABASE_URL", "postgresql://u@/db?host=/nonexistent&port=1", "DASHBOARD_DATABASE_URL: "),
    (auth.OLD_SETTING, "pbkdf2_sha256$600000$00$00", "DASHBOARD_PUBLISH_PASSPHRASE_SHA256 is no longer read"),
])
def test_a_wrong_setting_stops_the_app_with_one_message_naming_it(home, monkeypatch, setting, value, message):
    monkeypatch.setenv(setting, value)
    for each in (PAGES[0], PAGES[-1]):
        at = _open(each.id)
        assert not at.exception
        assert [e.value for e in at.error] == [e.value for e in at.error if message in e.value]
        assert len(at.error) == 1 and at.error[0].value.startswith("The dashboard cannot start because of a setting")
        assert not at.metric  # stopped: no page content
