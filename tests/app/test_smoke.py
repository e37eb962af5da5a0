"""Every page opens through the router, in every language, with no exception."""

import pytest

from dashboard.i18n import available_languages, is_rtl, t
from dashboard.pages import PAGE_IDS


@pytest.mark.parametrize("lang", available_languages())
@pytest.mark.parametrize("page", PAGE_IDS)
def test_page_renders_without_exception(open_page, page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    apology = t("common.error_apology", lang, error_id="")[:40]
    assert not [e.value for e in at.error if apology in e.value], f"{page} failed and showed the apology"
    assert at.title, f"{page} shows no title"
    has_arabic = any("\u0600" <= ch <= "\u06ff" for ch in at.title[0].value)
    assert has_arabic == is_rtl(lang), f"{page} title {at.title[0].value!r} is not in {lang}"


def test_overview_headline_figures(open_page):
    at = open_page()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Iraqi-born living abroad, 2020"] == "2,077,976"
    assert metrics["Share of Iraq's population, 2020"] == "5.2%"
    assert metrics["Growth since 1990"] == "+223%"
    captions = " ".join(c.value for c in at.caption)
    assert "United Nations DESA" in captions and "Rev.2020" in captions and "UNHCR" in captions


def test_overview_in_arabic_uses_arabic_labels_and_digits(open_page):
    at = open_page(lang="ar", digits="arabic")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["المولودون في العراق ويعيشون في الخارج، ٢٠٢٠"] == "٢٬٠٧٧٬٩٧٦"
    assert metrics["النمو منذ ١٩٩٠"] == "+٢٢٣٪"


def test_broken_bundled_file_stops_with_one_clear_message(open_page, monkeypatch, tmp_path):
    import shutil

    import streamlit as st

    from dashboard import paths

    broken = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, broken)
    (broken / "migrant_stock_rev2020.csv").unlink()
    monkeypatch.setattr(paths, "DATA_DIR", broken)
    st.cache_resource.clear()
    try:
        at = open_page()
        assert not at.exception
        assert len(at.error) == 1
        assert "migrant_stock_rev2020.csv is missing" in at.error[0].value
        assert "git checkout -- data" in at.error[0].value
    finally:
        st.cache_resource.clear()


def test_arabic_source_lines_name_the_dataset_in_arabic(open_page):
    at = open_page(lang="ar")
    captions = " ".join(c.value for c in at.caption)
    assert "أعداد المهاجرين الدوليين المولودين في العراق حسب بلد المقصد والجنس" in captions
    assert "Iraq-born international migrant stock" not in captions


def test_bundled_files_are_checked_once_not_on_every_rerun(open_page, monkeypatch):
    from dashboard.registry import Registry

    calls = []
    original = Registry.check
    monkeypatch.setattr(Registry, "check", lambda self: calls.append(1) or original(self))
    import streamlit as st

    st.cache_resource.clear()
    at = open_page()
    at.run()
    at.run()
    assert len(calls) == 1


def test_overview_in_kurdish_uses_kurdish_labels_digits_and_country_names(open_page):
    from tests.app.conftest import plotly_figures

    at = open_page(lang="ckb", digits="arabic")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["لەدایکبووانی عێراق کە لە دەرەوە دەژین، ٢٠٢٠"] == "٢٬٠٧٧٬٩٧٦"
    assert metrics["گەشە لە ١٩٩٠ـەوە"] == "+٢٢٣٪"
    labels = {str(v) for fig in plotly_figures(at) for trace in fig["data"] for v in trace.get("y", []) or []}
    assert {"ئەڵمانیا", "سوید", "تورکیا"} <= labels, labels      # country names from the Kurdish column
