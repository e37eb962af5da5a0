"""Shared fixtures. AppTest helpers live in tests/app/conftest.py; browser ones in tests/e2e/conftest.py."""

from __future__ import annotations

import os

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


# -- a real PostgreSQL server for the store's tests (tests/postgres_server.py) -----------------------------------
@pytest.fixture(scope="session")
def postgres_server():
    """One throw-away PostgreSQL server per test session. Yields a function making a fresh empty database and
    returning its URL (with .stop(), .start() and .bin_dir). Skipped without the binaries locally; under CI=true
    a missing server fails instead (.ci/run installs it)."""
    from tests.postgres_server import PostgresServer, binaries

    bin_dir = binaries()
    if bin_dir is None:
        message = "PostgreSQL binaries not found (apt-get install postgresql); .ci/run installs them"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(bin_dir)

    def new_database() -> str:
        return server.new_database()

    new_database.stop, new_database.start, new_database.bin_dir = server.stop, server.start, bin_dir  # type: ignore[attr-defined]
    try:
        yield new_database
    finally:
        server.remove()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """Where a store test's store lives: a fresh SQLite directory, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "home")
    return request.getfixturevalue("postgres_server")()
