"""The Diaspora map page through the router: headline numbers, filters, the country panel, downloads, links."""

from __future__ import annotations

import hashlib
import io
import json

import pandas as pd

from dashboard.paths import REPO_ROOT
from tests.app.conftest import plotly_figures

MAP = "map"
SHAPES = REPO_ROOT / "static" / "world_boundaries.json"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_2020_total_puts_the_united_states_first(open_page):
    at = open_page(MAP)
    assert not at.exception, [e.message for e in at.exception]
    shown = metrics(at)
    assert shown["Largest destination, 2020: United States"] == "256,028"
    assert shown["Iraqi-born people abroad, 2020 (Total)"] == "2,077,976"
    assert shown["Countries of residence recorded, 2020"] == "71"
    captions = " ".join(c.value for c in at.caption)
    assert "Rev.2020" in captions and "United Nations DESA" in captions


def test_1990_puts_iran_first_and_women_in_2020_put_turkey_first(open_page):
    at = open_page(MAP)
    at.select_slider(key="map_year").set_value(1990).run()
    assert metrics(at)["Largest destination, 1990: Iran"] == "290,278"
    at.select_slider(key="map_year").set_value(2020).run()
    at.segmented_control(key="map_sex").set_value("female").run()
    assert metrics(at)["Largest destination, 2020: Turkey"] == "193,875"
    assert at.query_params["map_sex"] == "female" and at.query_params["map_year"] == "2020"


def test_the_map_figure_carries_the_values_shown(open_page):
    at = open_page(MAP)
    figure = plotly_figures(at)[0]
    destinations = next(t for t in figure["data"] if t.get("name") == "Countries of residence")
    assert destinations["customdata"][destinations["locations"].index("USA")][:3] == ["USA", "United States",
                                                                                   "256,028"]
    assert figure["layout"]["coloraxis"]["cmax"] == 256_028
    # the shapes are the served file (fetched once by the browser), not inside the figure sent on every update
    assert {t["geojson"] for t in figure["data"] if t["type"] == "choropleth"} == {
        f"/app/static/world_boundaries.json?v={hashlib.sha256(SHAPES.read_bytes()).hexdigest()[:12]}"}
    assert "coordinates" not in json.dumps(figure)


def test_the_download_contains_exactly_the_rows_shown_with_the_source(open_page, downloads):
    at = open_page(MAP, map_sex="female", map_year="2015")
    at.session_state["map_table_open"] = True  # open "Show the table behind this chart"
    at.run()
    shown = at.dataframe[0].value
    assert shown.iloc[0][["Country of residence", "Iraqi-born people"]].tolist() == ["United States", 108_539]
    csv = downloads["iraqi_born_by_destination_rev2020_2015_female_people.csv"].decode("utf-8-sig")
    body, _, source = csv.partition("\n\n")
    downloaded = pd.read_csv(io.StringIO(body))
    assert downloaded["Country of residence"].tolist() == shown["Country of residence"].tolist()
    assert downloaded["Iraqi-born people"].tolist() == shown["Iraqi-born people"].tolist()
    assert len(downloaded) == len(shown) > 50
    assert "Rev.2020" in source and "2015" in source and "Women" in source
    workbook = pd.read_excel(io.BytesIO(downloads["iraqi_born_by_destination_rev2020_2015_female_people.xlsx"]),
                             sheet_name=None)
    assert workbook["data"]["Iraqi-born people"].tolist() == shown["Iraqi-born people"].tolist()
    assert "Rev.2020" in workbook["source"]["source"].iloc[0]


def test_a_link_reopens_the_same_view_with_the_country_panel(open_page):
    at = open_page(MAP, map_year="2005", map_sex="male", map_measure="share", map_country="DEU")
    assert not at.exception, [e.message for e in at.exception]
    assert at.select_slider(key="map_year").value == 2005
    assert at.segmented_control(key="map_sex").value == "male"
    assert at.selectbox(key="map_measure").value == "share"
    assert [h.value for h in at.subheader] == ["Germany"]
    shown = metrics(at)
    assert shown["Iraqi-born people, 2005 (Men)"] == "48,646"
    assert shown["Refugees and asylum-seekers of Iraqi origin, end-2005"] == "58,612"  # UNHCR: 52,922 + 5,690
    assert at.query_params["map_country"] == "DEU"


