"""Page figures: warm rerun time of every page (AppTest, warm caches, median of N reruns, English and Arabic)
and cold start (server process started to the first page drawn in Chromium, median of a few starts, with where
the time goes).

    python benchmarks/bench_pages.py [--reruns 7] [--starts 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import CHROMIUM_ARGS, REPO_ROOT, chromium, serve
from dashboard.pages import PAGES

#: Every page but the methodology (static text and two tables).
MEASURED = [p for p in PAGES if p.id != "methodology"]


def warm_reruns(reruns: int) -> list[str]:
    import os
    import tempfile

    os.environ.setdefault("DASHBOARD_HOME", tempfile.mkdtemp(prefix="dashboard-bench-"))
    from streamlit.testing.v1 import AppTest

    lines = []
    for lang in ("en", "ar"):
        for measured in MEASURED:
            name = measured.url_path
            at = AppTest.from_file(str(REPO_ROOT / "streamlit_app.py"), default_timeout=120)
            at.query_params["lang"] = lang
            at.run()
            if measured is not PAGES[0]:
                at.switch_page(measured.file).run()
            at.run()  # warm: caches filled, session state settled
            if at.exception:
                lines.append(f"pages: warm rerun /{name} ({lang}): failed: {at.exception[0].message[:120]}")
                continue
            times = []
            for _ in range(reruns):
                started = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - started)
            lines.append(f"pages: warm rerun /{name} ({lang}), median of {reruns}: "
                         f"{statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f} ms)")
    return lines


#: The first page's milestones after the server's health check, in the order a visitor sees them
#: (tests/e2e/first_paint.py records them; "navigation start" is when the browser began to load the page).
STAGES = [("navigation_start", "browser asks for the page"), ("dom_loaded", "frontend loaded"),
          ("socket_open", "websocket open"), ("nav", "navigation drawn"), ("heading", "heading"),
          ("figure", "headline figures"), ("chart", "first chart drawn")]


#: The bare Streamlit command, measured next to the app's start command for comparison (same load, interleaved).
BARE_STREAMLIT = ("-m", "streamlit")


def cold_starts(starts: int, compare: bool = True) -> list[str]:
    """Server process started (the production command, ui/server.py) to the first page drawn: its heading, its
    headline figures and a chart on screen, with the stages between; with `compare`, each start is followed by
    one with a bare `streamlit run`, so that both figures come from the same load on the machine.

    The browser tab is open before the server starts, in a fresh context each time (empty cache, as on a first
    visit), and asks for the page as soon as the health check answers: the figure counts the server's start,
    the frontend's loading, the first script run and the drawing, not the creation of a browser tab."""
    path = chromium()
    if path is None:
        return ["pages: cold start: not available (chromium is not installed)"]
    import os

    from playwright.sync_api import sync_playwright

    from benchmarks.common import LAUNCHER

    runs: dict[tuple[str, ...], list[dict[str, float]]] = {LAUNCHER: [], BARE_STREAMLIT: []}
    loads: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for _ in range(starts):
            loads.append(os.getloadavg()[0])
            for launcher in (LAUNCHER, BARE_STREAMLIT) if compare else (LAUNCHER,):
                runs[launcher].append(_first_page_drawn(browser, launcher))
        browser.close()

    def median(values: list[float]) -> float:
        return statistics.median(values)

    ours = runs[LAUNCHER]
    stages, previous = [f"server start {median([r['health'] for r in ours]):.2f}"], "health"
    for name, label in STAGES:
        stages.append(f"{label} +{median([r[name] - r[previous] for r in ours]):.2f}")
        previous = name
    drawn = [run["drawn"] for run in ours]
    lines = [f"pages: cold start, server process to health check, median of {starts}: "
             f"{median([r['health'] for r in ours]):.1f} s",
             f"pages: cold start, server process to first page drawn (heading, headline figures and a chart; fresh "
             f"browser context), median of {starts}: {median(drawn):.1f} s (max {max(drawn):.1f} s; load average "
             f"{median(loads):.1f} on {os.cpu_count()} CPUs); the server had used "
             f"{median([r['server_cpu'] for r in ours]):.1f} s of CPU by then",
             f"pages: cold start, where the time goes (median s per stage): {', '.join(stages)}",
             f"pages: cold start, server warm-up of the first page's imports and caches (ui/server.py), after the "
             f"health check: {median([r['warm_up'] for r in ours]):.2f} s (in the background while the browser "
             f"loads the frontend)",
             f"pages: cold start, navigation lists shown on the first visit: {max(r['lists'] for r in ours):.0f} "
             f"(1 = only the page table's; 2 = Streamlit's legacy pages/ list first)"]
    if compare:
        bare = runs[BARE_STREAMLIT]
        lines.append(f"pages: cold start, the same with a bare `streamlit run` (no warm-up; legacy pages run first), "
                     f"interleaved with the above: {median([r['drawn'] for r in bare]):.1f} s median, heading "
                     f"{median([r['heading'] for r in bare]):.1f} s, navigation lists shown "
                     f"{max(r['lists'] for r in bare):.0f}")
    return lines


