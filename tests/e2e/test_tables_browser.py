"""On-page tables in a real browser: numbers written for the reader, and a column still sorts by value."""

from __future__ import annotations

import pytest

_GRID_ROWS_JS = """() => {
  const grid = document.querySelector("[data-testid='stMain'] [data-testid='stDataFrame']");
  return [...grid.querySelectorAll('tr')].map(tr => [...tr.children].map(c => c.innerText.trim()));
}"""


def _number(cell: str) -> float:
    """A cell's number, however it is written ("102,319", "١٠٢٬٣١٩", "102319")."""
    return float(cell.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫", "0123456789.", ",٬")))


@pytest.mark.parametrize(("lang", "digits"), [("en", "western"), ("ar", "arabic")])
def test_a_count_column_sorts_by_value_not_as_text(server, probe, lang, digits):
    """The grid draws "102,319" and "73,093" (or their Arabic-Indic forms) but sorts the numbers underneath: as
    text, "102,319" would come first."""
    from dashboard.i18n import t

    probe.goto(f"{server}/?lang={lang}&digits={digits}")
    page = probe.page
    page.locator("[data-testid='stExpander'] summary").first.click()
    grid = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first
    grid.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    people = t("chart.migrants", lang)
    box = grid.bounding_box()
    for step in range(int(box["width"] // 30)):   # the header is drawn on a canvas: find the column by clicking
        header = page.evaluate(_GRID_ROWS_JS)[0]
        if any(h.startswith("↑") and people in h for h in header):
            break
        page.mouse.click(box["x"] + 15 + 30 * step, box["y"] + 17)
        page.wait_for_timeout(300)
    rows = page.evaluate(_GRID_ROWS_JS)
    column = next(i for i, h in enumerate(rows[0]) if people in h)
    assert rows[0][column].startswith("↑"), rows[0]
    values = [_number(row[column]) for row in rows[1:]]
    assert values == sorted(values) and values[0] < 100_000 < values[-1], values
    probe.screenshot(f"table-sorted-{lang}-{digits}")
