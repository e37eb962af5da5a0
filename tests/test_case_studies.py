"""The case studies: every result cites a source, every case has a package and its texts in both languages."""

from dashboard import i18n
from dashboard.case_studies import CASES, TEXT_PARTS, results_table
from dashboard.scenario.params import LEVERS
from dashboard.scenario.presets import preset

#: What each country did, as the workshop presented it, in the model's levers.
WORKSHOP_PACKAGES = {"china": {"talent"}, "india": {"institution", "card", "convention"},
                     "ireland": {"network", "convention", "protection"}, "korea": {"institute", "institution"},
                     "taiwan": {"park"}}


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
            assert result.url.startswith("http")
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
