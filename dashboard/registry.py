"""The one way to get a dataset: `Registry().get("migrant_stock")` returns the active version and its metadata.

Bundled datasets are listed in `data/manifest.json`; each is its dataset's first version. Versions analysts
publish live in the store (`dashboard/store/`, SQLite or PostgreSQL), which also records which version of each
dataset is active (without a store entry, the manifest's default). Pages never read files: they ask the
registry (through the cached accessors in `ui/cached.py`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import paths
from dashboard.schemas import KINDS, SCHEMAS  # noqa: F401  (SCHEMAS: one schema per kind, re-exported)
from dashboard.store import EVENT_COLUMNS, BaseStore, PublishRequest, StoreError, StoreUnavailable, open_store


class DataFileError(RuntimeError):
    """A bundled or stored data file is missing or damaged. The message names the file and what is wrong."""


@dataclass(frozen=True)
class DatasetMeta:
    """Provenance of one version of one dataset, shown wherever its figures are shown."""

    id: str
    version: str
    title: str
    publisher: str
    revision: str
    year_min: int | None
    year_max: int | None
    licence: str
    citation: str
    url: str
    built_by: str
    nature: str  # real | derived | synthetic
    file: str
    rows: int
    sha256: str
    active: bool = False  # True for the version every page shows (the manifest calls its bundled choice "default")
    published_by: str = ""  # who published it (empty for bundled data)
    published_at: str = ""  # when (UTC, ISO 8601; empty for bundled data)
    source_file: str = ""  # the uploaded file's name (empty for bundled data)
    session_only: bool = False  # an upload explored in one session only ("only you see this")
    #: Destinations the source has no row for in this revision: "not estimated", never zero (ISO3).
    not_estimated: tuple[str, ...] = ()

    @property
    def is_bundled(self) -> bool:
        return not self.published_at and not self.session_only

    @property
    def is_synthetic(self) -> bool:
        return self.nature == "synthetic"

    @property
    def years(self) -> str:
        if self.year_min is None:
            return ""
        return str(self.year_min) if self.year_min == self.year_max else f"{self.year_min}–{self.year_max}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DatasetMeta:
        """From a manifest entry, where "default" marks the bundled version that is active until one is published."""
        names = {f.name for f in fields(cls)}
        raw = {("active" if k == "default" else k): v for k, v in raw.items()}
        known = {k: v for k, v in raw.items() if k in names}
        if "not_estimated" in known:
            known["not_estimated"] = tuple(known["not_estimated"])
        return cls(**known)


@dataclass(frozen=True)
class Dataset:
    meta: DatasetMeta
    frame: pd.DataFrame


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_table(path: Path, dataset_id: str) -> pd.DataFrame:
    """Read a bundled CSV into its declared schema, or raise DataFileError naming the file."""
    if not path.exists():
        raise DataFileError(f"{path.name} is missing from {path.parent}.")
    try:
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)
    except Exception as exc:  # pandas raises many parser errors; all mean the same to a user
        raise DataFileError(f"{path.name} cannot be read as CSV ({exc}).") from exc
    return apply_schema(frame, dataset_id, path.name)


def apply_schema(frame: pd.DataFrame, dataset_id: str, name: str) -> pd.DataFrame:
    """A table of strings in the dataset's declared columns and dtypes, or DataFileError naming `name`.

    Optional columns of the schema (a roster's contacts) are kept when the table has them.
    """
    schema = KINDS[dataset_id].dtypes(set(frame.columns))
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise DataFileError(f"{name} lacks the column(s) {', '.join(missing)}.")
    frame = frame[list(schema)]
    try:
        for column, dtype in schema.items():
            if dtype == "bool":
                words = frame[column].astype("string").str.lower().map({"true": True, "false": False})
                if words.isna().any():
                    raise ValueError("expected true or false")
                frame[column] = words.astype(bool)
            else:
                frame[column] = frame[column].astype(dtype)
    except (ValueError, TypeError) as exc:
        raise DataFileError(f"{name}, column {column}: {exc}.") from exc
    return frame


class Registry:
    """Every dataset and version the app knows, and which one is active."""

    def __init__(self, data_dir: Path | None = None, store: BaseStore | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
        self.store = store if store is not None else open_store()
        manifest_path = self.data_dir / "manifest.json"
        if not manifest_path.exists():
            raise DataFileError(f"manifest.json is missing from {self.data_dir}.")
        try:
            raw = json.loads(manifest_path.read_text(encoding="utf-8"))
            self._bundled = [DatasetMeta.from_dict(entry) for entry in raw["datasets"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise DataFileError(f"manifest.json is not a valid dataset manifest ({exc}).") from exc

    def path_of(self, meta: DatasetMeta) -> Path:
        """Manifest paths are relative to the repository (data/x.csv); files live in this registry's folder."""
        return self.data_dir / Path(meta.file).name

    def dataset_ids(self) -> list[str]:
        return list(dict.fromkeys(meta.id for meta in self._bundled))

    def bundled_versions(self, dataset_id: str) -> list[DatasetMeta]:
        return [m for m in self._bundled if m.id == dataset_id]

    def versions(self, dataset_id: str) -> list[DatasetMeta]:
        """All versions of a dataset, the active one first, then the newest published, then the bundled ones."""
        bundled = self.bundled_versions(dataset_id)
        if not bundled:
            raise KeyError(f"Unknown dataset id {dataset_id!r}; known: {', '.join(self.dataset_ids())}")
        try:
            stored = self.store.versions(dataset_id)
            active = self.store.active().get(dataset_id)
        except StoreUnavailable:  # degrade, don't die: the bundled versions still serve (store_problem says why)
            stored, active = pd.DataFrame(columns=["dataset_id"]), None
        published = [_stored_meta(row) for row in reversed(stored.to_dict("records"))]
        found = published + bundled
        if active not in {m.version for m in found}:
            active = next((m.version for m in bundled if m.active), bundled[0].version)
        found = [replace(m, active=m.version == active) for m in found]
        return sorted(found, key=lambda m: not m.active)

    def meta(self, dataset_id: str, version: str | None = None) -> DatasetMeta:
        candidates = self.versions(dataset_id)
        if version is None:
            return candidates[0]
        for meta in candidates:
            if meta.version == version:
                return meta
        raise KeyError(f"Dataset {dataset_id!r} has no version {version!r}")

    def get(self, dataset_id: str, version: str | None = None) -> Dataset:
        """The active version of `dataset_id` (or the named version), read into its schema."""
        meta = self.meta(dataset_id, version)
        if meta.is_bundled:
            return Dataset(meta=meta, frame=read_table(self.path_of(meta), dataset_id))
        try:
            raw = self.store.payload(dataset_id, meta.version)
        except StoreError as exc:
            raise DataFileError(f"{meta.file}: {exc}. Roll back to another version or restore a backup.") from exc
        return Dataset(meta=meta, frame=apply_schema(raw, dataset_id, meta.file))

    def events(self) -> pd.DataFrame:
        """The audit log (who did what, when); empty while the store cannot be read (store_problem says why)."""
        try:
            return self.store.events()
        except StoreUnavailable:
            return pd.DataFrame(columns=EVENT_COLUMNS)

    def store_problem(self, store_state: tuple | None = None) -> str | None:
        """Why published versions cannot be read right now (the store's own words), or None when they can."""
        kind, detail = store_state if store_state is not None else self.store.state()
        return str(detail) if kind == "unavailable" else None

    def publish(self, request: PublishRequest) -> DatasetMeta:
        """Store a validated table as the new active version of its dataset; returns its metadata."""
        version = self.store.publish(request, existing_versions=len(self.bundled_versions(request.dataset_id)))
        return self.meta(request.dataset_id, version)

    def activate(self, dataset_id: str, version: str, who: str) -> DatasetMeta:
        """Make any existing version active again (a rollback); logged in the store with who and when."""
        meta = self.meta(dataset_id, version)
        self.store.activate(dataset_id, meta.version, who)
        return self.meta(dataset_id, version)

    def catalogue(self) -> pd.DataFrame:
        """Every dataset and version with its provenance, the active version of each first."""
        metas = [m for dataset_id in self.dataset_ids() for m in self.versions(dataset_id)]
        return pd.DataFrame([m.to_dict() for m in metas])

    def boundaries(self) -> dict[str, Any]:
        """Country polygons (GeoJSON FeatureCollection, property iso_a3) for offline maps."""
        meta = self.meta("boundaries")
        path = self.path_of(meta)
        if not path.exists():
            raise DataFileError(f"{Path(meta.file).name} is missing from {self.data_dir}.")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DataFileError(f"{Path(meta.file).name} is not valid GeoJSON ({exc}).") from exc

    def check(self) -> None:
        """Verify every bundled file is present and unchanged; raise DataFileError naming the first bad one."""
        for meta in self._bundled:
            path = self.path_of(meta)
            if not path.exists():
                raise DataFileError(f"{Path(meta.file).name} is missing from {self.data_dir}.")
            if meta.sha256 and file_sha256(path) != meta.sha256:
                raise DataFileError(
                    f"{Path(meta.file).name} does not match the checksum recorded in manifest.json (damaged or edited)."
                )


def _stored_meta(row: dict[str, Any]) -> DatasetMeta:
    """Metadata of a version published into the store."""
    def year(value: Any) -> int | None:
        return None if value is None or pd.isna(value) else int(value)

    return DatasetMeta(
        id=row["dataset_id"], version=row["version"], title=row["title"], publisher=row["publisher"],
        revision=row["revision"] or row["version"], year_min=year(row["year_min"]), year_max=year(row["year_max"]),
        licence=row["licence"], citation=row["citation"], url=row["url"], built_by=row["built_by"],
        nature=row["nature"], file=f"store:{row['dataset_id']}/{row['version']}", rows=int(row["rows"]),
        sha256=row["file_sha256"], published_by=row["published_by"], published_at=row["published_at"],
        source_file=row["source_file"],
    )


def session_dataset(dataset_id: str, frame: pd.DataFrame, file_name: str, file_sha256: str, title: str,
                    publisher: str, nature: str = "real") -> Dataset:
    """An upload explored in one session only: never stored, marked session_only ("only you see this")."""
    years = frame["year"] if "year" in frame.columns else pd.Series(dtype="int64")
    meta = DatasetMeta(
        id=dataset_id, version=f"session-{file_sha256[:12]}", title=title or file_name, publisher=publisher,
        revision=file_name, year_min=int(years.min()) if len(years) else None,
        year_max=int(years.max()) if len(years) else None, licence="", citation="", url="",
        built_by="", nature=nature, file=file_name, rows=len(frame), sha256=file_sha256, active=True,
        source_file=file_name, session_only=True)
    return Dataset(meta=meta, frame=frame)