def cold_starts_returning_browser(starts: int) -> list[str]:
    """The same cold start for a browser that has opened the app before: a facilitator who restarts the server
    on the laptop the workshop was prepared on. Streamlit's frontend files are named by their content hash and
    cached by the browser, so only the server's start, the first run and the drawing remain. One visit fills
    the cache (not counted); each measured start is a new server process on the same address."""
    path = chromium()
    if path is None:
        return ["pages: cold start, returning browser: not available (chromium is not installed)"]
    import os

    from playwright.sync_api import sync_playwright

    from benchmarks.common import LAUNCHER
    from tests.e2e.serving import free_port

    port, loads = free_port(), []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context()
        _first_page_drawn(browser, LAUNCHER, context, port)
        runs = []
        for _ in range(starts):
            loads.append(os.getloadavg()[0])
            runs.append(_first_page_drawn(browser, LAUNCHER, context, port))
        browser.close()
    drawn = [run["drawn"] for run in runs]
    return [f"pages: cold start, server process to first page drawn in a browser that has opened the app before "
            f"(its cache holds Streamlit's frontend files), median of {starts}: {statistics.median(drawn):.1f} s "
            f"(max {max(drawn):.1f} s; load average {statistics.median(loads):.1f}); heading "
            f"{statistics.median([r['heading'] for r in runs]):.1f} s"]


def _first_page_drawn(browser, launcher: tuple[str, ...], context=None, port: int | None = None
                      ) -> dict[str, float]:
    """One cold start: milestones in seconds since the server process started (tests/e2e/first_paint.py); in a
    fresh browser context unless one is given (with the `port` its cache was filled from)."""
    import re

    from benchmarks.common import cpu_seconds
    from tests.e2e import first_paint

    own_context = context is None
    context = browser.new_context() if own_context else context
    page = context.new_page()
    page.add_init_script(first_paint.RECORDER_JS)
    with serve(launcher=launcher, port=port) as server:
        process_started = time.time() - (time.perf_counter() - server.started_at)
        page.goto(server.url)
        page.wait_for_function(first_paint.DRAWN, timeout=120_000)
        seen = first_paint.read(page)
        server_cpu = cpu_seconds(server.proc.pid)
        navigation_start = page.evaluate("performance.timeOrigin") / 1000
        warmed = re.search(r"warm-up done: default page ([\d.]+) s", server.log_path.read_text())
    page.close()
    if own_context:
        context.close()
    run = {name: at - process_started for name, at in seen.marks.items()}
    run.update(health=server.seconds_to_health, drawn=seen.drawn - process_started,
               navigation_start=navigation_start - process_started, lists=len(seen.navs),
               warm_up=float(warmed.group(1)) if warmed else float("nan"), server_cpu=server_cpu)
    return run


def first_run_imports() -> str:
    """What the first visitor's script would spend importing the app without the warm-up: the modules the
    entrypoint and the default page import, in a fresh interpreter (Streamlit itself is loaded at server start)."""
    import subprocess

    code = ("import time, streamlit, streamlit.web.bootstrap; from ui import server; started = time.perf_counter(); "
            "server.import_first_page_modules(); print(time.perf_counter() - started)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    return (f"pages: cold start, importing the entrypoint's and the default page's modules in a fresh interpreter: "
            f"{float(result.stdout.strip()):.2f} s (done by the warm-up, not by the first visitor's script)")


def cold_starts_server_side(starts: int) -> list[str]:
    """Cold start without a browser: server process started to the first page's script finished, as a
    websocket client (benchmarks/load_protocol.py) sees it, and the server's CPU until then. The browser's
    share (loading and drawing Streamlit's frontend) is the difference to the line above."""
    import asyncio

    from benchmarks.common import cpu_seconds
    from benchmarks.load_protocol import Session

    async def first_page(url: str) -> None:
        session = Session(url, 0)
        await session.connect()
        try:
            await session.open("")
        finally:
            await session.close()

    wall, cpu = [], []
    for _ in range(starts):
        with serve() as server:
            asyncio.run(first_page(server.url))
            wall.append(time.perf_counter() - server.started_at)
            cpu.append(cpu_seconds(server.proc.pid))
    return [f"pages: cold start, server process to first page's script finished (no browser), median of {starts}: "
            f"{statistics.median(wall):.1f} s, of which server CPU {statistics.median(cpu):.1f} s"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=7)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args(argv)
    for line in [*cold_starts(args.starts), *cold_starts_returning_browser(args.starts),
                 *cold_starts_server_side(args.starts), first_run_imports(),
                 *warm_reruns(args.reruns)]:
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
