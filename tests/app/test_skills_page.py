"""Skills page through the router: filters change the figures, small groups are hidden, the label follows the
active dataset."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard import skills as sk
from dashboard.i18n import t
from tests.app.conftest import plotly_figures, reader_text

PAGE = "skills"
SYNTHETIC = "Illustrative sample"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


OFFICIAL_TITLES = {t(f"official.{name}_title", lang) for lang in ("en", "ar")
                   for name in ("map", "ranked", "mix", "brain_waste", "employment", "unemployment", "isco", "soc",
                                "skill", "brain_drain")}


def sample_figures(at) -> list[dict]:
    """The figures of the survey-like part (below the official statistics), in page order."""
    return [fig for fig in plotly_figures(at)
            if (fig["layout"].get("title") or {}).get("text") not in OFFICIAL_TITLES]


def sample_tables(at) -> list:
    """The tables of the survey-like part (they count respondents; the official tables count people)."""
    return [d.value for d in at.dataframe if any(c in d.value.columns for c in ("Respondents", "المستجيبون",
                                                                                 "Id (pseudonymous)"))]


def _bars(at) -> dict[str, float]:
    """Category label -> bar length of the sample's first bar chart on the page."""
    trace = sample_figures(at)[0]["data"][0]
    return dict(zip(trace["y"], trace["x"], strict=True))


def test_changing_a_filter_changes_the_figures(open_page):
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    before, bars_before = _metrics(at), _bars(at)
    assert before["Respondents"] == "5,000"
    assert set(bars_before) >= {"Bachelor's degree", "Doctorate"}

    at.multiselect(key="skills_region").set_value(["Europe"]).run()
    after, bars_after = _metrics(at), _bars(at)
    assert not at.exception
    assert after["Respondents"] != before["Respondents"]
    assert bars_after["Doctorate"] != bars_before["Doctorate"]

    at.multiselect(key="skills_sex").set_value(["female"]).run()  # filters combine
    assert int(_metrics(at)["Respondents"].replace(",", "")) < int(after["Respondents"].replace(",", ""))


def test_every_section_shows_a_chart_or_list_with_its_table(open_page):
    at = open_page(PAGE, timeout=60)
    for section in ("compare", "priority", "finder", "distributions"):
        at.segmented_control(key="skills_section").set_value(section).run()
        assert not at.exception, (section, [e.message for e in at.exception])
        assert sample_tables(at), section
        assert len(at.get("download_button")) >= 2, section
    at.selectbox(key="skills_dimension").set_value("pyramid").run()
    pyramid = sample_figures(at)[0]["data"]
    assert [trace["name"] for trace in pyramid] == ["Men", "Women"]
    assert max(pyramid[0]["x"]) <= 0 <= min(pyramid[1]["x"])  # men to the left, women to the right


def test_cells_under_ten_respondents_show_as_suppressed(open_page):
    at = open_page(PAGE, timeout=60)
    at.multiselect(key="skills_countries").set_value(["SWE"]).run()  # 350 respondents
    at.selectbox(key="skills_dimension").set_value("occupation_isco").run()  # armed forces etc. are small
    table = sample_tables(at)[0]
    respondents = table["Respondents"]
    assert (respondents == sk.SUPPRESSED).any()
    small = table[respondents == sk.SUPPRESSED]
    assert (small.drop(columns=table.columns[0]) == sk.SUPPRESSED).all().all()
    bars = sample_figures(at)[0]["data"][0]
    hidden = [y for y, text in zip(bars["y"], bars["text"], strict=True) if text == sk.SUPPRESSED]
    assert hidden and all(_bars(at)[y] == 0 for y in hidden)  # the chart draws no bar for them either


def test_too_few_respondents_hides_everything_and_says_why(open_page):
    at = open_page(PAGE, timeout=60)
    at.multiselect(key="skills_countries").set_value(["SWE"]).run()
    at.multiselect(key="skills_education_filter").set_value(["doctorate"]).run()
    at.multiselect(key="skills_mode").set_value(["return"]).run()
    assert not at.exception
    assert _metrics(at)["Respondents"] == sk.SUPPRESSED
    assert any("Fewer than 10 respondents" in w.value for w in at.warning)
    assert not sample_figures(at) and not any("Respondents" in d.value.columns for d in at.dataframe)
    assert any(h.value == "What official statistics say" for h in at.header)  # the official figures stay


