"""The one place that caches: thin st.cache_* wrappers over the pure registry and models in dashboard/."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.registry import Dataset, Registry


@st.cache_resource(show_spinner=False)
def registry() -> Registry:
    return Registry()


@st.cache_data(show_spinner=False, max_entries=32)
def _frame(dataset_id: str, version: str) -> pd.DataFrame:
    return registry().get(dataset_id, version).frame


def dataset(dataset_id: str, version: str | None = None) -> Dataset:
    """The active (or named) version of a dataset; frames are cached per version."""
    meta = registry().meta(dataset_id, version)
    return Dataset(meta=meta, frame=_frame(dataset_id, meta.version))


@st.cache_data(show_spinner=False)
def boundaries() -> dict[str, Any]:
    return registry().boundaries()


def countries() -> pd.DataFrame:
    return dataset("countries").frame


@st.cache_resource(show_spinner=False, max_entries=4)
def skills_prepared(version: str, sha256: str, _frame: pd.DataFrame) -> pd.DataFrame:
    """The skills table with categoricals and derived bands (dashboard.skills.prepare), once per version.

    Keyed by version and content hash; the frame itself is not hashed (it can be 100,000 rows). A resource,
    not data: one shared frame, never copied on a rerun, so callers must not modify it (dashboard.skills
    never does).
    """
    from dashboard.skills import prepare

    return prepare(_frame, countries())


@st.cache_data(show_spinner=False, max_entries=4)
def _scenario_population(stock_key: tuple[str, str], skills_key: tuple[str, str], _stock: pd.DataFrame,
                         _skills: pd.DataFrame):
    from dashboard.scenario.population import build_population
    from dashboard.skills import talent_pool

    return build_population(_stock, talent_pool(_skills))


def scenario_population():
    """The scenario model's segments from the active migrant-stock and skills datasets (once per version)."""
    stock, skills = dataset("migrant_stock"), dataset("skills")
    return _scenario_population((stock.meta.version, stock.meta.sha256), (skills.meta.version, skills.meta.sha256),
                                stock.frame, skills.frame)


@st.cache_data(show_spinner=False, max_entries=64)
def scenario_summary(scenario_json: str, label: str, baseline_label: str, stock_key: tuple[str, str],
                     skills_key: tuple[str, str]):
    """One scenario's frames (dashboard.scenario.model.summarise) with 1,000 draws, per scenario and data."""
    from dashboard.scenario.model import summarise
    from dashboard.scenario.spec import Scenario

    return summarise(Scenario.model_validate_json(scenario_json), scenario_population(), label, baseline_label)


@st.cache_data(show_spinner=False, max_entries=32)
def scenario_tornado(scenario_json: str, metric: str, stock_key: tuple[str, str], skills_key: tuple[str, str]):
    from dashboard.scenario.model import Pools
    from dashboard.scenario.sensitivity import tornado
    from dashboard.scenario.spec import Scenario

    return tornado(Scenario.model_validate_json(scenario_json), Pools.of(scenario_population()), metric)


def scenario_data_keys() -> tuple[tuple[str, str], tuple[str, str]]:
    """Cache keys of the datasets the scenario model reads (so a new version recomputes)."""
    stock, skills = dataset("migrant_stock"), dataset("skills")
    return (stock.meta.version, stock.meta.sha256), (skills.meta.version, skills.meta.sha256)
