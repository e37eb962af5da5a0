"""Time a workshop room on both store backends: what the facilitator's view does every 3 s (read the room
with 30 groups), a group's submission, and the model run for one new package. Prints figures (no targets).

Run: .venv/bin/python benchmarks/bench_rooms.py
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scenario import timed  # one timing loop and line format for the benchmarks
from benchmarks.common import on_each_store_backend
from dashboard import room_store, rooms
from dashboard.registry import Registry
from dashboard.scenario.model import Pools, summarise
from dashboard.scenario.population import build_population
from dashboard.scenario.spec import Scenario
from dashboard.skills import talent_pool
from dashboard.store import BaseStore

PACKAGE = Scenario(levers={"card": None, "institution": 1000, "talent": 130})


def measure(name: str, store: BaseStore) -> None:
    room, _ = rooms.new_room("bench")
    room = room_store.create(store, room)
    for number in range(rooms.MAX_GROUPS - 1):
        room_store.submit(store, room.code, f"Group {number}", PACKAGE, "x" * rooms.RATIONALE_MAX, None)
    names = (f"Extra {n}" for n in itertools.count())
    timed(f"rooms: {name} read a room of {rooms.MAX_GROUPS} groups (every refresh)",
          lambda: room_store.load(store, room.code), 100)
    tokens: dict[str, str] = {}

    def submit() -> None:  # one group revising, as groups do during a session
        _, tokens["t"] = room_store.submit(store, room.code, tokens.get("name") or tokens.setdefault("name", next(
            names)), PACKAGE, "revised", tokens.get("t"))

    timed(f"rooms: {name} submit or revise a package", submit, 30)


def main() -> None:
    registry = Registry()
    population = build_population(registry.get("migrant_stock").frame, talent_pool(registry.get("skills").frame))
    pools = Pools.of(population)
    timed("rooms: model run of one new package (1,000 draws, cached afterwards)",
          lambda: summarise(PACKAGE, pools, "g", "Baseline"), 5)
    on_each_store_backend("rooms", measure)


if __name__ == "__main__":
    main()
