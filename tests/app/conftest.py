"""AppTest fixtures: every test starts from the entrypoint, with clean caches and session."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
import streamlit as st
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from dashboard.pages import PAGES, page
from dashboard.paths import REPO_ROOT
from dashboard.plaintext import WORD_JOINER

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


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every file the app offered for download during the test, by file name (AppTest keeps them in memory)."""
    files: dict[str, bytes] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            if filename and isinstance(path_or_data, bytes):
                files[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    return files


def reader_text(markdown: str) -> str:
    """What a reader sees of Markdown that holds escaped outside text (dashboard.plaintext.markdown): the text
    without its backslash escapes and word joiners. AppTest gives the Markdown source, not the rendered page."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def plotly_figures(at: AppTest) -> list[dict]:
    """Figure dicts of every plotly chart on the page."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
