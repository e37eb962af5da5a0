"""Page figures: warm rerun time of every page (AppTest, warm caches, median of N reruns, English and Arabic)
and cold start (server process started to the first page rendered in Chromium, median of a few starts).

    python benchmarks/bench_pages.py [--reruns 7] [--starts 3]
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


def cold_starts(starts: int) -> list[str]:
    path = chromium()
    if path is None:
        return ["pages: cold start: not available (chromium is not installed)"]
    from playwright.sync_api import sync_playwright

    to_health, to_page = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        for _ in range(starts):
            with serve() as server:
                to_health.append(server.seconds_to_health)
                page = browser.new_page()
                page.goto(server.url)
                page.wait_for_selector("[data-testid='stApp'][dir]", timeout=120_000)
                page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
                to_page.append(time.perf_counter() - server.started_at)
                page.close()
        browser.close()
    return [f"pages: cold start, server process to health check, median of {starts}: "
            f"{statistics.median(to_health):.1f} s",
            f"pages: cold start, server process to first page rendered, median of {starts}: "
            f"{statistics.median(to_page):.1f} s (max {max(to_page):.1f} s)"]


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
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args(argv)
    for line in [*cold_starts(args.starts), *cold_starts_server_side(args.starts), *warm_reruns(args.reruns)]:
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
