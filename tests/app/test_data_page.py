"""The Data page: upload, check, publish as a named analyst (every page then shows it), explore-only without one;
wrong passphrases lock publishing across sessions and restarts."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.i18n import t
from dashboard.pages import page
from dashboard.registry import Registry
from dashboard.store import Store
from tests.app.conftest import ENTRYPOINT, reader_text

PASSPHRASE = "erbil-workshop-2015"
ANALYST = "analyst.a"
PUBLISH = "Publish as the new active version"
ORIGINAL_2020 = "2,077,976"
DOUBLED_2020 = "4,155,952"  # every figure of Rev.2020 doubled
DOUBLED_DEU_2020 = 452960


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty data directory for this test, and a registry (cache_resource) that uses it."""
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(auth.OLD_SETTING, raising=False)
    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    monkeypatch.setattr(auth, "_BUDGET", auth._CheckBudget(auth.CHECKS_PER_MINUTE))
    st.cache_resource.clear()
    yield tmp_path / "home"
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def doubled_csv() -> bytes:
    frame = Registry().get("migrant_stock").frame
    return frame.assign(migrants=frame["migrants"] * 2).to_csv(index=False).encode("utf-8")


def _analysts() -> dict[str, str]:
    return {ANALYST: auth.hash_passphrase(PASSPHRASE, iterations=auth.MIN_ITERATIONS)}


def _data_page(analysts: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    if analysts is not None:
        at.secrets[auth.SECRETS_SECTION] = analysts
    at.run()
    return at.switch_page(page("data").file).run()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, "text/csv"))
    return at.run()


def _publish(at: AppTest, passphrase: str, analyst: str = ANALYST, confirm: bool = True) -> AppTest:
    """Fill the publish form and click Publish; tick the confirmation when the page asks for one."""
    for key, value in {"pub_title": "Iraqi-born abroad, test revision", "pub_publisher": "Test ministry",
                       "pub_citation": "Test ministry (2025)", "pub_analyst": analyst,
                       "pub_passphrase": passphrase}.items():
        at.text_input(key=key).input(value)
    if confirm and any(c.key == "pub_confirm" for c in at.checkbox):
        at.checkbox(key="pub_confirm").check()
    next(b for b in at.button if b.label == PUBLISH).click()
    return at.run()


def _overview_diaspora(at: AppTest) -> str:
    at.switch_page(page("overview").file).run()
    return {m.label: m.value for m in at.metric}["Iraqi-born living abroad, 2020"]


def test_publishing_with_the_passphrase_changes_every_page(home, doubled_csv):
    at = _data_page(_analysts())
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
    assert Store(home).events()[["who", "action", "version"]].values.tolist() == [[ANALYST, "publish", "v4"]]


def test_without_a_configured_passphrase_shared_data_never_changes(home, doubled_csv):
    at = _upload(_data_page(), "stock.csv", doubled_csv)
    at = _publish(at, PASSPHRASE)
    assert at.error[-1].value.startswith("Publishing is switched off on this server: no analyst is configured.")
    assert not Store(home).exists()
    assert _overview_diaspora(at) == ORIGINAL_2020


def test_six_wrong_passphrases_over_three_sessions_and_a_restart_are_refused_then_the_account_is_logged(
        home, doubled_csv):
    analysts = _analysts()
    wrong = []
    for session in range(3):  # three browser sessions; before the third, a restart (every cache and object anew)
        if session == 2:
            st.cache_resource.clear()
        at = _upload(_data_page(analysts), "stock.csv", doubled_csv)
        for _ in range(2):
            at = _publish(at, "guess")
            wrong.append(at.error[-1].value)
    assert wrong[:4] == [f"The analyst name or passphrase is not correct. Nothing was changed. {left} attempts "
                         "left before publishing is locked." for left in (4, 3, 2, 1)]
    assert wrong[4].startswith("Publishing is locked after too many wrong passphrases")
    assert wrong[5].startswith("Publishing is locked after too many wrong passphrases")  # the sixth: not checked
    at = _publish(at, PASSPHRASE)  # the right passphrase during the lockout is refused too
    assert at.error[-1].value.startswith("Publishing is locked after too many wrong passphrases")
    assert "Try again in 1 min" in at.error[-1].value
    assert _overview_diaspora(at) == ORIGINAL_2020
    assert Store(home).events().empty
    # the lockout lifts (an operator, or the wait expires): the right passphrase publishes, logged as the account
    assert auth.main(["unlock", ANALYST, "--address", "unknown"]) == 0
    at = _upload(_data_page(analysts), "stock.csv", doubled_csv)
    at = _publish(at, PASSPHRASE, analyst="Analyst.A")  # the name as typed is not what the log records
    assert at.success[-1].value.startswith("Published: Migrant stock version v4")
    assert Store(home).events()["who"].tolist() == [ANALYST]


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
    at = _data_page(_analysts())
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


