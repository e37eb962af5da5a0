"""Arabic pages as an Arabic-reading official sees them at 1280×720: segmented controls whole, every number and
year in the digits the reader chose, and no Latin "P10", "P90" or "Rev." left in the text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

#: For each right-to-left segmented control in the main area: its options' boxes, its row's and the viewport's.
_SEGMENTS_JS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] [role='radiogroup']:has(> button[data-variant='segmented_control'])")].map(row => {
  const box = row.getBoundingClientRect();
  return {label: row.getAttribute('aria-label'), left: box.left, right: box.right, viewport: innerWidth,
          options: [...row.querySelectorAll('button')].map(b => {
            const r = b.getBoundingClientRect(); return {text: b.innerText.trim(), left: r.left, right: r.right}; })};
})"""


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
        rows += small_screen.page.evaluate(_SEGMENTS_JS)
    assert len(rows) == 2, rows
    for row in rows:
        first = row["options"][0]   # the first option is drawn rightmost, right to left
        assert first["right"] == max(option["right"] for option in row["options"]), row
        for option in row["options"]:
            assert row["left"] - 0.5 <= option["left"] and option["right"] <= row["right"] + 0.5, row
            assert option["left"] >= 0 and option["right"] <= row["viewport"], row
    small_screen.screenshot("arabic-segmented-map")
