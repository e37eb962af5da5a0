"""The Data page: upload, check, publish with the passphrase (every page then shows it), explore-only without it."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.pages import page
from dashboard.registry import Registry
from dashboard.store import Store
from tests.app.conftest import ENTRYPOINT, reader_text

PASSPHRASE = "erbil-workshop-2015"
PUBLISH = "Publish as the new active version"
ORIGINAL_2020 = "2,077,976"
DOUBLED_2020 = "4,155,952"  # every figure of Rev.2020 doubled
DOUBLED_DEU_2020 = 452960


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty data directory for this test, and a registry (cache_resource) that uses it."""
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(auth.SETTING, raising=False)
    st.cache_resource.clear()
    yield tmp_path / "home"
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def doubled_csv() -> bytes:
    frame = Registry().get("migrant_stock").frame
    return frame.assign(migrants=frame["migrants"] * 2).to_csv(index=False).encode("utf-8")


def _data_page(secret: str | None = None) -> AppTest:
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    if secret is not None:
        at.secrets[auth.SETTING] = secret
    at.run()
    return at.switch_page(page("data").file).run()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, "text/csv"))
    return at.run()


def _publish(at: AppTest, passphrase: str) -> AppTest:
    for key, value in {"pub_title": "Iraqi-born abroad, test revision", "pub_publisher": "Test ministry",
                       "pub_citation": "Test ministry (2025)", "pub_published_by": "Analyst A",
                       "pub_passphrase": passphrase}.items():
        at.text_input(key=key).input(value)
    next(b for b in at.button if b.label == PUBLISH).click()
    return at.run()


def _overview_diaspora(at: AppTest) -> str:
    at.switch_page(page("overview").file).run()
    return {m.label: m.value for m in at.metric}["Iraqi-born living abroad, 2020"]


def test_publishing_with_the_passphrase_changes_every_page(home, doubled_csv):
    at = _data_page(auth.hash_passphrase(PASSPHRASE, iterations=1000))
    at = _upload(at, "stock.csv", doubled_csv)
    assert not at.exception
    assert at.success[0].value == "All checks passed: 1,401 rows ready."
    at = _publish(at, PASSPHRASE)
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[-1].value == ("Published: Migrant stock version v4 is now active on every page. The previous "
                                    "version is kept and can be made active again under Versions.")
    assert _overview_diaspora(at) == DOUBLED_2020
    # The map page (any version of it) shows the new figure for Germany in 2020 somewhere: a metric, table or map.
    at.query_params["map_country"] = "DEU"
    at.switch_page(page("map").file).run()
    assert not at.exception
    shown = json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")]) + " ".join(
        str(m.value) for m in at.metric) + " ".join(df.value.to_csv() for df in at.dataframe)
    assert str(DOUBLED_DEU_2020) in shown or f"{DOUBLED_DEU_2020:,}" in shown
    # Another session (another official) sees the published version too, and the store is sound.
    assert _overview_diaspora(AppTest.from_file(ENTRYPOINT, default_timeout=60).run()) == DOUBLED_2020
    assert Store(home).integrity_check() == "ok"


def test_without_a_configured_passphrase_shared_data_never_changes(home, doubled_csv):
    at = _upload(_data_page(), "stock.csv", doubled_csv)
    at = _publish(at, PASSPHRASE)
    assert at.error[-1].value.startswith("Publishing is switched off on this server: no analyst passphrase is "
                                         "configured.")
    assert not Store(home).exists()
    assert _overview_diaspora(at) == ORIGINAL_2020


def test_wrong_passphrases_lock_the_session_out(home, doubled_csv):
    at = _upload(_data_page(auth.hash_passphrase(PASSPHRASE, iterations=1000)), "stock.csv", doubled_csv)
    for left in (4, 3, 2, 1):
        at = _publish(at, "guess")
        assert at.error[-1].value == (f"The passphrase is not correct. Nothing was changed. {left} attempts left in "
                                      "this session.")
    for _ in range(2):  # the fifth failure locks; even the right passphrase is then refused
        at = _publish(at, PASSPHRASE if _ else "guess")
        assert at.error[-1].value.startswith("Publishing is locked for this session after 5 wrong passphrases.")
    assert not Store(home).exists()
    assert _overview_diaspora(at) == ORIGINAL_2020


def test_explore_only_shows_the_upload_to_this_session_alone(home, doubled_csv):
    at = _upload(_data_page(), "stock.csv", doubled_csv)
    at.button(key="explore").click().run()
    assert not at.exception
    assert reader_text(at.info[0].value).startswith(
        "Only you see this: Migrant stock on every page comes from your upload stock.csv")
    assert _overview_diaspora(at) == DOUBLED_2020
    assert any(i.value.startswith("Only you see this: these figures come from a file you uploaded")
               for i in at.info)
    assert _overview_diaspora(AppTest.from_file(ENTRYPOINT, default_timeout=60).run()) == ORIGINAL_2020
    assert not Store(home).exists()


def test_a_bad_file_shows_its_problems_and_publishes_nothing(home):
    at = _data_page(auth.hash_passphrase(PASSPHRASE, iterations=1000))
    at = _upload(at, "bad.csv", b"destination_iso3,year,migrants\nGermny,2020,5\nSWE,2020,-3\n")
    assert at.error[0].value.startswith("Problems found: 2. Nothing was published.")
    report = next(df.value for df in at.dataframe if "Problem and what to do" in df.value.columns)
    messages = report["Problem and what to do"].tolist()
    assert messages == [
        "Row 2, column destination_iso3: “Germny” is not a country we recognise (rows with this value: 1). Did you "
        "mean: Germany (DEU)? Use the ISO3 code (for example DEU) or the English or Arabic name.",
        "Row 3, column migrants: -3 is negative. Counts cannot be below zero."]
    assert not any(b.label == PUBLISH for b in at.button)
    assert not Store(home).exists()


def test_a_picked_country_is_applied_and_checked_again_without_a_new_upload(home):
    at = _data_page(auth.hash_passphrase(PASSPHRASE, iterations=1000))
    at = _upload(at, "typo.csv", b"destination_iso3,year,migrants\nGermny,2020,5\nJordn,2020,7\n")
    assert at.error[0].value.startswith("Problems found: 2. Nothing was published.")
    germny, jordn = (next(s for s in at.selectbox if s.label.startswith(f"“{name}”")) for name in ("Germny", "Jordn"))
    assert germny.value == "DEU"  # the suggestion comes first and is preselected
    jordn.set_value("JOR")
    at = next(b for b in at.button if b.label == "Apply the chosen countries and check again").click().run()
    assert not at.error
    assert at.success[0].value.startswith("All checks passed")
    preview = next(df.value for df in at.dataframe if "destination_iso3" in df.value.columns and len(df.value) == 2)
    assert preview[["destination_iso3", "migrants"]].values.tolist() == [["DEU", 5], ["JOR", 7]]
    assert any(b.label == PUBLISH for b in at.button)
    assert not Store(home).exists()


def test_a_hostile_file_is_refused_by_its_limit_on_the_page(home):
    from tests.test_validation_bad_files import BAD

    at = _data_page()
    at = _upload(at, "columns_100000.csv", (BAD / "columns_100000.csv").read_bytes())
    assert [reader_text(e.value) for e in at.error] == [
        "columns_100000.csv has 100,000 columns; the limit is 500. Keep only the columns of the table (delete empty "
        "or unused columns to the right), or export just the table as CSV."]
    assert not at.exception
    assert not Store(home).exists()
