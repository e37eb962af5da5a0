"""All performance figures in one table: `make bench` (or `python benchmarks/run_all.py`).

Runs every benchmark script as its own process (so one cannot warm another's caches), collects the lines it
prints and shows them as one table, with the machine they came from. A script that is missing or fails is
shown as "not available" and the others still run. Benchmarks print figures; they never assert.

    python benchmarks/run_all.py [--quick] [--only pages,load]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO_ROOT, machine

HERE = Path(__file__).resolve().parent
# (name, script, what it measures, extra arguments for --quick)
SCRIPTS = [
    ("pages", "bench_pages.py", "warm rerun of every page (AppTest), cold start", ["--reruns", "3", "--starts", "3"]),
    ("updates", "bench_updates.py", "server CPU per widget update and where it goes, bytes per map update",
     ["--updates", "5"]),
    ("stress", "bench_stress.py", "stress case: 20 sessions, a change every 0.5-2 s, one process vs two behind nginx",
     ["--sessions", "6", "--rounds", "1"]),
    ("map", "bench_map.py", "map figure build and payload size", []),
    ("skills", "bench_skills.py", "skills aggregation", []),
    ("scenario", "bench_scenario.py", "scenario engine", []),
    ("validation", "bench_validation.py", "validation of 100,000 and 1,000,000 rows", []),
    ("store", "bench_store.py", "store on SQLite and PostgreSQL: change check per rerun, active version, publish", []),
    ("rooms", "bench_rooms.py", "workshop room on SQLite and PostgreSQL: refresh read, submission", []),
    ("load", "load.py", "20 concurrent browser sessions: p50/p95 update, memory per session",
     ["--sessions", "5", "--rounds", "2"]),
    ("load-protocol", "load_protocol.py", "20 concurrent websocket sessions (server + delivery): p50/p95 update",
     ["--sessions", "5", "--rounds", "2"]),
]
TIMEOUT_S = 1800


def run_script(script: str, args: list[str]) -> tuple[list[str], str]:
    """(printed lines, status) of one benchmark script run in its own process."""
    path = HERE / script
    if not path.exists():
        return [], "not available (script missing)"
    started = time.perf_counter()
    try:
        python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": python_path}  # scripts import dashboard/ from any directory
        done = subprocess.run([sys.executable, str(path), *args], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return [], f"not available (no result within {TIMEOUT_S} s)"
    lines = [line.rstrip() for line in done.stdout.splitlines() if line.strip() and not line.startswith("machine:")]
    status = f"{time.perf_counter() - started:.0f} s"
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])[:300]
        status += f", exit {done.returncode}" + (f": {tail}" if tail and not lines else "")
    return lines, status


# Lines "prefix: figure: value" (bench_pages, bench_updates, bench_stress and the load drivers) become two columns.
OWN_PREFIXES = ("pages: ", "load: ", "memory: ", "updates: ", "stress: ")


def _row(name: str, line: str) -> str:
    """A table row: our own scripts' lines split into figure and value, other scripts' lines kept whole."""
    if line.startswith(OWN_PREFIXES) and line.count(": ") >= 2:
        label, _, value = line.partition(": ")[2].rpartition(": ")
    else:
        label, value = line.strip(), ""
    cells = [name, label.strip(), value.strip()]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and 5 sessions (a smoke run)")
    parser.add_argument("--only", help="comma-separated names: " + ",".join(name for name, *_ in SCRIPTS))
    args = parser.parse_args(argv)
    chosen = set(args.only.split(",")) if args.only else None

    print(f"Machine: {machine()}")
    print("CPU timings depend on what else runs on the machine; compare figures from one machine only.\n")
    rows = ["| benchmark | figure | value |", "|---|---|---|"]
    for name, script, what, quick_args in SCRIPTS:
        if chosen is not None and name not in chosen:
            continue
        print(f"running {script} ({what}) ...", flush=True)
        lines, status = run_script(script, quick_args if args.quick else [])
        rows += [_row(name, line) for line in lines] or [f"| {name} | {what} | not available |"]
        rows.append(f"| {name} | ({script}: {status}) | |")
    print()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
