"""Browser tests: one Streamlit server per test module, Debian's Chromium driven by Playwright.

Every test here is marked e2e. They need `chromium` on PATH (.ci/run installs it); without it they are
skipped locally and fail in CI (CI=true), so a missing browser can never pass silently.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.paths import REPO_ROOT
from tests.e2e import serving

ARTIFACTS = REPO_ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


OFFLINE_GUARD = Path(__file__).resolve().parent / "offline_guard"


def offline_guard_env(record: Path, **extra: str) -> dict[str, str]:
    """Environment for a server whose every attempt to leave the machine fails loudly and is written to `record`
    (offline_guard/sitecustomize.py); the test then asserts that `record` is empty."""
    record.touch()
    path = os.pathsep.join(p for p in (str(OFFLINE_GUARD), str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "OFFLINE_GUARD_RECORD": str(record), **extra}


def start_server(env: dict[str, str] | None = None, extra_args: list[str] | None = None,
                 base_path: str = "", address: str | None = "127.0.0.1") -> tuple[subprocess.Popen, str]:
    """Start the app (tests/e2e/serving.py) with its log in test-artifacts/server-PORT.log.

    Returns the process and the server's root URL (without `base_path`, the optional server.baseUrlPath).
    `address=None` binds every interface, exactly as `make run` does.
    """
    server = serving.start(ARTIFACTS, env, extra_args or (), base_path, address=address)
    return server.proc, server.url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = serving.chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium for the browser tests")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """A fresh server per test module, with its own empty data directory for uploads."""
    ARTIFACTS.mkdir(exist_ok=True)
    data_home = tmp_path_factory.mktemp("dashboard-home")
    with serving.serving(ARTIFACTS, env={"DASHBOARD_HOME": str(data_home)}) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=serving.CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProbe:
    """A browser page that records every request and console error, for offline and error assertions."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.failed_responses: list[tuple[int, str]] = []
        self._console_error_urls: list[tuple[str, str]] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._record_console_error(f"uncaught: {error}", ""))
        page.on("response", lambda r: r.status >= 400 and self.failed_responses.append((r.status, r.url)))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self._record_console_error(msg.text, (msg.location or {}).get("url", ""))

    def _record_console_error(self, text: str, url: str) -> None:
        self.console_errors.append(text)
        self._console_error_urls.append((text, url))

    # On a deep link (/map) Streamlit's frontend first asks <path>/_stcore/health and /host-config to find the
    # server's base path; the 404s the browser logs for those probes are expected, not errors of the app.
    _BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")

    def unexpected_console_errors(self) -> list[str]:
        """Console errors and uncaught page errors, without Streamlit's own base-path probes."""
        return [f"{text} ({url})" if url else text for text, url in self._console_error_urls
                if not url.endswith(self._BASE_PATH_PROBES)]

    def unexpected_failed_responses(self) -> list[tuple[int, str]]:
        """Responses with status >= 400, without Streamlit's own base-path probes."""
        return [(status, url) for status, url in self.failed_responses if not url.endswith(self._BASE_PATH_PROBES)]

    def external_requests(self) -> list[str]:
        allowed = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(allowed)]

    def wait_idle(self, timeout: float = 30_000) -> None:
        """Wait until the script has finished running (and rendered)."""
        self.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                                    timeout=timeout)
        self.page.wait_for_timeout(300)

    def goto(self, url: str) -> None:
        self.page.goto(url)
        # The app sets dir=ltr|rtl on its container at the end of its first run: a reliable "rendered" signal.
        self.page.wait_for_selector("[data-testid='stApp'][dir]", timeout=30_000)
        self.wait_idle()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def probe(browser) -> Iterator[PageProbe]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield PageProbe(page)
    context.close()
