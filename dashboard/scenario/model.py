"""The scenario model: a few transparent equations, vectorised over Monte Carlo draws.

For each year t (1..horizon) and draw d:

    multiplier[c]  = (security/50)^e_s * (economy/50)^e_e * (trust/50)^e_t   (the factors channel c uses)
    organic[c]     = pool[c] * organic_rate[c] * multiplier[c]               (baseline: no new policy)
    demand[l, c]   = pool[c] in lever l's segments * rate[l, c] * multiplier[c] * ramp_l(t)
    uptake[l]      = min(capacity_l * ramp_l(t), demand[l, capped channel])  (levers with a capacity)
    total[c]       = min(pool[c], organic[c] + sum_l demand-or-uptake[l, c])
    investment     = investors * ticket;  remittances = new formal senders * amount per sender
    jobs           = direct jobs + investment * jobs per USD 1M + returns * jobs per return
    cost           = sum_l fixed cost + unit cost * (capacity or uptake)   (or budget per Iraqi abroad)

with ramp_l(t) = min(1, t / lag_l). Every step is monotone, so more capacity or budget never lowers an
outcome and a worse setting never raises one. Parameters are drawn once per session from their triangular
(low, central, high) ranges with a fixed seed, in a fixed order: baseline and every package see the same
draws (common random numbers), so their differences are the policy, not noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.scenario.params import (
    CHANNEL_CONTEXT,
    CHANNEL_POOL,
    CHANNELS,
    LEVERS,
    NO_FIXED_COST,
    PARAM_ORDER,
    PARAMETERS,
    Lever,
)
from dashboard.scenario.population import SEGMENT_KEYS, Population
from dashboard.scenario.spec import Scenario

SEED = 20150706  # the Erbil workshop opened on 6 July 2015
DRAWS = 1_000
#: Outcomes per year, in display order.
OUTCOMES = ("remote", "short_term", "returns", "investment_usd", "remittances_usd", "jobs", "cost_usd")
#: Headline figures over the whole horizon.
HEADLINES = ("cum_returns", "engaged_final", "cum_investment", "cum_jobs", "cum_remittances", "cum_cost",
             "cost_per_outcome")
SEGMENT_OUTCOMES = ("remote", "short_term", "returns", "investment_usd")
ORGANIC = "organic"

Values = Mapping[str, np.ndarray]


# --------------------------------------------------------------------------------------------------
# Parameter draws
# --------------------------------------------------------------------------------------------------
def _triangular(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    """Inverse CDF of the triangular distribution (so one uniform draw maps to one value, in order)."""
    if high <= low:
        return np.full_like(u, low)
    cut = (mode - low) / (high - low)
    left = low + np.sqrt(u * (high - low) * (mode - low))
    right = high - np.sqrt((1 - u) * (high - low) * (high - mode))
    return np.where(u < cut, left, right)


@lru_cache(maxsize=8)
def sample_parameters(draws: int = DRAWS, seed: int = SEED) -> dict[str, np.ndarray]:
    """Every parameter's draws, in the fixed PARAM_ORDER, so the same seed gives the same numbers."""
    u = np.random.default_rng(seed).random((len(PARAM_ORDER), draws))
    out = {}
    for i, pid in enumerate(PARAM_ORDER):
        p = PARAMETERS[pid]
        values = _triangular(u[i], p.low, p.central, p.high)
        values.flags.writeable = False
        out[pid] = values
    return out


def central_parameters(columns: int = 1) -> dict[str, np.ndarray]:
    """Every parameter at its central value (one column per requested run)."""
    return {pid: np.full(columns, PARAMETERS[pid].central) for pid in PARAM_ORDER}


# --------------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pools:
    """Per-segment pools (people and the interested), plus lever reach masks: fixed for a population."""

    vectors: dict[str, np.ndarray]  # pool name -> (S,)
    masks: dict[str, np.ndarray]  # lever id -> (S,) bool
    segments: pd.DataFrame

    @classmethod
    def of(cls, population: Population) -> Pools:
        seg = population.segments
        vectors = {name: seg[name].to_numpy(float) for name in ("mentoring", "short_term", "return", "investment")}
        vectors["people"] = seg["people"].to_numpy(float)
        vectors["people_millions"] = vectors["people"] / 1e6
        masks = {lid: _mask(lever, seg) for lid, lever in LEVERS.items()}
        return cls(vectors=vectors, masks=masks, segments=seg[SEGMENT_KEYS].reset_index(drop=True))


