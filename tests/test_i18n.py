"""The translation table: complete in every language, and number formatting per language."""

import json
import re

import pytest

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


def test_a_third_language_is_one_file(tmp_path, monkeypatch):
    """Kurdish Sorani (ckb) added by dropping one locale file: picked up, right-to-left, gaps fall back to English."""
    import shutil

    for path in LOCALES_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "ckb.json").write_text(json.dumps({
        "_meta.direction": "rtl", "_meta.name": "کوردی", "app.title": "داشبۆردی ستراتیژی دیاسپۆرای عێراقی",
    }, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n._table.cache_clear()
    try:
        assert i18n.available_languages()[0] == "en" and "ckb" in i18n.available_languages()
        assert i18n.language_name("ckb") == "کوردی" and i18n.is_rtl("ckb")
        assert i18n.t("app.title", "ckb") == "داشبۆردی ستراتیژی دیاسپۆرای عێراقی"
        assert i18n.t("nav.map", "ckb") == i18n.t("nav.map", "en")          # not yet translated: English
        assert "nav.map" in i18n.keys("en") - i18n.keys("ckb")              # ...and the completeness test says so
    finally:
        i18n._table.cache_clear()


# --- no page shows text outside the table -------------------------------------------------------------------
# Streamlit calls whose first argument (or label) is text the user reads.
_TEXT_CALLS = {"title", "header", "subheader", "markdown", "write", "caption", "text", "info", "warning", "error",
               "success", "metric", "button", "download_button", "link_button", "page_link", "toggle", "checkbox",
               "radio", "selectbox", "multiselect", "slider", "select_slider", "text_input", "number_input",
               "text_area", "file_uploader", "expander", "tabs", "segmented_control", "pills", "form_submit_button",
               "date_input", "color_picker", "data_editor", "Page", "popover", "dialog", "toast", "spinner",
               "status", "set_page_config"}
_TEXT_KEYWORDS = {"label", "title", "help", "placeholder", "body", "page_title", "caption"}


def _literal_texts(node):
    """String literals with letters in `node` (f-strings count by their literal parts)."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if re.search(r"[^\W\d_]", node.value):
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from _literal_texts(part)
    elif isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            yield from _literal_texts(item)


def test_ui_code_passes_no_literal_text_to_streamlit():
    """Pages, ui/ and the router take every visible text from the translation table, never from a literal."""

    from dashboard.paths import REPO_ROOT

    files = [REPO_ROOT / "streamlit_app.py", *sorted((REPO_ROOT / "pages").glob("*.py")),
             *sorted((REPO_ROOT / "ui").glob("*.py"))]
    offenders = [o for path in files for o in _literal_offenders(path.read_text(encoding="utf-8"), path.name)]
    assert offenders == [], offenders


def test_literal_text_check_catches_a_literal():
    sample = "st.title('Hello')\ncols[0].metric(t('k', lang), 3)\nst.sidebar.button(f'Next {n}')\nlog.error('x')"
    assert [o.split(" ", 1)[1] for o in _literal_offenders(sample, "x.py")] == ["title('Hello')", "button('Next ')"]


def _literal_offenders(source: str, name: str) -> list[str]:
    import ast

    offenders = []
    tree = ast.parse(source)
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in _TEXT_CALLS):
            continue
        if isinstance(call.func.value, ast.Name) and call.func.value.id in ("log", "logger", "logging"):
            continue   # server log lines, not shown to users
        args = list(call.args[:1]) + [k.value for k in call.keywords if k.arg in _TEXT_KEYWORDS]
        for arg in args:
            for text in _literal_texts(arg):
                if call.func.attr in ("markdown", "html") and not re.sub(r"<[^>]*>|[*_#`>|\-:]", "", text).strip():
                    continue   # markup only
                if call.func.attr in ("Page", "page_link") and text.endswith(".py"):
                    continue   # the page file, not a label
                offenders.append(f"{name}:{call.lineno} {call.func.attr}({text!r})")
    return offenders


# --- the three languages ------------------------------------------------------------------------------------
LANGUAGES = ["en", "ar", "ckb"]
_SORANI_LETTERS = re.compile("[ەێۆڕڵڤپچژگ]")        # letters Sorani writes and Arabic does not (or rarely)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_is_offered_and_complete(lang):
    assert lang in i18n.available_languages()
    assert sorted(i18n.keys("en") - i18n.keys(lang)) == []
    assert i18n.is_rtl(lang) == (lang != "en")


def test_kurdish_is_sorani_not_arabic_or_english():
    """Every Kurdish text is written in Sorani: not the English left in place, not the Arabic pasted in."""
    english = json.loads((LOCALES_DIR / "en.json").read_text(encoding="utf-8"))
    arabic = json.loads((LOCALES_DIR / "ar.json").read_text(encoding="utf-8"))
    kurdish = json.loads((LOCALES_DIR / "ckb.json").read_text(encoding="utf-8"))
    assert i18n.language_name("ckb") == "کوردی (سۆرانی)"
    untranslated, arabic_copies, not_sorani = [], [], []
    for key in i18n.keys("en"):
        text = kurdish[key]
        words = re.findall(r"[\u0600-\u06ff]{2,}", re.sub(r"{\w+}", "", text))
        if text == english[key] and re.search(r"[a-z]{3,}", re.sub(r"{\w+}", "", text)):
            untranslated.append(key)           # lower-case English words: prose, not notation (P10, Rev.2020)
        if len(words) >= 3 and text == arabic[key]:
            arabic_copies.append(key)
        if len(words) >= 3 and not _SORANI_LETTERS.search(text):
            not_sorani.append(key)
    assert (untranslated, arabic_copies, not_sorani) == ([], [], [])


def test_kurdish_check_catches_english_and_arabic():
    assert not _SORANI_LETTERS.search("اللاجئون وطالبو اللجوء من أصل عراقي")
    assert _SORANI_LETTERS.search("پەنابەران و داواکارانی پەنابەری")


def test_first_translation_note_shows_until_reviewed():
    note = i18n.translation_note("ckb")
    assert note and "dashboard/locales/ckb.json" in note and "کوردی" in note
    assert i18n.translation_note("ar") is None and i18n.translation_note("en") is None


def test_unknown_language_notice_speaks_every_language_and_shows_only_a_code():
    notice = i18n.unknown_language_notice("xx")
    for lang in LANGUAGES:
        assert i18n.t("common.unknown_language", lang, code="xx") in notice
    assert "<" not in i18n.unknown_language_notice("<b>x</b>](http://e.vil)")


def _i18n_add(monkeypatch, tmp_path):
    import importlib.util
    import shutil

    from dashboard.paths import REPO_ROOT

    spec = importlib.util.spec_from_file_location("i18n_add", REPO_ROOT / "scripts" / "i18n_add.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in LOCALES_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(module, "LOCALES", tmp_path)
    return module


def test_i18n_add_takes_a_kurdish_text_and_lists_what_is_missing(monkeypatch, tmp_path, capsys):
    add = _i18n_add(monkeypatch, tmp_path)
    assert add.main(["i18n_add.py", "x.both", "Hello", "مرحبا", "سڵاو"]) == 0
    assert add.main(["i18n_add.py", "x.no_kurdish", "Bye", "وداعا"]) == 0
    table = json.loads((tmp_path / "ckb.json").read_text(encoding="utf-8"))
    assert table["x.both"] == "سڵاو" and "x.no_kurdish" not in table
    assert add.missing_keys() == {"ckb": ["x.no_kurdish"]}
    assert add.main(["i18n_add.py", "--missing"]) == 1
    assert "x.no_kurdish\tBye" in capsys.readouterr().out


def test_i18n_add_lists_keys_whose_english_changed(monkeypatch, tmp_path):
    add = _i18n_add(monkeypatch, tmp_path)
    before = json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))
    add.set_key("en", "nav.map", "World map")
    assert add.changed_keys(before) == ["nav.map"]


def test_lists_use_each_languages_comma():
    assert i18n.join_list(["Iran", "Syria"]) == "Iran, Syria"
    assert i18n.join_list(["ئێران", "سووریا"], "ckb") == "ئێران، سووریا"
    assert i18n.join_list(["إيران", "سوريا"], "ar") == "إيران، سوريا"


def test_lever_table_lists_sectors_with_the_arabic_comma_in_kurdish():
    from dashboard.scenario import tables

    reach = " ".join(tables.lever_table("ckb", "western").astype(str).to_numpy().ravel())
    assert "، " in reach and ", " not in reach


def test_a_translated_sentence_writes_its_numbers_and_years_in_the_readers_digits_but_not_its_codes():
    from dashboard.i18n import localise_prose, t, with_digits

    text = ("ورشة تموز 2015، 1,000 محاكاة و80% (ISCED 5+، ISCED 3-4، ISCO-08، M49) "
            "في dashboard/locales/ar.json و https://example.org/a1 و $K_1$ و SHA-256 و 1:110m")
    assert localise_prose(text, "arabic") == ("ورشة تموز ٢٠١٥، ١٬٠٠٠ محاكاة و٨٠٪ (ISCED 5+، ISCED 3-4، ISCO-08، M49) "
                                              "في dashboard/locales/ar.json و https://example.org/a1 و $K_1$ "
                                              "و SHA-256 و 1:110m")
    assert localise_prose(text, "western") == text
    arabic = with_digits("ar", "arabic")
    assert arabic == "ar" and t("map.metric_count", arabic, year=2020) == t("map.metric_count", "ar", year="٢٠٢٠")
    assert t("map.metric_count", with_digits("ar", "western"), year=2020) == t("map.metric_count", "ar", year=2020)


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_percentiles_and_revisions_are_named_in_the_readers_language(lang):
    """"P10–P90" and "Rev.2020" are English notation: the Arabic and Kurdish tables name the percentiles and
    revisions in their own words (المئين ١٠–٩٠، إصدار ٢٠٢٠), so no card, caption, table header or download shows
    them in Latin letters."""
    table = json.loads((LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    latin = {key: text for key, text in table.items() if re.search(r"(?<![A-Za-z])(?:P\d{2}(?!\d)|Rev\.)", text)}
    assert latin == {}
