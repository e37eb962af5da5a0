"""The briefing downloaded from the sidebar opens from disk with the network off and draws its map and charts."""

import io

import pypdf
import pytest

#: Tick labels drawn (partly) outside their chart's SVG, i.e. clipped ("2.5M" shown as "M").
_TICKS_OUTSIDE_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const svg = plot.querySelector('svg.main-svg').getBoundingClientRect();
  return [...plot.querySelectorAll('.xtick text, .ytick text')].filter(tick => {
    const box = tick.getBoundingClientRect();
    return box.width > 0 && (box.left < svg.left - 1 || box.right > svg.right + 1 || box.top < svg.top - 1
                             || box.bottom > svg.bottom + 1);
  }).map(tick => `${tick.textContent} at ${Math.round(tick.getBoundingClientRect().bottom)}`);
})"""

#: Numbers split over two lines ("25, 00 0"), header words split ("Lo w"), and ranges out of reading order:
#: each of a cell's numbers must follow the one before in the page's direction (or start a lower line).
_TABLE_FAULTS_JS = """() => {
  const faults = [];
  const rtl = document.documentElement.dir === 'rtl';
  for (const unit of document.querySelectorAll('td .n, th .n'))
    if (unit.getClientRects().length !== 1) faults.push(`number wraps: ${unit.textContent}`);
  for (const th of document.querySelectorAll('th')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      for (const word of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
        if (range.getClientRects().length > 1) faults.push(`header word splits: ${word[0]}`);
      }
  }
  for (const td of document.querySelectorAll('td')) {
    const boxes = [...td.querySelectorAll('.n')].map(n => n.getBoundingClientRect());
    for (let i = 1; i < boxes.length; i++) {
      const [a, b] = [boxes[i - 1], boxes[i]];
      const lower = b.top > a.top + 4;          // a line box further down
      const after = rtl ? b.right <= a.left + 1 : b.left >= a.right - 1;
      if (!lower && !after) faults.push(`out of order: ${td.textContent}`);
    }
  }
  return faults;
}"""


@pytest.mark.parametrize("lang", ["ar", "en", "ckb"])
def test_downloaded_briefing_draws_offline_from_disk(server, probe, browser, tmp_path, lang):
    probe.goto(f"{server}/map?lang={lang}&digits={'arabic' if lang == 'ar' else 'western'}")
    with probe.page.expect_download(timeout=60_000) as download:
        probe.page.locator(".st-key-briefing_download button").first.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == f"iraqi-diaspora-briefing-{lang}.html"

    context = browser.new_context(viewport={"width": 900, "height": 1200}, offline=True)
    page = context.new_page()
    attempted: list[str] = []

    def block(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(path.as_uri())
    page.wait_for_selector(".choroplethlocation", timeout=30_000)
    assert page.get_attribute("html", "dir") == ("ltr" if lang == "en" else "rtl")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator(".js-plotly-plot").count() >= 3                      # map, trend, scenario comparison
    assert page.locator(".choroplethlocation").count() > 150                 # every country drawn, no base map
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 1  # the trend line
    assert page.locator(".js-plotly-plot .barlayer .trace").count() >= 1      # the scenario bars
    assert attempted == [] and errors == []
    assert page.evaluate(_TICKS_OUTSIDE_JS) == []                       # no axis label cut at the chart's edge
    page.screenshot(path=str(probe.screenshot(f"briefing-{lang}")), full_page=True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1000})              # A4 less 15 mm margins, at 96 dpi
    assert page.evaluate("document.documentElement.scrollWidth") <= 680, "wider than an A4 page"
    assert page.locator("td .n").count() > 20                                # the tables' numbers are units
    assert page.evaluate(_TABLE_FAULTS_JS) == []
    # printed to A4, the header, the headline figures and the whole map share page 1 (not half of it left empty)
    assert page.evaluate("document.querySelectorAll('section')[1].querySelector('.choroplethlocation') !== null")
    page.evaluate("""() => {
      [...document.querySelectorAll('section')].slice(2).forEach(s => s.remove());    // all after the map section
      document.querySelectorAll('section')[1].querySelectorAll('table, ul, p').forEach(e => e.remove());
    }""")                                                               # the map's top-ten table may turn over
    first_pages = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages
    layout = page.evaluate("[...document.querySelectorAll('header, section > *')]"
                           ".map(e => `${e.tagName} ends at ${Math.round(e.getBoundingClientRect().bottom)}`)")
    assert len(first_pages) == 1, f"the headline figures and the map do not fit on page 1: {layout}"
    context.close()
