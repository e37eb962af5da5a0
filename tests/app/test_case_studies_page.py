"""The Case studies page: one section per country, headline beside verified, a button per package."""

from dashboard.case_studies import CASES
from dashboard.scenario.params import LEVERS

PAGE = "case_studies"


def test_every_case_has_its_section_results_and_load_button(open_page):
    at = open_page(PAGE, timeout=60)
    assert not at.exception
    shown = []
    for case in CASES:
        at.radio(key="case").set_value(case).run()
        assert not at.exception
        shown.append(at.header[0].value)
        assert f"case_load_{case}" in {b.key for b in at.button}
        assert at.query_params["case"] in (case, [case])
    assert shown == ["China", "India", "Ireland", "Korea", "Taiwan"]
    at.radio(key="case").set_value("ireland").run()
    tables = [df.value for df in at.dataframe]
    ireland = next(t for t in tables if "ConnectIreland jobs" in set(t["Measure"]))
    row = ireland.set_index("Measure").loc["ConnectIreland jobs"]
    assert (row["Target"], row["Claimed"], row["Reported or verified"]) == ("5,000", "2,000", "527")


def test_each_button_loads_its_package_on_the_scenario_page(open_page):
    for case in ("china", "taiwan"):
        at = open_page(PAGE, timeout=90, case=case)
        at.button(key=f"case_load_{case}").click().run()
        assert not at.exception
        on = {lever for lever in LEVERS if at.toggle(key=f"scn_on_{lever}").value}
        assert on == set(CASES[case].levers)
