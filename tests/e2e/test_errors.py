"""Production behaviour in a real browser, on one server set up like a ministry deployment: behind a base path
(server.baseUrlPath), with the repository's .streamlit/config.toml, and with fault injection switched on so a
test can force an unexpected error (DASHBOARD_FAULT_INJECTION=1 and ?_fail=1; off by default, see
docs/DEPLOYMENT.md)."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.e2e import serving
from tests.e2e.conftest import ARTIFACTS, start_server
from ui.shell import FAULT_INJECTION_ENV

BASE_PATH = "diaspora"
ERROR_ID = re.compile(r"error id\b.*?\b([0-9a-f]{8})\b", re.S)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(app URL including the base path, server log path)."""
    ARTIFACTS.mkdir(exist_ok=True)
    proc, root = start_server(
        env={"DASHBOARD_HOME": str(tmp_path_factory.mktemp("dashboard-home")), FAULT_INJECTION_ENV: "1"},
        base_path=BASE_PATH,
    )
    log_path = ARTIFACTS / f"server-{urlsplit(root).port}.log"
    yield f"{root}/{BASE_PATH}", str(log_path)
    serving.stop(proc)


def _server_log_line(log_path: str, needle: str, timeout: float = 10) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(log_path, encoding="utf-8", errors="replace") as log:
            for line in log:
                if needle in line:
                    return line
        time.sleep(0.2)
    return None


def test_forced_error_shows_the_apology_and_an_id_found_in_the_server_log(deployed, probe):
    url, log_path = deployed
    probe.goto(f"{url}/map?lang=en&_fail=1")
    alert = probe.page.locator("[data-testid='stMain'] [data-testid='stAlert']").filter(has_text="error id")
    assert alert.count() == 1
    match = ERROR_ID.search(alert.inner_text())
    assert match, alert.inner_text()
    error_id = match.group(1)
    assert probe.page.locator("[data-testid='stException']").count() == 0
    html = probe.page.content()
    assert "Traceback" not in html and "RuntimeError" not in html and "injected fault" not in html
    probe.screenshot("error-apology-en")
    line = _server_log_line(log_path, f"error_id={error_id}")
    assert line is not None, f"error_id={error_id} not in {log_path}"
    assert "page=map" in line
    # the traceback is on the server, right after that line
    assert _server_log_line(log_path, "RuntimeError: injected fault") is not None


def test_forced_error_apology_in_arabic(deployed, probe):
    url, _ = deployed
    probe.goto(f"{url}/scenarios?lang=ar&_fail=1")
    alert = probe.page.locator("[data-testid='stMain'] [data-testid='stAlert']")
    assert re.search(r"\b[0-9a-f]{8}\b", alert.first.inner_text())
    assert probe.page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in probe.page.content()


@pytest.mark.parametrize("path", ["", "map"])
def test_pages_work_under_the_base_path(deployed, probe, path):
    url, _ = deployed
    probe.goto(f"{url}/{path}?lang=en")
    assert probe.page.locator("[data-testid='stException']").count() == 0
    assert probe.page.locator("[data-testid='stAlert']").filter(has_text="error id").count() == 0
    assert probe.page.locator("h1").count() >= 1
    assert probe.external_requests() == []
    assert probe.unexpected_failed_responses() == []
    assert probe.unexpected_console_errors() == []
    # a geo map asks for its (empty, offline) base map under the base path
    topojson = [u for u in probe.requests if u.endswith("world_110m.json")]
    assert all(urlsplit(u).path == f"/{BASE_PATH}/app/static/world_110m.json" for u in topojson), topojson


def test_offline_base_map_is_served_under_the_base_path(deployed):
    url, _ = deployed
    with urllib.request.urlopen(f"{url}/app/static/world_110m.json", timeout=10) as response:
        assert response.status == 200
        assert b"Topology" in response.read()


def test_uploads_without_the_xsrf_token_are_refused(deployed):
    url, _ = deployed
    request = urllib.request.Request(f"{url}/_stcore/upload_file/some-session/some-file", method="PUT",
                                     data=b"x", headers={"Content-Type": "application/octet-stream"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert b"XSRF" in refused.value.read()
