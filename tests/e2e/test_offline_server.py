"""No outbound traffic, ever: a server started as `make run` starts it (the shipped .streamlit/config.toml, every
interface) tries to reach nothing outside this machine. The guard (offline_guard/sitecustomize.py) makes any such
attempt fail loudly and writes it down."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.e2e.conftest import ARTIFACTS, offline_guard_env, start_server


def test_the_guard_catches_streamlits_external_ip_lookup(tmp_path):
    """The control: without `browser.serverAddress`, a headless start calls this; the guard must see it."""
    record = tmp_path / "outbound.txt"
    probe = "from streamlit import net_util; print(net_util.get_external_ip())"
    done = subprocess.run([sys.executable, "-c", probe], env={**os.environ, **offline_guard_env(record)},
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.stdout.strip() == "None"
    assert "checkip.amazonaws.com" in record.read_text()


def test_starting_the_server_with_the_shipped_config_reaches_nothing_outside_the_machine(tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    record = tmp_path / "outbound.txt"
    proc, url = start_server(env=offline_guard_env(record, DASHBOARD_HOME=str(tmp_path / "home")), address=None)
    try:
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            assert response.status == 200
        time.sleep(2)   # the start-up banner (and its external IP lookup) is printed after the health check
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    log = Path(ARTIFACTS / f"server-{url.rsplit(':', 1)[1]}.log").read_text()
    assert "You can now view your Streamlit app" in log, log
    assert "External URL" not in log and "Did not auto detect external IP" not in log, log
    assert record.read_text() == "", record.read_text()
