"""What every store backend does the same way: versions, the active pointer, the audit log, login failures.

A backend (dashboard/store/sqlite.py, dashboard/store/postgres.py) supplies only connections: `reading()` and
`transaction()` context managers yielding a `Cursor` that takes `?` placeholders, the schema in its own SQL
dialect, and how to recognise its errors. Everything here is written once against that small surface, so the
guarantees are the same on both: a publish is one serialised transaction (version row, active pointer and
audit event together, or nothing), published versions and the audit log are protected by database triggers,
and `state()` is the last event id, which every process and machine sees change after a publish or rollback.

Adding a table (e.g. workshop rooms): add its DDL to each backend's SCHEMA list and use `transaction()` /
`reading()`; nothing else needs to change.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import pandas as pd

from dashboard.store.room_tables import ROOM_TABLES

#: Metadata columns (everything but the payload), in the order of the table.
META_COLUMNS = ["dataset_id", "version", "seq", "title", "publisher", "revision", "licence", "citation", "url",
                "built_by", "nature", "source_file", "file_sha256", "payload_sha256", "rows", "year_min",
                "year_max", "published_by", "published_at"]
EVENT_COLUMNS = ["at", "who", "action", "dataset_id", "version", "detail"]

#: The tables, written once; each backend fills in its own types ({blob}, {real}, {event_id}) and adds its
#: triggers. Add a table here (and to OUR_TABLES in postgres.py) to have it created on both backends.
TABLES = [
    """CREATE TABLE IF NOT EXISTS versions (
        dataset_id TEXT NOT NULL, version TEXT NOT NULL, seq INTEGER NOT NULL, title TEXT NOT NULL,
        publisher TEXT NOT NULL, revision TEXT NOT NULL, licence TEXT NOT NULL, citation TEXT NOT NULL,
        url TEXT NOT NULL, built_by TEXT NOT NULL, nature TEXT NOT NULL, source_file TEXT NOT NULL,
        file_sha256 TEXT NOT NULL, payload_sha256 TEXT NOT NULL, rows INTEGER NOT NULL, year_min INTEGER,
        year_max INTEGER, published_by TEXT NOT NULL, published_at TEXT NOT NULL, payload {blob} NOT NULL,
        PRIMARY KEY (dataset_id, version))""",
    """CREATE TABLE IF NOT EXISTS active (
        dataset_id TEXT PRIMARY KEY, version TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS events (
        id {event_id}, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
        dataset_id TEXT NOT NULL, version TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE IF NOT EXISTS login_failures (
        scope TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure {real} NOT NULL)""",
    *ROOM_TABLES,
]


FAULT_INJECTION_ENV = "DASHBOARD_FAULT_INJECTION"
FAULT_PUBLISH_PAUSE_ENV = "DASHBOARD_FAULT_PUBLISH_PAUSE_S"


def _injected_pause() -> Callable[[], None] | None:
    """Tests only: with DASHBOARD_FAULT_INJECTION=1 and DASHBOARD_FAULT_PUBLISH_PAUSE_S=N in the server's
    environment, every publish waits N seconds inside its transaction (after writing, before committing), saying
    so on stderr, so a test can kill the process half-way. Never set these in production."""
    if os.environ.get(FAULT_INJECTION_ENV) != "1" or not os.environ.get(FAULT_PUBLISH_PAUSE_ENV):
        return None
    seconds = float(os.environ[FAULT_PUBLISH_PAUSE_ENV])

    def pause() -> None:
        print("FAULT: publish paused before commit", file=sys.stderr, flush=True)
        time.sleep(seconds)

    return pause


class StoreError(RuntimeError):
    """The store cannot be read or written; the message says what is wrong and what to do."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or read right now (server down, file damaged or unreadable)."""


class StoreFull(StoreError):
    """The disk (or database quota) is full; the transaction was rolled back, nothing changed."""

    def __init__(self) -> None:
        super().__init__("not enough disk space; nothing was changed")


class ConfigurationError(RuntimeError):
    """A setting is wrong; the app refuses to start. The message names the setting and the problem."""


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...


@dataclass(frozen=True)
class PublishRequest:
    """What an analyst publishes: the validated table and the provenance they entered."""

    dataset_id: str
    frame: pd.DataFrame
    title: str
    publisher: str
    citation: str
    published_by: str
    source_file: str
    file_sha256: str
    revision: str = ""
    licence: str = ""
    url: str = ""
    built_by: str = ""
    nature: str = "real"
    year_column: str | None = "year"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_frame(frame: pd.DataFrame) -> tuple[bytes, str]:
    """The table as zlib-compressed UTF-8 CSV, and the SHA-256 of that CSV (what a reader can verify)."""
    csv = frame.to_csv(index=False).encode("utf-8")
    return zlib.compress(csv, 6), hashlib.sha256(csv).hexdigest()


def decode_frame(payload: bytes, expected_sha256: str | None = None) -> pd.DataFrame:
    """A stored payload back as a table of strings (the registry applies the dataset's schema)."""
    csv = zlib.decompress(bytes(payload))
    if expected_sha256 is not None and hashlib.sha256(csv).hexdigest() != expected_sha256:
        raise StoreError("a stored version does not match its checksum")
    return pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False, na_values=[""])


def _frame(cursor: Any, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(row) for row in cursor.fetchall()], columns=columns)


