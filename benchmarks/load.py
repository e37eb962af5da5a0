"""Workshop load: twenty people on one server, each changing widgets on the map and scenario pages.

One Chromium, one browser context per participant (its own cookies and Streamlit session), all driven at the
same time with Playwright's async API. Half of the participants use Arabic. The run has two phases:

1. Joining: the facilitator opens /map, then the nineteen others open the same link at the same moment
   (reported as "page open": from the request to the first page rendered).
2. Working, once everyone is in: each participant changes the first widget of /map a few times, moves to
   /scenarios through the sidebar (as people do; no page reload) and changes a scenario lever a few times,
   pausing 2-6 s between changes to look at the result.

Measured in the browser for every change: from the interaction (keypress or click) to the page having finished
updating, i.e. the app's script state back to notRunning, staying there (so a chained rerun is included), and
two animation frames later (the new content has been painted). Everything that can go wrong is counted as an
error: an exception element, our apology, a browser console error, a failed request, a widget that did not
change, a timeout.

    python benchmarks/load.py                 # starts its own server; prints p50/p95 and memory per session
    python benchmarks/load.py --url URL       # against a running server (no memory figures)

The browser runs on the same machine as the server: on a small machine twenty Chromium tabs compete with the
server for CPU (each tab compiles Streamlit's frontend and draws its own charts), so the figures are
pessimistic for a room where each person has their own laptop.
"""

from __future__ import annotations

import asyncio
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    CHROMIUM_ARGS,
    LoadTimings,
    chromium,
    cpu_seconds,
    load_main,
    memory_lines,
    peak_rss_while,
    percentile,
    rss_mb,
    spread,
)

PATHS = ("map", "scenarios")
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Streamlit's frontend probes <path>/_stcore/health and /host-config on a deep link to find the base path.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")

# Records the script-state transitions of the app container (see the module docstring).
OBSERVER = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const perf = window.__loadPerf = {armed: false, mark: null, sawRunning: false, idleAt: null,
    lastChange: performance.now(),
    arm() { this.armed = true; this.mark = null; this.sawRunning = false; this.idleAt = null; }};
  // the clock starts when the page receives the user's input, not when the test driver sends it
  for (const type of ['keydown', 'pointerdown']) {
    document.addEventListener(type, () => {
      if (perf.armed && perf.mark === null) perf.mark = performance.now();
    }, {capture: true});
  }
  new MutationObserver((records) => {
    perf.lastChange = performance.now();
    if (perf.mark === null) return;
    // a quick run can start and end before this callback: the records' old values still show it ran
    if (records.some((r) => r.oldValue === 'running')) perf.sawRunning = true;
    const stateNow = app.getAttribute('data-test-script-state');
    if (stateNow === 'running') { perf.sawRunning = true; perf.idleAt = null; }
    else if (stateNow === 'notRunning' && perf.sawRunning) {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (app.getAttribute('data-test-script-state') === 'notRunning') perf.idleAt = performance.now();
      }));
    }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
}"""
SETTLED = """(quiet) => { const p = window.__loadPerf;
  return p.mark !== null && p.idleAt !== null && performance.now() - p.lastChange > quiet; }"""


@dataclass
class LoadResult(LoadTimings):
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The figures, one `label: value` per line."""
        every = self.seconds()
        out = [f"load: sessions: {self.sessions} concurrent browser sessions, {len(every)} widget changes, "
               f"{len(self.errors)} errors, {self.wall_seconds:.0f} s wall",
               f"load: update after a widget change, p50: {percentile(every, 50):.2f} s",
               f"load: update after a widget change, p95: {percentile(every, 95):.2f} s",
               f"load: update after a widget change, max: {max(every, default=float('nan')):.2f} s"]
        out += [f"load: /{page} update p50 / p95: {spread(self.seconds(page))}" for page in PATHS]
        opens, switches = self.opens_and_switches()
        out.append(f"load: page open to first render, {len(self.page_opens)} at once, p50 / p95: {opens}")
        out.append(f"load: page switch through the sidebar, p50 / p95: {switches}")
        out.extend(memory_lines(self.rss_mb, self.sessions))
        if self.cpu_work:
            out.append(f"load: CPU in the working phase ({self.work_seconds:.0f} s): server "
                       f"{self.cpu_work['server']:.0f} s, whole machine {self.cpu_work['machine']:.0f} s "
                       f"(browsers, server and anything else running)")
        kinds = Counter(re.sub(r"session \d+|[0-9a-f]{32}|:\d{4,5}/", "*", error) for error in self.errors)
        for kind, count in kinds.most_common(15):
            out.append(f"load: error x{count}: {kind}")
        return out


