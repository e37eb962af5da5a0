"""Issue 15's payload corpus through every URL parameter, dataset metadata field and scenario name, through the
router: shown as typed, never as a link, image, colour, icon or spreadsheet formula, and never an error page.

What Streamlit would render is judged on the Markdown source the app sends (AppTest does not render); the browser
test (tests/e2e/test_outside_text_browser.py) checks the rendered page and the requests it makes.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.exports import is_formula
from dashboard.registry import Registry
from dashboard.scenario.spec import Scenario, to_url
from dashboard.store import PublishRequest
from tests.app.conftest import plotly_figures, reader_text
from tests.payloads import EVIL_HOST, SHORT

MAP, SKILLS, SCENARIOS, DATA = "map", "skills", "scenarios", "data"
EVERY_PAGE_KEYS = ("lang", "digits", "present", "step")
URL_KEYS = {
    MAP: ("map_rev", "map_year", "map_sex", "map_measure", "map_base", "map_log", "map_country"),
    SKILLS: ("skills_countries", "skills_region", "skills_sex", "skills_age", "skills_education_filter",
             "skills_field", "skills_sector", "skills_mode"),
    SCENARIOS: ("scn",),
}
#: Markdown that would render as markup if it reached Streamlit unescaped.
LIVE = [re.compile(p) for p in (
    r"(?<!\\)\]\(", r"(?<!\\)!\[", r"(?<!\\):red\\?\[", r"(?<!\\)<a", r"(?<!\\)<img", r"https?:(?!\u2060)",
    r"www\\?\.", r"@(?!\u2060)\w", r"(?<!\\)(?<!\\\\)\$x",
)]


def _markdown_texts(at: AppTest) -> list[str]:
    """The Markdown source of every element that renders Markdown (text, notices, metric labels)."""
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "title",
                                  "header", "subheader") for e in getattr(at, kind)]
    texts += [str(m.label) + " " + str(m.proto.help) for m in at.metric]
    return texts


def _assert_plain(at: AppTest, payload: str | None = None) -> None:
    assert not at.exception, [e.message for e in at.exception]
    texts = _markdown_texts(at)
    suspicious = [t for t in texts if EVIL_HOST in t or "Official" in t or "onerror" in t or "SUM(" in t]
    for text in suspicious:
        assert not [p.pattern for p in LIVE if p.search(text)], text
    if payload is not None:   # the value reached the page, as typed (on one line)
        one_line = re.sub(r"[\s\x00-\x1f\x7f]+", " ", payload).strip()
        assert any(one_line in reader_text(t) for t in texts), (payload, texts)
    figures = json.dumps(plotly_figures(at))
    assert f"<a href='http://{EVIL_HOST}" not in figures and "<img src=x" not in figures


@pytest.mark.parametrize("payload", SHORT)
@pytest.mark.parametrize("page", [MAP, SKILLS])
def test_every_url_parameter_echoes_the_payload_as_text(open_page, page, payload):
    at = open_page(page, 60, **{key: payload for key in (*EVERY_PAGE_KEYS, *URL_KEYS[page])})
    _assert_plain(at, payload)


@pytest.mark.parametrize("payload", SHORT)
def test_a_payload_scenario_link_is_not_a_valid_scenario(open_page, payload):
    at = open_page(SCENARIOS, 60, scn=payload)
    _assert_plain(at)
    assert [e.value for e in at.error] == ["This link is not a valid scenario, so nothing was loaded. Use a link "
                                           "made with this page, or load a saved scenario file."]


def _link(payload: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(payload).decode("ascii").rstrip("=")


def _zlib_bomb() -> str:
    """About 440 KB of link that inflates to 320 MiB (the issue's 516 KB query took the server from 442 MB to
    1.2 GB). Streamlit itself drops a query string over 512 Ki characters, so a 1 MB link never reaches the page;
    tests/test_scenario_spec.py refuses that one in from_url."""
    import zlib

    packer, block = zlib.compressobj(9), bytes(16 << 20)
    return _link(b"".join(packer.compress(block) for _ in range(20)) + packer.flush())


def _deeply_nested() -> str:
    import zlib

    return _link(zlib.compress(('{"n":"A","l":{"x":' + "[" * 10_000 + "]" * 10_000 + "}}").encode()))


@pytest.mark.parametrize("make_link", [_zlib_bomb, _deeply_nested], ids=["zlib-bomb-440KB", "nesting-10000"])
def test_a_hostile_scenario_link_gets_the_plain_message_and_the_default_packages(open_page, make_link):
    at = open_page(SCENARIOS, 60, scn=make_link())
    assert not at.exception
    assert [e.value for e in at.error] == ["This link is not a valid scenario, so nothing was loaded. Use a link "
                                           "made with this page, or load a saved scenario file."]
    assert at.session_state["_scn_packages"]["A"] == Scenario(name="A").model_dump_json()


@pytest.mark.parametrize("name", SHORT)
def test_a_scenario_named_with_a_payload_shows_its_name_as_text(open_page, name):
    at = open_page(SCENARIOS, 60, scn=to_url(Scenario(name=name, levers={"card": None})))
    _assert_plain(at)
    assert not at.error
    names = [trace.get("name", "") for fig in plotly_figures(at) for trace in fig["data"]]
    assert any(n.startswith("A: ") for n in names), names


# -- dataset metadata: a version published with payloads in every field --------------------------------------
@pytest.fixture(params=[0, 3, 4, 5], ids=["md-link", "html-link", "img-onerror", "formula"])
def published(request, tmp_path, monkeypatch):
    """A store whose active migrant-stock, skills, official-education and remittance versions carry one payload in
    every metadata field."""
    payload = SHORT[request.param]
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    st.cache_resource.clear()
    registry = Registry()
    for dataset_id in ("migrant_stock", "skills", "skills_dioc_e", "remittances"):
        registry.publish(PublishRequest(
            dataset_id=dataset_id, frame=registry.get(dataset_id).frame, title=payload, publisher=payload,
            citation=payload, published_by=payload, source_file=payload, file_sha256="0" * 64, revision=payload,
            licence=payload, url=payload, built_by=payload))
    yield payload
    st.cache_resource.clear()


def _cells(name: str, data: bytes) -> list[object]:
    if name.endswith(".csv"):
        import csv

        return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row]
    book = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=object)
    return [c for sheet in book.values() for c in sheet.to_numpy().ravel().tolist()]


@pytest.mark.parametrize("page", ["overview", MAP, SKILLS, DATA])
def test_published_metadata_shows_as_text_and_downloads_are_neutralised(open_page, published, page, downloads):
    at = open_page(page, 60)
    if page == MAP:
        at.session_state["map_table_open"] = True
        at.run()
    _assert_plain(at)
    for name, data in downloads.items():
        live = [c for c in _cells(name, data) if is_formula(c)]
        assert not live, (name, live)
    if page == MAP:
        assert downloads, "the map page offered no download"


def test_published_official_metadata_shows_as_text_in_the_country_panel(open_page, published):
    at = open_page(MAP, 60, map_country="USA")
    assert any("DIOC" in c.value or published[:6] in reader_text(c.value) for c in at.caption)
    _assert_plain(at)
