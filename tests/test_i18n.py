"""The translation table: complete in every language, and number formatting per language."""

import json
import re

from dashboard import i18n
from dashboard.paths import LOCALES_DIR


def test_every_key_has_every_language():
    english = i18n.keys("en")
    for lang in i18n.available_languages():
        missing = sorted(english - i18n.keys(lang))
        assert missing == [], f"{lang} lacks {missing[:10]}"
        assert not sorted(i18n.keys(lang) - english), f"{lang} has keys English lacks"


def test_placeholders_match_across_languages():
    english = json.loads((LOCALES_DIR / "en.json").read_text(encoding="utf-8"))
    for lang in i18n.available_languages():
        table = json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        for key, text in english.items():
            assert set(re.findall(r"{(\w+)", text)) == set(re.findall(r"{(\w+)", table.get(key, text))), key


def test_lookup_falls_back_to_english_then_key():
    assert i18n.t("app.title", "xx") == "Iraqi Diaspora Strategy Dashboard"
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_arabic_is_right_to_left_and_english_is_not():
    assert i18n.is_rtl("ar") and not i18n.is_rtl("en")


def test_number_formatting():
    assert i18n.format_number(2077976) == "2,077,976"
    assert i18n.format_number(2077976, "ar", "arabic") == "٢٬٠٧٧٬٩٧٦"
    assert i18n.format_percent(0.0517) == "5.2%"
    assert i18n.format_percent(2.232, signed=True, decimals=0) == "+223%"
    assert i18n.format_percent(0.0517, "ar", "arabic") == "٥٫٢٪"
