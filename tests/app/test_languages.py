"""Choosing a language: the picker and ?lang= offer English, Arabic and Kurdish; an unknown code falls back to
English and says so in every language; a first translation says where corrections go."""

from dashboard.i18n import t


def _info_texts(at) -> list[str]:
    return [i.value for i in at.info]


def test_unknown_language_falls_back_to_english_with_a_notice_in_three_languages(open_page):
    at = open_page(lang="xx")
    assert not at.exception
    assert at.title[0].value == t("overview.title", "en")
    assert at.session_state["lang"] == "en"
    notices = [text for text in _info_texts(at) if "xx" in text]
    assert len(notices) == 1
    for lang in ("en", "ar", "ckb"):
        assert t("common.unknown_language", lang, code="xx") in notices[0]


def test_unknown_language_notice_is_not_repeated_on_the_map_page(open_page):
    at = open_page("map", lang="xx")
    assert not at.exception
    assert [text for text in _info_texts(at) if "xx" in text] == []   # said once, by the shell, on the first page


def test_kurdish_from_the_link_and_from_the_picker(open_page):
    at = open_page(lang="ckb")
    assert at.title[0].value == t("overview.title", "ckb") == "عێراقییەکانی دەرەوە بە کورتی"
    assert "کوردی (سۆرانی)" in at.selectbox(key="lang").options
    at.selectbox(key="lang").set_value("ar").run()
    assert at.title[0].value == t("overview.title", "ar")
    at.selectbox(key="lang").set_value("ckb").run()
    assert at.title[0].value == t("overview.title", "ckb")


def test_first_translation_note_in_the_sidebar_for_kurdish_only(open_page):
    kurdish = open_page(lang="ckb")
    assert any("dashboard/locales/ckb.json" in c.value for c in kurdish.sidebar.caption)
    arabic = open_page(lang="ar")
    assert not any("dashboard/locales/" in c.value for c in arabic.sidebar.caption)


def test_data_catalogue_names_every_bundled_dataset_in_kurdish(open_page):
    """The grid is drawn on a canvas (the browser walk cannot read it): titles and publishers are translated."""
    import re

    at = open_page("data", lang="ckb")
    catalogue = at.dataframe[0].value
    title, publisher = t("data.col_title", "ckb"), t("data.col_publisher", "ckb")
    for text in [*catalogue[title], *catalogue[publisher]]:
        prose = re.sub(r"\([^)]*\)|ISO 3166|pycountry|country_converter|Natural Earth|UNHCR|ISO|M49|1:110m", "", text)
        assert not re.search("[A-Za-z]", prose), text
    assert "سنووری وڵاتانی جیهان، 1:110m (سادەکراو)" in set(catalogue[title])
