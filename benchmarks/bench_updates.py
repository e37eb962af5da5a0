"""What one widget update costs the server, and what it sends: CPU per update on /map and /scenarios (median and
p95, English and Arabic), where that CPU goes, and the bytes a year change on /map sends to the browser.

One session at a time speaks Streamlit's websocket protocol exactly as the browser does (benchmarks/
load_protocol.py: widget states, the frontend's message cache, fragment reruns) against a server started by
benchmarks/instrumented_server.py, which counts CPU in the parts an update goes through. For each page and
language the session first goes once through every choice (warm caches, as after the first minutes of a
workshop), then makes `--updates` more changes, one after the other:

- /map: the year select_slider, to a year other than the current one;
- /scenarios: one lever toggle after another (on, then off again); the warm-up round is reported separately
  ("new combination": the scenario model runs), the measured ones repeat combinations the cache holds.

CPU per update is the server process's CPU (every thread) from sending the change to `script_finished`, read
from the server itself; bytes are the websocket messages as received (Streamlit's websocket compression is off
by default, so these are the bytes on the wire, less framing). Benchmarks print; they never assert.

    python benchmarks/bench_updates.py [--updates 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import free_port, machine, percentile, serve
from benchmarks.instrumented_server import COUNTERS_PORT_ENV
from benchmarks.load_protocol import Session

HERE = Path(__file__).resolve().parent
TARGET_CPU_MS, TARGET_KB = 60, 60
LANGUAGES = ("en", "ar")
PROFILED_UPDATES = 6


@dataclass
class Updates:
    """The measured updates of one page in one language."""

    page: str
    lang: str
    cpu_ms: list[float] = field(default_factory=list)
    sent_kb: list[float] = field(default_factory=list)
    parts_ms: dict[str, float] = field(default_factory=dict)  # summed over the measured updates
    first_cpu_ms: list[float] = field(default_factory=list)  # the warm-up round (first sight of each choice)
    profile: dict[str, float] = field(default_factory=dict)  # script thread's own time per package (cProfile)

    def add_parts(self, before: dict, after: dict) -> None:
        parts = {"event loop thread (websocket, protobuf, session)": after["event_loop_cpu"] - before["event_loop_cpu"]}
        for name, (seconds, _) in after["counters"].items():
            parts[name] = seconds - before["counters"].get(name, [0.0, 0])[0]
        for name, seconds in parts.items():
            self.parts_ms[name] = self.parts_ms.get(name, 0.0) + seconds * 1000


def counters(port: int, path: str = "/") -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return json.load(response)


async def settled(port: int) -> dict:
    """The counters once the server has gone quiet (work after `script_finished`, such as Streamlit's clean-up
    after a run, belongs to the update too)."""
    last = counters(port)
    while True:
        await asyncio.sleep(0.03)
        now = counters(port)
        if now["process_cpu"] - last["process_cpu"] < 0.002:
            return last
        last = now


def _change(session: Session, page: str, number: int):
    """The next change: on /map always the year; on /scenarios the next lever."""
    return session.change(page, 0 if page == "map" else number)


async def measure(url: str, port: int, page: str, lang: str, updates: int) -> Updates:
    result = Updates(page, lang)
    session = Session(url, 1 if lang == "ar" else 0)  # Session picks its language from its index
    await session.connect()
    try:
        await session.open("map")
        if page != "map":
            await session.switch(page)
        if page == "map":
            slider = next(e for i, e in session.elements.items() if i.endswith("-map_year"))
            warmup = len(slider.slider.options) + 1
        else:
            warmup = 2 * sum(1 for i in session.elements if "-scn_on_" in i)
        for number in range(warmup + updates):
            before = counters(port)
            await _change(session, page, number)
            after = await settled(port)
            cpu_ms = (after["process_cpu"] - before["process_cpu"]) * 1000
            if number < warmup:
                result.first_cpu_ms.append(cpu_ms)
                continue
            result.cpu_ms.append(cpu_ms)
            result.sent_kb.append(session.last_bytes / 1000)
            result.add_parts(before, after)
        counters(port, "/profile/start")  # a few more updates under the profiler (slower: not measured above)
        for number in range(warmup + updates, warmup + updates + PROFILED_UPDATES):
            await _change(session, page, number)
        result.profile = counters(port, "/profile/stop")["profile"]
    finally:
        await session.close()
    return result


def lines(result: Updates) -> list[str]:
    page, lang, n = result.page, result.lang, len(result.cpu_ms)
    what = "year change" if page == "map" else "lever change"
    median = statistics.median(result.cpu_ms)
    verdict = "ok" if median <= TARGET_CPU_MS else "over target"
    out = [f"updates: /{page} ({lang}) server CPU per {what}, median / p95: {median:.0f} / "
           f"{percentile(result.cpu_ms, 95):.0f} ms ({n} updates, target median <= {TARGET_CPU_MS} ms, {verdict})"]
    if page == "scenarios":
        out.append(f"updates: /{page} ({lang}) server CPU per lever change, new combination (model runs), median / "
                   f"max: {statistics.median(result.first_cpu_ms):.0f} / {max(result.first_cpu_ms):.0f} ms")
    if page == "map":
        kb = statistics.median(result.sent_kb)
        verdict = "ok" if max(result.sent_kb) <= TARGET_KB else "over target"
        out.append(f"updates: /{page} ({lang}) bytes sent per year change (websocket), median / max: {kb:.1f} / "
                   f"{max(result.sent_kb):.1f} KB (target <= {TARGET_KB} KB, {verdict})")
    parts = sorted(result.parts_ms.items(), key=lambda item: -item[1])
    summary = ", ".join(f"{name} {ms / n:.1f}" for name, ms in parts if ms / n >= 0.05)
    out.append(f"updates: /{page} ({lang}) where the CPU goes, ms per update (inclusive): {summary}")
    total = sum(result.profile.values()) or 1.0
    shares = sorted(result.profile.items(), key=lambda item: -item[1])
    out.append(f"updates: /{page} ({lang}) script thread by package (profiled, share of its own time): "
               + ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in shares if seconds / total >= 0.01))
    return out


async def run(url: str, port: int, updates: int) -> list[str]:
    out = []
    for page in ("map", "scenarios"):
        for lang in LANGUAGES:
            out += lines(await measure(url, port, page, lang, updates))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=20, help="measured updates per page and language")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    port = free_port()
    with serve(env={COUNTERS_PORT_ENV: str(port)}, launcher=(str(HERE / "instrumented_server.py"),)) as server:
        for line in asyncio.run(run(server.url, port, args.updates)):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
