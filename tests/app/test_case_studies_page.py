"""The Case studies page: one section per country, headline beside verified, a button per package."""

from dashboard.case_studies import CASES
from dashboard.scenario.params import LEVERS

PAGE = "case_studies"


def test_every_case_has_its_section_results_and_load_button(open_page):
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    assert [h.value for h in at.header] == ["China", "India", "Ireland", "Korea", "Taiwan"]
    assert {b.key for b in at.button} >= {f"case_load_{c}" for c in CASES}
    tables = [df.value for df in at.dataframe]
    ireland = next(t for t in tables if "ConnectIreland jobs" in set(t["Measure"]))
    row = ireland.set_index("Measure").loc["ConnectIreland jobs"]
    assert (row["Target"], row["Claimed"], row["Reported or verified"]) == ("5,000", "2,000", "527")


def test_each_button_loads_its_package_on_the_scenario_page(open_page):
    for case in ("china", "taiwan"):
        at = open_page(PAGE, timeout=90)
        at.button(key=f"case_load_{case}").click().run()
        assert not at.exception
        on = {lever for lever in LEVERS if at.toggle(key=f"scn_on_{lever}").value}
        assert on == set(CASES[case].levers)
