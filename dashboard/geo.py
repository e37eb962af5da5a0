"""Geography for the offline world map: which countries have a polygon, which must be drawn as points, how the
bundled boundaries are split between map layers so each shape travels to the browser once, and which country a
click on the map selected."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

import pandas as pd

#: Left off the map: Antarctica hosts no one and would take a fifth of the picture.
NOT_MAPPED: frozenset[str] = frozenset({"ATA"})
ISO_PROPERTY = "iso_a3"
FEATURE_ID_KEY = f"properties.{ISO_PROPERTY}"


def feature_iso3(feature: Mapping[str, Any]) -> str:
    return feature["properties"][ISO_PROPERTY]


def polygon_iso3(boundaries: Mapping[str, Any]) -> set[str]:
    """ISO3 codes that have a shape in the boundary file (and are mapped)."""
    return {feature_iso3(f) for f in boundaries["features"]} - NOT_MAPPED


def compact_boundaries(boundaries: Mapping[str, Any]) -> dict[str, Any]:
    """The boundaries with only the ISO3 property kept and unmapped places dropped: the geometry is most of the
    map's payload, and every property name is repeated per feature."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {ISO_PROPERTY: feature_iso3(f)}, "geometry": f["geometry"]}
        for f in boundaries["features"] if feature_iso3(f) not in NOT_MAPPED
    ]}


def split_features(boundaries: Mapping[str, Any], groups: Mapping[str, Collection[str]],
                   rest: str = "rest") -> dict[str, dict[str, Any]]:
    """Partition the features into one FeatureCollection per group (a country goes to the first group that
    lists it; the others go to `rest`), so map layers share no geometry and the figure carries each shape once."""
    out: dict[str, list] = {name: [] for name in [*groups, rest]}
    for feature in boundaries["features"]:
        iso3 = feature_iso3(feature)
        target = next((name for name, members in groups.items() if iso3 in members), rest)
        out[target].append(feature)
    return {name: {"type": "FeatureCollection", "features": features} for name, features in out.items()}


#: The app serves `compact_boundaries` of the bundled boundaries as static/<this name> (built by
#: scripts/build_static_boundaries.py, checked by tests/test_geo.py), so the live map's figure carries a URL,
#: not shapes: the browser fetches the file once and plotly.js keeps it for every later update.
BOUNDARIES_FILE = "world_boundaries.json"


def boundaries_file_text(boundaries: Mapping[str, Any]) -> str:
    """The content of static/BOUNDARIES_FILE for `boundaries` (compact JSON, ASCII, newline at the end)."""
    return json.dumps(compact_boundaries(boundaries), separators=(",", ":")) + "\n"


DATA_URL_PREFIX = "data:application/geo+json,"


def to_data_url(collection: Mapping[str, Any]) -> str:
    """A FeatureCollection as a `data:` URL, which plotly.js accepts wherever it accepts a GeoJSON URL.

    Why: plotly.py deep-copies a GeoJSON *object* several times per figure (tens of thousands of small lists,
    most of a rerun's time), while a string costs nothing to copy. The browser decodes it locally: still offline,
    still inside the figure (and inside exported HTML). Only what a URL cannot carry as is gets escaped (`%`,
    `#`, and, via ensure_ascii, non-ASCII), so the payload stays the size of the JSON itself.
    """
    text = json.dumps(collection, separators=(",", ":"))
    return DATA_URL_PREFIX + text.replace("%", "%25").replace("#", "%23").replace(" ", "%20")


def from_data_url(url: str) -> dict[str, Any]:
    """The FeatureCollection inside a `to_data_url` string (for tests and exports)."""
    if not url.startswith(DATA_URL_PREFIX):
        raise ValueError("not a GeoJSON data URL")
    return json.loads(unquote(url[len(DATA_URL_PREFIX):]))


def point_locations(countries: pd.DataFrame, iso3s: Iterable[str], polygons: Collection[str]) -> pd.DataFrame:
    """Countries in `iso3s` with no polygon at this scale (Malta, Liechtenstein, ...) and the point to draw them
    at, so no destination drops off the map. Columns iso3, lon, lat."""
    wanted = [code for code in dict.fromkeys(iso3s) if code not in polygons and code not in NOT_MAPPED]
    table = countries.set_index("iso3")
    known = [code for code in wanted if code in table.index]
    return pd.DataFrame({"iso3": known, "lon": table.loc[known, "lon"].to_numpy(dtype=float),
                         "lat": table.loc[known, "lat"].to_numpy(dtype=float)})


def selected_iso3(selection: Mapping[str, Any] | None, known: Collection[str]) -> str | None:
    """The country a click on the map chose: a shape reports its `location`, a point its `customdata`.

    `selection` is the `selection` part of `st.plotly_chart(..., on_select=...)`'s state (or None). Anything that
    is not a known ISO3 code (an empty click, the colour bar, a label) selects nothing.
    """
    if not selection:
        return None
    for point in selection.get("points") or []:
        candidates = [point.get("location"), point.get("customdata")]
        for candidate in candidates:
            if isinstance(candidate, list | tuple):
                candidate = candidate[0] if candidate else None
            if isinstance(candidate, str) and candidate in known:
                return candidate
    return None
