"""One translation table per language, and the number formatting that goes with it.

Every user-facing string is a key in `locales/<lang>.json`; adding a language is adding one file.
Each file carries `_meta.name` (shown in the language picker) and `_meta.direction` (ltr or rtl); a table
that no native speaker has checked yet also carries `_meta.reviewed: "no"`, and the app says so (see
`translation_note`) until a reviewer signs it off by removing that line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import cache
from typing import Literal

from dashboard.paths import LOCALES_DIR

DEFAULT_LANGUAGE = "en"
Digits = Literal["western", "arabic"]

_ARABIC_INDIC = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")

#: What keeps its Western digits inside a translated text: web addresses, file names and paths, equations
#: ($...$), inline code, classification and standard codes (ISCED 5+, ISCO-08, ISO 3166, M49, A4, SHA-256,
#: Windows-1256) and any number written inside a Latin word (P10, Rev.2020, 1:110m). Every other number, year or
#: range follows the reader's digits.
_KEEP_WESTERN = re.compile(
    r"https?://\S+|[\w./-]*\w\.(?:csv|xlsx|json|html|pdf|png|zip|parquet|md|toml|env)\b|\$(?![\d\s])[^$\n]+?(?<!\s)\$|`[^`]*`"
    r"|(?<![A-Za-z])(?:ISCED|ISCO|ISO|UTF)[- ]?\d+(?:[-–]\d+)?\+?|(?<![A-Za-z])[A-Za-z][A-Za-z.]*-?\d[\w.]*"
    r"|(?<!\w)\d[\d.:]*[A-Za-z]\w*")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?%?")


class LanguageWithDigits(str):
    """A language code that also carries the reader's digits choice: a page passes it wherever a language goes,
    and every `t(key, lang)` then writes its numbers and years in those digits (the template's own and the
    values it is given), without each call having to pass the choice along. It equals, hashes and prints as the
    plain code (note: st.cache_data keys see only the code, so a cached function that translates takes digits
    as its own argument too)."""

    digits: Digits

    def __new__(cls, code: str, digits: Digits) -> LanguageWithDigits:
        language = super().__new__(cls, code)
        language.digits = digits
        return language

    def __reduce__(self):
        return LanguageWithDigits, (str(self), self.digits)


def with_digits(lang: str, digits: Digits) -> str:
    """`lang` carrying the reader's digits choice (see LanguageWithDigits)."""
    return LanguageWithDigits(str(lang), digits)


def digits_of(lang: str) -> Digits:
    """The digits a language value carries (Western unless it is a LanguageWithDigits)."""
    return getattr(lang, "digits", "western")


@cache
def _table(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / f"{lang}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def available_languages() -> list[str]:
    """Language codes with a locale file, English first."""
    codes = sorted(p.stem for p in LOCALES_DIR.glob("*.json"))
    return sorted(codes, key=lambda c: c != DEFAULT_LANGUAGE)


def language_name(lang: str) -> str:
    return _table(lang).get("_meta.name", lang)


def is_rtl(lang: str) -> bool:
    return _table(lang).get("_meta.direction") == "rtl"


def translation_note(lang: str) -> str | None:
    """The note shown while `lang`'s table is a first translation awaiting a native reviewer; None otherwise."""
    if _table(lang).get("_meta.reviewed") != "no":
        return None
    return t("common.translation_first", lang, language=language_name(lang),
             file=f"\u2068dashboard/locales/{lang}.json\u2069")   # an isolate keeps the path whole in RTL


def unknown_language_notice(code: str) -> str:
    """What a link asking for a language the app lacks gets: the fallback said in every language the app has,
    since the reader's language is exactly what is unknown."""
    shown = re.sub(r"[^\w-]", "", code)[:20]   # the raw URL value, reduced to what a language code could be
    return "\n\n".join(t("common.unknown_language", lang, code=shown) for lang in available_languages())


def keys(lang: str = DEFAULT_LANGUAGE) -> set[str]:
    return {k for k in _table(lang) if not k.startswith("_meta.")}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Text for `key` in `lang`, falling back to English, then to the key itself (so a gap is visible)."""
    text = _table(lang).get(key) or _table(DEFAULT_LANGUAGE).get(key) or key
    text = text.format(**values) if values else text
    return localise_prose(text, digits_of(lang))


def t_optional(key: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Text for `key` when the table has it (in `lang`, else English); None lets the caller keep its own text."""
    text = _table(lang).get(key) or _table(DEFAULT_LANGUAGE).get(key)
    return localise_prose(text, digits_of(lang)) if text else text


def join_list(items: Iterable[object], lang: str = DEFAULT_LANGUAGE) -> str:
    """Items as one list in `lang`'s punctuation (the Arabic comma in Arabic and Kurdish)."""
    return t("common.list_separator", lang).join(str(item) for item in items)


def localise_digits(text: str, digits: Digits) -> str:
    return text.translate(_ARABIC_INDIC) if digits == "arabic" else text


def localise_prose(text: str, digits: Digits) -> str:
    """The numbers of a sentence in `digits`, except those that are part of notation or a code (_KEEP_WESTERN)."""
    if digits != "arabic" or not any(c.isascii() and c.isdigit() for c in text):
        return text
    def localised(match: re.Match) -> str:
        return localise_digits(match.group(0), digits).replace("%", "٪")

    parts, start = [], 0
    for kept in _KEEP_WESTERN.finditer(text):
        parts.append(_NUMBER.sub(localised, text[start:kept.start()]))
        parts.append(kept.group(0))
        start = kept.end()
    parts.append(_NUMBER.sub(localised, text[start:]))
    return "".join(parts)


def format_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, digits: Digits = "western",
                  decimals: int = 0) -> str:
    """Grouped number for display; Arabic-Indic digits and separators when asked for."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return localise_digits(text, digits)


def format_percent(value: float | None, lang: str = DEFAULT_LANGUAGE, digits: Digits = "western",
                   decimals: int = 1, signed: bool = False) -> str:
    """`value` is a share (0.052 -> 5.2%)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value * 100:{'+' if signed else ''},.{decimals}f}%"
    if digits == "arabic":
        text = localise_digits(text, digits).replace("%", "٪")
    return text
