"""Properties of the scenario model that a reader of its numbers relies on."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard.scenario import model
from dashboard.scenario.params import LEVERS, PARAMETERS, check_definitions
from dashboard.scenario.population import build_population
from dashboard.scenario.presets import PRESETS, preset
from dashboard.scenario.sensitivity import tornado
from dashboard.scenario.spec import Context, Scenario
from dashboard.skills import talent_pool

DRAWS = 200
TOL = 1e-6


@pytest.fixture(scope="module")
def population(registry):
    return build_population(registry.get("migrant_stock").frame, talent_pool(registry.get("skills").frame))


@pytest.fixture(scope="module")
def pools(population):
    return model.Pools.of(population)


@pytest.fixture(scope="module")
def values():
    return model.sample_parameters(DRAWS)


@st.composite
def scenarios(draw) -> Scenario:
    chosen = draw(st.lists(st.sampled_from(sorted(LEVERS)), unique=True, max_size=len(LEVERS)))
    levers = {}
    for lid in chosen:
        size = LEVERS[lid].size
        levers[lid] = None if size is None else draw(
            st.floats(size.minimum, size.maximum, allow_nan=False).map(lambda v: round(v, 1)))
    context = Context(security=draw(st.integers(0, 100)), economy=draw(st.integers(0, 100)),
                      trust=draw(st.integers(0, 100)))
    return Scenario(horizon=draw(st.integers(5, 15)), context=context, levers=levers)


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_definitions_are_consistent():
    check_definitions()
    for p in PARAMETERS.values():
        assert p.low <= p.central <= p.high
        assert p.evidence in ("reported", "derived", "assumption")


def test_population_keeps_every_iraqi_abroad(population, registry):
    stock = registry.get("migrant_stock").frame
    latest = stock[(stock["year"] == stock["year"].max()) & (stock["sex"] == "total")]["migrants"].sum()
    assert population.segments["people"].sum() == pytest.approx(latest)
    assert population.coverage["people"].sum() == pytest.approx(latest)
    # Destinations without respondents fall back to their group's shares, and say so.
    assert set(population.coverage["rule"]) <= {"own", "group", "all"}
    assert (population.coverage.loc[population.coverage["respondents"] == 0, "rule"] != "own").all()
    for pool in ("mentoring", "short_term", "return", "investment"):
        assert (population.segments[pool] <= population.segments["people"] + TOL).all()


def test_a_destination_with_no_respondents_takes_its_group_shares(registry):
    stock = registry.get("migrant_stock").frame
    pool = talent_pool(registry.get("skills").frame)
    pool = pool[pool["residence_iso3"] != "SWE"]
    pop = build_population(stock, pool)
    row = pop.coverage.set_index("destination_iso3").loc["SWE"]
    assert row["rule"] == "group" and row["respondents"] == 0


@FAST
@given(scenario=scenarios())
def test_no_levers_reproduces_the_baseline(pools, values, scenario):
    run = model.simulate(scenario.without_levers(), pools, values)
    for name in model.OUTCOMES:
        np.testing.assert_allclose(run.outcomes[name], run.baseline[name])
    assert not run.outcomes["cost_usd"].any()


@FAST
@given(scenario=scenarios(), data=st.data())
def test_more_capacity_or_budget_never_lowers_an_outcome(pools, values, scenario, data):
    sized = [lid for lid in scenario.levers if LEVERS[lid].size is not None]
    assume(sized)  # a package with nothing to enlarge is no example (hypothesis draws another)
    lid = data.draw(st.sampled_from(sized))
    spec = LEVERS[lid].size
    bigger = data.draw(st.floats(scenario.levers[lid], spec.maximum))
    more = Scenario.model_validate({**scenario.model_dump(), "levers": {**scenario.levers, lid: bigger}})
    before, after = model.simulate(scenario, pools, values), model.simulate(more, pools, values)
    for name in model.OUTCOMES:
        assert (after.outcomes[name] >= before.outcomes[name] - TOL * (1 + abs(before.outcomes[name]))).all(), name


@FAST
@given(scenario=scenarios(), data=st.data())
def test_worse_security_never_raises_permanent_returns(pools, values, scenario, data):
    worse = data.draw(st.integers(0, scenario.context.security))
    darker = scenario.model_copy(update={"context": scenario.context.model_copy(update={"security": worse})})
    assert (model.simulate(darker, pools, values).outcomes["returns"]
            <= model.simulate(scenario, pools, values).outcomes["returns"] + TOL).all()


@FAST
@given(scenario=scenarios())
def test_capacities_are_never_exceeded(pools, values, scenario):
    run = model.simulate(scenario, pools, values)
    for lid, used in run.uptake.items():
        assert (used <= run.capacity[lid][:, None] + TOL).all()
        assert run.capacity[lid].max() <= scenario.levers[lid] + TOL


@FAST
@given(scenario=scenarios())
def test_bands_are_ordered_and_sources_add_up(pools, values, scenario):
    run = model.simulate(scenario, pools, values)
    bands = model.outcome_bands(run, "A")
    assert (bands["p10"] <= bands["p50"] + TOL).all() and (bands["p50"] <= bands["p90"] + TOL).all()
    heads = model.headlines(run, "A").dropna()
    assert (heads["p10"] <= heads["p50"] + TOL).all() and (heads["p50"] <= heads["p90"] + TOL).all()
    by_source = model.contributions(run).groupby("outcome")["mean"].sum()
    for name in model.OUTCOMES:
        assert by_source[name] == pytest.approx(run.outcomes[name].sum(axis=0).mean(), rel=1e-9, abs=1e-6)
    segments = model.segment_breakdown(run)
    for name in model.SEGMENT_OUTCOMES:
        assert segments[name].sum() == pytest.approx(run.outcomes[name].sum(axis=0).mean(), rel=1e-9, abs=1e-6)


def test_same_seed_same_numbers_and_another_seed_differs(pools):
    scenario = preset("ireland")
    first = model.run_scenario(scenario, pools, draws=300, seed=7)
    again = model.run_scenario(scenario, pools, draws=300, seed=7)
    other = model.run_scenario(scenario, pools, draws=300, seed=8)
    np.testing.assert_array_equal(first.outcomes["jobs"], again.outcomes["jobs"])
    assert not np.array_equal(first.outcomes["jobs"], other.outcomes["jobs"])


def test_every_case_study_package_adds_to_the_baseline(pools, values):
    for case in PRESETS:
        added = model.headline_draws(model.simulate(preset(case), pools, values), added=True)
        assert np.median(added["cum_cost"]) > 0, case
        gains = [np.median(added[k]) for k in ("cum_returns", "engaged_final", "cum_investment", "cum_jobs")]
        assert max(gains) > 0, case


def test_cost_per_outcome_is_blank_when_there_is_no_cost_or_no_outcome(pools, values):
    heads = model.headlines(model.simulate(Scenario(), pools, values), "baseline").set_index("metric")
    assert np.isnan(heads.loc["cost_per_outcome", "p50"])
    # A convention with no delegates costs money and engages nobody extra.
    empty = model.simulate(Scenario(levers={"convention": 0}), pools, values)
    heads = model.headlines(empty, "A").set_index("metric")
    assert heads.loc["cum_cost", "p50"] > 0 and np.isnan(heads.loc["cost_per_outcome", "p50"])


def test_tornado_ranks_the_drivers_of_what_the_package_adds(pools):
    frame = tornado(preset("taiwan"), pools, "cum_returns")
    assert frame["param"].iloc[0] == "park_rate_return"
    assert frame["swing"].is_monotonic_decreasing
    assert set(frame["param"]) <= {p for p, v in PARAMETERS.items() if v.lever in (None, "park")}
