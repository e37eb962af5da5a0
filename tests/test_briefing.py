"""The briefing: one self-contained HTML file in the reader's language, offline-ready and printable to A4."""

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import briefing
from dashboard.registry import Registry
from dashboard.scenario.population import build_population
from dashboard.scenario.presets import preset
from dashboard.skills import talent_pool


@pytest.fixture(scope="module")
def data():
    registry = Registry()
    stock, totals, refugees = (registry.get(d) for d in ("migrant_stock", "iraq_totals", "refugees"))
    return stock, totals, refugees, registry.get("countries").frame, registry.boundaries()


@pytest.fixture(scope="module")
def arabic(data):
    sections = briefing.standard_sections(*data, "ar", "arabic")
    return sections, briefing.build_briefing("ar", "arabic", sections, generated="2025-03-01")


def test_arabic_briefing_is_rtl_and_arabic(arabic):
    _, html = arabic
    assert re.search(r"<html lang='ar' dir='rtl'>", html)
    assert "<title>إحاطة: العراقيون في الخارج" in html
    assert "٢٬٠٧٧٬٩٧٦" in html and "2,077,976" not in html   # headline in Arabic-Indic digits


def test_english_briefing_is_ltr_with_western_digits(data):
    html = briefing.build_briefing("en", "western", briefing.standard_sections(*data, "en", "western"))
    assert "<html lang='en' dir='ltr'>" in html
    assert "2,077,976" in html and "Headline figures" in html


def test_offline_assets_come_before_plotly_and_nothing_is_linked(arabic):
    _, html = arabic
    geo_assets = html.index("window.PlotlyGeoAssets = {topojson: {world_110m:")
    plotly_js = html.index("plotly.js v")          # the inlined library's banner
    assert geo_assets < plotly_js
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html), "the briefing links an external file"


def test_prints_to_a4_without_splitting_figures(arabic):
    _, html = arabic
    assert "@page { size: A4;" in html
    assert re.search(r"\.figure \{[^}]*break-inside: avoid", html)
    assert "thead { display: table-header-group; }" in html


def test_standard_sections_carry_map_headline_trend_and_sources(arabic):
    sections, html = arabic
    titles = [s.title for s in sections]
    assert titles[0] == "الأرقام الرئيسية" and titles[-1] == "المصادر"
    map_section = sections[1]
    assert [t.type for t in map_section.figure.data].count("choropleth") >= 2
    assert map_section.table.iloc[0, 1] == "الولايات المتّحدة"       # country names in Arabic
    assert any("UNHCR" in note for note in sections[-1].notes)
    assert html.count("Plotly.newPlot(") == sum(s.figure is not None for s in sections)


def test_text_is_escaped_and_tables_localised():
    section = briefing.BriefingSection(
        title="<script>alert(1)</script>", text="a & b", notes=["<b>x</b>"],
        table=pd.DataFrame({"n": [1234567], "label": ["x"]}), figure=go.Figure(go.Bar(x=[1], y=[2])))
    html = briefing.build_briefing("ar", "arabic", [section])
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<td class='num'><bdi dir='ltr' class='n'>١٬٢٣٤٬٥٦٧</bdi></td>" in html


@pytest.mark.parametrize(("lang", "digits"), [("ar", "arabic"), ("ckb", "western"), ("en", "western")])
def test_every_number_in_a_table_is_one_left_to_right_unit(lang, digits):
    """A range "P50 (P10–P90)" keeps its order in right-to-left text and no number wraps ("25, 00 0")."""
    table = pd.DataFrame({"Low": ["25,000", "55,000 (-44,606–84,685)", "1,200 M (450 M–2,700 M)", "0.50%"]})
    page = briefing.build_briefing(lang, digits, [briefing.BriefingSection(title="t", table=table)])
    body = page[page.index("<table>"):page.index("</table>")]
    numbers = re.findall(r"<bdi dir='ltr' class='n'>([^<]*)</bdi>", body)
    raw = ["25,000", "55,000", "-44,606", "84,685", "1,200", "450", "2,700", "0.50"]
    assert numbers == [briefing.localise_numbers(n, digits) for n in raw]   # the sign in, the range's dash out
    assert re.sub(r"<bdi[^>]*>[^<]*</bdi>", "", body).count("٬") == 0      # no number left outside a unit
    assert re.search(r"\.n \{[^}]*white-space: nowrap", page)
    quoted = briefing.build_briefing(lang, digits, [briefing.BriefingSection(
        title="t", table=pd.DataFrame({"<i>'x'</i>": ["<b>O'Brien</b>"]}))])
    assert "&lt;b&gt;O&#x27;Brien&lt;/b&gt;" in quoted and "&lt;i&gt;&#x27;x&#x27;&lt;/i&gt;" in quoted  # no "&#x<bdi>"


