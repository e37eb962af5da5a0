"""A throw-away PostgreSQL server in a temporary directory, on a Unix socket only (nothing listens on the
network): the one set-up shared by the store's tests (tests/conftest.py) and benchmarks/bench_store.py.
See ../shared/notes/postgresql.md: as root, initdb and pg_ctl run as the `postgres` user."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """Debian's newest /usr/lib/postgresql/<version>/bin, or initdb's directory on PATH; None when missing."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """initdb + pg_ctl in a fresh directory; `new_database()` gives each user an empty database's URL."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.directory = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:  # initdb and pg_ctl refuse to run as root
            shutil.chown(self.directory, "postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]  # only names the socket file; nothing listens on TCP
        self.admin_url = f"postgresql://postgres@/postgres?host={self.directory}&port={self.port}"
        self._names = itertools.count(1)
        subprocess.run([*self._as_postgres, str(bin_dir / "initdb"), "-D", str(self.directory / "data"), "-A",
                        "trust", "-U", "postgres"], check=True, capture_output=True)
        self.start()

    def start(self) -> None:
        subprocess.run([*self._as_postgres, str(self.bin_dir / "pg_ctl"), "-D", str(self.directory / "data"), "-l",
                        str(self.directory / "log"), "-w", "-o",
                        f"-p {self.port} -k {self.directory} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run([*self._as_postgres, str(self.bin_dir / "pg_ctl"), "-D", str(self.directory / "data"), "-m",
                        "fast", "-w", "stop"], capture_output=True)

    def new_database(self) -> str:
        import psycopg

        name = f"test_{next(self._names)}_{os.getpid()}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return f"postgresql://postgres@/{name}?host={self.directory}&port={self.port}"

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
