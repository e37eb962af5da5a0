"""Country names and regions from the bundled reference table (ISO 3166 via pycountry, UN M49)."""

from __future__ import annotations

import pandas as pd

#: The reference table's name column per language (scripts/build_data.py, scripts/country_names_ckb.py).
NAME_COLUMNS = {"en": "name_en", "ar": "name_ar", "ckb": "name_ckb"}


def name_column(lang: str) -> str:
    """Column of the countries table with names in `lang` (English for a language the table lacks)."""
    return NAME_COLUMNS.get(lang, "name_en")


def country_names(countries: pd.DataFrame, lang: str) -> dict[str, str]:
    """ISO3 -> display name in `lang` (English where the table has no column for the language)."""
    return dict(zip(countries["iso3"], countries[name_column(lang)], strict=True))


def with_names(frame: pd.DataFrame, countries: pd.DataFrame, lang: str, iso_column: str,
               name_column_out: str = "country") -> pd.DataFrame:
    """`frame` with a display-name column inserted before `iso_column` (unknown codes keep the code)."""
    names = country_names(countries, lang)
    out = frame.copy()
    out.insert(out.columns.get_loc(iso_column), name_column_out, out[iso_column].map(names).fillna(out[iso_column]))
    return out