def test_a_partial_file_cannot_be_published_without_a_confirmation_that_names_the_removed_countries(home):
    full = Registry().get("migrant_stock").frame
    kept = ["DEU", "SWE", "USA"]
    assert full["destination_iso3"].nunique() == 72  # the "71-country" dataset: 72 destinations
    three = full[full["destination_iso3"].isin(kept)].to_csv(index=False).encode("utf-8")
    at = _upload(_data_page(_analysts()), "three.csv", three)
    warning = " ".join(w.value for w in at.warning)
    assert "This version drops 69 destinations that the active version has:" in warning
    for removed in ("Turkey", "Jordan", "United Kingdom", "Australia"):  # names, not ISO codes
        assert removed in warning
    assert "Germany" not in warning.split("has:")[1].split(".")[0]
    assert "The total for 2020 would change from 2,077,976 to" in warning
    # without the tick: refused, nothing stored, nothing checked
    at = _publish(at, PASSPHRASE, confirm=False)
    assert at.error[-1].value.startswith("Nothing was published: this version drops destinations")
    assert not Store(home).exists()
    assert _overview_diaspora(at) == ORIGINAL_2020
    # with it: published, and the passphrase field is empty again (no second click with it filled in)
    at = _upload(_data_page(_analysts()), "three.csv", three)
    at = _publish(at, PASSPHRASE, confirm=True)
    assert at.success[-1].value.startswith("Published: Migrant stock version v4")
    assert at.text_input(key="pub_passphrase").value == ""
    assert not any(box.value for box in at.checkbox if box.key == "pub_confirm")


def test_a_wrong_passphrase_is_cleared_from_the_field(home, doubled_csv):
    at = _publish(_upload(_data_page(_analysts()), "stock.csv", doubled_csv), "guess")
    assert at.error[-1].value.startswith("The analyst name or passphrase is not correct.")
    assert at.text_input(key="pub_passphrase").value == ""
    assert at.text_input(key="pub_title").value == "Iraqi-born abroad, test revision"  # the rest is kept


def test_a_picked_country_is_applied_and_checked_again_without_a_new_upload(home):
    at = _data_page(_analysts())
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


def test_after_a_rollback_the_tables_tick_the_new_active_version_and_say_so_at_once(home, doubled_csv):
    at = _publish(_upload(_data_page(_analysts()), "stock.csv", doubled_csv), PASSPHRASE)
    at.selectbox(key="versions_dataset").set_value("migrant_stock").run()

    def active_versions() -> list[list[str]]:
        """The ticked migrant-stock version in every table that lists versions (Sources and Versions tabs)."""
        tables = [d.value for d in at.dataframe if {"Version", "Active"} <= set(d.value.columns)]
        tables = [tb[tb["Dataset"] == "migrant_stock"] if "Dataset" in tb.columns else tb for tb in tables]
        return [tb.loc[tb["Active"].astype(bool), "Version"].tolist() for tb in tables]

    assert active_versions() == [["v4"], ["v4"]]
    at.selectbox(key="rollback_version").set_value("rev2020")
    at.text_input(key="rollback_who").input(ANALYST)
    at.text_input(key="rollback_passphrase").input(PASSPHRASE)
    next(b for b in at.button if b.label == t("data.rollback_button", "en")).click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # the outcome shows, and the passphrase is cleared, even with a file still waiting in the upload tab
    assert "Migrant stock: version rev2020 is active again on every page." in [s.value for s in at.success]
    assert at.text_input(key="rollback_passphrase").value == ""
    assert active_versions() == [["rev2020"], ["rev2020"]]   # at once, without a reload


def test_after_exploring_an_upload_the_map_shows_the_revision_the_reader_picks(home):
    """The explored upload is the map's first revision; picking Rev.2020 shows Rev.2020 (by sex), not the upload
    with its note that it "reports men and women together only: choose Rev.2020"."""
    totals_only = Registry().get("migrant_stock", "rev2019").frame.to_csv(index=False).encode("utf-8")
    at = _upload(_data_page(), "stock_totals.csv", totals_only)
    at.button(key="explore").click().run()
    at.switch_page(page("map").file).run()
    assert any(reader_text(i.value).startswith("stock_totals.csv reports men and women together only")
               for i in at.info)
    at.selectbox(key="map_rev").set_value("rev2020").run()
    assert not at.exception
    assert not [i.value for i in at.info if "together only" in i.value]
    assert at.segmented_control(key="map_sex").options == ["Total", "Men", "Women"]
    assert at.select_slider(key="map_year").options[-1] == "2020"


@pytest.mark.parametrize(("lang", "all_years"), [("en", "All years"), ("ar", "كل السنوات")])
def test_a_file_without_years_compares_its_total_as_all_years_in_the_readers_language(home, lang, all_years):
    survey = Registry().get("skills").frame.head(300).to_csv(index=False).encode("utf-8")
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at = at.switch_page(page("data").file).run()
    at.selectbox(key="upload_kind").set_value("skills").run()
    at = _upload(at, "survey.csv", survey)
    assert not at.exception, [e.message for e in at.exception]
    year = t("data.col_year", lang)
    compared = [d.value for d in at.dataframe if year in d.value.columns]   # the totals and the largest changes
    assert len(compared) == 2 and all(set(tb[year].astype(str)) == {all_years} for tb in compared), compared