class BaseStore:
    """The store's operations, written once over a backend's `reading()` and `transaction()`."""

    backend = "base"

    # -- what a backend supplies ------------------------------------------------------------------------------
    def describe(self) -> str:
        """Where the data is, for messages (never a password)."""
        raise NotImplementedError

    def exists(self) -> bool:
        """False until something was written (reading never creates anything)."""
        raise NotImplementedError

    @contextmanager
    def reading(self) -> Iterator[Cursor | None]:
        """A cursor for reading, or None when nothing has been written yet."""
        raise NotImplementedError
        yield None

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """One write transaction, serialised with every other writer in every process (they wait, up to a
        timeout); creates the schema on first use. Commits at the end, rolls back on any exception."""
        raise NotImplementedError
        yield None

    def integrity_check(self) -> str:
        raise NotImplementedError

    # -- change detection ---------------------------------------------------------------------------------
    def state(self) -> tuple:
        """A value that changes whenever a publish or rollback commits, in any process on any machine: the last
        audit event id. Never raises: an unreadable store gives ("unavailable", reason), so callers may key
        caches on it and recover by themselves when the store comes back."""
        try:
            with self.reading() as cur:
                if cur is None:
                    return (self.backend, 0)
                (last,) = cur.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()
                return (self.backend, int(last))
        except StoreError as exc:
            return ("unavailable", str(exc))

    # -- reading ------------------------------------------------------------------------------------------
    def versions(self, dataset_id: str | None = None) -> pd.DataFrame:
        """Metadata of published versions (no payloads), oldest first."""
        with self.reading() as cur:
            if cur is None:
                return pd.DataFrame(columns=META_COLUMNS)
            where, args = ("WHERE dataset_id = ?", (dataset_id,)) if dataset_id else ("", ())
            return _frame(cur.execute(
                f"SELECT {', '.join(META_COLUMNS)} FROM versions {where} ORDER BY dataset_id, seq", args),
                META_COLUMNS)

    def active(self) -> dict[str, str]:
        """dataset_id -> active version, for datasets whose active version was set here."""
        with self.reading() as cur:
            if cur is None:
                return {}
            return {row[0]: row[1] for row in cur.execute("SELECT dataset_id, version FROM active").fetchall()}

    def payload(self, dataset_id: str, version: str) -> pd.DataFrame:
        with self.reading() as cur:
            row = None if cur is None else cur.execute(
                "SELECT payload, payload_sha256 FROM versions WHERE dataset_id = ? AND version = ?",
                (dataset_id, version)).fetchone()
        if row is None:
            raise KeyError(f"Dataset {dataset_id!r} has no stored version {version!r}")
        return decode_frame(row[0], row[1])

    def events(self) -> pd.DataFrame:
        """The audit log, oldest first: who (the analyst's account) did what to which version, when."""
        with self.reading() as cur:
            if cur is None:
                return pd.DataFrame(columns=EVENT_COLUMNS)
            return _frame(cur.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY id"),
                          EVENT_COLUMNS)

    # -- writing ------------------------------------------------------------------------------------------
    def publish(self, request: PublishRequest, existing_versions: int = 0,
                _before_commit: Callable[[], None] | None = None) -> str:
        """Store `request` as a new version and make it active, atomically. Returns the new version name.

        Versions are named v<N>, N counting every version of the dataset including the
        `existing_versions` bundled ones, so the first upload of migrant_stock (2 bundled) is v3. The count is
        read inside the serialised transaction, so two processes publishing at once get v3 and v4.
        """
        payload, payload_sha = encode_frame(request.frame)
        years = (request.frame[request.year_column] if request.year_column in request.frame.columns
                 else pd.Series(dtype="int64"))
        year_min = int(years.min()) if len(years) else None
        year_max = int(years.max()) if len(years) else None
        at = now_utc()
        _before_commit = _before_commit or _injected_pause()
        with self.transaction() as cur:
            (count,) = cur.execute("SELECT COUNT(*) FROM versions WHERE dataset_id = ?",
                                   (request.dataset_id,)).fetchone()
            seq = existing_versions + int(count) + 1
            version = f"v{seq}"
            cur.execute(
                f"INSERT INTO versions ({', '.join(META_COLUMNS)}, payload) VALUES ({', '.join('?' * 20)})",
                (request.dataset_id, version, seq, request.title, request.publisher, request.revision,
                 request.licence, request.citation, request.url, request.built_by, request.nature,
                 request.source_file, request.file_sha256, payload_sha, len(request.frame), year_min, year_max,
                 request.published_by, at, payload))
            self._set_active(cur, request.dataset_id, version, request.published_by, at)
            self._log(cur, at, request.published_by, "publish", request.dataset_id, version, request.source_file)
            if _before_commit is not None:
                _before_commit()
        return version

    def activate(self, dataset_id: str, version: str, who: str, action: str = "rollback") -> None:
        """Make `version` (published here or bundled) the active one; logged with who and when."""
        at = now_utc()
        with self.transaction() as cur:
            self._set_active(cur, dataset_id, version, who, at)
            self._log(cur, at, who, action, dataset_id, version, "")

    @staticmethod
    def _set_active(cur: Cursor, dataset_id: str, version: str, who: str, at: str) -> None:
        cur.execute(
            "INSERT INTO active (dataset_id, version, changed_by, changed_at) VALUES (?,?,?,?) "
            "ON CONFLICT(dataset_id) DO UPDATE SET version=excluded.version, changed_by=excluded.changed_by, "
            "changed_at=excluded.changed_at", (dataset_id, version, who, at))

    @staticmethod
    def _log(cur: Cursor, at: str, who: str, action: str, dataset_id: str, version: str, detail: str) -> None:
        cur.execute("INSERT INTO events (at, who, action, dataset_id, version, detail) VALUES (?,?,?,?,?,?)",
                    (at, who, action, dataset_id, version, detail))

    # -- failed sign-ins (dashboard/auth.py decides the policy; the counts live here, shared by all) --------
    def failures(self, scopes: Iterable[str]) -> dict[str, tuple[int, float]]:
        """scope -> (consecutive failures, time of the last one, epoch seconds), for scopes that have any."""
        scopes = list(scopes)
        with self.reading() as cur:
            if cur is None or not scopes:
                return {}
            rows = cur.execute(
                f"SELECT scope, failures, last_failure FROM login_failures WHERE scope IN "
                f"({', '.join('?' * len(scopes))})", scopes).fetchall()
        return {row[0]: (int(row[1]), float(row[2])) for row in rows}

    def record_failure(self, scopes: Iterable[str], at: float) -> dict[str, int]:
        """Count one more failure for each scope (an account, a client address); returns the new counts."""
        counts = {}
        with self.transaction() as cur:
            for scope in scopes:
                cur.execute(
                    "INSERT INTO login_failures (scope, failures, last_failure) VALUES (?, 1, ?) "
                    "ON CONFLICT(scope) DO UPDATE SET failures = login_failures.failures + 1, "
                    "last_failure = excluded.last_failure", (scope, at))
                (counts[scope],) = cur.execute("SELECT failures FROM login_failures WHERE scope = ?",
                                               (scope,)).fetchone()
        return counts

    def clear_failures(self, scopes: Iterable[str]) -> int:
        """Forget the failures of these scopes (a right passphrase, or an operator lifting a lockout)."""
        scopes = list(scopes)
        if not scopes or not self.exists():
            return 0
        with self.transaction() as cur:
            result = cur.execute(f"DELETE FROM login_failures WHERE scope IN ({', '.join('?' * len(scopes))})",
                                 scopes)
            return max(int(getattr(result, "rowcount", 0) or 0), 0)
