"""The facilitator's sequence as data: which step the bar shows for the page on screen."""

from dashboard.presentation import STEPS, step_index, step_param_keys


def _key(index: int) -> str:
    return STEPS[index].key


def test_the_step_follows_the_case_the_page_shows():
    assert step_param_keys("case_studies") == ("case",)
    assert _key(step_index("case_china", "case_studies", {"case": "korea"})) == "case_korea"
    assert _key(step_index(None, "case_studies", {"case": "taiwan"})) == "case_taiwan"


def test_a_named_step_stands_when_the_page_agrees_or_has_no_parameters():
    assert _key(step_index("case_india", "case_studies", {"case": "india"})) == "case_india"
    assert _key(step_index("case_india", "case_studies", {})) == "case_india"
    assert _key(step_index("case_india", "overview", {})) == "today"
    assert _key(step_index("scenarios", None)) == "scenarios"
