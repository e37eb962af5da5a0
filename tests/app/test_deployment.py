"""Production settings: the offline base map follows server.baseUrlPath, fault injection is off by default,
and .streamlit/config.toml keeps the settings a ministry deployment relies on."""

from __future__ import annotations

import json
import tomllib

import pytest
from streamlit import config as st_config

from dashboard.paths import REPO_ROOT
from ui.shell import FAULT_INJECTION_ENV
from ui.widgets import static_url


@pytest.mark.parametrize(("base", "expected"), [
    (None, "/app/static/"),
    ("", "/app/static/"),
    ("diaspora", "/diaspora/app/static/"),
    ("/ministry/diaspora/", "/ministry/diaspora/app/static/"),
])
def test_static_url_includes_the_base_path(base, expected):
    assert static_url(base) == expected


@pytest.fixture
def base_url_path():
    """Set server.baseUrlPath for one test, as `--server.baseUrlPath` would, and restore it afterwards."""
    before = st_config.get_option("server.baseUrlPath")

    def _set(value: str) -> None:
        st_config.set_option("server.baseUrlPath", value)

    yield _set
    st_config.set_option("server.baseUrlPath", before)


def _topojson_urls(at) -> set[str]:
    return {json.loads(element.proto.config)["topojsonURL"] for element in at.get("plotly_chart")}


def test_charts_fetch_the_offline_base_map_from_the_root_by_default(open_page):
    at = open_page()
    assert _topojson_urls(at) == {"/app/static/"}


def test_charts_fetch_the_offline_base_map_under_the_base_path(open_page, base_url_path):
    base_url_path("ministry/diaspora")
    at = open_page()
    assert not at.exception
    assert _topojson_urls(at) == {"/ministry/diaspora/app/static/"}


def test_the_map_fetches_its_shapes_under_the_base_path(open_page, base_url_path):
    base_url_path("ministry/diaspora")
    at = open_page("map")
    assert not at.exception
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["geojson"].split("?")[0] for t in figure["data"] if t["type"] == "choropleth"} == {
        "/ministry/diaspora/app/static/world_boundaries.json"}


def test_fail_query_does_nothing_without_fault_injection(open_page, monkeypatch):
    monkeypatch.delenv(FAULT_INJECTION_ENV, raising=False)
    at = open_page(_fail="1")
    assert not at.exception
    assert not at.error
    assert at.title


def test_fault_injection_shows_only_the_apology_with_an_error_id(open_page, monkeypatch):
    monkeypatch.setenv(FAULT_INJECTION_ENV, "1")
    at = open_page(_fail="1")
    assert not at.exception
    assert len(at.error) == 1
    assert "error id" in at.error[0].value
    assert "Traceback" not in at.error[0].value


def test_production_settings_in_config_toml():
    settings = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["showErrorDetails"] == "none"
    assert settings["client"]["toolbarMode"] == "minimal"
    assert settings["server"]["enableXsrfProtection"] is True
    assert 0 < settings["server"]["maxUploadSize"] <= 200
    assert settings["server"]["enableStaticServing"] is True
    assert settings["server"]["headless"] is True
