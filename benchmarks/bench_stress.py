"""The stress case: twenty sessions changing a widget every 0.5-2 s, on one app process and on two behind nginx.

The same protocol-level load as benchmarks/load_protocol.py (each session opens /map, changes the year and the
sex, switches to /scenarios and flips levers; `--rounds` changes per page), with the pauses of people clicking
faster than they read. It runs twice and prints p50 / p95 of the updates side by side:

1. one app process (the production start command, ui/server.py);
2. two processes behind a local nginx (Debian's `nginx` package, started here as an ordinary process on
   loopback ports with its own configuration in a temporary directory, never the system service). Both use
   one data directory (the SQLite store, DASHBOARD_HOME) and one `server.cookieSecret`; nginx keeps each
   browser on one process by hashing Streamlit's XSRF cookie (open-source nginx has no `sticky`), so a
   session's websocket, uploads and downloads stay together.

The two processes run twice: on one shared SQLite file (one machine), and on one PostgreSQL database (a
throw-away local server, tests/postgres_server.py; DASHBOARD_DATABASE_URL), as several machines would.
Target (issue 16): p95 at most 1 s. Benchmarks print; they never assert.

    python benchmarks/bench_stress.py [--sessions 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import cpu_seconds, free_port, machine, percentile, serve, stop
from benchmarks.load_protocol import PATHS, ProtocolLoadResult, run_protocol_load
from tests.postgres_server import PostgresServer, binaries

STRESS_PAUSE_S = (0.5, 2.0)
TARGET_P95_S = 1.0

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream dashboard {{
        hash $cookie__streamlit_xsrf consistent;   # one browser, one process (its XSRF cookie)
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 50m;
        location / {{
            proxy_pass http://dashboard;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_read_timeout 86400;
            proxy_buffering off;
        }}
    }}
}}
"""


@contextmanager
def nginx(backends: list[str]) -> Iterator[str]:
    """A throw-away nginx on a free loopback port in front of `backends` (http://127.0.0.1:PORT urls)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="dashboard-nginx-") as tmp:
        servers = "\n".join(f"        server {url.removeprefix('http://')};" for url in backends)
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, servers=servers, port=port), encoding="utf-8")
        proc = subprocess.Popen([binary, "-p", tmp, "-c", str(conf), "-e", f"{tmp}/error.log"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log = Path(tmp, "error.log")
                        raise RuntimeError(f"nginx did not start: {log.read_text() if log.exists() else ''}") from None
                    time.sleep(0.1)
            yield url
        finally:
            stop(proc)


def _measured(url: str, pids: list[int], sessions: int, rounds: int) -> tuple[ProtocolLoadResult, list[float]]:
    """The load's result and the CPU seconds each app process used during it (both busy = nginx spread it)."""
    before = [cpu_seconds(pid) for pid in pids]
    result = asyncio.run(run_protocol_load(url, sessions, rounds, STRESS_PAUSE_S))
    return result, [cpu_seconds(pid) - start for pid, start in zip(pids, before, strict=True)]


def one_process(sessions: int, rounds: int) -> tuple[ProtocolLoadResult, list[float]]:
    with serve() as server:
        return _measured(server.url, [server.proc.pid], sessions, rounds)


def two_processes(sessions: int, rounds: int, database_url: str | None = None
                  ) -> tuple[ProtocolLoadResult, list[float]]:
    """Two app processes behind nginx sharing one store: the SQLite file of one data directory, or the
    PostgreSQL database at `database_url`."""
    secret = secrets.token_hex(16)  # one cookie secret: an XSRF token from one process is valid on the other
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": secret}
    if database_url:
        env["DASHBOARD_DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-shared-") as home, ExitStack() as stack:
        servers = [stack.enter_context(serve(env=env, home=home)) for _ in range(2)]
        with nginx([server.url for server in servers]) as url:
            return _measured(url, [server.proc.pid for server in servers], sessions, rounds)


def lines(label: str, measured: tuple[ProtocolLoadResult, list[float]]) -> list[str]:
    result, cpu = measured
    def p50_p95(values: list[float]) -> str:
        return f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} s"

    every = result.seconds()
    verdict = "ok" if percentile(every, 95) <= TARGET_P95_S else "over target"
    out = [f"stress: {label}: all updates p50 / p95: {p50_p95(every)} ({len(every)} updates, "
           f"{len(result.errors)} errors; target p95 <= {TARGET_P95_S:g} s, {verdict})"]
    out += [f"stress: {label}: /{page} updates p50 / p95: {p50_p95(result.seconds(page))}" for page in PATHS]
    out.append(f"stress: {label}: server CPU per process during the run: "
               + ", ".join(f"{seconds:.1f} s" for seconds in cpu))
    for kind, count in result.error_kinds().most_common():
        out.append(f"stress: {label}: error x{count}: {kind}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="widget changes per page and session")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"stress: the case: {args.sessions} sessions, a change every {STRESS_PAUSE_S[0]:g}-{STRESS_PAUSE_S[1]:g} "
          f"s, {args.rounds} changes per page: server time + websocket delivery", flush=True)
    for line in lines("one process (SQLite)", one_process(args.sessions, args.rounds)):
        print(line, flush=True)
    for line in lines("two processes behind nginx (SQLite, shared)", two_processes(args.sessions, args.rounds)):
        print(line, flush=True)
    bin_dir = binaries()
    if bin_dir is None:
        print("stress: two processes on PostgreSQL: not available (apt-get install postgresql)")
        return 0
    server = PostgresServer(bin_dir)
    try:
        measured = two_processes(args.sessions, args.rounds, server.new_database())
    finally:
        server.remove()
    for line in lines("two processes behind nginx (one PostgreSQL)", measured):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
