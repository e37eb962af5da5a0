"""Every page in every language loads in a real browser, with no exception, no console error, no failed
request and nothing fetched off the machine."""

from urllib.parse import urlsplit

import pytest

from dashboard.i18n import t
from tests.e2e.conftest import ARTIFACTS

# The default page (overview) lives at the root: /overview is not a page URL of its own.
URL_PATHS = {"overview": "", "map": "map", "skills": "skills", "scenarios": "scenarios",
             "workshop": "workshop", "case-studies": "case-studies", "data": "data"}


@pytest.fixture(scope="module", autouse=True)
def _first_session(server, browser):
    """Open the app once before the checks.

    The very first run on a fresh server is Streamlit's legacy pages/ mode (see ui.shell.page_start): it
    renders the right page, but a deep link whose URL differs from its file name (/data, /case-studies) also
    logs "the page ... does not seem to exist" in the console of that first visitor only.
    """
    page = browser.new_page()
    page.goto(server)
    page.wait_for_selector("[data-testid='stApp'][dir]", timeout=60_000)
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
@pytest.mark.parametrize("name", list(URL_PATHS))
def test_page_loads_offline_without_exception(server, probe, name, lang):
    probe.goto(f"{server}/{URL_PATHS[name]}?lang={lang}")
    probe.screenshot(f"page-{name}-{lang}")
    assert probe.page.locator("[data-testid='stException']").count() == 0
    apology = t("common.error_apology", lang, error_id="")[:30]
    assert probe.page.locator("[data-testid='stAlert']").filter(has_text=apology).count() == 0, "page failed"
    assert probe.page.locator("h1").count() >= 1
    assert probe.external_requests() == []
    assert probe.unexpected_console_errors() == []
    assert probe.unexpected_failed_responses() == []
    direction = probe.page.evaluate(
        "getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).direction")
    assert direction == ("ltr" if lang == "en" else "rtl")


def test_server_logged_no_error(server):
    """Runs after the page checks: no page failed on the server (run_page_safely logs error_id=...)."""
    log = (ARTIFACTS / f"server-{urlsplit(server).port}.log").read_text(encoding="utf-8", errors="replace")
    assert "error_id=" not in log and "Traceback" not in log, log[-3000:]
