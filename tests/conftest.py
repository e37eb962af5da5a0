"""Shared fixtures. AppTest helpers live in tests/app/conftest.py; browser ones in tests/e2e/conftest.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from dashboard.registry import Registry


@pytest.fixture(scope="session", autouse=True)
def _own_data_directory(tmp_path_factory):
    """Tests never read or write a developer's var/: the session gets its own empty DASHBOARD_HOME."""
    previous = os.environ.get("DASHBOARD_HOME")
    os.environ["DASHBOARD_HOME"] = str(tmp_path_factory.mktemp("dashboard-home"))
    yield
    if previous is None:
        os.environ.pop("DASHBOARD_HOME", None)
    else:
        os.environ["DASHBOARD_HOME"] = previous


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry()


# -- a real PostgreSQL server for the store's tests (../shared/notes/postgresql.md) -----------------------------
def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """One throw-away PostgreSQL server per test session, on a Unix socket in a temporary directory (nothing
    listens on the network). Yields a function making a fresh empty database and returning its URL. Skipped
    without the binaries locally; under CI=true a missing server fails instead (.ci/run installs it)."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL binaries not found (apt-get install postgresql); .ci/run installs them"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    directory = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb and pg_ctl refuse to run as root
        shutil.chown(directory, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # only names the socket file; nothing listens on TCP
    data = directory / "data"
    subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w",
                    "-o", f"-p {port} -k {directory} -c listen_addresses='' -c fsync=off", "start"],
                   check=True, capture_output=True)
    admin_url = f"postgresql://postgres@/postgres?host={directory}&port={port}"
    counter = iter(range(1, 1_000_000))

    def new_database() -> str:
        import psycopg

        name = f"test_{next(counter)}_{os.getpid()}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return f"postgresql://postgres@/{name}?host={directory}&port={port}"

    new_database.admin_url = admin_url  # type: ignore[attr-defined]
    new_database.bin_dir = bin_dir  # type: ignore[attr-defined]
    new_database.stop = lambda: subprocess.run(  # type: ignore[attr-defined]
        [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
    new_database.start = lambda: subprocess.run(  # type: ignore[attr-defined]
        [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w",
         "-o", f"-p {port} -k {directory} -c listen_addresses='' -c fsync=off", "start"],
        check=True, capture_output=True)
    try:
        yield new_database
    finally:
        new_database.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """Where a store test's store lives: a fresh SQLite directory, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "home")
    return request.getfixturevalue("postgres_server")()
