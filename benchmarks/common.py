"""Helpers shared by the benchmark scripts: the machine line, a server to measure, memory and percentiles.

Benchmarks print figures; they never assert. Run them all with `make bench` (benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `python benchmarks/x.py` puts benchmarks/ first, not the repository
    sys.path.insert(0, str(REPO_ROOT))

# The browser tests' server and browser set-up; CHROMIUM_ARGS and chromium are re-exported for the benchmarks.
from tests.e2e.serving import CHROMIUM_ARGS, LAUNCHER, Server, chromium, free_port, serving, stop  # noqa: E402, F401


def machine() -> str:
    """One line naming the machine the figures came from (figures from different machines do not compare)."""
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        import streamlit

        versions = f"streamlit {streamlit.__version__}"
    except ImportError:
        versions = "streamlit not installed"
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem_gb:.1f} GB RAM, Python {platform.python_version()}, "
            f"{versions}, {platform.system()} {platform.release()}{load}")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation, as numpy's default."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far: by process `pid` (user + system), or by the whole machine (all processes)."""
    tick = os.sysconf("SC_CLK_TCK")
    if pid is None:
        with open("/proc/stat", encoding="utf-8") as stat:
            user, nice, system = (int(v) for v in stat.readline().split()[1:4])
        return (user + nice + system) / tick
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


@contextmanager
def serve(env: dict[str, str] | None = None, extra_args: Sequence[str] = (),
          launcher: Sequence[str] = LAUNCHER, home: str | None = None, port: int | None = None
          ) -> Iterator[Server]:
    """The app, started as in production (tests/e2e/serving.py), on a free loopback port with a throw-away data
    directory (and its log), or the data directory `home` (several servers sharing one store). `launcher`: what
    runs `run streamlit_app.py ...` (benchmarks/instrumented_server.py adds CPU counters)."""
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as own_home, \
            serving(Path(own_home), {"DASHBOARD_HOME": home or own_home, **(env or {})}, extra_args, timeout=120,
                    launcher=launcher, port=port) as server:
        yield server


def load_main(description: str, run: Callable[[str, argparse.Namespace, int | None], Awaitable],
              argv: list[str] | None = None, more_arguments: Callable[[argparse.ArgumentParser], None] | None = None
              ) -> int:
    """The command line both load drivers share: against --url, or a server started here (then its memory and
    CPU are measured too), with --sessions and --rounds. `run(url, args, server_pid)` returns the result."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="widget changes per page and session")
    if more_arguments is not None:
        more_arguments(parser)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    if args.url:
        result = asyncio.run(run(args.url.rstrip("/"), args, None))
    else:
        with serve() as server:
            result = asyncio.run(run(server.url, args, server.proc.pid))
    for line in result.lines():
        print(line)
    return 1 if result.errors else 0


async def peak_rss_while(work: asyncio.Future, pid: int, interval: float) -> float:
    """The peak resident memory (MB) of process `pid` while `work` runs, sampled every `interval` seconds."""
    peak = rss_mb(pid)
    while not work.done():
        peak = max(peak, rss_mb(pid))
        await asyncio.sleep(interval)
    return peak


def memory_lines(rss_mb: dict[str, float], sessions: int) -> list[str]:
    """The server's resident memory with one session and with all of them, and the cost of each extra one."""
    if not rss_mb:
        return []
    one, full = rss_mb["1"], rss_mb[str(sessions)]
    return [f"memory: server RSS with 1 session: {one:.0f} MB",
            f"memory: server RSS with {sessions} sessions (peak): {full:.0f} MB",
            f"memory: per additional session: {(full - one) / max(sessions - 1, 1):.1f} MB"]


def spread(values: Sequence[float], with_max: bool = False) -> str:
    """"p50 / p95" (and max) of a list of seconds, as the load reports print them."""
    figures = [percentile(values, 50), percentile(values, 95)]
    if with_max:
        figures.append(max(values, default=float("nan")))
    return " / ".join(f"{value:.2f} s" for value in figures)


@dataclass
class LoadTimings:
    """What both load drivers (browser and protocol) record, whatever they count as an error."""

    sessions: int
    interactions: list[tuple[str, float]] = field(default_factory=list)  # (page, seconds to updated)
    page_opens: list[tuple[str, float]] = field(default_factory=list)  # (page, seconds to first render)
    page_switches: list[tuple[str, float]] = field(default_factory=list)  # (page, seconds)
    wall_seconds: float = 0.0
    work_seconds: float = 0.0
    rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_work: dict[str, float] = field(default_factory=dict)  # CPU seconds in the working phase

    def seconds(self, page: str | None = None) -> list[float]:
        return [s for p, s in self.interactions if page is None or p == page]

    def opens_and_switches(self) -> tuple[str, str]:
        return spread([s for _, s in self.page_opens]), spread([s for _, s in self.page_switches])


def on_each_store_backend(prefix: str, measure: Callable[[str, object], None]) -> None:
    """Run `measure(name, store)` on a fresh SQLite store and on a throw-away PostgreSQL database (skipped, with
    a line saying so, when the PostgreSQL binaries are missing)."""
    from dashboard.store import store_at
    from tests.postgres_server import PostgresServer, binaries

    with tempfile.TemporaryDirectory() as directory:
        measure("SQLite", store_at(directory))
    bin_dir = binaries()
    if bin_dir is None:
        print(f"{prefix}: PostgreSQL: not available (apt-get install postgresql)")
        return
    server = PostgresServer(bin_dir)
    try:
        measure("PostgreSQL", store_at(server.new_database()))
    finally:
        server.remove()
