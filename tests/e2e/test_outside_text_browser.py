"""Issue 15's payload corpus in a real browser: through every URL parameter of the map and skills pages, a
scenario link and the metadata of a published dataset. Nothing renders as a link, image, colour or icon, no dialog
opens, no request leaves 127.0.0.1, and the server (under the offline guard) reaches nothing outside either."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from dashboard.registry import Registry
from dashboard.scenario.spec import Scenario, to_url
from dashboard.store import PublishRequest
from tests.app.test_outside_text import URL_KEYS
from tests.e2e.conftest import ARTIFACTS, offline_guard_env, start_server
from tests.payloads import EVIL_HOST, SHORT

#: The corpus for the browser: the Markdown and HTML payloads, Streamlit's shortcodes (an icon the app never uses,
#: its logo image, an emoji) and the addresses Streamlit links by itself.
BROWSER_PAYLOADS = [*SHORT[:5], ":material/bolt: :streamlit: :smile:", f"www.{EVIL_HOST} a@{EVIL_HOST}"]

#: Markup a payload would have produced if it had been rendered: links, images, colours, icons, maths, emoji.
RENDERED_PAYLOAD = """() => {
  const found = [];
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
    if (href.includes('evil') || href.startsWith('mailto:') || a.textContent.includes('Official')) {
      found.push('link ' + a.outerHTML);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    if (src.includes('evil') || src === 'x' || img.hasAttribute('onerror') || img.alt === 'Streamlit logo') {
      found.push('image ' + img.outerHTML);
    }
  }
  for (const el of document.querySelectorAll('.stMarkdownColoredText, .stMarkdownColoredBackground, .katex')) {
    found.push('markup ' + el.outerHTML);
  }
  for (const el of document.querySelectorAll('[role="img"]')) {
    if (el.textContent === 'bolt') found.push('icon ' + el.outerHTML);
  }
  if (document.body.innerText.includes('\\u{1F604}')) found.push('emoji');
  return found;
}"""


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> Iterator[tuple[str, object]]:
    """A server under the offline guard whose store has a migrant-stock version with a payload in every field."""
    ARTIFACTS.mkdir(exist_ok=True)
    root = tmp_path_factory.mktemp("outside-text")
    home, record = root / "home", root / "outbound.txt"
    payload = SHORT[3]   # <a href='http://evil.example/'>Official</a>
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_HOME", str(home))
        registry = Registry()
        registry.publish(PublishRequest(
            dataset_id="migrant_stock", frame=registry.get("migrant_stock").frame, title=SHORT[1],
            publisher=payload, citation=SHORT[5], published_by=SHORT[2], source_file=SHORT[4], file_sha256="0" * 64,
            revision=SHORT[0], licence=SHORT[6], url=SHORT[0], built_by=SHORT[2]))
    proc, url = start_server(env=offline_guard_env(record, DASHBOARD_HOME=str(home)))
    yield url, record
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    assert record.read_text() == "", record.read_text()   # the server reached nothing outside the machine


def _visit(probe, url: str) -> None:
    from playwright.sync_api import expect

    dialogs: list[str] = []
    probe.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    probe.goto(url)
    expect(probe.page.locator("body")).to_contain_text(EVIL_HOST, timeout=20_000)   # drawn, as text
    probe.page.wait_for_timeout(1000)   # let every chart draw and any image start loading
    assert probe.page.evaluate(RENDERED_PAYLOAD) == []
    assert dialogs == []
    assert probe.external_requests() == []
    assert not probe.page.locator("[data-testid='stException']").count()


@pytest.mark.parametrize("path", ["map", "skills"])
def test_every_url_parameter_of_the_page_shows_payloads_as_text(guarded, probe, path):
    url, _ = guarded
    keys = ["lang", "digits", "present", "step", *URL_KEYS[path]]
    query = {key: BROWSER_PAYLOADS[i % len(BROWSER_PAYLOADS)] for i, key in enumerate(keys)}
    _visit(probe, f"{url}/{path}?{urlencode(query)}")


def test_a_scenario_named_with_a_link_shows_its_name_as_text(guarded, probe):
    url, _ = guarded
    _visit(probe, f"{url}/scenarios?" + urlencode({"scn": to_url(Scenario(name=SHORT[3], levers={"card": None}))}))
    assert probe.page.locator("[data-testid='stPlotlyChart']").count()
    assert "Official" in probe.page.locator("[data-testid='stPlotlyChart']").first.inner_text()


def test_published_metadata_shows_as_text_in_the_source_lines(guarded, probe):
    url, _ = guarded
    _visit(probe, f"{url}/?lang=en")
    captions = " ".join(probe.page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
    assert f"<a href='http://{EVIL_HOST}/'>Official</a>" in captions.replace("\u2060", "")
