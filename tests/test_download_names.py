"""Download file names keep the words of their table's title in every script, so that successive downloads
(the top destinations, the trend, remittances) never share a name and overwrite each other."""

from dashboard.i18n import t
from ui.widgets import file_slug


def test_arabic_and_kurdish_titles_keep_their_words():
    for lang in ("ar", "ckb"):
        titles = [t("overview.top_destinations", lang, year="2020"),
                  t("overview.trend", lang, start="1990", end="2020"),
                  t("overview.remittances_title", lang, start="2000", end="2023")]
        names = [file_slug(title) for title in titles]
        assert len(set(names)) == len(names), names
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in names), names


def test_names_are_safe_on_every_system():
    assert file_slug("Iraqi-born: top 10, 2020 / by sex?") == "iraqi_born_top_10_2020_by_sex"
    assert file_slug("أكبر ١٠ بلدان، ٢٠٢٠") == "أكبر_١٠_بلدان_٢٠٢٠"
    assert file_slug("***") == "table"
    assert len(file_slug("word " * 100)) <= 80


def test_arabic_marks_stay_inside_their_word():
    assert file_slug("الاستثمار المعبّأ") == "الاستثمار_المعبّأ"
