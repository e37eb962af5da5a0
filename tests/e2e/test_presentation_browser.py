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


def _case_shown(probe) -> str:
    return probe.page.locator("[data-testid='stMain'] h2").first.inner_text()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_case_step_shows_the_case_it_announces(server, projector, lang):
    """Steps 5-8 name India, Ireland, Korea and Taiwan: Next, a direct step link and ?case= all show that case."""
    from dashboard.i18n import t

    case_steps = [step for step in STEPS if step.page == "case_studies"]
    projector.goto(f"{server}/?lang={lang}")  # the server's first visit lands on the first page (not this issue)
    projector.goto(f"{server}/case-studies?lang={lang}&present=1&step={case_steps[0].key}")
    for number, step in enumerate(case_steps):
        if number:
            _click_and_wait(projector, "present_next")
        case = step.params["case"]
        assert _step_title(projector) == t(step.title_key, lang)
        assert _case_shown(projector).strip() == t(f"cases.{case}.name", lang), step.key
        assert f"case={case}" in projector.page.url
        projector.screenshot(f"present-1280-{lang}-{step.key}")
    projector.goto(f"{server}/case-studies?lang={lang}&present=1&step=case_korea")
    assert _case_shown(projector).strip() == t("cases.korea.name", lang)
    projector.goto(f"{server}/case-studies?lang={lang}&case=ireland")
    assert _case_shown(projector).strip() == t("cases.ireland.name", lang)


_BAR_TEXT_JS = """() => {
  // the text's colour (with its alpha and every ancestor's opacity) over the white page, as WCAG's ratio
  const contrastOnWhite = (e) => {
    const [r, g, b, a = 1] = getComputedStyle(e).color.match(/[\\d.]+/g).map(Number);
    let alpha = a;
    for (let n = e; n; n = n.parentElement) alpha *= parseFloat(getComputedStyle(n).opacity);
    const lum = [r, g, b].map(c => (c * alpha + 255 * (1 - alpha)) / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 1.05 / (0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] + 0.05);
  };
  const bar = document.querySelector('.st-key-presentation_bar');
  const box = bar.getBoundingClientRect();
  const texts = [...bar.querySelectorAll('p, button')].filter(e => e.offsetParent && e.innerText.trim());
  return {
    outside: texts.filter(e => e.getBoundingClientRect().bottom > box.bottom + 0.5).map(e => e.innerText),
    clipped: texts.filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map(e => e.innerText),
    small: texts.filter(e => parseFloat(getComputedStyle(e).fontSize) < 18).map(e => e.innerText),
    faint: texts.filter(e => !e.closest('button') && contrastOnWhite(e) < 4.5).map(e => e.innerText),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_step_bar_text_is_whole_and_large_at_1280(server, projector, lang):
    """The caption the facilitator reads out sits inside the bar (not cut by its bottom rule), at 18 px or more
    and at a contrast of at least 4.5:1."""
    projector.goto(f"{server}/?lang={lang}&present=1")
    for _ in range(2):
        found = projector.page.evaluate(_BAR_TEXT_JS)
        assert found == {"outside": [], "clipped": [], "small": [], "faint": []}, found
        _click_and_wait(projector, "present_next")


_LEGEND_ON_TITLE_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const title = plot.querySelector('.gtitle'), legend = plot.querySelector('.legend');
  if (!title || !legend) return [];
  const a = title.getBoundingClientRect(), b = legend.getBoundingClientRect();
  const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return overlap ? [title.textContent] : [];
})"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_legend_sits_on_a_chart_title_in_presentation(server, projector, lang):
    projector.goto(f"{server}/?lang={lang}&present=1")
    for _ in range(3):                                    # the overview, the map and the skills steps
        projector.page.wait_for_timeout(1000)
        assert projector.page.evaluate(_LEGEND_ON_TITLE_JS) == []
        _click_and_wait(projector, "present_next")
