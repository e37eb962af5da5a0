"""What an official does in the first minute, through the real UI: change a scenario and see the results move,
save it, and download a table with its source. (The map click and an upload are in test_map*.py and
test_upload*.py.)"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.i18n import t

MAIN = "[data-testid='stMain']"


def _no_failure(probe, lang: str) -> None:
    assert probe.page.locator("[data-testid='stException']").count() == 0
    apology = t("common.error_apology", lang, error_id="")[:30]
    assert probe.page.locator("[data-testid='stAlert']").filter(has_text=apology).count() == 0
    assert probe.external_requests() == []
    assert probe.unexpected_console_errors() == []


def _metrics(probe) -> list[str]:
    return probe.page.locator(f"{MAIN} [data-testid='stMetricValue']").all_inner_texts()


@pytest.mark.parametrize("lang", ["en", "ar", "ckb"])
def test_a_scenario_lever_moves_the_results_and_saves_as_a_file(server, probe, lang):
    probe.goto(f"{server}/scenarios?lang={lang}")
    before = _metrics(probe)
    assert before, "the scenario page shows no headline figures"

    lever = probe.page.locator(f"{MAIN} [data-testid='stCheckbox']").first
    assert not lever.locator("input").is_checked()
    lever.locator("label").first.click()
    probe.wait_idle()
    assert lever.locator("input").is_checked()
    after = _metrics(probe)
    assert after != before, "switching a lever on did not change the headline figures"
    _no_failure(probe, lang)

    probe.page.get_by_role("tab", name=t("scenario.tab_save", lang)).click()
    with probe.page.expect_download() as download:
        probe.page.get_by_role("button", name=t("scenario.save", lang)).click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert len(saved["levers"]) == 1, saved  # exactly the lever switched on, saved as shown
    _no_failure(probe, lang)


@pytest.mark.parametrize(("lang", "germany", "source"), [
    ("en", "Germany", "Source: \u2068United Nations DESA"),
    ("ckb", "ئەڵمانیا", "سەرچاوە: \u2068بەشی دانیشتوانی فەرمانگەی کاروباری ئابووری و کۆمەڵایەتی نەتەوە یەکگرتووەکان"),
])
def test_a_table_downloads_as_csv_with_its_source(server, probe, lang, germany, source):
    probe.goto(f"{server}/?lang={lang}")
    expander = probe.page.locator(f"{MAIN} [data-testid='stExpander']").first
    button = expander.get_by_role("button", name=t("common.download_csv", lang))
    for _ in range(3):  # a click that lands while the page is still settling may not open it: try again
        expander.locator("summary").click()
        try:
            button.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    with probe.page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = text.strip().splitlines()
    assert len(rows) >= 3, text
    assert t("chart.destination", lang) in rows[0], rows[0]                 # headers in the page's language
    assert germany in text                                                  # and country names
    source_cell = next(csv.reader([rows[-1]]))   # one quoted cell (dashboard/exports.py quotes every text)
    revision = t("dataset.migrant_stock.rev2020.revision", lang)             # "Rev.2020", in the reader's words
    assert source_cell[0].startswith(source) and revision in source_cell[0], rows[-1]
    _no_failure(probe, lang)