def test_scenario_section_is_placed_before_sources(data):
    scenario = [briefing.BriefingSection(title="S", notes=["assumption"])]
    sections = briefing.standard_sections(*data, "en", "western", scenario=scenario)
    assert [s.title for s in sections][-2:] == ["S", "Sources"]


def test_kurdish_briefing_is_rtl_sorani_with_kurdish_country_names(data):
    sections = briefing.standard_sections(*data, "ckb", "arabic")
    html = briefing.build_briefing("ckb", "arabic", sections, generated="2025-03-01")
    assert "<html lang='ckb' dir='rtl'>" in html
    assert "<title>کورتەی زانیاری: عێراقییەکانی دەرەوە" in html
    assert "٢٬٠٧٧٬٩٧٦" in html and "2,077,976" not in html
    assert sections[0].title == "ژمارە سەرەکییەکان" and sections[-1].title == "سەرچاوەکان"
    assert sections[1].table.iloc[0, 1] == "ویلایەتە یەکگرتووەکان"      # country names from the Kurdish column
    assert "dashboard/locales/ckb.json" in html                           # the first-translation note
    assert "dashboard/locales/" not in briefing.build_briefing("ar", "arabic", sections)


def test_briefing_map_carries_its_country_shapes_inline(arabic):
    """The live map names the shapes file the app serves; the briefing is opened from disk, offline, so its
    map must carry the shapes itself (data: URLs) and never name the app's file."""
    sections, html = arabic
    choropleths = [t for t in sections[1].figure.data if t.type == "choropleth"]
    assert choropleths and all(t.geojson.startswith("data:application/geo+json,") for t in choropleths)
    assert "world_boundaries.json" not in html and '"coordinates"' in html.replace("%22", '"')


#: Latin text allowed in an Arabic or Kurdish source line: acronyms (UNHCR, IMS, DIOC); revisions are named in
#: the reader's language ("إصدار ٢٠٢٠", not "Rev.2020").
_CODE = re.compile(r"^[A-Z]{2,}$")
_REVISION_2020 = {"ar": "إصدار ٢٠٢٠", "ckb": "پێداچوونەوەی ٢٠٢٠"}


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_source_lines_are_in_the_readers_language(data, lang):
    """Every section names its sources in Arabic or Kurdish; only the full citations keep the publishers' words."""
    registry = Registry()
    stock, skills = registry.get("migrant_stock"), registry.get("skills")
    population = build_population(stock.frame, talent_pool(skills.frame))
    scenario = briefing.scenario_sections({"Ireland": preset("ireland")}, population, lang, "arabic",
                                          data=[stock, skills])
    sections = briefing.standard_sections(*data, lang, "arabic", scenario=scenario)
    cited = [s for s in sections if s.title != briefing.t("briefing.sources", lang)]
    lines = [text for s in cited for text in (s.source, *s.notes) if text]
    assert len(lines) >= 6 and sum(_REVISION_2020[lang] in line for line in lines) >= 4   # the sources are there
    latin = {word for line in lines for word in re.findall(r"[A-Za-z][A-Za-z.\d]*", line)}
    assert {word for word in latin if not _CODE.match(word)} == set()
    assert any("United Nations" in note for note in sections[-1].notes)            # publishers' own citations
