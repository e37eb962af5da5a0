"""One start command everywhere (ui/server.py): `make run`, the README, the deployment guide, the browser tests
and the benchmarks all start the app the same way, and its warm-up imports what the scripts import."""

from __future__ import annotations

import importlib
import re

import pytest

from dashboard.pages import PAGES
from dashboard.paths import REPO_ROOT
from tests.e2e.serving import LAUNCHER
from ui import server

START = "-m ui.server run streamlit_app.py"


@pytest.mark.parametrize("document", ["Makefile", "README.md", "docs/DEPLOYMENT.md"])
def test_documents_start_the_app_with_the_start_command(document):
    text = (REPO_ROOT / document).read_text(encoding="utf-8")
    assert START in text
    assert not re.search(r"-m streamlit run|^\s*streamlit run", text, re.MULTILINE), \
        f"{document} starts the app without ui.server (the first visit would run Streamlit's legacy pages mode)"


def test_browser_tests_and_benchmarks_start_the_app_with_the_start_command():
    assert " ".join(LAUNCHER) == "-m ui.server"


def test_warm_up_visits_the_entrypoint_then_the_pages_in_the_page_tables_order():
    scripts = server.scripts_in_visiting_order()
    assert scripts[0] == REPO_ROOT / "streamlit_app.py"
    assert scripts[1:] == [REPO_ROOT / p.file for p in PAGES]


def test_warm_up_imports_every_module_a_script_imports():
    """Every name the warm-up tries is a module it imports or a name defined in the module before it."""
    for script in server.scripts_in_visiting_order():
        names = server.modules_imported_by(script)
        assert names, f"{script.name}: no imports found"
        for name in names:
            try:
                importlib.import_module(name)
            except ModuleNotFoundError:
                parent, _, attribute = name.rpartition(".")
                assert parent and hasattr(importlib.import_module(parent), attribute), f"{script.name}: {name}"
    entry = set(server.modules_imported_by(REPO_ROOT / "streamlit_app.py"))
    assert {"ui.shell", "ui.cached", "dashboard.i18n"} <= entry




#: What a process does the first time its first page runs, and costs the first visitor a few tenths of a second
#: unless the warm-up has done it: set_page_config's emoji catalogue (a large regular expression), pandas' Styler
#: and its templates (every table, ui.widgets.data_table), a plotly figure and its JSON serialiser.
FIRST_USES = ["streamlit.emojis", "pandas.io.formats.style", "plotly.graph_objs._figure", "orjson"]

FIRST_VISIT_AFTER_WARM_UP = """
import json, sys
import streamlit.web.bootstrap  # what the server has imported when it starts
from streamlit.testing.v1 import AppTest
from ui import server
server.prepare_first_page()  # the warm-up's part before the caches (ui/server.py)
at = AppTest.from_file(str(server.ENTRYPOINT), default_timeout=120)
before = set(sys.modules)
at.run()
assert not at.exception, at.exception
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_after_the_warm_up_the_first_visit_imports_none_of_the_costly_first_uses():
    """The warm-up's imports and first uses (ui/server.py), then the default page's first run in the same fresh
    interpreter: what that run still imports, the first visitor would wait for."""
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", FIRST_VISIT_AFTER_WARM_UP], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    imported_by_the_first_visit = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert sorted(imported_by_the_first_visit & set(FIRST_USES)) == []


@pytest.fixture
def collector_restored():
    """The tests below switch the process's garbage collector; leave it as they found it."""
    import gc

    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_the_start_command_keeps_the_collector_off_while_the_process_starts():
    import subprocess
    import sys

    code = "import gc; from ui import server; server.prepare(); print(gc.isenabled())"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr[-2000:]


def test_the_collector_is_on_again_before_the_warm_up_reads_the_store(monkeypatch, collector_restored):
    import gc

    seen = {}
    monkeypatch.setattr(server, "wait_for_server", lambda: True)
    monkeypatch.setattr(server, "scripts_in_visiting_order", lambda: [REPO_ROOT / "streamlit_app.py"] * 2)
    monkeypatch.setattr(server, "fill_shared_caches", lambda: seen.setdefault("collector_on", gc.isenabled()))
    gc.disable()
    server.warm_up()
    assert seen == {"collector_on": True}
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_warm_up_that_fails_still_turns_the_collector_back_on(monkeypatch, collector_restored):
    import gc

    def broken(name: str) -> None:
        raise RuntimeError(f"cannot import {name}")

    monkeypatch.setattr(server, "wait_for_server", lambda: True)
    monkeypatch.setattr(server, "import_quietly", broken)
    gc.disable()
    server.warm_up()  # logs the failure; the page that needs the module reports it
    assert gc.isenabled()


def test_the_first_page_leaves_the_briefing_engine_to_the_first_click():
    """The sidebar's briefing button is on every page, but the file is built on a click (ui/briefing_file.py):
    the scenario engine and the briefing's builders (about 0.1 s of imports) are not loaded with the first page."""
    import subprocess
    import sys

    code = ("import sys; from streamlit.testing.v1 import AppTest; "
            "at = AppTest.from_file('streamlit_app.py', default_timeout=120).run(); assert not at.exception; "
            "print(sorted(m for m in ('ui.briefing_file', 'dashboard.briefing', 'dashboard.scenario.model') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