def test_talent_finder_lists_pseudonymous_matches(open_page):
    at = open_page(PAGE, timeout=60)
    at.multiselect(key="skills_field").set_value(["health"]).run()
    at.multiselect(key="skills_mode").set_value(["return"]).run()
    at.segmented_control(key="skills_section").set_value("finder").run()
    listing = sample_tables(at)[0]
    assert len(listing) >= sk.MIN_RESPONDENTS
    assert listing["Id (pseudonymous)"].str.match(r"^R\d{5}$").all()
    assert set(listing["Field of study"]) == {"Health"}
    assert listing["Interested in"].str.contains("Long-term return").all()
    assert "Email" not in listing


@pytest.fixture
def analyst_dataset(monkeypatch):
    """Another active skills dataset: the same rows under a real survey's metadata."""
    from ui import cached

    real = cached.dataset

    def fake(dataset_id: str, version: str | None = None):
        found = real(dataset_id, version)
        if dataset_id != "skills":
            return found
        meta = dataclasses.replace(found.meta, nature="real", title="Iraqi Experts Abroad Survey",
                                   publisher="Ministry of Planning", revision="wave 1", version="survey2025",
                                   sha256="f" * 64, year_min=2025, year_max=2025)
        return dataclasses.replace(found, meta=meta)

    monkeypatch.setattr(cached, "dataset", fake)


def test_synthetic_label_shows_with_the_sample(open_page):
    at = open_page(PAGE, timeout=60)
    assert any(SYNTHETIC in w.value for w in at.warning)


def test_label_switches_to_the_active_datasets_title_source_and_date(open_page, analyst_dataset):
    at = open_page(PAGE, timeout=60)
    assert not at.exception, [e.message for e in at.exception]
    assert not any(SYNTHETIC in w.value for w in at.warning)
    notice = " ".join(i.value for i in at.info)
    assert "Iraqi Experts Abroad Survey" in notice and "Ministry of Planning" in notice and "2025" in notice


def test_arabic_page_uses_arabic_labels(open_page):
    at = open_page(PAGE, timeout=60)
    at.session_state["lang"] = "ar"
    at.run()
    assert not at.exception
    assert "المستجيبون" in _metrics(at)
    assert "دكتوراه" in _bars(at)
    layout = sample_figures(at)[0]["layout"]
    low, high = layout["xaxis"]["range"]
    assert low > high == 0  # bars grow from the right, with room left for their labels
    assert layout["yaxis"]["side"] == "right"


def test_filters_live_in_the_url_and_a_link_reopens_them(open_page):
    at = open_page("skills", skills_sex="female", skills_mode="return")
    assert not at.exception
    assert at.multiselect(key="skills_sex").value == ["female"]
    assert at.multiselect(key="skills_mode").value == ["return"]
    filtered = {m.label: m.value for m in at.metric}
    everyone = open_page("skills")
    assert filtered != {m.label: m.value for m in everyone.metric}
    everyone.multiselect(key="skills_region").set_value(["Europe"]).run()
    everyone.multiselect(key="skills_sex").set_value(["male", "female"]).run()
    assert everyone.query_params.get("skills_region") == "Europe"
    assert everyone.query_params.get("skills_sex") == "male,female"


def test_unknown_filter_value_in_link_is_dropped_with_a_notice(open_page):
    at = open_page("skills", skills_sex="female,robot")
    assert not at.exception
    assert at.multiselect(key="skills_sex").value == ["female"]
    assert any("female,robot" in reader_text(i.value) for i in at.info)


def test_a_filter_that_leaves_no_group_says_so_instead_of_an_empty_chart(open_page):
    at = open_page(PAGE, timeout=60)
    at.multiselect(key="skills_countries").set_value(["DEU"]).run()
    at.multiselect(key="skills_sex").set_value(["female"]).run()
    at.segmented_control(key="skills_section").set_value("priority").run()
    assert not at.exception
    empty = [fig for fig in sample_figures(at) if not any(len(trace.get("x") or []) for trace in fig["data"])]
    assert not empty, [fig["layout"].get("title") for fig in empty]
    assert any(f"at least {sk.MIN_RESPONDENTS} respondents" in i.value for i in at.info)
