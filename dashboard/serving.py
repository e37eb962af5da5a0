"""The one command line that serves the app, for `make run`'s twins: the test and benchmark servers.

Run from the repository root, Streamlit reads the shipped `.streamlit/config.toml` (headless, no usage
statistics, no file watcher, XSRF, `browser.serverAddress` so that nothing looks up an external IP); only the
port, the loopback address and a test's own options are added here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from dashboard.paths import REPO_ROOT


def serve_command(port: int, extra_args: Sequence[str] = (), address: str | None = "127.0.0.1") -> list[str]:
    """`streamlit run streamlit_app.py` on `port` with the shipped config (cwd must be REPO_ROOT).
    `address=None` binds as `make run` does (every interface)."""
    bind = ["--server.address", address] if address else []
    return [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "streamlit_app.py"),
            "--server.port", str(port), *bind, *extra_args]
