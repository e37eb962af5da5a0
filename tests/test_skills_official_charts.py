"""Figures and tables of the official skills statistics: flagged destinations grey with their reason."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import skills_official as so
from dashboard.charts import skills_official as charts
from dashboard.countries import country_names
from dashboard.i18n import t


@pytest.fixture(scope="module")
def frames(registry):
    return {name: registry.get(name).frame for name in ("skills_dioc_e", "skills_oecd", "brain_drain", "countries")}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_greys_flagged_destinations_and_gives_their_reason(registry, frames, lang):
    table = so.tertiary_by_destination(frames["skills_dioc_e"])
    names = country_names(frames["countries"], lang)
    fig = charts.education_map(table, registry.boundaries(), frames["countries"], names, lang, "western", "t")
    land, flagged, good = fig.data
    assert {"DEU", "CHE", "GRC", "IRN", "FIN", "TUR"} <= set(flagged.locations)
    assert not {"DEU", "FIN"} & set(good.locations) and {"USA", "SWE", "GBR"} <= set(good.locations)
    germany = flagged.hovertext[list(flagged.locations).index("DEU")]
    assert t("official.reason.ratio_undesa", lang) in germany and t("official.reason.suppressed_cells", lang) in germany
    usa = good.z[list(good.locations).index("USA")]
    assert round(100 * usa, 1) == 31.9
    jordan = land.hovertext[list(land.locations).index("JOR")]
    assert t("official.no_figure", lang) in jordan


def test_ranked_bars_grey_flagged_rows_and_rank_reliable_first(frames):
    by_sex = {s: so.tertiary_by_destination(frames["skills_dioc_e"], s) for s in ("total", "male", "female")}
    names = country_names(frames["countries"], "en")
    fig = charts.tertiary_ranked(by_sex, names, "en", "western", "t")
    total = fig.data[0]
    labels = list(total.y)
    germany = labels.index("Germany ⚠")
    assert total.marker.color[germany] == charts.FLAGGED_COLOUR
    assert total.marker.color[labels.index("United States")] != charts.FLAGGED_COLOUR
    reliable = [i for i, label in enumerate(labels) if not label.endswith("⚠")]
    assert max(reliable) < germany  # flagged rows after every reliable one
    assert "Flagged" in total.hovertext[germany]
    assert [trace.name for trace in fig.data] == ["All", "Men", "Women"]


def test_destinations_table_says_no_official_figure_rather_than_zero(frames):
    table = pd.DataFrame({"residence_iso3": ["USA", "XYZ"], "people": [10, 5], "known": [10, 0], "high": [3, 0],
                          "share": [0.3, float("nan")], "reliable": [True, False], "reason": ["", "suppressed_cells"]})
    out = charts.destinations_table(table, {"USA": "United States"}, "en", "western")
    share = out[t("official.tertiary_share", "en")].tolist()
    assert share[0].startswith("30") and share[1] == "no official figure"
    assert out[t("official.col.reliability", "en")].tolist() == ["reliable", "some cells are suppressed in the source"]


def test_occupation_bars_label_each_scheme_in_the_reader_language(frames):
    fig = charts.share_bars(so.occupations(frames["skills_oecd"], "us_soc2010"), "soc", "ar", "western", "t")
    assert "الإدارة" in fig.data[0].y and not any(label.startswith("USA_") for label in fig.data[0].y)
    isco = charts.share_bars(so.occupations(frames["skills_oecd"], "isco08"), "isco", "en", "western", "t")
    assert isco.data[0].y[5] == "Service and sales workers" and isco.data[0].text[5] == "23.4%"


def test_brain_drain_chart_shows_the_2010_tertiary_rate(frames):
    fig = charts.brain_drain_chart(so.brain_drain(frames["brain_drain"]), "en", "western", "t")
    high = next(trace for trace in fig.data if trace.name.startswith("High"))
    assert round(100 * high.y[list(high.x).index(2010)], 1) == 12.6


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_panel_line_gives_the_figure_the_reason_or_no_official_figure(frames, lang):
    dioc = frames["skills_dioc_e"]
    usa = charts.panel_text(so.official_education(dioc, "USA"), lang, "western")
    assert "31.9%" in usa and "120,925" in usa
    germany = charts.panel_text(so.official_education(dioc, "DEU"), lang, "western")
    assert t("official.reason.ratio_undesa", lang) in germany
    assert charts.panel_text(so.official_education(dioc, "JOR"), lang, "western") == t("official.no_figure", lang)
    assert "0" not in charts.panel_text(None, lang, "western")


def test_official_code_takes_no_vocabulary_from_the_generator():
    from pathlib import Path

    import dashboard.skills_official as module

    imports = [line for line in Path(module.__file__).read_text(encoding="utf-8").splitlines()
               if line.startswith(("from ", "import "))]
    assert imports and not any("skills_sample" in line for line in imports)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_sample_basis_table_says_row_by_row_what_is_calibrated(lang):
    from dashboard.skills_sample import calibration_table

    table = charts.calibration_display(calibration_table(), lang)
    rows = table.set_index(t("skills.calib.col_variable", lang))[t("skills.calib.col_basis", lang)]
    assert rows[t("skills.calib.var.education", lang)] == t("skills.calib.basis.calibrated", lang)
    assert rows[t("skills.calib.var.occupation_isco", lang)] == t("skills.calib.basis.calibrated", lang)
    for variable in ("field_of_study", "languages", "interest"):
        assert rows[t(f"skills.calib.var.{variable}", lang)] == t("skills.calib.basis.assumption", lang)
    assert not any(value.startswith("skills.calib") for value in table.to_numpy().ravel())  # every key translated
