"""AppTest fixtures: every test starts from the entrypoint, with clean caches and session."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from dashboard.pages import PAGES, page
from dashboard.paths import REPO_ROOT

ENTRYPOINT = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture(autouse=True)
def _router_mode(monkeypatch):
    """AppTest re-detects the legacy `pages/` mode on every run; a served app leaves it after its first run
    (ui.shell.leave_legacy_pages_mode, tested in the browser). Test the served app's steady state."""
    original_init = PagesManager.__init__

    def init_then_router_mode(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_then_router_mode)


@pytest.fixture(autouse=True)
def _clear_caches():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Open the page with id `page_id` (dashboard.pages) through the router, optionally with URL query parameters."""

    def _open(page_id: str = PAGES[0].id, timeout: float = 30, **query: str) -> AppTest:
        at = AppTest.from_file(ENTRYPOINT, default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page_id != PAGES[0].id:
            at.switch_page(page(page_id).file).run()
        return at

    return _open


def plotly_figures(at: AppTest) -> list[dict]:
    """Figure dicts of every plotly chart on the page."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