async def _widget(page):
    """The first visible slider in the main area, else the first toggle or checkbox: ("slider"|"toggle", locator)."""
    slider = page.locator("[data-testid='stMain'] [data-testid='stSlider'] input[type='range']")
    for i in range(await slider.count()):
        # the input itself is visually hidden (1 px); its slider widget is what must be on screen
        if await page.locator("[data-testid='stMain'] [data-testid='stSlider']").nth(i).is_visible():
            return "slider", slider.nth(i)
    toggles = page.locator("[data-testid='stMain'] [data-testid='stCheckbox']")
    for i in range(await toggles.count()):
        toggle = toggles.nth(i)
        if await toggle.is_visible() and await toggle.locator("input").is_enabled():
            return "toggle", toggle
    return None, None


async def _value(kind: str, widget) -> str:
    if kind == "slider":
        return await widget.get_attribute("aria-valuetext") or await widget.input_value()
    return str(await widget.locator("input").is_checked())


async def _change(page, timeout_ms: float) -> float:
    """Change the page's first widget; seconds until the page has finished updating."""
    kind, widget = await _widget(page)
    if widget is None:
        raise RuntimeError("no slider or toggle in the main area")
    before = await _value(kind, widget)
    await page.evaluate("() => window.__loadPerf.arm()")
    if kind == "slider":
        low, now = float(await widget.get_attribute("min")), float(await widget.input_value())
        # Up/Down, not Left/Right: a right-to-left (Arabic) page mirrors the horizontal arrows
        await widget.press("ArrowDown" if now > low else "ArrowUp")
    else:
        await widget.locator("label").first.click()
    await page.wait_for_function(SETTLED, arg=150, timeout=timeout_ms, polling=100)
    elapsed_ms = await page.evaluate("() => window.__loadPerf.idleAt - window.__loadPerf.mark")
    _, widget_after = await _widget(page)
    if widget_after is None or await _value(kind, widget_after) == before:
        raise RuntimeError(f"the {kind} did not change")
    return elapsed_ms / 1000


async def _problems(page, console: list[str]) -> list[str]:
    found = list(console)
    console.clear()
    if await page.locator("[data-testid='stException']").count():
        found.append("exception element on the page")
    if await page.locator("[data-testid='stAlert']").filter(has_text="error id").count():
        found.append("apology (page failed; see the server log)")
    return found


def _watch(page, sink: list[str]) -> None:
    """Collect browser console errors, uncaught page errors and failed requests into `sink`."""
    page.on("console", lambda m: m.type == "error" and not (m.location or {}).get("url", "").endswith(
        BASE_PATH_PROBES) and sink.append(f"console: {m.text[:200]}"))
    page.on("pageerror", lambda e: sink.append(f"page error: {str(e)[:200]}"))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith(BASE_PATH_PROBES)
            and sink.append(f"HTTP {r.status} {r.url}"))


