"""The Skills page in Arabic, in a real browser: it opens on what official statistics say, right to left, with
no English in the main area (acronyms of sources and classifications aside)."""

from dashboard.i18n import t
from tests.e2e.test_language_browser import _MAIN_TEXT_JS, english_words

_HEADINGS_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] h2")].map(h => ({
  text: h.innerText.trim(), direction: getComputedStyle(h).direction, align: getComputedStyle(h).textAlign}))"""


def test_skills_in_arabic_opens_on_the_official_section_right_to_left(server, probe):
    probe.goto(f"{server}/skills?lang=ar")
    page = probe.page
    assert page.locator("[data-testid='stException']").count() == 0
    probe.screenshot("skills-official-ar")
    headings = page.evaluate(_HEADINGS_JS)
    texts = [h["text"] for h in headings]
    official, detail = t("official.section", "ar"), t("official.detail_section", "ar")
    assert official in texts and detail in texts and texts.index(official) < texts.index(detail)
    first = headings[texts.index(official)]
    assert first["direction"] == "rtl" and first["align"] in ("right", "start")
    main = page.evaluate(_MAIN_TEXT_JS)
    assert "918,615" in main or "٩١٨٬٦١٥" in main  # the OECD-wide figure is on the page
    assert t("official.reason.ratio_undesa", "ar") in main  # a flagged destination's reason, in Arabic
    leaks = english_words(main)
    assert leaks == [], f"English on /skills?lang=ar: {sorted(set(leaks))}"
