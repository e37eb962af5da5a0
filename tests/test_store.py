"""The versioned store: publish, read back, roll back, survive a kill mid-publish, and take concurrent publishes.

Every test that takes `registry` runs twice: on SQLite and on a real PostgreSQL server (tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading

import pandas as pd
import pytest

from dashboard.paths import REPO_ROOT
from dashboard.registry import PublishRequest, Registry
from dashboard.store import Store, StoreError, home, store_at


def _stock(scale: int = 2) -> pd.DataFrame:
    frame = Registry().get("migrant_stock").frame
    return frame.assign(migrants=frame["migrants"] * scale)


def _request(frame: pd.DataFrame, who: str = "Analyst A") -> PublishRequest:
    return PublishRequest(dataset_id="migrant_stock", frame=frame, title="Iraqi-born abroad, ministry revision",
                          publisher="Ministry of Migration and Displaced", citation="MoMD (2025)", published_by=who,
                          source_file="stock.csv", file_sha256="ab" * 32, revision="2025")


@pytest.fixture
def registry(store_location) -> Registry:
    return Registry(store=store_at(store_location))


def _raw(store):
    """A plain connection to the store's database, bypassing the app (as someone with database access)."""
    if store.backend == "sqlite":
        return sqlite3.connect(store.path, isolation_level=None)
    import psycopg

    return psycopg.connect(store.url, autocommit=True)


def _location(store) -> str:
    return str(store.directory) if store.backend == "sqlite" else store.url


def test_data_directory_comes_from_dashboard_home(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "elsewhere"))
    assert home() == tmp_path / "elsewhere"
    assert Store().path == tmp_path / "elsewhere" / "store.sqlite3"
    monkeypatch.delenv("DASHBOARD_HOME")
    assert home() == REPO_ROOT / "var"


def test_reading_never_creates_the_store_and_bundled_versions_come_first(registry):
    assert [m.version for m in registry.versions("migrant_stock")] == ["rev2020", "rev2019", "rev2024"]
    assert registry.get("migrant_stock").meta.version == "rev2020"
    assert not registry.store.exists()


def test_publish_makes_a_new_active_version_with_its_provenance(registry):
    new = _stock()
    meta = registry.publish(_request(new))
    assert meta.version == "v4"
    assert [m.version for m in registry.versions("migrant_stock")] == ["v4", "rev2020", "rev2019", "rev2024"]
    active = registry.get("migrant_stock")
    assert active.meta.version == "v4" and active.meta.active
    assert (active.meta.publisher, active.meta.published_by, active.meta.rows) == (
        "Ministry of Migration and Displaced", "Analyst A", len(new))
    assert active.meta.published_at.endswith("Z") and active.meta.sha256 == "ab" * 32
    assert (active.meta.year_min, active.meta.year_max) == (1990, 2020)
    pd.testing.assert_frame_equal(active.frame, new)
    # the bundled versions are still there, unchanged
    assert registry.get("migrant_stock", "rev2020").frame["migrants"].sum() * 2 == new["migrants"].sum()


def test_data_persists_across_restarts(registry):
    registry.publish(_request(_stock()))
    reopened = Registry(store=store_at(_location(registry.store)))
    assert reopened.get("migrant_stock").meta.version == "v4"


def test_rollback_to_any_version_and_forward_again(registry):
    registry.publish(_request(_stock(2)))
    registry.publish(_request(_stock(3)))
    registry.activate("migrant_stock", "rev2019", "Analyst B")
    assert registry.get("migrant_stock").meta.version == "rev2019"
    registry.activate("migrant_stock", "v4", "Analyst B")
    assert registry.get("migrant_stock").frame["migrants"].sum() == _stock(2)["migrants"].sum()
    events = registry.store.events()
    assert events[["who", "action", "version"]].values.tolist() == [
        ["Analyst A", "publish", "v4"], ["Analyst A", "publish", "v5"], ["Analyst B", "rollback", "rev2019"],
        ["Analyst B", "rollback", "v4"]]
    with pytest.raises(KeyError):
        registry.activate("migrant_stock", "v9", "Analyst B")


