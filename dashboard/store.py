"""The versioned store: every published version of every dataset, immutable, and which version is active.

One embedded SQLite database, `store.sqlite3`, in the data directory (`DASHBOARD_HOME`, default `<repo>/var`).
It is created on the first publish; until then the bundled datasets in data/ are all there is, and reading
never creates anything. The bundled files are each dataset's first version(s) and are never copied here: the
registry lists them from data/manifest.json and this store only adds what analysts publish.

A publish is one transaction: the version row (metadata plus the table as zlib-compressed CSV), the active
pointer and the audit event are written together, so a failure or a kill in the middle leaves the previous
version active and readable (SQLite's write-ahead log guarantees it). Versions are never updated or deleted;
a rollback only moves the active pointer (and is logged).
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard import paths

DB_NAME = "store.sqlite3"
BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    dataset_id    TEXT NOT NULL,
    version       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    title         TEXT NOT NULL,
    publisher     TEXT NOT NULL,
    revision      TEXT NOT NULL,
    licence       TEXT NOT NULL,
    citation      TEXT NOT NULL,
    url           TEXT NOT NULL,
    built_by      TEXT NOT NULL,
    nature        TEXT NOT NULL,
    source_file   TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    year_min      INTEGER,
    year_max      INTEGER,
    published_by  TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    payload       BLOB NOT NULL,
    PRIMARY KEY (dataset_id, version)
);
CREATE TABLE IF NOT EXISTS active (
    dataset_id TEXT PRIMARY KEY,
    version    TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    who        TEXT NOT NULL,
    action     TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    version    TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER IF NOT EXISTS versions_are_immutable BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'published versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS versions_are_kept BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'published versions are never deleted'); END;
"""

#: Metadata columns (everything but the payload), in the order of the table.
META_COLUMNS = ["dataset_id", "version", "seq", "title", "publisher", "revision", "licence", "citation", "url",
                "built_by", "nature", "source_file", "file_sha256", "payload_sha256", "rows", "year_min",
                "year_max", "published_by", "published_at"]


class StoreError(RuntimeError):
    """The store cannot be read or written; the message says what to do."""


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


def home() -> Path:
    """The data directory: $DASHBOARD_HOME, or <repo>/var (gitignored)."""
    configured = os.environ.get("DASHBOARD_HOME", "").strip()
    return Path(configured).expanduser() if configured else paths.REPO_ROOT / "var"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_frame(frame: pd.DataFrame) -> tuple[bytes, str]:
    """The table as zlib-compressed UTF-8 CSV, and the SHA-256 of that CSV (what a reader can verify)."""
    csv = frame.to_csv(index=False).encode("utf-8")
    return zlib.compress(csv, 6), hashlib.sha256(csv).hexdigest()


def decode_frame(payload: bytes, expected_sha256: str | None = None) -> pd.DataFrame:
    """A stored payload back as a table of strings (the registry applies the dataset's schema)."""
    csv = zlib.decompress(payload)
    if expected_sha256 is not None and hashlib.sha256(csv).hexdigest() != expected_sha256:
        raise StoreError("a stored version does not match its checksum")
    return pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False, na_values=[""])


