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
