"""Time the store on both backends: the change check every rerun makes, reading the active versions, a publish.
Prints figures (no targets, no assertions). PostgreSQL is a throw-away local server (tests/postgres_server.py).

Run: .venv/bin/python benchmarks/bench_store.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scenario import timed  # one timing loop and line format for the benchmarks
from benchmarks.common import on_each_store_backend
from dashboard.registry import PublishRequest, Registry
from dashboard.store import BaseStore


def measure(name: str, store: BaseStore) -> None:
    registry = Registry(store=store)
    frame = registry.get("migrant_stock").frame

    def publish() -> None:
        registry.publish(PublishRequest(dataset_id="migrant_stock", frame=frame, title="t", publisher="p",
                                        citation="c", published_by="bench", source_file="f.csv", file_sha256="00"))

    timed(f"store: {name} publish (1,401 rows)", publish, 10)
    timed(f"store: {name} change check per rerun (last event id)", store.state, 200)
    timed(f"store: {name} active version of a dataset", lambda: registry.meta("migrant_stock"), 100)


def main() -> None:
    on_each_store_backend("store", measure)


if __name__ == "__main__":
    main()
