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
