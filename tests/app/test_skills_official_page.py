"""What official statistics say, through the router: the Skills page opens on them, flagged destinations say
why, the map's panel shows each country's DIOC figure, and every scenario figure resting on the skills data
says so (naming the survey once analysts have published one)."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from dashboard.exports import to_csv_bytes, to_excel_bytes
from dashboard.i18n import t
from dashboard.skills_sample import CALIBRATION_COLUMNS
from tests.app.conftest import reader_text
from tests.app.test_skills_page import analyst_dataset  # noqa: F401  (the fixture: a published survey)

SKILLS = "skills"
SCENARIOS = "scenarios"
MAP = "map"
SURVEY = "Iraqi Experts Abroad Survey"
NOTE = t("common.sample_note", "en")


def test_skills_opens_on_official_statistics_with_their_source(open_page):
    at = open_page(SKILLS, timeout=120)
    assert not at.exception, [e.message for e in at.exception]
    headers = [h.value for h in at.header]
    assert headers[0] == "What official statistics say"
    assert headers.index("What official statistics say") < headers.index(t("official.detail_section", "en"))
    sources = [c.value for c in at.caption if c.value.startswith("Source:")]
    assert "OECD" in sources[0] and "DIOC" in sources[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("official.metric.people", "en")] == "918,615"
    assert metrics[t("official.metric.overqualified", "en")] == "45.0%"
    assert metrics[t("official.metric.employment", "en")] == "44.4%"
    assert any("12.6%" in m.value for m in at.markdown)


def test_each_flagged_destination_shows_its_reason(open_page):
    at = open_page(SKILLS, timeout=120)
    flagged = "\n".join(reader_text(m.value) for m in at.markdown)   # as a reader sees it
    for country, reason in [("Germany", "ratio_undesa"), ("Germany", "suppressed_cells"), ("Iran", "ratio_undesa"),
                            ("Greece", "ratio_undesa"), ("Switzerland", "suppressed_cells"),
                            ("Turkey", "ratio_undesa"), ("Finland", "low_with_unknown")]:
        line = next(line for line in flagged.splitlines() if line.startswith(f"- {country}"))
        assert t(f"official.reason.{reason}", "en") in line, line
    table = next(d.value for d in at.dataframe if t("official.col.reliability", "en") in d.value.columns)
    reliability = table.set_index(t("official.col.country", "en"))[t("official.col.reliability", "en")]
    assert reliability["United States"] == "reliable"
    assert (reliability.drop("United States") != "").all()
    assert t("official.reason.low_with_unknown", "en") in reliability["Finland"]


def test_map_panel_shows_the_dioc_figure_beside_the_stock(open_page):
    at = open_page(MAP, map_country="USA", timeout=120)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("official.panel_metric", "en")] == "31.9%"
    jordan = open_page(MAP, map_country="JOR", timeout=120)
    assert {m.label: m.value for m in jordan.metric}[t("official.panel_metric", "en")] == "no official figure"
    assert any(NOTE in c.value for c in jordan.caption)  # the sample summary below says what it is


@pytest.fixture
def downloads(monkeypatch) -> list[tuple[str, str, object]]:
    """Every table offered for download: (file stem, source line, frame)."""
    from ui import widgets

    seen: list[tuple[str, str, object]] = []
    original = widgets.table_with_downloads

    def record(frame, file_stem, source, lang, *args, **kwargs):
        seen.append((file_stem, source, frame))
        return original(frame, file_stem, source, lang, *args, **kwargs)

    monkeypatch.setattr(widgets, "table_with_downloads", record)
    return seen


def _open_every_tab(at):
    for name in ("outcomes", "compare", "sensitivity", "assumptions"):
        at.session_state["scn_tab"] = t(f"scenario.tab_{name}", "en")
        at.run()
        assert not at.exception, (name, [e.message for e in at.exception])
    return at


def _excel_text(frame, source: str) -> str:
    book = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(frame, source)))
    return " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value)


def test_scenario_cards_tabs_and_every_download_carry_the_sample_note(open_page, downloads):
    at = _open_every_tab(open_page(SCENARIOS, timeout=180))
    assert any(NOTE in c.value for c in at.caption)
    downloads = [d for d in downloads if d[0].startswith("scenario_")]  # (the overview opens first)
    stems = {stem for stem, _, _ in downloads}
    assert {"scenario_comparison", "scenario_sources", "scenario_parameters", "scenario_segments",
            "scenario_population"} <= stems
    for stem, source, frame in downloads:
        assert NOTE in source, stem
        assert NOTE in to_csv_bytes(frame, source).decode("utf-8-sig"), stem
    stem, source, frame = downloads[-1]
    assert NOTE in _excel_text(frame, source)


@pytest.fixture
def published_survey(request, monkeypatch):
    """A real survey published by analysts is the active skills dataset, without the sample's calibration
    column (a survey has no reason to carry it)."""
    from ui import cached

    request.getfixturevalue("analyst_dataset")
    survey = cached.dataset

    def without_calibration(dataset_id: str, version: str | None = None):
        found = survey(dataset_id, version)
        if dataset_id != "skills":
            return found
        return dataclasses.replace(found, frame=found.frame.drop(columns=CALIBRATION_COLUMNS, errors="ignore"))

    monkeypatch.setattr(cached, "dataset", without_calibration)


def test_with_a_published_survey_the_note_names_it(open_page, downloads, published_survey):
    at = _open_every_tab(open_page(SCENARIOS, timeout=180))
    captions = " ".join(c.value for c in at.caption)
    assert SURVEY in captions and NOTE not in captions
    downloads = [d for d in downloads if d[0].startswith("scenario_")]
    assert downloads and all(SURVEY in source and NOTE not in source for _, source, _ in downloads)
    skills = open_page(SKILLS, timeout=120)  # a survey without the calibration column still loads
    assert not skills.exception


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_briefing_scenario_section_carries_the_note(lang):
    from dashboard.registry import Registry
    from ui import briefing_file

    def scenario_sources(own: dict) -> list[str]:
        sections = briefing_file.briefing_sections(lang, "western", None, {}, {}, own)
        titles = (t("briefing.scenario", lang), t("briefing.assumptions", lang))
        return [s.source for s in sections if s.title in titles]

    note = t("common.sample_note", lang)
    assert [note in source for source in scenario_sources({})] == [True, True]
    sample = Registry().get("skills")
    survey = dataclasses.replace(sample, meta=dataclasses.replace(sample.meta, nature="real", title=SURVEY,
                                                                  version="session-abc", session_only=True))
    named = scenario_sources({"skills": survey})
    assert len(named) == 2 and all(SURVEY in s and note not in s for s in named)


def test_presentation_scenario_step_carries_the_sample_note(open_page):
    at = open_page(SCENARIOS, present="1", step="scenarios", timeout=180)
    assert not at.exception
    bar = [c.value for c in at.caption]
    assert t("present.caption_scenarios", "en") in bar
    assert bar.index(t("present.caption_scenarios", "en")) + 1 == bar.index(NOTE)  # right under the step's line