def test_country_panel_shows_series_refugees_and_skills(open_page):
    at = open_page(MAP)
    at.selectbox(key="map_country").set_value("DEU").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = metrics(at)
    assert shown["Iraqi-born people, 2020 (Total)"] == "226,480"
    assert shown["Rank among 71 countries"] == "3"
    assert shown["Refugees and asylum-seekers of Iraqi origin, end-2019"] == "176,540"
    panel = next(f for f in plotly_figures(at) if "Germany" in f["layout"]["title"]["text"])
    bars = {t["name"] for t in panel["data"] if t["type"] == "bar"}
    assert bars == {"Refugees", "Asylum-seekers"}
    assert any("Illustrative sample, calibrated to OECD DIOC; interests are assumptions" in c.value
               for c in at.caption)  # the sample says what it is
    assert at.query_params["map_country"] == "DEU"


def test_a_country_with_no_iraqi_born_people_says_so(open_page):
    at = open_page(MAP, map_country="MNG")
    texts = " ".join(i.value for i in at.info)
    assert "Rev.2020 records no Iraqi-born people living in Mongolia." in texts


def test_unknown_values_in_a_link_fall_back_to_defaults_with_a_notice(open_page):
    at = open_page(MAP, map_year="1889", map_country="XXX", map_measure="bogus", map_rev="rev1900")
    assert not at.exception and not at.error
    notices = " ".join(i.value for i in at.info)
    for value in ("1889", "XXX", "bogus", "rev1900"):
        assert f"“{value}”" in notices
    assert at.select_slider(key="map_year").value == 2020
    assert at.selectbox(key="map_measure").value == "people"
    assert at.selectbox(key="map_country").value is None
    assert metrics(at)["Largest destination, 2020: United States"] == "256,028"


def test_rev2019_has_its_own_years_and_no_sex_split(open_page):
    at = open_page(MAP)
    at.selectbox(key="map_rev").set_value("rev2019").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.select_slider(key="map_year").options[-1] == "2019"
    assert at.select_slider(key="map_year").value == 2019  # 2020 does not exist in Rev.2019
    assert at.segmented_control(key="map_sex").options == ["Total"]
    captions = " ".join(c.value for c in at.caption)
    assert "Rev.2019" in captions and "Rev.2020" not in captions


def test_change_measure_enables_the_base_year_and_disables_the_log_scale(open_page):
    at = open_page(MAP, map_measure="change", map_base="1990")
    assert not at.selectbox(key="map_base").disabled and at.toggle(key="map_log").disabled
    figure = plotly_figures(at)[0]
    assert figure["layout"]["coloraxis"]["cmin"] == -figure["layout"]["coloraxis"]["cmax"]  # white = no change
    assert "1990–2020" in figure["layout"]["title"]["text"]


def test_trends_tabs_build_only_the_open_tab(open_page):
    at = open_page(MAP)
    titles = [f["layout"]["title"]["text"] for f in plotly_figures(at)]
    assert any(title.startswith("The whole diaspora, 1990–2020") for title in titles)
    assert not any("UN M49 region" in title for title in titles)
    at.session_state["map_trend_tab"] = "By region"
    at.run()
    titles = [f["layout"]["title"]["text"] for f in plotly_figures(at)]
    assert any("UN M49 region" in title for title in titles)


def test_arabic_page_uses_arabic_labels_and_digits(open_page):
    """Years in labels follow the digits chosen, as the values do."""
    at = open_page(MAP)
    at.selectbox(key="lang").set_value("ar").run()
    at.radio(key="digits").set_value("arabic").run()
    assert not at.exception
    assert at.title[0].value == "أين يعيش المغتربون العراقيون"
    assert metrics(at)["أكبر بلد إقامة، ٢٠٢٠: الولايات المتّحدة"] == "٢٥٦٬٠٢٨"


