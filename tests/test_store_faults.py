"""The store under faults: damaged or unreadable files, a full disk, a database server that goes away, bad
settings, and several processes at once. The app must keep serving the bundled data and lose nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import psycopg
import pytest

from dashboard.paths import REPO_ROOT
from dashboard.registry import PublishRequest, Registry
from dashboard.store import (
    ConfigurationError,
    SQLiteStore,
    StoreFull,
    StoreUnavailable,
    check_configuration,
    open_store,
    store_at,
)


def _request(scale: int, who: str = "analyst.a") -> PublishRequest:
    frame = Registry().get("migrant_stock").frame
    return PublishRequest(dataset_id="migrant_stock", frame=frame.assign(migrants=frame["migrants"] * scale),
                          title="t", publisher="p", citation="c", published_by=who, source_file="f.csv",
                          file_sha256="ab" * 32)


def _published(location: str) -> Registry:
    registry = Registry(store=store_at(location))
    registry.publish(_request(2))
    return registry


# -- damaged, unreadable and full SQLite stores ---------------------------------------------------------------
def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database " * 500)


@pytest.mark.parametrize("damage", [_truncate, _garbage], ids=["truncated", "garbage"])
def test_a_damaged_store_serves_the_bundled_data_says_why_and_loses_nothing_once_restored(tmp_path, damage):
    registry = _published(str(tmp_path / "home"))
    store = registry.store
    _checkpoint(store.path)
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(store.path, backup)
    damage(store.path)
    damaged = Registry(store=SQLiteStore(store.directory))
    assert damaged.get("migrant_stock").meta.version == "rev2020"  # the bundled data, not an error
    assert [m.version for m in damaged.versions("migrant_stock")] == ["rev2020", "rev2019", "rev2024"]
    problem = damaged.store_problem()
    assert problem is not None and str(store.path) in problem
    assert "not a database" in problem or "malformed" in problem
    shutil.copy(backup, store.path)  # an operator restores the backup
    restored = Registry(store=SQLiteStore(store.directory))
    assert restored.store_problem() is None
    assert restored.get("migrant_stock").meta.version == "v4"
    assert restored.get("migrant_stock").frame["migrants"].sum() == _request(2).frame["migrants"].sum()


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, as a backup copy of the file alone needs."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _as_unprivileged_user(work) -> str:
    """Run `work()` in a forked child that is not root (root ignores file permissions) and return its text.
    Forked, not a new interpreter: the child keeps the modules already imported, which `nobody` could not read."""
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, do the work, send the result, never return into pytest
        code = 0
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
            result = work()
        except BaseException as exc:  # reported to the parent as text
            result, code = f"{type(exc).__name__}: {exc}", 1
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(result, pipe)
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        result = pickle.load(pipe)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, result
    return result


@pytest.mark.parametrize("mode", [0o555, 0o000], ids=["read-only directory", "no permission"])
def test_an_unreadable_store_serves_the_bundled_data_and_says_why(mode):
    directory = Path(tempfile.mkdtemp(prefix="dashboard-ro-"))
    try:
        directory.chmod(0o755)
        _published(str(directory))
        Registry().get("migrant_stock")  # warm the imports the child needs
        directory.chmod(mode)

        def look() -> str:
            registry = Registry(store=SQLiteStore(directory))
            return f"{registry.get('migrant_stock').meta.version}|{registry.store_problem()}"

        version, problem = _as_unprivileged_user(look).split("|", 1)
        assert version == "rev2020"
        assert "store.sqlite3 cannot be opened or read" in problem
    finally:
        directory.chmod(0o755)
        shutil.rmtree(directory, ignore_errors=True)


def test_a_full_disk_changes_nothing_and_says_so(tmp_path, monkeypatch):
    registry = _published(str(tmp_path / "home"))
    connect = SQLiteStore._connect

    def small_disk(self):  # SQLite's own SQLITE_FULL: the database may not grow past its current size
        conn = connect(self)
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(SQLiteStore, "_connect", small_disk)
    with pytest.raises(StoreFull, match=r"^not enough disk space; nothing was changed$"):
        registry.publish(_request(5))
    monkeypatch.undo()
    assert registry.get("migrant_stock").meta.version == "v4"
    assert registry.store.events()["action"].tolist() == ["publish"]
    assert registry.store.integrity_check() == "ok"
    assert registry.publish(_request(6)).version == "v5"  # space again: publishing works


# -- several processes ---------------------------------------------------------------------------------------
PUBLISHER = textwrap.dedent("""
    import sys, time
    from dashboard.registry import PublishRequest, Registry
    from dashboard.store import store_at
    registry = Registry(store=store_at(sys.argv[1]))
    frame = registry.get("migrant_stock", "rev2020").frame
    sys.stdin.readline()  # start together
    print(registry.store.publish(PublishRequest(  # each holds its transaction open a while: they must overlap
        dataset_id="migrant_stock", frame=frame, title="t", publisher="p", citation="c",
        published_by=sys.argv[2], source_file="f.csv", file_sha256="00"),
        existing_versions=len(registry.bundled_versions("migrant_stock")),
        _before_commit=lambda: time.sleep(0.3)))
