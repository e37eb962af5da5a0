"""Shared fixtures. AppTest helpers live in tests/app/conftest.py; browser ones in tests/e2e/conftest.py."""

from __future__ import annotations

import pytest

from dashboard.registry import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry()
