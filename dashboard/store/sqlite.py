"""The embedded backend: one SQLite file, `store.sqlite3`, in the data directory ($DASHBOARD_HOME).

Created on the first write; until then the bundled datasets are all there is, and reading never creates
anything. Writers take SQLite's write lock with BEGIN IMMEDIATE and wait for each other (busy timeout); the
write-ahead log keeps readers going during a write and makes a kill mid-publish leave the previous state.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.store.base import TABLES, BaseStore, StoreFull, StoreUnavailable

DB_NAME = "store.sqlite3"
BUSY_TIMEOUT_MS = 30_000

#: One statement per item (triggers contain semicolons). IF NOT EXISTS everywhere: run inside every first
#: write, so a store made by an older version of the app gains the new tables.
SCHEMA = [
    *(table.format(blob="BLOB", real="REAL", event_id="INTEGER PRIMARY KEY AUTOINCREMENT") for table in TABLES),
    """CREATE TRIGGER IF NOT EXISTS versions_are_immutable BEFORE UPDATE ON versions
       BEGIN SELECT RAISE(ABORT, 'published versions are immutable'); END""",
    """CREATE TRIGGER IF NOT EXISTS versions_are_kept BEFORE DELETE ON versions
       BEGIN SELECT RAISE(ABORT, 'published versions are never deleted'); END""",
    """CREATE TRIGGER IF NOT EXISTS events_are_immutable BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS events_are_kept BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]


def _is_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and (
        getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc).lower())


class SQLiteStore(BaseStore):
    """Published versions in one SQLite file. Cheap to construct; the file is created on the first write."""

    backend = "sqlite"

    def __init__(self, directory: Path | None = None) -> None:
        from dashboard.store import home

        self.directory = Path(directory) if directory is not None else home()
        self.path = self.directory / DB_NAME

    def describe(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        try:
            return self.path.exists()
        except OSError:  # the directory cannot be searched: something is there, and reading will say what
            return True

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return conn

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection | None]:
        if not self.exists():
            yield None
            return
        try:
            conn = self._connect()
            created = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone()
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"{self.path} cannot be opened or read ({exc})") from exc
        try:
            yield conn if created else None
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"{self.path} cannot be read ({exc})") from exc
        finally:
            conn.close()

    def _wal(self, conn: sqlite3.Connection) -> None:
        """Switch to the write-ahead log. Changing the journal mode does not wait on the busy handler, so a
        brand-new store raced by two publishers would say "database is locked": retry until the timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            conn = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"{self.path} cannot be created or opened for writing ({exc})") from exc
        try:
            try:
                self._wal(conn)
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("BEGIN IMMEDIATE")
                for statement in SCHEMA:
                    conn.execute(statement)
            except sqlite3.Error as exc:
                self._rollback(conn)
                if _is_full(exc):
                    raise StoreFull() from exc
                raise StoreUnavailable(f"{self.path} cannot be created or opened for writing ({exc})") from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback(conn)
                if _is_full(exc):
                    raise StoreFull() from exc
                if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
                    raise StoreUnavailable(f"{self.path} cannot be written ({exc})") from exc
                raise
        finally:
            conn.close()

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        """Roll back if a transaction is open; a failing rollback (disk full) must not hide the first error.
        SQLite undoes an unfinished transaction itself when the connection closes or the next one opens."""
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def integrity_check(self) -> str:
        with self.reading() as conn:
            return "ok" if conn is None else conn.execute("PRAGMA integrity_check").fetchone()[0]
