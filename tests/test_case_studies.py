"""The case studies: every result cites a source, every case has a package and its texts in both languages."""

import re
from pathlib import Path

from dashboard import i18n
from dashboard.case_studies import CASES, TEXT_PARTS, results_table
from dashboard.scenario.params import LEVERS, URLS
from dashboard.scenario.presets import preset

#: What each country did, as the workshop presented it, in the model's levers.
WORKSHOP_PACKAGES = {"china": {"talent"}, "india": {"institution", "card", "convention"},
                     "ireland": {"network", "convention", "protection"}, "korea": {"institute", "institution"},
                     "taiwan": {"park"}}

REFERENCE = (Path(__file__).resolve().parents[2] / "shared" / "reference" / "case_studies.md").read_text("utf-8")
NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)( million)?")


def test_the_five_workshop_cases_each_have_a_package_of_real_levers():
    assert list(CASES) == list(WORKSHOP_PACKAGES)
    assert {case.id: set(case.levers) for case in CASES.values()} == WORKSHOP_PACKAGES
    for case_id, levers in WORKSHOP_PACKAGES.items():
        package = preset(case_id)                       # what "Load this package" puts on the scenario page
        assert set(package.levers) == levers and levers <= set(LEVERS)
        for lever_id in levers:                         # sized levers carry a size the slider can show
            size = LEVERS[lever_id].size
            if size is not None:
                assert size.minimum <= package.size(lever_id) <= size.maximum


def test_every_result_has_a_source_and_a_number_and_every_text_both_languages():
    for case in CASES.values():
        for result in case.results:
            assert result.links() and all(url in URLS.values() for url in result.links().values())
            assert any(v is not None for v in (result.target, result.claimed, result.reported))
            assert f"cases.{case.id}.r.{result.key}" in i18n.keys("ar")
        for part in (*TEXT_PARTS, "name"):
            assert f"cases.{case.id}.{part}" in i18n.keys("en") and f"cases.{case.id}.{part}" in i18n.keys("ar")


def test_connect_ireland_shows_target_claim_and_verified_side_by_side():
    table = results_table(CASES["ireland"], "en")
    row = table[table["Measure"] == "ConnectIreland jobs"].iloc[0]
    assert (row["Target"], row["Claimed"], row["Reported or verified"]) == ("5,000", "2,000", "527")
    weak = results_table(CASES["korea"], "ar", "arabic")
    assert weak.iloc[2, 0].endswith("(مصدر ضعيف)") and weak.iloc[0, 3] == "٩٧٣"


def test_the_forum_row_links_each_figure_to_its_own_source():
    table = results_table(CASES["ireland"], "en")
    row = table[table["Measure"].str.contains("Economic Forum")].iloc[0]
    assert (row["Claimed"], row["Reported or verified"]) == ("180", "130")
    assert row["Source"] == ("Claimed: http://www.globalirish.ie/tag/global-irish-economic-forum/page/2/; "
                             "Reported or verified: https://docslib.org/doc/5133404/")
    jobs = table[table["Measure"] == "ConnectIreland jobs"].iloc[0]
    assert "Target: https://www.irishtimes.com/" in jobs["Source"] and "Claimed: https://fora.ie/" in jobs["Source"]


def _reference_numbers() -> list[float]:
    return [float(n.replace(",", "")) for n, _ in NUMBER.findall(REFERENCE)]


def test_every_figure_in_the_case_texts_is_in_the_evidence_file():
    """A figure in a case study's text is one of the reference's (a "4.23 million" is its 4,231,700)."""
    known = _reference_numbers()
    unsourced = []
    for case in CASES:
        for part in TEXT_PARTS:
            for number, million in NUMBER.findall(i18n.t(f"cases.{case}.{part}", "en")):
                value = float(number.replace(",", ""))
                if million:
                    places = len(number.split(".")[1]) if "." in number else 0
                    found = value in known or any(round(k / 1e6, places) == value for k in known)
                else:
                    found = value in known
                if not found:
                    unsourced.append((case, part, number))
    assert not unsourced


def test_the_three_unsourced_sentences_are_gone():
    texts = " ".join(i18n.t(f"cases.{c}.{part}", "en") for c in CASES for part in TEXT_PARTS)
    assert "largest student outflow" not in texts and "lifelong" not in texts
    korea = i18n.t("cases.korea.instruments", "en")
    assert "Brain Pool** (1994) and **Brain Return 500** (2012): posts for overseas researchers at the Institute" \
        not in korea
    assert "**Brain Return 500** (2012): a target of 500 researchers at the Institute for Basic Science" in korea