def _mask(lever: Lever, seg: pd.DataFrame) -> np.ndarray:
    mask = np.ones(len(seg), dtype=bool)
    if lever.skills is not None:
        mask &= seg["skill_level"].isin(lever.skills).to_numpy()
    if lever.sectors is not None:
        mask &= seg["sector"].isin(lever.sectors).to_numpy()
    return mask


def ramp(lag: int, years: np.ndarray) -> np.ndarray:
    """Share of full effect in each year: linear over `lag` years."""
    return np.minimum(1.0, years / max(lag, 1))


def context_multipliers(scenario: Scenario, values: Values, trust: np.ndarray) -> dict[str, np.ndarray]:
    """(setting/50) ** elasticity per context factor, combined per channel kind; 50 = today = 1.0."""
    sec = scenario.context.security / 50
    eco = scenario.context.economy / 50
    tru = trust / 50
    trust_m = np.power(tru, values["elasticity_trust"])
    econ_m = np.power(eco, values["elasticity_economy"])
    visit_sec = np.power(sec, values["elasticity_security_visit"])
    return {
        "remote": trust_m,
        "visit": visit_sec * trust_m,
        "return": np.power(sec, values["elasticity_security_return"]) * econ_m * trust_m,
        "invest": visit_sec * econ_m * trust_m,
    }


ORGANIC_RATE = {"remote": "organic_remote", "short_term": "organic_short_term", "returns": "organic_return",
                "investors": "organic_investment"}


@dataclass(frozen=True)
class Run:
    """Arrays of one scenario: outcome -> (years, draws), for the package, its baseline and each lever."""

    scenario: Scenario
    years: np.ndarray
    outcomes: dict[str, np.ndarray]
    baseline: dict[str, np.ndarray]
    contributions: dict[str, dict[str, np.ndarray]]  # source (organic | lever id) -> outcome -> (T, D)
    capacity: dict[str, np.ndarray]  # lever id -> capacity per year (T,)
    uptake: dict[str, np.ndarray]  # lever id -> capped uptake (T, D)
    shares: dict[tuple[str, str], np.ndarray]  # (source, channel) -> segment shares (S,)
    segments: pd.DataFrame


def _money(channels: Mapping[str, np.ndarray], values: Values) -> dict[str, np.ndarray]:
    investment = channels["investors"] * values["investment_ticket"]
    return {
        "remote": channels["remote"],
        "short_term": channels["short_term"],
        "returns": channels["returns"],
        "investment_usd": investment,
        "remittances_usd": channels["remit_senders"] * values["remittance_per_sender"],
        "jobs": (channels["direct_jobs"] + investment / 1e6 * values["jobs_per_musd"]
                 + channels["returns"] * values["jobs_per_return"]),
    }