def test_published_versions_and_the_audit_log_are_immutable_in_the_database(registry):
    registry.publish(_request(_stock()))
    conn = _raw(registry.store)
    for statement, refusal in [("UPDATE versions SET rows = 1", "immutable"),
                               ("DELETE FROM versions", "never deleted"),
                               ("UPDATE events SET who = 'someone else'", "append-only"),
                               ("DELETE FROM events", "append-only")]:
        with pytest.raises(Exception, match=refusal):
            conn.execute(statement)
    if registry.store.backend == "postgresql":
        for table, refusal in (("versions", "never deleted"), ("events", "append-only")):
            with pytest.raises(Exception, match=refusal):
                conn.execute(f"TRUNCATE {table} CASCADE")
    conn.close()
    assert registry.store.events()["who"].tolist() == ["Analyst A"]
    assert registry.get("migrant_stock").meta.rows == len(_stock())


def test_a_damaged_payload_is_reported_not_shown(registry):
    registry.publish(_request(_stock()))
    conn = _raw(registry.store)
    if registry.store.backend == "sqlite":
        conn.execute("DROP TRIGGER versions_are_immutable")
    else:
        conn.execute("ALTER TABLE versions DISABLE TRIGGER versions_are_immutable")
    conn.execute("UPDATE versions SET payload_sha256 = 'x'")
    conn.close()
    with pytest.raises(Exception, match="does not match its checksum"):
        registry.get("migrant_stock")


def test_an_error_inside_publish_leaves_the_previous_version_active(registry):
    registry.publish(_request(_stock(2)))

    def fail():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        registry.store.publish(_request(_stock(5)), existing_versions=len(registry.bundled_versions("migrant_stock")),
                               _before_commit=fail)
    assert registry.get("migrant_stock").meta.version == "v4"
    assert [m.version for m in registry.versions("migrant_stock")] == ["v4", "rev2020", "rev2019", "rev2024"]


def test_an_unwritable_data_directory_is_a_clear_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot be created or opened for writing"):
        Store(blocker / "home").publish(_request(_stock()))


KILLED_PUBLISH = textwrap.dedent("""
    import sys, time
    from dashboard.registry import PublishRequest, Registry
    from dashboard.store import store_at

    registry = Registry(store=store_at(sys.argv[1]))
    frame = registry.get("migrant_stock").frame
    frame = frame.assign(migrants=frame["migrants"] * 7)

    def halfway():
        print("IN_TRANSACTION", flush=True)
        time.sleep(60)

    registry.store.publish(PublishRequest(
        dataset_id="migrant_stock", frame=frame, title="t", publisher="p", citation="c", published_by="killed",
        source_file="x.csv", file_sha256="00"), existing_versions=len(registry.bundled_versions("migrant_stock")),
        _before_commit=halfway)
""")


def test_a_publish_killed_half_way_leaves_the_previous_version_active_and_intact(registry):
    before = registry.publish(_request(_stock(2)))
    expected = registry.get("migrant_stock").frame
    proc = subprocess.Popen([sys.executable, "-c", KILLED_PUBLISH, _location(registry.store)], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "IN_TRANSACTION"  # version row and pointer written, not committed
        proc.kill()
    finally:
        proc.wait(timeout=30)
    assert proc.returncode != 0
    reopened = Registry(store=store_at(_location(registry.store)))
    active = reopened.get("migrant_stock")
    assert active.meta == before
    pd.testing.assert_frame_equal(active.frame, expected)
    assert [m.version for m in reopened.versions("migrant_stock")] == ["v4", "rev2020", "rev2019", "rev2024"]
    assert reopened.store.integrity_check() == "ok"
    # and the store still takes the next publish
    assert reopened.publish(_request(_stock(4))).version == "v5"


def test_two_publishes_at_the_same_moment_both_become_versions(registry):
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}
    errors: list[BaseException] = []

    def publish(who: str, scale: int) -> None:
        try:
            barrier.wait()
            results[who] = Registry(store=store_at(_location(registry.store))).publish(
                _request(_stock(scale), who)).version
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=publish, args=(who, scale)) for who, scale in (("A", 2), ("B", 3))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results.values()) == ["v4", "v5"]
    versions = registry.store.versions("migrant_stock")
    assert sorted(versions["published_by"]) == ["A", "B"]
    assert registry.store.integrity_check() == "ok"
    last = max(results, key=lambda who: results[who])
    assert registry.get("migrant_stock").meta.published_by == last
    for who, version in results.items():
        scale = 2 if who == "A" else 3
        assert registry.get("migrant_stock", version).frame["migrants"].sum() == _stock(scale)["migrants"].sum()
