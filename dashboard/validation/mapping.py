"""Step 3, map columns: which file column feeds which field of the schema (the analyst confirms it)."""

from __future__ import annotations

from dashboard.countries import normalise
from dashboard.schemas import KINDS, Field
from dashboard.validation.layout import detect_layout


def mapped_fields(kind_id: str, layout: str) -> list[Field]:
    """The fields the analyst maps to file columns (in a wide table, the year columns give year and value)."""
    kind = KINDS[kind_id]
    skip = {"year", kind.wide_value} if layout == "wide" and kind.wide_value else set()
    return [f for f in kind.fields if f.name not in skip]


def suggest_mapping(kind_id: str, columns: list[str], layout: str | None = None) -> dict[str, str | None]:
    """field -> the file column that looks like it (exact name, then a synonym, in English or Arabic)."""
    layout = layout or detect_layout(columns)
    normalised = {normalise(c): c for c in columns}
    taken: set[str] = set()
    mapping: dict[str, str | None] = {}
    fields = mapped_fields(kind_id, layout)
    for pass_ in ("name", "synonym"):
        for f in fields:
            if mapping.get(f.name):
                continue
            names = (f.name, f.name.replace("_", " ")) if pass_ == "name" else f.synonyms
            column = next((normalised[normalise(n)] for n in names
                           if normalise(n) in normalised and normalised[normalise(n)] not in taken), None)
            mapping[f.name] = column
            if column:
                taken.add(column)
    return {f.name: mapping.get(f.name) for f in fields}
