"""Presentation mode in a real browser at projector sizes: no chrome, large type, next/previous through the steps."""

from urllib.parse import urlencode

import pytest

from dashboard.pages import page as page_entry
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
    overlapping: texts.filter((e, i) => texts.slice(i + 1).some(o => {   // the title line over the caption
      if (e.contains(o) || o.contains(e)) return false;
      const a = e.getBoundingClientRect(), b = o.getBoundingClientRect();
      return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    })).map(e => e.innerText),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_step_bar_text_is_whole_and_large_at_1280(server, projector, lang):
    """The caption the facilitator reads out sits inside the bar (not cut by its bottom rule), at 18 px or more
    and at a contrast of at least 4.5:1."""
    projector.goto(f"{server}/?lang={lang}&present=1")
    for _ in range(2):
        found = projector.page.evaluate(_BAR_TEXT_JS)
        assert found == {"outside": [], "clipped": [], "small": [], "faint": [], "overlapping": []}, found
        _click_and_wait(projector, "present_next")


#: Everything a room sees on one step, measured in one pass: the step's main chart (its key in the step table)
#: whole in the viewport without scrolling; every visible text of the main area, HTML and the charts' SVG
#: (ticks, colour bars, legends, annotations, value labels), at 18 px or more and at 4.5:1 or more against what is
#: behind it (WCAG's ratio from the computed colours, SVG text by its fill, over the bar it sits in if any);
#: captions, metric labels, values and deltas not cut by their boxes; no chart legend on its title.
_PROJECTOR_CHECKS_JS = r"""(mainChart) => {
  const rgba = (s) => { const m = (s || '').match(/[\d.]+/g); if (!m) return null;
    const [r, g, b, a = 1] = m.map(Number); return {r, g, b, a}; };
  const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
                             b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1});
  const lum = (c) => { const v = [c.r, c.g, c.b].map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05); };
  const white = {r: 255, g: 255, b: 255, a: 1};
  const opacity = (e) => { let a = 1; for (let n = e; n && n !== document; n = n.parentNode) {
      const s = getComputedStyle(n); a *= parseFloat(s.opacity);
      if (n instanceof SVGElement) a *= parseFloat(s.fillOpacity || 1); }
    return a; };
  const background = (e) => {
    const box = e.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
    const behind = (n) => { const r = n.getBoundingClientRect();
      return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom; };
    const point = e instanceof SVGElement && e.closest('.point');
    const mark = point && point.querySelector('path');
    if (mark && behind(mark)) { const c = rgba(getComputedStyle(mark).fill); if (c) return over(c, white); }
    const layers = [];
    for (let n = e instanceof SVGElement ? e.closest('svg').parentElement : e; n; n = n.parentElement) {
      if (!behind(n)) continue;   // a box beside the text (a slider's track under its value) is not behind it
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reverse().reduce((bg, c) => over(c, bg), white);
  };
  const visible = (e) => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width >= 1 && r.height >= 1 && s.visibility !== 'hidden' && opacity(e) > 0.05; };
  const main = document.querySelector("[data-testid='stMain']");
  const name = (e) => (e.textContent || '').trim().slice(0, 50);
  const ownText = (e) => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  // folded content, hover boxes and disabled controls (exempt in WCAG) are not read by the room
  const unread = 'script, style, .hoverlayer, .modebar, [data-testid="stTooltipContent"], ' +
                 'details:not([open]) > :not(summary), :disabled, [aria-disabled="true"]';
  const texts = [...main.querySelectorAll('*')].filter(e => ownText(e) && !e.closest(unread) && visible(e));
  const small = [], faint = [];
  for (const e of texts) {
    const s = getComputedStyle(e), px = parseFloat(s.fontSize);
    if (px < 17.95) small.push(`${name(e)} (${px}px)`);
    const fg = rgba(e instanceof SVGElement ? s.fill : s.color);
    if (!fg) continue;
    const bg = background(e), contrast = ratio(over({...fg, a: fg.a * opacity(e)}, bg), bg);
    if (contrast < 4.5) faint.push(`${name(e)} (${contrast.toFixed(2)}:1)`);
  }
  const boxes = "[data-testid='stCaptionContainer'], [data-testid='stMetricLabel'], " +
                "[data-testid='stMetricValue'], [data-testid='stMetricDelta']";
  const clipped = [...main.querySelectorAll(boxes)].flatMap(b => [b, ...b.querySelectorAll('*')])
    .filter(e => !(e instanceof SVGElement) && visible(e) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
                 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => `${name(e)} (${e.scrollWidth} > ${e.clientWidth})`);
  const legendOnTitle = [...main.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const title = plot.querySelector('.gtitle'), legend = plot.querySelector('.legend');
    if (!title || !legend) return [];
    const a = title.getBoundingClientRect(), b = legend.getBoundingClientRect();
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom ? [title.textContent] : [];
  });
  // plotly places every chart text by the size it wrote on it: a page style that redraws it at another size
  // moves it over its neighbours (legend entries drawn over each other)
  const resizedChartText = [...main.querySelectorAll('.js-plotly-plot svg text')].filter(e => visible(e)
    && e.style.fontSize && Math.abs(parseFloat(getComputedStyle(e).fontSize) - parseFloat(e.style.fontSize)) > 0.5)
    .map(e => `${e.textContent.trim()} (${e.style.fontSize} drawn at ${getComputedStyle(e).fontSize})`);
  const legendEntriesOverlap = [...main.querySelectorAll('.js-plotly-plot .legend')].flatMap(legend => {
    const boxes = [...legend.querySelectorAll('.traces')].map(t => [t.textContent, t.getBoundingClientRect()]);
    return boxes.flatMap(([a, r], i) => boxes.slice(i + 1).filter(([, q]) => r.left < q.right - 1
      && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1).map(([b]) => `${a} / ${b}`));
  });
  let chartOffScreen = [];
  if (mainChart) {
    const chart = document.querySelector(`.st-key-${mainChart}`);
    const r = chart ? chart.getBoundingClientRect() : null;
    if (!r || r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5)
      chartOffScreen = [r ? [r.left, r.top, r.right, r.bottom].map(Math.round) : 'missing'];
  }
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const flatHeadings = [...main.querySelectorAll('h2, h3')].filter(h => visible(h)
    && parseFloat(getComputedStyle(h).fontSize) < 1.25 * rem).map(name);   // a heading no larger than its text
  const unique = (list) => [...new Set(list)];
  return {chartOffScreen, small: unique(small), faint: unique(faint), clipped: unique(clipped), legendOnTitle,
          flatHeadings, resizedChartText: unique(resizedChartText), legendEntriesOverlap};
}"""


