"""The Diaspora map in a real browser: drawn offline from the app's own boundaries, and clickable."""

from __future__ import annotations

from dashboard.geo import BOUNDARIES_FILE

GERMANY_CENTRE_JS = """() => {
    const shape = [...document.querySelectorAll('.choroplethlocation')]
        .find(path => path.__data__ && path.__data__.loc === 'DEU');
    if (!shape) return null;
    const box = shape.getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const local = new DOMPoint(x, y).matrixTransform(shape.getScreenCTM().inverse());
    return {x, y, onGermany: shape.isPointInFill(local)};
}"""


def test_map_draws_offline_and_a_click_on_germany_opens_its_panel(server, probe):
    page = probe.page
    probe.goto(f"{server}/map")
    page.wait_for_function("document.querySelectorAll('.choroplethlocation').length > 150", timeout=60_000)
    assert page.locator(".choroplethlocation").count() > 150
    assert page.locator("h3", has_text="Germany").count() == 0

    centre = page.evaluate(GERMANY_CENTRE_JS)
    assert centre is not None and centre["onGermany"], centre  # the point lies inside Germany's drawn shape
    page.mouse.move(centre["x"], centre["y"])
    page.mouse.click(centre["x"], centre["y"])
    page.wait_for_function("window.location.search.includes('map_country=DEU')", timeout=60_000)
    probe.wait_idle()
    page.locator("h3", has_text="Germany").wait_for(timeout=60_000)

    assert page.locator("[data-testid='stException']").count() == 0
    assert probe.external_requests() == []
    # the shapes come from the file the app serves, fetched once for both updates (not inside each figure)
    shapes = [url for url in probe.requests if f"/app/static/{BOUNDARIES_FILE}" in url]
    assert len(shapes) == 1, shapes
    probe.screenshot("map-germany-panel")
