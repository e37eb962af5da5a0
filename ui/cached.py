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


@st.cache_data(show_spinner=False, max_entries=4)
def skills_prepared(version: str, sha256: str, _frame: pd.DataFrame) -> pd.DataFrame:
    """The skills table with categoricals and derived bands (dashboard.skills.prepare), once per version.

    Keyed by version and content hash; the frame itself is not hashed (it can be 100,000 rows).
    """
    from dashboard.skills import prepare

    return prepare(_frame, countries())