def test_rev2024_shows_mid_2024_with_france_not_estimated_on_map_table_and_download(open_page, downloads):
    at = open_page(MAP, map_rev="rev2024")
    assert not at.exception, [e.message for e in at.exception]
    assert at.select_slider(key="map_year").options == ["2024"]
    assert at.segmented_control(key="map_sex").options == ["Total"]
    assert any("Rev.2024 reports men and women together only" in i.value for i in at.info)
    shown = metrics(at)
    assert shown["Iraqi-born people abroad, 2024 (Total)"] == "2,313,028"
    assert shown["Largest destination, 2024: Turkey"] == "403,670"
    captions = " ".join(c.value for c in at.caption)
    assert "Not estimated in Rev.2024 (not zero):" in captions and "France" in captions and "Kuwait" in captions
    land = plotly_figures(at)[0]["data"][0]
    france = land["locations"].index("FRA")
    assert land["hovertext"][france] == "France" and land["text"][france] == "not estimated in this revision"
    assert any("one year (2024)" in i.value for i in at.info)  # no one-point trends

    at.session_state["map_table_open"] = True
    at.run()
    table = at.dataframe[0].value
    france = table[table["ISO3 code"] == "FRA"].iloc[0]
    assert france["Note"] == "not estimated in this revision" and pd.isna(france["Iraqi-born people"])
    csv = downloads["iraqi_born_by_destination_rev2024_2024_total_people.csv"].decode("utf-8-sig")
    body, _, source = csv.partition("\n\n")
    downloaded = pd.read_csv(io.StringIO(body))
    row = downloaded[downloaded["ISO3 code"] == "FRA"].iloc[0]
    assert row["Note"] == "not estimated in this revision" and pd.isna(row["Iraqi-born people"])
    assert downloaded["Iraqi-born people"].sum() == 2_313_028 and "Rev.2024" in source


def test_the_country_panel_says_not_estimated_for_france_in_rev2024(open_page):
    at = open_page(MAP, map_rev="rev2024", map_country="FRA")
    assert not at.exception, [e.message for e in at.exception]
    assert metrics(at)["Iraqi-born people, 2024 (Total)"] == "–"
    assert any(i.value.startswith("France: not estimated in this revision (Rev.2024). This is not zero")
               for i in at.info)


def test_a_published_version_with_fewer_destinations_shows_the_rest_as_not_in_this_version(open_page, tmp_path,
                                                                                          monkeypatch):
    import streamlit as st

    from dashboard.registry import Registry
    from dashboard.store import PublishRequest, Store

    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    st.cache_resource.clear()
    registry = Registry(store=Store(tmp_path / "home"))
    bundled = registry.get("migrant_stock").frame
    registry.publish(PublishRequest(
        dataset_id="migrant_stock", frame=bundled[bundled["destination_iso3"].isin(["USA", "DEU", "TUR"])],
        title="Three destinations", publisher="Test ministry", citation="Test (2025)", published_by="Analyst A",
        source_file="three.csv", file_sha256="cd" * 32))
    try:
        at = open_page(MAP, map_country="SWE")
        assert not at.exception, [e.message for e in at.exception]
        assert metrics(at)["Countries of residence recorded, 2020"] == "3"
        captions = " ".join(c.value for c in at.caption)
        assert "Not in this version (not zero):" in captions and "Sweden" in captions and "Rev.2020" in captions
        assert any(i.value.startswith("Sweden: not in this version") for i in at.info)
        land = plotly_figures(at)[0]["data"][0]
        assert land["text"][land["locations"].index("SWE")] == "not in this version"
    finally:
        st.cache_resource.clear()


def test_refugee_bars_say_they_count_both_sexes_when_one_sex_is_chosen(open_page):
    """UNHCR's series has no split by sex: with men or women chosen, the panel and the trend say so."""
    from dashboard.i18n import t

    note = t("map.panel_refugees_both_sexes", "en")
    chosen = open_page(MAP, map_sex="female", map_country="DEU")
    assert not chosen.exception
    assert sum(note in caption.value for caption in chosen.caption) == 2     # the panel and the trend tab
    total = open_page(MAP, map_sex="total", map_country="DEU")
    assert not any(note in caption.value for caption in total.caption)
