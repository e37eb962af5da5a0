"""What the analyst types when publishing (provenance checks) and the templates to download and fill in."""

from __future__ import annotations

import pandas as pd

from dashboard.schemas import KINDS
from dashboard.validation.convert import MARKUP
from dashboard.validation.problems import Problem, problem


def template(kind_id: str) -> pd.DataFrame:
    """A small example table in the tidy layout, to download, fill in and upload."""
    if kind_id == "migrant_stock":
        return pd.DataFrame({"origin_iso3": ["IRQ"] * 6, "destination_iso3": ["DEU"] * 3 + ["SWE"] * 3,
                             "year": [2020] * 6, "sex": ["total", "male", "female"] * 2,
                             "migrants": [100, 60, 40, 200, 110, 90]})
    if kind_id == "refugees":
        return pd.DataFrame({"origin_iso3": ["IRQ", "IRQ"], "asylum_iso3": ["DEU", "TUR"], "year": [2020, 2020],
                             "refugees": [100, 200], "asylum_seekers": [10, 20]})
    columns = KINDS[kind_id].columns()
    example = {"respondent_id": "R1", "residence_iso3": "SWE", "sex": "female", "age": 35, "years_abroad": 10,
               "education": "master", "field_of_study": "health", "occupation_isco": 2, "sector": "health",
               "languages": "ar;en;sv", "interest_mentoring": 1, "interest_short_term": 0, "interest_return": 0,
               "interest_investment": 0, "interest_philanthropy": 1, "weight": 1.0}
    return pd.DataFrame([example])[columns]


METADATA_LIMIT = 1000  # characters per field
REQUIRED_METADATA = ("title", "publisher", "citation", "published_by")


def check_metadata(values: dict[str, str], labels: dict[str, str] | None = None) -> list[Problem]:
    """Problems with the provenance an analyst entered: required fields, markup, length.

    `labels` gives the name of each field as the form shows it (the messages use it).
    """
    labels = labels or {}
    found = []
    for name, value in values.items():
        value, label = (value or "").strip(), labels.get(name, name)
        if not value and name in REQUIRED_METADATA:
            found.append(problem("meta_required", column=label))
        elif MARKUP.search(value):
            found.append(problem("meta_markup", column=label, value=value))
        elif len(value) > METADATA_LIMIT:
            found.append(problem("meta_too_long", column=label, limit=METADATA_LIMIT))
    return found


