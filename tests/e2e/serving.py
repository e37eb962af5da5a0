"""The app served on a free loopback port, and Debian's Chromium to open it: the one set-up shared by the browser
tests (tests/e2e/conftest.py) and the benchmarks (benchmarks/common.py).

The server is started with the production command, `python -m ui.server run streamlit_app.py` (ui/server.py:
`streamlit run` with the app's start-up settled), from the repository root, so it reads the shipped
`.streamlit/config.toml` (headless, no usage statistics, no file watcher, XSRF, `browser.serverAddress` so that
nothing looks up an external IP), exactly as `make run` does; only the port, the loopback address and a test's own
options are added."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Chromium flags for a headless machine without a sandbox, GPU or network, and without throttling of
#: background tabs (the load benchmark keeps many open).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--disable-renderer-backgrounding",
                 "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"]


#: What runs `run streamlit_app.py ...` after the interpreter: the app's start command (ui/server.py).
LAUNCHER = ("-m", "ui.server")


def chromium() -> str | None:
    """Debian's chromium (never `playwright install`), or None when it is not installed."""
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    url: str                   # the server's root, without the base path
    log_path: Path
    seconds_to_health: float
    started_at: float          # time.perf_counter() just before the process was started

    def stop(self) -> None:
        stop(self.proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server, and kill it if it has not gone after ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start(log_dir: Path, env: dict[str, str] | None = None, extra_args: Sequence[str] = (),
          base_path: str = "", timeout: float = 60, launcher: Sequence[str] = LAUNCHER,
          address: str | None = "127.0.0.1", port: int | None = None) -> Server:
    """Start the app on a free port, or `port` (its log in `log_dir`/server-PORT.log), and wait for its health
    endpoint.
    `launcher`: what runs `run streamlit_app.py ...` after the interpreter (LAUNCHER, or
    benchmarks/instrumented_server.py);
    `address=None` binds every interface, as `make run` does."""
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"server-{port}.log"
    args = [*(["--server.address", address] if address else []), *extra_args,
            *(["--server.baseUrlPath", base_path] if base_path else [])]
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *launcher, "run", str(REPO_ROOT / "streamlit_app.py"),
             "--server.port", str(port), *args],
            cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
        )
    url = f"http://127.0.0.1:{port}"
    health = f"{url}/{base_path}/_stcore/health" if base_path else f"{url}/_stcore/health"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(health, timeout=1) as response:
                if response.status == 200:
                    return Server(proc, url, log_path, time.perf_counter() - started, started)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError(f"streamlit did not start; {log_path}:\n{log_path.read_text()[-2000:]}") \
                    from None
            time.sleep(0.05)


@contextmanager
def serving(log_dir: Path, env: dict[str, str] | None = None, extra_args: Sequence[str] = (),
            base_path: str = "", timeout: float = 60, launcher: Sequence[str] = LAUNCHER, port: int | None = None
            ) -> Iterator[Server]:
    """`start`, then stop the server whatever happens."""
    server = start(log_dir, env, extra_args, base_path, timeout, launcher, port=port)
    try:
        yield server
    finally:
        server.stop()
