"""The workshop room's briefing: every group's package and rationale (as text), the comparison, the joint
package; offline (nothing fetched) and in the reader's language."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import rooms
from dashboard.room_briefing import room_briefing
from dashboard.scenario.model import Pools
from dashboard.scenario.population import build_population
from dashboard.scenario.spec import Scenario
from dashboard.skills import talent_pool

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def population(registry):
    return build_population(registry.get("migrant_stock").frame, talent_pool(registry.get("skills").frame))


@pytest.fixture(scope="module")
def room_and_submissions():
    room, key = rooms.new_room("Day 2 <script>")
    subs: list[rooms.Submission] = []
    for group, levers, why in (("Ministry of Planning <b>", {"card": None, "institution": 1000}, XSS),
                               ("Labour", {"card": None, "talent": 130}, "jobs first"),
                               ("وزارة التعليم العالي", {"institute": 100}, "البحث العلمي أولاً")):
        subs.append(rooms.submit(room, subs, group, Scenario(levers=levers), why, None)[0])
    room = rooms.set_joint(room, key, rooms.joint_from_majority(subs), "The levers most groups chose")
    return room, subs


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_briefing_holds_every_package_rationale_and_the_joint_package_as_text(lang, population,
                                                                                   room_and_submissions):
    room, subs = room_and_submissions
    page = room_briefing(room, subs, lang, "western", population, Pools.of(population), "2026-11-29 22:00 UTC")
    assert XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in page.replace("<script>window.PlotlyGeoAssets", "").split("</head>")[1].split(
        "<script>(function")[0]  # the room title's markup is escaped in the body
    assert "Day 2 &lt;script&gt;" in page
    assert "Ministry of Planning <b>" not in page and "Ministry of Planning &lt;b&gt;" in page  # headings, tables
    figure = json.loads(re.search(r"id='figure-0'.*?var f=(\{.*?\});Plotly.newPlot", page, re.S).group(1))
    assert "Ministry of Planning &lt;b&gt;" in figure["data"][0]["x"]  # the bar label: plotly shows it as typed
    for text in ("Labour", "وزارة التعليم العالي", "jobs first", "البحث العلمي أولاً"):
        assert text in page
    joint = "Joint package" if lang == "en" else "الحزمة المشتركة"
    assert page.count(joint) >= 2  # its own section and its column in the comparison
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing fetched when opened
    if lang == "ar":
        assert "dir='rtl'" in page
