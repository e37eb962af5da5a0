"""Country names and regions from the bundled reference table (ISO 3166 via pycountry, UN M49), and resolving
the names people write (ISO codes, English, Arabic and Kurdish names and the World Bank, UN and IMF variants) to
ISO3.

The table (data/countries.csv) is built once by scripts/build_data.py; its `aliases` column holds the variants,
separated by "|". Resolution is a dictionary lookup of a normalised name, so it is linear in the number of
distinct values; suggestions (difflib) are computed only for the values that are shown.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

_ARABIC_LETTERS = str.maketrans("أإآٱىة", "اااايه")
_ARTICLE = re.compile(r"(?<!\S)ال(?=\S{2,})")

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


def normalise(text: str) -> str:
    """Lower case, no accents, Arabic letters unified (hamza forms, ta marbuta, alif maqsura, diacritics,
    tatweel), punctuation as single spaces: the form in which names are compared."""
    text = str(text)
    if text.isascii():  # most names: no accent or harakat to take off
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text).casefold()
        text = "".join(ch for ch in text if not unicodedata.combining(ch))  # Latin accents, Arabic harakat
    text = text.replace("\u0640", "").replace("'", "").replace("’", "")  # tatweel; "Cote d'Ivoire"
    text = text.translate(_ARABIC_LETTERS)
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


def _without_article(key: str) -> str:
    """An Arabic name without its definite articles ("العراق" -> "عراق"): with or without ال is the same name."""
    return _ARTICLE.sub("", key)


def _reordered(key: str) -> str:
    """"korea, rep." was normalised to "korea rep"; also the World Bank's trailing ", The" is dropped."""
    return re.sub(r"\s+the$", "", key)


class CountryResolver:
    """ISO3, ISO2, English or Arabic names (and the variants in the table) -> ISO3."""

    def __init__(self, countries: pd.DataFrame) -> None:
        self._names = dict(zip(countries["iso3"], countries["name_en"], strict=True))
        self._lookup: dict[str, str] = {}
        aliases = countries["aliases"] if "aliases" in countries.columns else pd.Series("", index=countries.index)
        for row, more in zip(countries.itertuples(index=False), aliases, strict=True):
            names = [row.iso3, row.iso2, row.name_en, row.name_ar, getattr(row, "name_ckb", ""),
                     *("" if pd.isna(more) else str(more)).split("|")]
            for name in names:
                if isinstance(name, str) and name:
                    key = normalise(name)
                    self._lookup.setdefault(key, row.iso3)
                    self._lookup.setdefault(_without_article(key), row.iso3)
        self._by_end: dict[str, list[str]] = {}  # names by first and by last letter: the suggestions' candidates
        for name in self._lookup:
            for end in {name[:1], name[-1:]}:
                self._by_end.setdefault(end, []).append(name)

    def resolve(self, value: str) -> str | None:
        key = normalise(value)
        found = self._lookup.get(key)
        if found is not None:
            return found
        variants = (lambda: _reordered(key), lambda: _without_article(key), lambda: re.sub(r"^the ", "", key),
                    lambda: normalise(re.sub(r"\(.*?\)", "", value)) if "(" in value else "")
        return next((self._lookup[c] for c in (variant() for variant in variants) if c in self._lookup), None)

    def label(self, iso3: str) -> str:
        return f"{self._names[iso3]} ({iso3})"

    def suggest(self, value: str, n: int = 3) -> list[str]:
        """Close names, as "Germany (DEU)"."""
        key = normalise(value)
        if not key:
            return []
        # Compared only with names that share the first or the last letter and whose length allows a similarity
        # of 0.75 (within a factor 0.6): a typo rarely changes both ends of a name. Every country stays pickable.
        candidates = {*self._by_end.get(key[0], ()), *self._by_end.get(key[-1], ())}
        near = sorted(name for name in candidates if 0.6 * len(key) <= len(name) <= len(key) / 0.6)
        matches = difflib.get_close_matches(key, near, n=n * 3, cutoff=0.75)
        out: list[str] = []
        for match in matches:
            label = self.label(self._lookup[match])
            if label not in out:
                out.append(label)
        return out[:n]

