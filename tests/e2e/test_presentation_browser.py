"""Presentation mode in a real browser at projector sizes: no chrome, large type, next/previous through the steps."""

import pytest

from dashboard.presentation import STEPS


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    from tests.e2e.conftest import PageProbe

    yield PageProbe(page)
    context.close()


def _step_title(probe) -> str:
    return probe.page.locator(".st-key-presentation_bar strong").first.inner_text()


def _click_and_wait(probe, button: str) -> str:
    """Click next/previous and wait until the bar shows another step; returns the new step title."""
    from playwright.sync_api import expect

    before = _step_title(probe)
    probe.page.locator(f".st-key-{button} button").click()
    expect(probe.page.locator(".st-key-presentation_bar strong").first).not_to_have_text(before, timeout=60_000)
    probe.wait_idle()
    return _step_title(probe)


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_presentation_walks_the_sequence_offline(server, projector, lang):
    projector.goto(f"{server}/?lang={lang}&present=1")
    page = projector.page
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert page.locator("[data-testid='stHeader']").is_hidden()
    body_px = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert body_px >= 18, "presentation type is not enlarged"
    projector.screenshot(f"present-1280-{lang}-step1")
    seen = [_step_title(projector)]
    for _ in range(3):
        seen.append(_click_and_wait(projector, "present_next"))
    assert len(set(seen)) == 4, seen
    assert f"step={STEPS[3].key}" in page.url and "present=1" in page.url and f"lang={lang}" in page.url
    assert page.locator("[data-testid='stException']").count() == 0
    projector.screenshot(f"present-1280-{lang}-step4")
    assert _click_and_wait(projector, "present_previous") == seen[2]
    assert projector.external_requests() == []