async def _open(browser, url: str, index: int, result: LoadResult, timeout_ms: float):
    """Join: open /map in a fresh context; (page, its problem list), or None when it did not open."""
    lang = "ar" if index % 2 else "en"
    context = await browser.new_context(viewport={"width": 1366, "height": 800}, locale=lang)
    page = await context.new_page()
    problems: list[str] = []
    _watch(page, problems)
    started = time.perf_counter()
    try:
        await page.goto(f"{url}/{PATHS[0]}?lang={lang}", timeout=timeout_ms)
        await page.wait_for_selector("[data-testid='stApp'][dir]", timeout=timeout_ms)
        await page.wait_for_selector(IDLE, timeout=timeout_ms)
    except Exception as exc:  # a timeout is an error of the run
        result.errors.append(f"session {index} /{PATHS[0]}: did not open: {type(exc).__name__}")
        await context.close()
        return None
    result.page_opens.append((PATHS[0], time.perf_counter() - started))
    await page.evaluate(OBSERVER)
    return page, problems


async def _switch(page, path: str, timeout_ms: float) -> float:
    """Go to `path` through the sidebar navigation; seconds until the page has finished rendering."""
    await page.evaluate("() => window.__loadPerf.arm()")
    await page.locator(f"[data-testid='stSidebarNav'] a[href*='/{path}']").first.click()
    await page.wait_for_function(SETTLED, arg=150, timeout=timeout_ms, polling=100)
    if f"/{path}" not in page.url:
        raise RuntimeError(f"the sidebar did not lead to /{path} (at {page.url})")
    return await page.evaluate("() => (window.__loadPerf.idleAt - window.__loadPerf.mark) / 1000")


async def _work(page, problems: list[str], index: int, rounds: int, think: tuple[float, float], result: LoadResult,
                timeout_ms: float) -> None:
    """Work: change widgets on each page, moving between pages through the sidebar."""
    rng = random.Random(index)
    try:
        for number, path in enumerate(PATHS):
            try:
                if number:
                    result.page_switches.append((path, await _switch(page, path, timeout_ms)))
                for _ in range(rounds):
                    await asyncio.sleep(rng.uniform(*think))
                    result.interactions.append((path, await _change(page, timeout_ms)))
            except Exception as exc:
                result.errors.append(f"session {index} /{path}: {type(exc).__name__}: {str(exc)[:160]}")
            result.errors.extend(f"session {index} /{path}: {p}" for p in await _problems(page, problems))
    finally:
        await page.context.close()


async def run_load(url: str, chromium_path: str, sessions: int = 20, rounds: int = 3,
                   think: tuple[float, float] = (2.0, 6.0), timeout_s: float = 180,
                   server_pid: int | None = None) -> LoadResult:
    """Drive `sessions` participants at once; with the server's pid, also its memory and CPU."""
    from playwright.async_api import async_playwright

    result = LoadResult(sessions=sessions)
    started = time.perf_counter()
    timeout_ms = timeout_s * 1000
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            facilitator = await _open(browser, url, 0, result, timeout_ms)
            if server_pid is not None:
                await asyncio.sleep(1)
                result.rss_mb["1"] = rss_mb(server_pid)
            others = await asyncio.gather(*[_open(browser, url, i, result, timeout_ms) for i in range(1, sessions)])
            joined = [(i, opened) for i, opened in enumerate([facilitator, *others]) if opened is not None]
            cpu_before = (cpu_seconds(server_pid) if server_pid else 0.0, cpu_seconds(), time.perf_counter())
            work = asyncio.gather(*[_work(*opened, i, rounds, think, result, timeout_ms) for i, opened in joined])
            if server_pid is not None:  # the peak while everyone is connected and working
                result.rss_mb[str(sessions)] = await peak_rss_while(work, server_pid, 0.5)
            await work
            result.work_seconds = time.perf_counter() - cpu_before[2]
            if server_pid is not None:
                result.cpu_work = {"server": cpu_seconds(server_pid) - cpu_before[0],
                                   "machine": cpu_seconds() - cpu_before[1]}
        finally:
            await browser.close()
    result.wall_seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    path = chromium()
    if path is None:
        print("load: not available (chromium is not installed: apt-get install chromium)")
        return 0
    return load_main(__doc__.splitlines()[0], lambda url, args, pid: run_load(
        url, path, args.sessions, args.rounds, server_pid=pid), argv)


if __name__ == "__main__":
    sys.exit(main())
