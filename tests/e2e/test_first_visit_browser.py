"""The very first visit to a freshly started server (issue 17, "Everyone"): the sidebar lists the page table's
titles in the visitor's language from its first paint (never Streamlit's file-name list, "streamlit app, case
studies, data sources, …") and the main area shows the page's own heading, no other.

Each case starts its own server, so the visit is the server's first; a recorder added before the page loads
(tests/e2e/first_paint.py) keeps every navigation list and heading the browser showed, however briefly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.i18n import t
from dashboard.pages import PAGES, page
from tests.e2e import first_paint, serving
from tests.e2e.conftest import ARTIFACTS

#: (language, page id, the page's heading key): the default page in English, a deep link in Arabic.
FIRST_VISITS = [("en", "overview", "overview.title"), ("ar", "map", "map.title")]


@pytest.mark.parametrize(("lang", "page_id", "heading_key"), FIRST_VISITS)
def test_first_visit_shows_the_page_table_and_the_page_heading(browser, tmp_path, lang, page_id, heading_key):
    expected_titles = [t(p.title_key, lang) for p in PAGES]
    address = page(page_id).address
    with serving.serving(ARTIFACTS, env={"DASHBOARD_HOME": str(tmp_path)}) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        try:
            tab = context.new_page()
            tab.add_init_script(first_paint.RECORDER_JS)
            tab.goto(f"{server.url}/{address}?lang={lang}")
            tab.wait_for_function(first_paint.DRAWN if page_id == "overview" else
                                  "(window.__firstPaint || {marks: {}}).marks.heading", timeout=60_000)
            tab.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
            seen = first_paint.read(tab)
            tab.screenshot(path=str(ARTIFACTS / f"first-visit-{page_id}-{lang}.png"))
        finally:
            context.close()

    assert seen.navs, "the sidebar never showed a navigation list"
    assert seen.navs == [expected_titles], f"navigation lists shown on the first visit: {seen.navs}"
    assert seen.headings == [t(heading_key, lang)], f"main headings shown on the first visit: {seen.headings}"


def test_the_server_parses_http_and_runs_its_event_loop_in_compiled_code(tmp_path):
    """Streamlit's frontend is about sixty files, and each later element loads more. With uvicorn's pure-Python
    parser (h11) and asyncio's loop, serving them on a fresh server took 0.5-0.8 s before the page could start;
    with httptools and uvloop (requirements.txt; uvicorn and Streamlit pick them when installed) it takes about
    0.3 s (benchmarks/bench_pages.py, "frontend loaded"). Checked in the running server's memory map."""
    import urllib.request

    with serving.serving(ARTIFACTS, env={"DASHBOARD_HOME": str(tmp_path)}) as server:
        with urllib.request.urlopen(server.url, timeout=30) as response:
            assert response.status == 200
        maps = Path(f"/proc/{server.proc.pid}/maps").read_text()
    libraries = {line.split()[-1] for line in maps.splitlines() if line.endswith(".so")}
    assert any("/httptools/parser/" in path for path in libraries), "the server parses HTTP in Python (h11)"
    assert any("/uvloop/" in path for path in libraries), "the server runs asyncio's own event loop"
