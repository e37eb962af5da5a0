"""Every scenario parameter's evidence label and links match what it actually rests on.

The table below is written from ../shared/reference/case_studies.md by reading each parameter's note: the
label says whether its range is a reported figure, arithmetic on reported figures, or an assumption, and the
links are the sources of exactly the figures its note quotes.
"""

from pathlib import Path

import pytest

from dashboard.i18n import t
from dashboard.scenario.params import PARAMETERS, URLS

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "case_studies.md"

A, D, R = "assumption", "derived", "reported"
RESTS_ON: dict[str, tuple[str, set[str]]] = {
    # the synthetic skills sample turns the plan's reported returns into a rate: an assumption
    "organic_return": (A, {"iraq_plan"}),
    "organic_remote": (A, set()),
    "organic_short_term": (A, set()),
    "organic_investment": (A, set()),
    "investment_ticket": (A, set()),
    "remittance_per_sender": (A, {"iraq_remit"}),
    "jobs_per_musd": (A, set()),
    "jobs_per_return": (D, {"zgc"}),
    "elasticity_security_return": (A, {"iraq_exodus"}),
    "elasticity_security_visit": (A, set()),
    "elasticity_economy": (D, {"taiwan_mpi", "hsinchu_saxenian"}),
    "elasticity_trust": (A, set()),
    "institution_rate_remote": (A, {"iraq_policy"}),
    "institution_fixed_cost": (D, {"okf_gkn", "moia"}),
    "institution_unit_cost": (A, set()),
    "card_rate_short_term": (A, {"oci_2020"}),
    "card_rate_investment": (A, {"oci_2020"}),
    "card_rate_return": (A, {"oci_2020"}),
    "card_rate_remit": (A, {"oci_2020"}),
    "card_fixed_cost": (A, set()),
    # 8,000 (2017) and 5,000 (2019) delegates; 130 (2009) and 280 (2011) at the Irish forum
    "convention_rate_remote": (A, {"pbd_2017", "pbd_2019", "gief_2009", "gief_2011"}),
    "convention_rate_investment": (A, {"gief_2009"}),
    "convention_fixed_cost": (A, set()),
    "convention_unit_cost": (A, set()),
    "talent_rate_return": (A, {"ttp_people", "brain_return_weak"}),
    "talent_share_permanent": (A, {"ttp_uwn"}),
    "talent_fixed_cost": (A, set()),
    "talent_unit_cost": (A, {"ttp_people"}),
    "institute_rate_return": (D, {"korea_return", "brain_return", "brain_return_weak"}),
    "institute_fixed_cost": (A, {"kist_salary"}),
    "institute_unit_cost": (A, {"kist_salary"}),
    "park_rate_return": (D, {"taiwan_mpi", "hsinchu_wef"}),
    # Saxenian's credit to returnees, and AP's 260 start-ups by 2000
    "park_rate_investment": (A, {"hsinchu_saxenian", "hsinchu_startups"}),
    "park_fixed_cost": (A, {"hsinchu_wef"}),
    # 527 verified and 2,000+ claimed (fora.ie); the 5,000 target (Irish Times)
    "network_jobs_rate": (D, {"connect_verified", "connect_fee"}),
    # ConnectIreland after 18 months (fDi Intelligence), not the Global Irish Economic Forum
    "network_rate_investment": (A, {"connect_18m"}),
    # central = €2M / 527 (derived); ends reported; the exchange rate is an assumption with no link
    "network_fee_per_job": (D, {"connect_fee", "connect_fee_max", "connect_verified"}),
    "network_fixed_cost": (A, {"gief_2009"}),
    # India's USD 120bn (2023) is the only figure the note quotes
    "remittance_rate_remit": (A, {"india_remit_2023"}),
    "remittance_fixed_cost": (A, set()),
    "protection_trust_per_usd": (A, {"esp_2014"}),
}
LABEL_WORD = {A: "Assumption", D: "Derived", R: "Reported"}


def test_the_table_covers_every_parameter():
    assert set(RESTS_ON) == set(PARAMETERS)


@pytest.mark.parametrize("param_id", sorted(PARAMETERS))
def test_evidence_label_and_links_match_what_the_parameter_rests_on(param_id):
    param = PARAMETERS[param_id]
    evidence, sources = RESTS_ON[param_id]
    assert param.evidence == evidence
    assert set(param.sources) == sources
    note = t(f"scenario.param.{param_id}.note", "en")
    assert note.startswith(LABEL_WORD[evidence]), note  # the note says the same as the label


def test_every_link_is_in_the_evidence_file():
    reference = REFERENCE.read_text(encoding="utf-8")
    missing = {key: url for key, url in URLS.items() if url not in reference}
    assert not missing