def _step_url(server: str, step, lang: str) -> str:
    """The step's own link (page, parameters, ?present=1&step=...), as Next or a shared link opens it."""
    path = page_entry(step.page).address
    query = urlencode({"lang": lang, "present": 1, "step": step.key, **step.params})
    return f"{server}/{path}?{query}"


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_step_fits_the_projector_and_reads_from_the_back(server, browser, lang, width, height):
    """Issue 17, for every step of the sequence: its main chart (the step table's `main_chart`) whole on screen
    without scrolling; every text of the page and of its charts at 18 px or more and at 4.5:1 or more; no
    caption, card label, value or delta cut off; no legend on a chart title, no legend entries over each other and
    no chart text redrawn by the page's styles at another size than plotly laid it out at. One page load per
    step."""
    from tests.e2e.conftest import ARTIFACTS, PageProbe

    context = browser.new_context(viewport={"width": width, "height": height})
    probe = PageProbe(context.new_page())
    failures = {}
    try:
        for step in STEPS:
            probe.goto(_step_url(server, step, lang))
            if step.main_chart:
                probe.page.wait_for_selector(f".st-key-{step.main_chart} .main-svg", timeout=30_000)
                probe.page.wait_for_timeout(400)            # plotly lays out its legend after the first draw
            found = probe.page.evaluate(_PROJECTOR_CHECKS_JS, step.main_chart)
            probe.page.screenshot(path=str(ARTIFACTS / f"present-{width}-{lang}-{step.key}.png"))
            if any(found.values()):
                failures[step.key] = {check: items for check, items in found.items() if items}
        assert probe.page.evaluate("scrollY") == 0
    finally:
        context.close()
    assert failures == {}, failures
