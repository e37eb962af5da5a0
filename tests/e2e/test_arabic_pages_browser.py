"""Arabic pages as an Arabic-reading official sees them at 1280×720: segmented controls whole, every number and
year in the digits the reader chose, and no Latin "P10", "P90" or "Rev." left in the text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from dashboard.pages import PAGES

#: For each right-to-left segmented control in the main area: its options' boxes, its row's and the viewport's.
_SEGMENTED_ROW = "[data-testid='stMain'] [role='radiogroup']:has(> button[data-variant='segmented_control'])"
_SEGMENTS_JS = """() => [...document.querySelectorAll("ROW")].map(row => {
  const box = row.getBoundingClientRect();
  return {label: row.getAttribute('aria-label'), left: box.left, right: box.right, viewport: innerWidth,
          options: [...row.querySelectorAll('button')].map(b => {
            const r = b.getBoundingClientRect(); return {text: b.innerText.trim(), left: r.left, right: r.right}; })};
})""".replace("ROW", _SEGMENTED_ROW)


@pytest.fixture
def small_screen(browser) -> Iterator:
    from tests.e2e.conftest import PageProbe

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    yield PageProbe(context.new_page())
    context.close()


def test_every_segmented_control_shows_its_rightmost_option_whole_in_arabic(server, small_screen):
    rows = []
    for url_path in ("scenarios", "map"):
        small_screen.goto(f"{server}/{url_path}?lang=ar")
        # a fresh server's first page may still be loading its widgets' code after the script has finished
        small_screen.page.wait_for_selector(f"{_SEGMENTED_ROW} button", timeout=30_000)
        rows += small_screen.page.evaluate(_SEGMENTS_JS)
    assert len(rows) == 2, rows
    for row in rows:
        first = row["options"][0]   # the first option is drawn rightmost, right to left
        assert first["right"] == max(option["right"] for option in row["options"]), row
        for option in row["options"]:
            assert row["left"] - 0.5 <= option["left"] and option["right"] <= row["right"] + 0.5, row
            assert option["left"] >= 0 and option["right"] <= row["viewport"], row
    small_screen.screenshot("arabic-segmented-map")


#: What the reader sees in the main area: its text (notation set aside: equations, icon ligatures), the text of
#: its charts, and the values its widgets show (select boxes, text fields, slider values and ends).
_SHOWN_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const widgets = [
    ...[...main.querySelectorAll("input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=range])")]
      .filter(i => i.offsetParent !== null).map(i => i.value),
    ...[...main.querySelectorAll("[role='slider']")].map(s => s.getAttribute("aria-valuetext") || ""),
    ...[...main.querySelectorAll("[data-testid='stSliderThumbValue'], [data-testid='stSliderTickBarMin'], "
        + "[data-testid='stSliderTickBarMax']")].map(e => e.innerText)];
  const charts = [...main.querySelectorAll("svg text")].map(e => e.textContent);
  for (const el of [...main.querySelectorAll("span")]) {
    if (el.isConnected && getComputedStyle(el).fontFamily.includes("Material Symbols")) el.replaceWith(" ");
  }
  for (const eq of main.querySelectorAll(".katex")) eq.replaceWith(" ");
  return [main.innerText, ...charts, ...widgets].join("\\n");
}"""

#: Where Western digits belong even with Arabic-Indic digits chosen: classification codes (ISCED levels,
#: ISCO-08), web addresses and file names. Nothing else.
_NOTATION = re.compile(r"ISCED \d(?:-\d|\+)?|ISCO-08|https?://\S+|[\w./-]+\.(?:csv|xlsx|json|html)\b")


def western_digits_and_latin_codes(text: str) -> list[str]:
    """Where `text` shows a Western digit outside notation, or "P10", "P90" or "Rev.": each with a little
    context."""
    found = []
    text = re.sub("[\u200b\u2060\u00ad]", "", text)   # invisible break points (a long address may wrap anywhere)
    for line in text.splitlines():
        rest = _NOTATION.sub(" ", line)
        found += [rest[max(m.start() - 25, 0):m.end() + 25] for m in re.finditer(r"[0-9][0-9.,%]*", rest)]
        found += [line[max(m.start() - 25, 0):m.end() + 25] for m in re.finditer(r"P10|P90|Rev\.", line)]
    return found


def test_western_digits_and_latin_codes_are_found_outside_notation():
    assert western_digits_and_latin_codes("الأعلى (ISCED 5+)\nISCO-08\nمن ملف stock_2020.csv") == []
    assert western_digits_and_latin_codes("https:\u200b//\u200bexample.\u200borg/\u200b2012/\u200b02") == []
    assert western_digits_and_latin_codes("عام 2020\nالمئين ١٠\nإصدار Rev.٢٠٢٠") == ["عام 2020", "إصدار Rev.٢٠٢٠"]
    assert western_digits_and_latin_codes("(P10–P90)") == ["(P10–P90)", "(P10–P90)", "(P10–P90)", "(P10–P90)"]


def _shown(probe) -> str:
    return probe.page.evaluate(_SHOWN_JS)


@pytest.mark.parametrize(("lang", "addresses"), [("ar", [p.address for p in PAGES]), ("ckb", ["map"])])
def test_every_page_writes_numbers_and_years_in_arabic_indic_digits_when_chosen(server, small_screen, lang,
                                                                                 addresses):
    """Years in labels, titles, captions, axis ticks and widget values follow the digits the reader chose, as
    the figures do; the percentile band and the revision are named in the reader's language. Every page in
    Arabic; in Kurdish the pages that name revisions and percentiles (the same code writes the rest)."""
    found = {}
    for address in addresses:
        small_screen.goto(f"{server}/{address}?lang={lang}&digits=arabic")
        found[address] = western_digits_and_latin_codes(_shown(small_screen))
    # the scenario page with a package: cards, their notes, the results chart and its legend
    small_screen.page.goto(f"{server}/scenarios?lang={lang}&digits=arabic")
    small_screen.wait_idle()
    small_screen.page.locator("[data-testid='stMain'] [data-testid='stCheckbox']").first.click()
    small_screen.wait_idle()
    found["scenarios with a lever"] = western_digits_and_latin_codes(_shown(small_screen))
    leaks = {page: lines for page, lines in found.items() if lines}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)
    small_screen.screenshot(f"arabic-digits-scenarios-{lang}")
