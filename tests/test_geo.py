"""Geography for the offline map: every shape once, small countries as dots, clicks mapped to ISO3 codes."""

import json
import math

import pytest

from dashboard import geo
from dashboard.paths import REPO_ROOT


@pytest.fixture(scope="module")
def boundaries(registry):
    return registry.boundaries()


@pytest.fixture(scope="module")
def countries(registry):
    return registry.get("countries").frame


def test_compact_boundaries_keep_only_the_iso3_and_drop_antarctica(boundaries):
    compact = geo.compact_boundaries(boundaries)
    codes = [geo.feature_iso3(f) for f in compact["features"]]
    assert "ATA" not in codes and "DEU" in codes and "IRQ" in codes
    assert len(codes) == len(set(codes)) == len(boundaries["features"]) - 1
    assert all(f["properties"] == {"iso_a3": geo.feature_iso3(f)} for f in compact["features"])
    assert geo.polygon_iso3(boundaries) == set(codes)


def test_split_features_puts_every_shape_in_exactly_one_layer(boundaries):
    layers = geo.split_features(boundaries, {"data": {"USA", "DEU", "IRQ"}, "origin": {"IRQ"}}, rest="land")
    codes = {name: [geo.feature_iso3(f) for f in layer["features"]] for name, layer in layers.items()}
    assert sorted(codes["data"]) == ["DEU", "IRQ", "USA"]  # the first group that lists a country wins
    assert codes["origin"] == []
    assert sum(len(c) for c in codes.values()) == len(boundaries["features"])
    assert "FRA" in codes["land"]


def test_destinations_without_a_shape_become_points_at_their_coordinates(boundaries, countries):
    points = geo.point_locations(countries, ["USA", "MLT", "LIE", "MLT", "ATA", "XXX"], geo.polygon_iso3(boundaries))
    assert points["iso3"].tolist() == ["MLT", "LIE"]
    malta = points.set_index("iso3").loc["MLT"]
    assert math.isclose(malta["lat"], 35.9, abs_tol=0.3) and math.isclose(malta["lon"], 14.4, abs_tol=0.3)


@pytest.mark.parametrize(("selection", "expected"), [
    ({"points": [{"curve_number": 1, "location": "DEU"}]}, "DEU"),             # a shape
    ({"points": [{"curve_number": 3, "customdata": "MLT"}]}, "MLT"),          # a dot
    ({"points": [{"curve_number": 3, "customdata": ["LIE", "<b>x</b>"]}]}, "LIE"),  # a dot, digits localised
    ({"points": [{"location": "ZZZ"}, {"location": "JOR"}]}, "JOR"),         # unknown codes are skipped
    ({"points": [{"x": 2020, "y": 5}]}, None),                               # not a country
    ({"points": []}, None),
    ({}, None),
    (None, None),
])
def test_selected_iso3_reads_a_click(selection, expected):
    assert geo.selected_iso3(selection, {"DEU", "MLT", "LIE", "JOR"}) == expected


def test_data_url_carries_the_geometry_unchanged_and_escapes_what_a_url_cannot_hold(boundaries):
    compact = geo.compact_boundaries(boundaries)
    url = geo.to_data_url(compact)
    assert url.startswith("data:application/geo+json,")
    assert "#" not in url and " " not in url
    assert geo.from_data_url(url) == compact
    tricky = {"type": "FeatureCollection", "features": [], "note": "50% #1 a b"}
    assert geo.from_data_url(geo.to_data_url(tricky)) == tricky
    with pytest.raises(ValueError):
        geo.from_data_url("https://cdn.plot.ly/world_110m.json")


def test_served_geometry_file_is_the_bundled_boundaries(boundaries):
    """static/world_boundaries.json is what the live map draws: it must be the registry's boundaries (rebuild it
    with `python scripts/build_static_boundaries.py` after data/ changes)."""
    served = REPO_ROOT / "static" / geo.BOUNDARIES_FILE
    assert served.read_text(encoding="utf-8") == geo.boundaries_file_text(boundaries), \
        "static/world_boundaries.json differs from data/: run python scripts/build_static_boundaries.py"
    assert {geo.feature_iso3(f) for f in json.loads(served.read_text())["features"]} == geo.polygon_iso3(boundaries)
