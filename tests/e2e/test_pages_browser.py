"""Every page in both languages loads in a real browser, with no exception and nothing fetched off the machine."""

import pytest

URL_PATHS = ["overview", "map", "skills", "scenarios", "case-studies", "data"]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("url_path", URL_PATHS)
def test_page_loads_offline_without_exception(server, probe, url_path, lang):
    probe.goto(f"{server}/{url_path}?lang={lang}")
    assert probe.page.locator("[data-testid='stException']").count() == 0
    assert probe.page.locator("h1").count() >= 1
    assert probe.external_requests() == []
    direction = probe.page.evaluate(
        "getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    probe.screenshot(f"page-{url_path}-{lang}")
