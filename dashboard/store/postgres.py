"""The shared backend: one PostgreSQL database for several app processes on one or more machines.

Chosen by DASHBOARD_DATABASE_URL=postgresql://user@host/dbname (psycopg 3). Every write transaction first
takes one transaction-level advisory lock, so writers queue (up to LOCK_TIMEOUT) exactly as SQLite's
BEGIN IMMEDIATE makes them, and version numbers are counted inside that lock. Triggers refuse any UPDATE,
DELETE or TRUNCATE of published versions and of the audit log. A lost connection is dropped and made again
on the next call, so the app recovers by itself when the server returns.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from dashboard.store.base import TABLES, BaseStore, ConfigurationError, StoreError, StoreFull, StoreUnavailable

SETTING = "DASHBOARD_DATABASE_URL"
CONNECT_TIMEOUT_S = 5
MAX_IDLE = 8  # idle connections kept per process
LOCK_TIMEOUT = "30s"
WRITE_LOCK_KEY = 7_311_502  # any constant: the one advisory lock all writers of this app share
SCHEMA_VERSION = 2  # 2: workshop rooms. Raise it when SCHEMA gains a table: existing databases then get the new DDL
OUR_TABLES = {"dashboard_schema", "versions", "active", "events", "login_failures", "rooms", "room_submissions"}

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS dashboard_schema (version INTEGER NOT NULL)",
    *(table.format(blob="BYTEA", real="DOUBLE PRECISION", event_id="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
      for table in TABLES),
    """CREATE OR REPLACE FUNCTION dashboard_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$""",
    """CREATE OR REPLACE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
       FOR EACH ROW EXECUTE FUNCTION dashboard_refuse_change('published versions are immutable')""",
    """CREATE OR REPLACE TRIGGER versions_are_kept BEFORE DELETE ON versions
       FOR EACH ROW EXECUTE FUNCTION dashboard_refuse_change('published versions are never deleted')""",
    """CREATE OR REPLACE TRIGGER versions_not_truncated BEFORE TRUNCATE ON versions
       FOR EACH STATEMENT EXECUTE FUNCTION dashboard_refuse_change('published versions are never deleted')""",
    """CREATE OR REPLACE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE ON events
       FOR EACH ROW EXECUTE FUNCTION dashboard_refuse_change('the audit log is append-only')""",
    """CREATE OR REPLACE TRIGGER events_not_truncated BEFORE TRUNCATE ON events
       FOR EACH STATEMENT EXECUTE FUNCTION dashboard_refuse_change('the audit log is append-only')""",
]


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


class _Cursor:
    """psycopg with the `?` placeholders the shared SQL uses."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params) if params else None)