""")


def test_publishers_in_several_processes_wait_for_each_other_and_get_distinct_versions(store_location):
    _published(store_location)  # an existing store: the first write's schema DDL does not serialise them
    names = [f"analyst.{i}" for i in range(4)]
    procs = [subprocess.Popen([sys.executable, "-c", PUBLISHER, store_location, name], cwd=REPO_ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for name in names]
    for proc in procs:  # all of them start at once (communicate() would wait for each in turn)
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=180) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, [err for _, err in outputs]
    assert sorted(out.strip() for out, _ in outputs) == ["v5", "v6", "v7", "v8"]
    store = store_at(store_location)
    assert sorted(store.events()["who"]) == sorted(["analyst.a", *names])
    assert store.integrity_check() == "ok"


def test_change_detection_sees_a_publish_from_another_process(store_location):
    reader = store_at(store_location)
    before = reader.state()
    assert reader.state() == before  # nothing changed, nothing to re-read
    proc = subprocess.run([sys.executable, "-c", PUBLISHER, store_location, "analyst.b"], input="go\n",
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    after = reader.state()
    assert after != before and after[0] == reader.backend
    Registry(store=reader).activate("migrant_stock", "rev2019", "analyst.b")
    assert reader.state() not in (before, after)


# -- PostgreSQL: settings and a server that goes away ------------------------------------------------------
@pytest.mark.parametrize(("url", "problem"), [
    ("mysql://user@host/db", "must be a PostgreSQL URL"),
    ("postgresql://user@/db?host=/nonexistent-socket-dir&port=1", "cannot be reached"),
    ("postgresql://user@host:notaport/db", "not a valid PostgreSQL URL|cannot be reached"),
])
def test_a_bad_database_url_is_one_message_naming_the_setting(url, problem):
    with pytest.raises(ConfigurationError, match=problem) as raised:
        check_configuration({"DASHBOARD_DATABASE_URL": url})
    assert str(raised.value).startswith("DASHBOARD_DATABASE_URL")
    assert "\n" not in str(raised.value)


def test_a_database_with_a_foreign_schema_is_refused(postgres_server):
    url = postgres_server()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(ConfigurationError, match="already holds other tables \\(invoices\\)"):
        check_configuration({"DASHBOARD_DATABASE_URL": url})


def test_an_empty_or_own_database_is_accepted_and_the_password_never_shown(postgres_server):
    url = postgres_server()
    check_configuration({"DASHBOARD_DATABASE_URL": url})
    _published(url)
    check_configuration({"DASHBOARD_DATABASE_URL": url})
    assert open_store({"DASHBOARD_DATABASE_URL": url}).backend == "postgresql"
    with pytest.raises(ConfigurationError) as raised:
        check_configuration({"DASHBOARD_DATABASE_URL": "postgresql://u:s3cret@/db?host=/nonexistent&port=1"})
    assert "s3cret" not in str(raised.value) and "***" in str(raised.value)


def test_a_database_that_goes_away_degrades_then_recovers_by_itself(postgres_server):
    url = postgres_server()
    registry = _published(url)
    postgres_server.stop()
    try:
        assert registry.get("migrant_stock").meta.version == "rev2020"  # bundled data, no error
        assert "is unavailable" in registry.store_problem() or "cannot be reached" in registry.store_problem()
        with pytest.raises(StoreUnavailable):
            registry.publish(_request(3))
    finally:
        postgres_server.start()
    assert registry.store_problem() is None
    assert registry.get("migrant_stock").meta.version == "v4"
    assert registry.publish(_request(3)).version == "v5"


def test_a_pg_dump_backup_restores_every_version_the_audit_log_and_the_protections(postgres_server, tmp_path):
    """The backup commands of docs/DEPLOYMENT.md ("Several processes: one PostgreSQL"), run as written there."""
    url = postgres_server()
    registry = _published(url)
    registry.activate("migrant_stock", "rev2019", "analyst.b")
    dump = tmp_path / "store.dump"
    bin_dir = postgres_server.bin_dir
    subprocess.run([str(bin_dir / "pg_dump"), "--format=custom", f"--file={dump}", url], check=True)
    restored_url = postgres_server()  # an empty database, as after a disaster
    subprocess.run([str(bin_dir / "pg_restore"), "--no-owner", f"--dbname={restored_url}", str(dump)], check=True)
    check_configuration({"DASHBOARD_DATABASE_URL": restored_url})  # recognised as a dashboard store
    restored = Registry(store=store_at(restored_url))
    assert restored.store.events().values.tolist() == registry.store.events().values.tolist()
    assert restored.get("migrant_stock").meta.version == "rev2019"
    assert restored.get("migrant_stock", "v4").frame.equals(registry.get("migrant_stock", "v4").frame)
    with psycopg.connect(restored_url, autocommit=True) as conn, pytest.raises(Exception, match="immutable"):
        conn.execute("UPDATE versions SET rows = 1")
    assert restored.publish(_request(3)).version == "v5"  # numbering and event ids continue
    assert restored.store.state()[1] == 3


def test_the_shell_check_make_run_uses_prints_one_line_and_fails(tmp_path):
    env = {**os.environ, "DASHBOARD_HOME": str(tmp_path), "DASHBOARD_DATABASE_URL": "postgres://u@/db?host=/nowhere"}
    run = subprocess.run([sys.executable, "-m", "dashboard.startup"], cwd=REPO_ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("The dashboard cannot start: DASHBOARD_DATABASE_URL: ")
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    env.pop("DASHBOARD_DATABASE_URL")
    assert subprocess.run([sys.executable, "-m", "dashboard.startup"], cwd=REPO_ROOT, env=env,
                          timeout=60).returncode == 0


def test_postgresql_connections_are_shared_by_script_threads_not_opened_per_run(postgres_server, monkeypatch):
    """Streamlit runs every script run in a new thread: the store must not connect anew on every run."""
    import threading

    url = postgres_server()
    store = store_at(url)
    _published(url)
    connects = []
    real_connect = psycopg.connect
    monkeypatch.setattr(psycopg, "connect", lambda *a, **k: connects.append(1) or real_connect(*a, **k))
    for _ in range(40):  # forty reruns, one after another, each on its own thread
        thread = threading.Thread(target=store.state)
        thread.start()
        thread.join()
    assert store.state()[0] == "postgresql"
    assert len(connects) == 1
