"""Time the scenario model: prints figures (targets: one scenario <= 50 ms; baseline + 3 packages + tornado <= 1 s).

Run: .venv/bin/python benchmarks/bench_scenario.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from dashboard.registry import Registry
from dashboard.scenario import model
from dashboard.scenario.params import LEVERS
from dashboard.scenario.population import build_population
from dashboard.scenario.presets import preset
from dashboard.scenario.sensitivity import tornado
from dashboard.scenario.spec import Scenario
from dashboard.skills import talent_pool
from dashboard.skills_official import destinations_of, education_split


def timed(label: str, fn: Callable[[], object], repeat: int = 20) -> None:
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label:<72} median {statistics.median(runs):7.1f} ms   max {max(runs):7.1f} ms   (n={repeat})")


def main() -> None:
    registry = Registry()
    stock, skills = registry.get("migrant_stock").frame, registry.get("skills").frame
    start = time.perf_counter()
    dioc, oecd = registry.get("skills_dioc_e").frame, registry.get("skills_oecd").frame
    population = build_population(stock, talent_pool(skills), education_split(dioc, oecd, destinations_of(stock)))
    print(f"population: {len(population.segments)} segments, {len(population.coverage)} destinations, "
          f"built in {(time.perf_counter() - start) * 1000:.0f} ms (cached once per dataset version)")
    pools = model.Pools.of(population)
    everything = Scenario(levers={lid: lv.size.default if lv.size else None for lid, lv in LEVERS.items()})
    values = model.sample_parameters(model.DRAWS)

    timed("draw parameters (1,000 draws, every parameter)",
          lambda: model.sample_parameters.__wrapped__(model.DRAWS, model.SEED))
    timed("one scenario, all 9 levers, 10 years, 1,000 draws: arrays",
          lambda: model.simulate(everything, pools, values))
    timed("one scenario, all 9 levers: arrays + every frame the page shows",
          lambda: model.summarise(everything, pools, "A", "baseline"))
    packages = [preset("ireland"), preset("india"), everything]

    def page() -> None:
        for i, package in enumerate(packages):
            model.summarise(package, pools, "ABC"[i], "baseline")
        tornado(everything, pools, "cum_returns")

    timed("baseline + 3 packages (Ireland, India, all levers) + tornado, frames", page, repeat=10)
    timed("tornado alone (all levers, every parameter at low and high)",
          lambda: tornado(everything, pools, "cum_returns"))


if __name__ == "__main__":
    main()