class PostgresStore(BaseStore):
    """Published versions in a PostgreSQL database shared by every app process."""

    backend = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._schema_ready = False

    def describe(self) -> str:
        return f"the PostgreSQL database {redact(self.url)}"

    # -- connections: a small pool shared by every thread (Streamlit runs each script run in a new thread) ---
    def _borrow(self) -> Any:
        """An idle connection from the pool, or a new one."""
        import psycopg

        with self._lock:
            if self._idle:
                return self._idle.pop()
        try:
            return psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True,
                                   application_name="diaspora-dashboard")
        except psycopg.Error as exc:
            raise StoreUnavailable(f"{self.describe()} cannot be reached ({_first_line(exc)})") from exc

    def _release(self, conn: Any) -> None:
        from psycopg.pq import TransactionStatus

        reusable = not (conn.closed or conn.broken) and conn.info.transaction_status == TransactionStatus.IDLE
        with self._lock:
            if reusable and len(self._idle) < MAX_IDLE:
                self._idle.append(conn)
                return
        _close(conn)

    def _discard_pool(self) -> None:
        """After a lost connection the others are likely stale too (a server restart): drop them all."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            _close(conn)

    @contextmanager
    def _guarded(self) -> Iterator[Any]:
        """A pooled connection; psycopg's errors mapped to the store's: a lost server -> StoreUnavailable,
        a full disk -> StoreFull. Any failure closes the connection instead of returning it to the pool."""
        import psycopg

        conn = self._borrow()
        try:
            yield conn
        except psycopg.errors.DiskFull as exc:
            _close(conn)
            raise StoreFull() from exc
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            _close(conn)
            self._discard_pool()
            raise StoreUnavailable(f"{self.describe()} is unavailable ({_first_line(exc)})") from exc
        except BaseException:
            self._release(conn)
            raise
        self._release(conn)

    def exists(self) -> bool:
        return self._schema_ready or self._has_schema()

    def _has_schema(self) -> bool:
        with self._guarded() as conn:
            found = conn.execute("SELECT to_regclass('dashboard_schema') IS NOT NULL").fetchone()[0]
        self._schema_ready = bool(found)
        return self._schema_ready

    def check(self) -> None:
        """At start: the URL works and the database is empty or ours. Raises ConfigurationError otherwise."""
        import psycopg

        try:
            conn = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
        except psycopg.ProgrammingError as exc:
            raise ConfigurationError(f"{SETTING} is not a valid PostgreSQL URL ({_first_line(exc)}).") from exc
        except psycopg.Error as exc:
            raise ConfigurationError(
                f"{SETTING}: {redact(self.url)} cannot be reached ({_first_line(exc)}).") from exc
        with conn:
            tables = {row[0] for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
            marker = (conn.execute("SELECT MAX(version) FROM dashboard_schema").fetchone()[0]
                      if "dashboard_schema" in tables else None)
        foreign = sorted(tables - OUR_TABLES)
        if tables and marker is None:
            raise ConfigurationError(
                f"{SETTING}: {redact(self.url)} already holds other tables ({', '.join(foreign[:5]) or 'an older '}"
                f"{'…' if len(foreign) > 5 else ''}) and is not a dashboard store; give the dashboard its own "
                "empty database.")
        if marker is not None and marker > SCHEMA_VERSION:
            raise ConfigurationError(
                f"{SETTING}: {redact(self.url)} was made by a newer version of the dashboard (schema {marker}); "
                "update the app.")

    @contextmanager
    def reading(self) -> Iterator[_Cursor | None]:
        if not self.exists():
            yield None
            return
        with self._guarded() as conn:
            yield _Cursor(conn)

    @contextmanager
    def transaction(self) -> Iterator[_Cursor]:
        with self._guarded() as conn:
            with conn.transaction():
                cur = _Cursor(conn)
                conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                cur.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
                if not self._schema_ready and self._schema_version(conn) < SCHEMA_VERSION:
                    for statement in SCHEMA:
                        conn.execute(statement)
                    conn.execute("DELETE FROM dashboard_schema")
                    cur.execute("INSERT INTO dashboard_schema (version) VALUES (?)", (SCHEMA_VERSION,))
                yield cur
            self._schema_ready = True

    @staticmethod
    def _schema_version(conn: Any) -> int:
        """The schema version this database has (0: none yet). DDL runs only when it is older than the app's,
        so app processes starting together do not take table locks on every first write."""
        if not conn.execute("SELECT to_regclass('dashboard_schema') IS NOT NULL").fetchone()[0]:
            return 0
        return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM dashboard_schema").fetchone()[0])

    def integrity_check(self) -> str:
        """Every stored payload matches its checksum (PostgreSQL checks its own pages)."""
        from dashboard.store.base import decode_frame

        with self.reading() as cur:
            if cur is None:
                return "ok"
            for dataset_id, version, payload, sha in cur.execute(
                    "SELECT dataset_id, version, payload, payload_sha256 FROM versions").fetchall():
                try:
                    decode_frame(payload, sha)
                except (StoreError, ValueError) as exc:
                    return f"{dataset_id} {version}: {exc}"
        return "ok"


def _close(conn: Any) -> None:
    with contextlib.suppress(Exception):  # closing a broken connection may fail in any way; it is gone anyway
        conn.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
