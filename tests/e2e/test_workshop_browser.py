"""The workshop room with four browsers: a facilitator and three groups (one in Arabic). The server restarts in
the middle; the facilitator's view follows every submission within seconds without a reload; the export holds
the three packages, their rationales and the joint package."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboard.i18n import t
from tests.e2e import serving
from tests.e2e.conftest import ARTIFACTS, PageProbe

MAIN = "[data-testid='stMain']"
XSS = "<img src=x onerror=alert(1)>"
FOLLOW_MS = 5_000  # the issue: the view shows a submission within 5 s


def _group(browser, url: str, code: str, lang: str) -> PageProbe:
    probe = PageProbe(browser.new_context(viewport={"width": 1400, "height": 1000}).new_page())
    probe.goto(f"{url}/workshop?room={code}&lang={lang}")
    return probe


def _pick_group(probe: PageProbe, name: str) -> None:
    probe.page.locator(f"{MAIN} [data-testid='stSelectbox']").first.click()
    probe.page.get_by_role("option", name=name, exact=True).click()
    probe.wait_idle()


def _toggle(probe: PageProbe, lever: str, lang: str) -> None:
    label = t(f"scenario.lever.{lever}", lang)
    probe.page.locator(f"{MAIN} [data-testid='stCheckbox']").filter(has_text=label).locator("label").first.click()
    probe.wait_idle()


def _submit(probe: PageProbe, rationale: str, lang: str, revise: bool = False) -> None:
    area = probe.page.locator(f"{MAIN} textarea").first
    area.fill(rationale)
    area.press("Control+Enter")
    probe.wait_idle()
    probe.page.get_by_role("button", name=t("rooms.revise_button" if revise else "rooms.submit_button", lang)).click()
    probe.wait_idle()
    revision = "2" if revise else "1"
    done = t("rooms.submitted", lang, group="\0", revision=revision).split("\0")[-1][:12]
    try:
        probe.page.locator(f"{MAIN} [data-testid='stAlert']").filter(has_text=done).first.wait_for(timeout=20_000)
    except Exception:
        probe.screenshot("workshop_submit_failed")
        raise


def _count_line(lever: str, groups: int, total: int) -> str:
    return t("rooms.count_line", "en", lever=t(f"scenario.lever.{lever}", "en"), groups=groups, total=total)


@pytest.fixture
def home(tmp_path_factory) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return tmp_path_factory.mktemp("workshop-home")


def test_four_browsers_a_restart_and_the_export(browser, chromium_path, home):
    env = {"DASHBOARD_HOME": str(home)}
    with serving.serving(ARTIFACTS, env=env) as first:
        facilitator = PageProbe(browser.new_context(viewport={"width": 1400, "height": 1000},
                                                    accept_downloads=True).new_page())
        facilitator.goto(f"{first.url}/workshop?lang=en")
        facilitator.page.get_by_label(t("rooms.title_field", "en")).fill("Day 2: joint recommendations")
        facilitator.page.get_by_role("button", name=t("rooms.open_button", "en")).click()
        facilitator.page.wait_for_url(re.compile(r"room=[A-Z0-9]{6,}"), timeout=30_000)
        facilitator.wait_idle()
        code = re.search(r"room=([A-Z0-9]+)", facilitator.page.url).group(1)
        key = facilitator.page.locator(f"{MAIN} [data-testid='stCode']").first.inner_text().strip()
        assert len(code) >= 6 and len(key) >= 16

        planning = _group(browser, first.url, code, "en")
        _pick_group(planning, t("rooms.group.planning", "en"))
        _toggle(planning, "card", "en")
        _toggle(planning, "institution", "en")
        _submit(planning, XSS, "en")
        labour = _group(browser, first.url, code, "en")
        _pick_group(labour, t("rooms.group.labour", "en"))
        _toggle(labour, "card", "en")
        _toggle(labour, "talent", "en")
        _submit(labour, "Jobs first.", "en")
    # -- the server restarts: the room and both submissions are in the store --------------------------------------
    with serving.serving(ARTIFACTS, env=env) as second:
        facilitator.goto(f"{second.url}/workshop?room={code}&lang=en")
        facilitator.page.get_by_text(t("rooms.facilitator", "en")).click()
        facilitator.page.get_by_label(t("rooms.key", "en")).fill(key)
        facilitator.page.get_by_role("button", name=t("rooms.key_button", "en")).click()
        facilitator.wait_idle()
        view = facilitator.page.locator(MAIN)
        view.get_by_text(_count_line("card", 2, 2), exact=True).wait_for(timeout=FOLLOW_MS)

        higher_ed = _group(browser, second.url, code, "ar")
        _pick_group(higher_ed, t("rooms.group.higher_education", "ar"))
        _toggle(higher_ed, "institute", "ar")
        _toggle(higher_ed, "institution", "ar")
        _submit(higher_ed, "البحث العلمي أولاً، ثم الشبكات.", "ar")
        # no reload of the facilitator's page: its fragment re-reads the room every few seconds
        view.get_by_text(_count_line("card", 2, 3), exact=True).wait_for(timeout=FOLLOW_MS)
        for lever, groups in (("institution", 2), ("talent", 1), ("institute", 1), ("protection", 0)):
            assert view.get_by_text(_count_line(lever, groups, 3), exact=True).count() == 1, lever
        assert view.get_by_text(XSS, exact=True).count() == 1  # the rationale as text
        assert facilitator.page.locator("img[src='x']").count() == 0

        _toggle(higher_ed, "card", "ar")  # the Arabic group revises: now all three chose the card
        _submit(higher_ed, "البحث العلمي أولاً، ثم الشبكات والبطاقة.", "ar", revise=True)
        view.get_by_text(_count_line("card", 3, 3), exact=True).wait_for(timeout=FOLLOW_MS)

        facilitator.page.get_by_role("button", name=t("rooms.joint_button", "en")).click()
        facilitator.wait_idle()
        facilitator.page.get_by_role("button", name=t("rooms.prepare_briefing", "en")).click()
        facilitator.wait_idle(timeout=120_000)
        with facilitator.page.expect_download() as download:
            facilitator.page.get_by_role("button", name=t("rooms.export_html", "en")).click()
        briefing = Path(download.value.path()).read_text(encoding="utf-8")
        with facilitator.page.expect_download() as download:
            facilitator.page.get_by_role("button", name=t("rooms.export_json", "en")).click()
        room_file = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        for probe in (facilitator, planning, labour, higher_ed):
            assert probe.external_requests() == []
            probe.page.context.close()

    for text in ("Ministry of Planning", "Ministry of Labour and Social Affairs", "وزارة التعليم العالي والبحث العلمي",
                 "Jobs first.", "البحث العلمي أولاً، ثم الشبكات والبطاقة.", "&lt;img src=x onerror=alert(1)&gt;",
                 t("rooms.joint", "en")):
        assert text in briefing, text
    assert XSS not in briefing
    assert [s["group"] for s in room_file["submissions"]] == [
        "Ministry of Planning", "Ministry of Labour and Social Affairs", "وزارة التعليم العالي والبحث العلمي"]
    assert room_file["submissions"][0]["rationale"] == XSS
    assert room_file["submissions"][2]["revision"] == 2
    assert set(room_file["joint"]["levers"]) == {"card", "institution"}  # chosen by most groups
