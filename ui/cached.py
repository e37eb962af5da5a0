"""The one place that caches: thin st.cache_* wrappers over the pure registry and models in dashboard/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.registry import Dataset, DatasetMeta, Registry
from ui import state


@st.cache_resource(show_spinner=False)
def registry() -> Registry:
    return Registry()


@st.cache_data(show_spinner=False, max_entries=32)
def _frame(dataset_id: str, version: str, sha256: str) -> pd.DataFrame:
    return registry().get(dataset_id, version).frame


def dataset(dataset_id: str, version: str | None = None) -> Dataset:
    """The active (or named) version of a dataset; frames are cached per version.

    The active version is looked up once per state of the store (a publish or rollback shows at once). An upload
    this session explores privately (ui.state.session_dataset, "only you see this") takes the place of the
    active version for this session only: asking for the active version (by None or by its name) or for
    the upload's own version (session-<hash>) returns it, with meta.session_only=True. Other versions are
    returned as usual.
    """
    return dataset_for_session(state.session_dataset(dataset_id), dataset_id, version)


def dataset_for_session(own: Dataset | None, dataset_id: str, version: str | None = None) -> Dataset:
    """`dataset` for a session whose private upload of `dataset_id` is `own` (or None). Reads no session state,
    so it also runs off the script thread (a download generated on click)."""
    if own is not None and version == own.meta.version:
        return own
    shared = shared_version(dataset_id, version)
    return own if own is not None and shared.meta.active else shared


def shared_version(dataset_id: str, version: str | None = None) -> Dataset:
    """A version as everyone sees it (never this session's private upload), its frame cached per version."""
    meta = _meta(dataset_id, version, registry().store.state())
    return Dataset(meta=meta, frame=_frame(dataset_id, meta.version, meta.sha256))


def versions(dataset_id: str) -> list[DatasetMeta]:
    """Every version of a dataset, the active one first; a session-only upload, if any, comes first of all."""
    own = state.session_dataset(dataset_id)
    return ([own.meta] if own is not None else []) + _versions(dataset_id, registry().store.state())


def shared_versions(dataset_id: str) -> list[DatasetMeta]:
    """Every shared version of a dataset (never this session's private upload), once per state of the store."""
    return _versions(dataset_id, registry().store.state())


@st.cache_data(show_spinner=False, max_entries=256)
def _meta(dataset_id: str, version: str | None, store_state: tuple) -> DatasetMeta:
    """Which version is active, read from the store once per `store_state` (hashed into the key) rather than
    on every call."""
    return registry().meta(dataset_id, version)


@st.cache_data(show_spinner=False, max_entries=64)
def _versions(dataset_id: str, store_state: tuple) -> list[DatasetMeta]:
    return registry().versions(dataset_id)


@st.cache_data(show_spinner=False)
def boundaries() -> dict[str, Any]:
    return registry().boundaries()


@st.cache_resource(show_spinner=False)
def boundaries_file_version() -> str:
    """A short hash of static/world_boundaries.json, put in its URL so a browser never keeps an old copy."""
    import hashlib

    from dashboard import geo
    from dashboard.paths import REPO_ROOT

    return hashlib.sha256((REPO_ROOT / "static" / geo.BOUNDARIES_FILE).read_bytes()).hexdigest()[:12]


def countries() -> pd.DataFrame:
    return dataset("countries").frame


@st.cache_data(show_spinner=False, max_entries=256)
def skills_country_summary(version: str, sha256: str, iso3: str, lang: str, digits: str) -> pd.DataFrame:
    """The map panel's skills summary for one country (dashboard.skills.country_summary), once per skills
    version, country, language and digits, so changing the map's year does not recompute it."""
    from dashboard.skills import country_summary

    return country_summary(skills_prepared(version, sha256, dataset("skills", version).frame), iso3, lang, digits)


@st.cache_resource(show_spinner=False, max_entries=4)
def skills_prepared(version: str, sha256: str, _frame: pd.DataFrame) -> pd.DataFrame:
    """The skills table with categoricals and derived bands (dashboard.skills.prepare), once per version.

    Keyed by version and content hash; the frame itself is not hashed (it can be 100,000 rows). A resource,
    not data: one shared frame, never copied on a rerun, so callers must not modify it (dashboard.skills
    never does).
    """
    from dashboard.skills import prepare

    return prepare(_frame, countries())


# -- uploads (the data page): read, check and diff once per file, not on every rerun ----------------
@st.cache_data(show_spinner=False, max_entries=4)
def upload_sheets(file_name: str, data: bytes) -> list[str]:
    from dashboard.validation import sheet_names

    return sheet_names(file_name, data)


@st.cache_data(show_spinner=False, max_entries=4)
def upload_table(file_name: str, data: bytes, sheet: str | None):
    """dashboard.validation.read_upload (raises UploadError, which is not cached)."""
    from dashboard.validation import read_upload

    return read_upload(file_name, data, sheet)


@st.cache_data(show_spinner=False, max_entries=8)
def upload_prepared(kind: str, file_name: str, data: bytes, sheet: str | None,
                    mapping: tuple[tuple[str, str | None], ...], layout: str,
                    picks: tuple[tuple[str, str], ...] = ()):
    """dashboard.validation.check_table for one file, sheet, mapping, layout and the country names picked."""
    from dashboard.validation import check_table

    return check_table(kind, upload_table(file_name, data, sheet), dict(mapping), countries(), layout, dict(picks))


@st.cache_data(show_spinner=False, max_entries=8)
def upload_diff(kind: str, file_name: str, data: bytes, sheet: str | None,
                mapping: tuple[tuple[str, str | None], ...], layout: str, picks: tuple[tuple[str, str], ...],
                active_version: str, active_sha: str):
    """dashboard.validation.diff of the checked upload against the shared active version."""
    from dashboard.validation import diff

    new = upload_prepared(kind, file_name, data, sheet, mapping, layout, picks).frame
    active = registry().get(kind, active_version).frame
    return diff(kind, active, new)


@st.cache_data(show_spinner=False, max_entries=4)
def country_labels(lang: str) -> dict[str, str]:
    """ISO3 -> "Name (ISO3)" in `lang`, sorted by name: the choices of the country picker."""
    from dashboard.countries import country_names

    names = country_names(countries(), lang)
    return {iso3: f"{name} ({iso3})" for iso3, name in sorted(names.items(), key=lambda item: item[1])}


def registry_meta(dataset_id: str) -> DatasetMeta:
    """The active version's metadata, read from the store once per state of the store."""
    return _meta(dataset_id, None, registry().store.state())


def catalogue() -> pd.DataFrame:
    """Every dataset and version with its provenance (registry.catalogue), once per state of the store."""
    return _catalogue(registry().store.state())


@st.cache_data(show_spinner=False, max_entries=8)
def _catalogue(store_state: tuple) -> pd.DataFrame:
    return registry().catalogue()


def events() -> pd.DataFrame:
    """The store's log of publications and rollbacks, once per state of the store."""
    return _events(registry().store.state())


@st.cache_data(show_spinner=False, max_entries=8)
def _events(store_state: tuple) -> pd.DataFrame:
    return registry().events()  # empty while the store cannot be read (the banner says why)


@st.cache_resource(show_spinner=False, max_entries=4)
def _scenario_inputs(stock_key: tuple[str, str], skills_key: tuple[str, str], official_key: tuple[str, ...],
                     _stock: pd.DataFrame, _skills: pd.DataFrame, _dioc: pd.DataFrame, _oecd: pd.DataFrame):
    """(Population, Pools) of one pair of dataset versions: the model's segments and its per-segment pools."""
    from dashboard.scenario.model import Pools
    from dashboard.scenario.population import build_population
    from dashboard.skills import talent_pool
    from dashboard.skills_official import destinations_of, education_split

    population = build_population(_stock, talent_pool(_skills),
                                  education_split(_dioc, _oecd, destinations_of(_stock)))
    return population, Pools.of(population)


def _inputs_of(stock: Dataset | None, skills: Dataset | None):
    stock, skills = stock or dataset("migrant_stock"), skills or dataset("skills")
    dioc, oecd = dataset("skills_dioc_e"), dataset("skills_oecd")
    return _scenario_inputs((stock.meta.version, stock.meta.sha256), (skills.meta.version, skills.meta.sha256),
                            (dioc.meta.sha256, oecd.meta.sha256), stock.frame, skills.frame, dioc.frame, oecd.frame)


def scenario_population(stock: Dataset | None = None, skills: Dataset | None = None):
    """The scenario model's segments from migrant-stock and skills datasets (the active ones by default), built
    once per pair of versions. Each destination's skill levels come from the official DIOC figures; the skills
    dataset gives sectors and interest within a level.

    A resource, not data: one shared read-only object.
    """
    return _inputs_of(stock, skills)[0]


def scenario_pools(stock: Dataset | None = None, skills: Dataset | None = None):
    """The model's pools (dashboard.scenario.model.Pools) of `scenario_population`, built once with it."""
    return _inputs_of(stock, skills)[1]


@st.cache_resource(show_spinner=False, max_entries=2)
def _official_skills(keys: tuple[str, ...], _dioc: pd.DataFrame, _oecd: pd.DataFrame,
                     _iab: pd.DataFrame) -> dict[str, Any]:
    from dashboard import skills_official as so

    return {
        "by_sex": {sex: so.tertiary_by_destination(_dioc, sex) for sex in ("total", "male", "female")},
        "headline": so.oecd_headline(_oecd), "education": so.oecd_education(_oecd),
        "labour": so.labour_by_education(_oecd), "overqualification": so.overqualification(_oecd),
        "isco": so.occupations(_oecd, "isco08"), "soc": so.occupations(_oecd, "us_soc2010"),
        "skill": so.job_skill_levels(_oecd), "brain_drain": so.brain_drain(_iab),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def _figure(key: tuple, _build: Callable[[], Any]) -> Any:
    return _build()


def figure(key: tuple, build: Callable[[], Any]) -> Any:
    """A figure built once per `key` (which must name everything it shows: chart, language, digits, data
    versions) and copied on every read, so no session shares another's figure object."""
    return _figure(key, build)


def official_skills() -> dict[str, Any]:
    """The frames of the Skills page's official section (dashboard.skills_official), once per data version.
    Shared: callers must not modify them."""
    data = [dataset(d) for d in ("skills_dioc_e", "skills_oecd", "brain_drain")]
    return _official_skills(tuple(d.meta.sha256 for d in data), *(d.frame for d in data))


@st.cache_data(show_spinner=False, max_entries=64)
def scenario_summary(scenario_json: str, label: str, baseline_label: str, stock_key: tuple[str, str],
                     skills_key: tuple[str, str]):
    """One scenario's frames (dashboard.scenario.model.summarise) with 1,000 draws, per scenario and data."""
    from dashboard.scenario.model import summarise
    from dashboard.scenario.spec import Scenario

    return summarise(Scenario.model_validate_json(scenario_json), scenario_pools(), label, baseline_label)


@st.cache_data(show_spinner=False, max_entries=32)
def scenario_tornado(scenario_json: str, metric: str, stock_key: tuple[str, str], skills_key: tuple[str, str]):
    from dashboard.scenario.sensitivity import tornado
    from dashboard.scenario.spec import Scenario

    return tornado(Scenario.model_validate_json(scenario_json), scenario_pools(), metric)


def scenario_data_keys() -> tuple[tuple[str, str], tuple[str, str]]:
    """Cache keys of the datasets the scenario model reads (so a new version recomputes)."""
    stock, skills = dataset("migrant_stock"), dataset("skills")
    return (stock.meta.version, stock.meta.sha256), (skills.meta.version, skills.meta.sha256)


def bundled_data_check() -> None:
    """registry().check() once per state of the bundled files (their sizes and times), not on every rerun."""
    _checked(tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(registry().data_dir.iterdir())))


@st.cache_resource(show_spinner=False, max_entries=2)
def _checked(_files_key: tuple) -> bool:
    registry().check()  # raises DataFileError, which is not cached: a broken file is re-checked next run
    return True


# -- the map page: figures computed once for everyone (many people look at the same year and sex) -------------
# Frames only: a plotly Figure shared between sessions is not safe to copy from two threads at once.
@st.cache_resource(show_spinner=False, max_entries=64)
def destination_measures(stock_key: tuple[str, str], year: int, sex: str, base_year: int | None,
                         _stock: pd.DataFrame) -> pd.DataFrame:
    """dashboard.diaspora.destination_measures per stock version; shared, so callers must not modify it."""
    from dashboard.diaspora import destination_measures as compute

    return compute(_stock, year, sex, base_year)


@st.cache_resource(show_spinner=False, max_entries=16)
def diaspora_with_refugees(stock_key: tuple[str, str], refugees_key: tuple[str, str], sex: str,
                           _stock: pd.DataFrame, _refugees: pd.DataFrame) -> pd.DataFrame:
    """dashboard.diaspora.diaspora_with_refugees per data version and sex (the same for every year chosen)."""
    from dashboard.diaspora import diaspora_with_refugees as compute

    return compute(_stock, _refugees, sex)


@st.cache_resource(show_spinner=False)
def freeze_long_lived_objects() -> bool:
    """Once per server process, after its first page: collect, then put every object alive now (modules, the
    datasets loaded) out of the garbage collector's scans (gc.freeze). Python's full collections, which run
    every few updates, then only scan what later runs created, instead of tens of ms of CPU each time."""
    import gc

    gc.collect()
    gc.freeze()
    return True
