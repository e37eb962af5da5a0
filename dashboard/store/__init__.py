"""The versioned store: every published version of every dataset, immutable, which one is active, the audit
log, and failed sign-ins.

Two backends behind one interface (dashboard/store/base.py): SQLite in the data directory, the embedded default
(`store.sqlite3` in $DASHBOARD_HOME, default <repo>/var), and PostgreSQL for several app processes or machines,
chosen by DASHBOARD_DATABASE_URL=postgresql://… . The bundled files in data/ are each dataset's first
version(s) and are never copied here: the registry lists them from data/manifest.json and this store only adds
what analysts publish.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from dashboard import paths
from dashboard.store.base import (
    EVENT_COLUMNS,
    META_COLUMNS,
    BaseStore,
    ConfigurationError,
    PublishRequest,
    StoreError,
    StoreFull,
    StoreUnavailable,
    decode_frame,
    encode_frame,
    now_utc,
)
from dashboard.store.sqlite import DB_NAME, SQLiteStore

__all__ = ["DB_NAME", "EVENT_COLUMNS", "META_COLUMNS", "BaseStore", "ConfigurationError", "PublishRequest", "Store",
           "StoreError", "StoreFull", "StoreUnavailable", "check_configuration", "decode_frame", "encode_frame",
           "home", "now_utc", "open_store", "store_at"]

DATABASE_SETTING = "DASHBOARD_DATABASE_URL"

#: The embedded backend by its historical name: Store(directory) is a SQLite store in that directory.
Store = SQLiteStore


def home() -> Path:
    """The data directory: $DASHBOARD_HOME, or <repo>/var (gitignored)."""
    configured = os.environ.get("DASHBOARD_HOME", "").strip()
    return Path(configured).expanduser() if configured else paths.REPO_ROOT / "var"


def database_url(environ: Mapping[str, str] | None = None) -> str | None:
    value = (environ if environ is not None else os.environ).get(DATABASE_SETTING, "").strip()
    return value or None


def _validated_url(url: str) -> str:
    """Refuse a URL that is not a PostgreSQL one, naming the setting (never fall back to SQLite)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in {"postgresql", "postgres"}:
        raise ConfigurationError(
            f"{DATABASE_SETTING} must be a PostgreSQL URL such as postgresql://user@host/dbname; "
            f"it starts with {url[:12]!r}. Leave it unset to use the embedded SQLite store.")
    return url


def store_at(location: str | Path) -> BaseStore:
    """A store from a location: a postgresql:// URL, or a directory for SQLite."""
    text = str(location)
    if "://" in text:
        from dashboard.store.postgres import PostgresStore

        return PostgresStore(_validated_url(text))
    return SQLiteStore(Path(text))


def open_store(environ: Mapping[str, str] | None = None) -> BaseStore:
    """The configured store: PostgreSQL when DASHBOARD_DATABASE_URL is set, else SQLite in the data directory."""
    url = database_url(environ)
    return store_at(url) if url else SQLiteStore(home())


def check_configuration(environ: Mapping[str, str] | None = None) -> None:
    """At start: raise ConfigurationError (one message naming the setting and the problem) when
    DASHBOARD_DATABASE_URL is malformed, unreachable or points at a database that is not a dashboard store."""
    url = database_url(environ)
    if url is None:
        return
    store = store_at(url)
    store.check()  # type: ignore[attr-defined]