class Store:
    """Published versions in SQLite. Cheap to construct; the file is created on the first write."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else home()
        self.path = self.directory / DB_NAME

    # -- connections --------------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def state(self) -> tuple[tuple[int, int], ...]:
        """Sizes and change times of the database and its write-ahead log: equal states, equal contents, so a
        caller may reuse what it read (a publish or rollback, from any process, changes the state)."""
        stamps = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = path.stat()
                stamps.append((info.st_size, info.st_mtime_ns))
            except OSError:
                stamps.append((-1, -1))
        return tuple(stamps)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or None when nothing has been published yet (nothing is created)."""
        if not self.exists():
            yield None
            return
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path} cannot be opened ({exc})") from exc
        try:
            created = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='active'").fetchone()
            yield conn if created else None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} cannot be read ({exc})") from exc
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction (writers queue on busy_timeout); creates the database on first use."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            conn = self._connect()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path} cannot be created or opened for writing ({exc})") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    # -- reading ------------------------------------------------------------------------------------------
    def versions(self, dataset_id: str | None = None) -> pd.DataFrame:
        """Metadata of published versions (no payloads), oldest first."""
        with self._read() as conn:
            if conn is None:
                return pd.DataFrame(columns=META_COLUMNS)
            where, args = ("WHERE dataset_id = ?", (dataset_id,)) if dataset_id else ("", ())
            return pd.read_sql_query(
                f"SELECT {', '.join(META_COLUMNS)} FROM versions {where} ORDER BY dataset_id, seq", conn,
                params=args)

    def active(self) -> dict[str, str]:
        """dataset_id -> active version, for datasets whose active version was set here."""
        with self._read() as conn:
            if conn is None:
                return {}
            return dict(conn.execute("SELECT dataset_id, version FROM active").fetchall())

    def payload(self, dataset_id: str, version: str) -> pd.DataFrame:
        with self._read() as conn:
            row = None if conn is None else conn.execute(
                "SELECT payload, payload_sha256 FROM versions WHERE dataset_id = ? AND version = ?",
                (dataset_id, version)).fetchone()
        if row is None:
            raise KeyError(f"Dataset {dataset_id!r} has no stored version {version!r}")
        return decode_frame(row[0], row[1])

    def events(self) -> pd.DataFrame:
        with self._read() as conn:
            if conn is None:
                return pd.DataFrame(columns=["at", "who", "action", "dataset_id", "version", "detail"])
            return pd.read_sql_query(
                "SELECT at, who, action, dataset_id, version, detail FROM events ORDER BY id", conn)

    def integrity_check(self) -> str:
        with self._read() as conn:
            return "ok" if conn is None else conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- writing ------------------------------------------------------------------------------------------
    def publish(self, request: PublishRequest, existing_versions: int = 0,
                _before_commit: Callable[[], None] | None = None) -> str:
        """Store `request` as a new version and make it active, atomically. Returns the new version name.

        Versions are named v<N>, N counting every version of the dataset including the
        `existing_versions` bundled ones, so the first upload of migrant_stock (2 bundled) is v3.
        """
        payload, payload_sha = encode_frame(request.frame)
        years = (request.frame[request.year_column] if request.year_column in request.frame.columns
                 else pd.Series(dtype="int64"))
        year_min = int(years.min()) if len(years) else None
        year_max = int(years.max()) if len(years) else None
        at = now_utc()
        with self._write() as conn:
            (count,) = conn.execute("SELECT COUNT(*) FROM versions WHERE dataset_id = ?",
                                    (request.dataset_id,)).fetchone()
            seq = existing_versions + count + 1
            version = f"v{seq}"
            conn.execute(
                f"INSERT INTO versions ({', '.join(META_COLUMNS)}, payload) VALUES ({', '.join('?' * 20)})",
                (request.dataset_id, version, seq, request.title, request.publisher, request.revision,
                 request.licence, request.citation, request.url, request.built_by, request.nature,
                 request.source_file, request.file_sha256, payload_sha, len(request.frame), year_min, year_max,
                 request.published_by, at, payload))
            self._set_active(conn, request.dataset_id, version, request.published_by, at)
            conn.execute("INSERT INTO events (at, who, action, dataset_id, version, detail) VALUES (?,?,?,?,?,?)",
                         (at, request.published_by, "publish", request.dataset_id, version, request.source_file))
            if _before_commit is not None:
                _before_commit()
        return version

    def activate(self, dataset_id: str, version: str, who: str, action: str = "rollback") -> None:
        """Make `version` (published here or bundled) the active one; logged with who and when."""
        at = now_utc()
        with self._write() as conn:
            self._set_active(conn, dataset_id, version, who, at)
            conn.execute("INSERT INTO events (at, who, action, dataset_id, version, detail) VALUES (?,?,?,?,?,?)",
                         (at, who, action, dataset_id, version, ""))

    @staticmethod
    def _set_active(conn: sqlite3.Connection, dataset_id: str, version: str, who: str, at: str) -> None:
        conn.execute(
            "INSERT INTO active (dataset_id, version, changed_by, changed_at) VALUES (?,?,?,?) "
            "ON CONFLICT(dataset_id) DO UPDATE SET version=excluded.version, changed_by=excluded.changed_by, "
            "changed_at=excluded.changed_at", (dataset_id, version, who, at))