def simulate(scenario: Scenario, pools: Pools, values: Values) -> Run:
    """Run `scenario` and its baseline on the given parameter draws (each array: one value per draw)."""
    draws = len(values["organic_return"])
    years = np.arange(1, scenario.horizon + 1, dtype=float)
    shape = (len(years), draws)
    zeros = np.zeros(shape)
    people = float(pools.vectors["people"].sum())
    totals = {name: float(vec.sum()) for name, vec in pools.vectors.items()}
    shares: dict[tuple[str, str], np.ndarray] = {}

    # Trust: today's setting, raised by protection spending (capped at 100).
    base_trust = np.full(shape, float(scenario.context.trust))
    trust = base_trust.copy()
    for lid in scenario.levers:
        lever = LEVERS[lid]
        if lever.trust_per_usd:
            boost = scenario.size(lid) * values[lever.trust_per_usd] * ramp(lever.lag, years)[:, None]
            trust = trust + boost
    trust = np.minimum(trust, 100.0)

    def organic(mult: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = {c: zeros for c in CHANNELS}
        for channel, rate in ORGANIC_RATE.items():
            pool = CHANNEL_POOL[channel]
            out[channel] = totals[pool] * values[rate] * mult[CHANNEL_CONTEXT[channel]]
            shares[(ORGANIC, channel)] = _proportions(pools.vectors[pool])
        return out

    base_channels = organic(context_multipliers(scenario, values, base_trust))
    mult = context_multipliers(scenario, values, trust)
    organic_channels = organic(mult) if scenario.levers else base_channels

    lever_channels: dict[str, dict[str, np.ndarray]] = {}
    capacity: dict[str, np.ndarray] = {}
    uptake: dict[str, np.ndarray] = {}
    costs: dict[str, np.ndarray] = {}
    for lid in scenario.levers:
        lever = LEVERS[lid]
        r = ramp(lever.lag, years)[:, None]
        chans = {c: zeros for c in CHANNELS}
        for effect in lever.effects:
            reach = pools.vectors[effect.pool] * pools.masks[lid]
            demand = reach.sum() * values[effect.rate] * mult[CHANNEL_CONTEXT[effect.channel]] * r
            if effect.capped:
                capacity[lid] = scenario.size(lid) * r[:, 0]
                demand = np.minimum(demand, capacity[lid][:, None])
                uptake[lid] = demand
            shares[(lid, effect.channel)] = _proportions(reach)
            if effect.split_permanent:
                permanent = values[effect.split_permanent]
                chans["short_term"] = chans["short_term"] + demand * (1 - permanent)
                shares[(lid, "short_term")] = _proportions(reach)
                demand = demand * permanent
            chans[effect.channel] = chans[effect.channel] + demand
        lever_channels[lid] = chans
        costs[lid] = _lever_cost(lever, scenario, values, r, uptake.get(lid), people, shape)

    # No channel can exceed the people interested in it: scale the levers' part back if it would.
    for channel, pool in CHANNEL_POOL.items():
        added = sum((ch[channel] for ch in lever_channels.values()), zeros)
        room = np.maximum(totals[pool] - organic_channels[channel], 0.0)
        factor = np.where(added > room, room / np.where(added > 0, added, 1.0), 1.0)
        if np.any(factor < 1):
            for ch in lever_channels.values():
                ch[channel] = ch[channel] * factor

    contributions = {ORGANIC: _money(organic_channels, values)}
    contributions[ORGANIC]["cost_usd"] = zeros
    for lid, chans in lever_channels.items():
        contributions[lid] = _money(chans, values)
        contributions[lid]["cost_usd"] = costs[lid]
    outcomes = {name: sum((c[name] for c in contributions.values()), zeros) for name in OUTCOMES}
    baseline = _money(base_channels, values)
    baseline["cost_usd"] = zeros
    return Run(scenario=scenario, years=years, outcomes=outcomes, baseline=baseline, contributions=contributions,
               capacity=capacity, uptake=uptake, shares=shares, segments=pools.segments)


def _proportions(vector: np.ndarray) -> np.ndarray:
    """Each segment's part of the vector's total (all zeros when the total is zero)."""
    total = vector.sum()
    return vector / total if total > 0 else np.zeros_like(vector)


def _lever_cost(lever: Lever, scenario: Scenario, values: Values, r: np.ndarray, uptake: np.ndarray | None,
                people: float, shape: tuple[int, int]) -> np.ndarray:
    """Fixed cost every year from the start, plus the variable cost of its size or its uptake (USD)."""
    cost = np.broadcast_to(values[lever.fixed_cost], shape) if lever.fixed_cost != NO_FIXED_COST \
        else np.zeros(shape)
    size = lever.size
    if size is None:
        return cost
    amount = scenario.size(lever.id)
    if size.cost_basis == "per_emigrant":
        return cost + amount * people
    unit = values[size.unit_cost]
    if size.cost_basis == "capacity":
        return cost + unit * amount * r
    return cost + unit * (uptake if uptake is not None else 0.0)


def run_scenario(scenario: Scenario, pools: Pools, draws: int = DRAWS, seed: int = SEED) -> Run:
    """One scenario with its baseline on the session's common random numbers. `pools` (Pools.of a population)
    are fixed for a population: callers build them once (ui/cached.py caches them per dataset version)."""
    return simulate(scenario, pools, sample_parameters(draws, seed))


# --------------------------------------------------------------------------------------------------
# Results as frames
# --------------------------------------------------------------------------------------------------
def headline_draws(run: Run, added: bool = False) -> dict[str, np.ndarray]:
    """Headline figures per draw (so their percentiles are honest, not sums of percentiles).

    With `added`, each figure is the package minus its baseline on the same draw: what the policy adds.
    """
    out = _headline(run.outcomes, run.baseline)
    if added:
        base = _headline(run.baseline, run.baseline)
        out = {k: v if k == "cost_per_outcome" else v - base[k] for k, v in out.items()}
    return out


def _headline(o: Mapping[str, np.ndarray], b: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    engaged = o["remote"] + o["short_term"] + o["returns"]
    extra = (engaged - (b["remote"] + b["short_term"] + b["returns"])).sum(axis=0)
    cum_cost = o["cost_usd"].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where((extra > 0) & (cum_cost > 0), cum_cost / np.where(extra > 0, extra, 1.0), np.nan)
    return {
        "cum_returns": o["returns"].sum(axis=0),
        "engaged_final": o["remote"][-1] + o["short_term"][-1],
        "cum_investment": o["investment_usd"].sum(axis=0),
        "cum_jobs": o["jobs"].sum(axis=0),
        "cum_remittances": o["remittances_usd"].sum(axis=0),
        "cum_cost": cum_cost,
        "cost_per_outcome": per,
    }


def _bands(values: np.ndarray) -> tuple[float, float, float, float]:
    """P10, P50, P90 and mean over draws; NaN when no draw has a value (shown as "–")."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (np.nan, np.nan, np.nan, np.nan)
    p10, p50, p90 = np.percentile(finite, [10, 50, 90])
    return float(p10), float(p50), float(p90), float(finite.mean())


def headlines(run: Run, label: str) -> pd.DataFrame:
    """scenario, metric, p10, p50, p90, mean."""
    rows = [(label, name, *_bands(values)) for name, values in headline_draws(run).items()]
    return pd.DataFrame(rows, columns=["scenario", "metric", "p10", "p50", "p90", "mean"])


def _percentile_frame(arrays: Mapping[str, np.ndarray], years: np.ndarray, label: str) -> pd.DataFrame:
    stack = np.stack([arrays[name] for name in OUTCOMES])  # (outcomes, years, draws)
    p = np.percentile(stack, [10, 50, 90], axis=2)
    n_years = len(years)
    return pd.DataFrame({
        "scenario": label,
        "outcome": np.repeat(np.array(OUTCOMES, dtype=object), n_years),
        "year": np.tile(years.astype(int), len(OUTCOMES)),
        "p10": p[0].ravel(), "p50": p[1].ravel(), "p90": p[2].ravel(), "mean": stack.mean(axis=2).ravel(),
    })


def outcome_bands(run: Run, label: str) -> pd.DataFrame:
    """scenario, outcome, year, p10, p50, p90, mean: the package's outcomes over time."""
    return _percentile_frame(run.outcomes, run.years, label)


def baseline_bands(run: Run, label: str) -> pd.DataFrame:
    return _percentile_frame(run.baseline, run.years, label)


def contributions(run: Run) -> pd.DataFrame:
    """source (organic or lever), outcome, cumulative mean over the horizon: where each number comes from."""
    rows = [(source, name, float(values[name].sum(axis=0).mean()))
            for source, values in run.contributions.items() for name in OUTCOMES]
    return pd.DataFrame(rows, columns=["source", "outcome", "mean"])


def segment_breakdown(run: Run) -> pd.DataFrame:
    """dest_group, sector, skill_level and one column per SEGMENT_OUTCOMES: mean cumulative value over draws.

    Each column sums to the package's total of that outcome (every source's total is split by fixed shares).
    """
    out = run.segments.copy()
    for name in SEGMENT_OUTCOMES:
        channel = "investors" if name == "investment_usd" else name
        seg = np.zeros(len(run.segments))
        for source, values in run.contributions.items():
            total = float(values[name].sum(axis=0).mean())
            if total:
                seg += total * run.shares[(source, channel)]
        out[name] = seg
    return out


@dataclass(frozen=True)
class Summary:
    """Everything the page shows for one scenario, as frames (small, cacheable)."""

    bands: pd.DataFrame
    baseline_bands: pd.DataFrame
    headlines: pd.DataFrame
    baseline_headlines: pd.DataFrame
    added: pd.DataFrame  # headline figures the package adds over its baseline (same draws)
    contributions: pd.DataFrame
    segments: pd.DataFrame


def summarise(scenario: Scenario, pools: Pools, label: str, baseline_label: str,
              draws: int = DRAWS, seed: int = SEED) -> Summary:
    """Run `scenario` and return its frames: what ui/cached.py caches and the page lays out."""
    run = run_scenario(scenario, pools, draws, seed)
    base_run = Run(scenario=scenario.without_levers(), years=run.years, outcomes=run.baseline,
                   baseline=run.baseline, contributions={}, capacity={}, uptake={}, shares={},
                   segments=run.segments)
    added = pd.DataFrame([(label, name, *_bands(values)) for name, values in headline_draws(run, True).items()],
                         columns=["scenario", "metric", "p10", "p50", "p90", "mean"])
    return Summary(bands=outcome_bands(run, label), baseline_bands=baseline_bands(run, baseline_label),
                   headlines=headlines(run, label), baseline_headlines=headlines(base_run, baseline_label),
                   added=added, contributions=contributions(run), segments=segment_breakdown(run))
