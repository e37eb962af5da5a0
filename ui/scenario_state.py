"""The scenario page's packages A/B/C: one Scenario (as JSON) per slot for the whole session, loaded from a link
on the first visit, from a file or a case study on request, into the widgets and back out of them."""

from __future__ import annotations

from dashboard import plaintext
from dashboard.i18n import format_number, t
from dashboard.scenario import tables
from dashboard.scenario.params import LEVERS
from dashboard.scenario.presets import preset
from dashboard.scenario.spec import CONTEXT_KEYS, NAME_MAX, Scenario, ScenarioError, from_json, from_url, to_url
from ui import state

SLOTS = ("A", "B", "C")


def problem_text(error: ScenarioError, source: str, lang: str, digits: str) -> str:
    """The bad field and what it may be, in the user's language; a link that is no scenario at all (garbage, too
    long, a zlib bomb, too deeply nested) gets one plain sentence. The field name may come from the file or link:
    it is shown as text."""
    if source == "url" and error.kind == "format":
        return t("scenario.invalid_link", lang)
    allowed = {
        "range": lambda: t("scenario.allowed_range", lang, low=format_number(error.low, lang, digits),
                           high=format_number(error.high, lang, digits)),
        "choice": lambda: t("scenario.allowed_choice", lang, choices=", ".join(error.choices)),
        "text": lambda: t("scenario.allowed_text", lang, n=format_number(NAME_MAX, lang, digits)),
        "format": lambda: t("scenario.allowed_format", lang),
    }[error.kind]()
    return t("scenario.bad_input", lang, source=t(f"scenario.source_{source}", lang),
             field=plaintext.markdown(error.field), allowed=allowed)


def slot_name(slot: str, lang: str) -> str:
    """Package letters are ids; users see them in their language (A -> أ)."""
    return tables.package_label(slot, "", lang)


def _lever_widgets(scenario: Scenario) -> dict:
    values = {f"scn_on_{lid}": lid in scenario.levers for lid in LEVERS}
    for lid, lever in LEVERS.items():
        if lever.size is not None:
            size = scenario.levers.get(lid)
            values[f"scn_size_{lid}"] = lever.size.default if size is None else size
    return values


def _world_widgets(scenario: Scenario) -> dict:
    return {**{f"scn_{k}": getattr(scenario.context, k) for k in CONTEXT_KEYS}, "scn_horizon": scenario.horizon}


def package(slot: str) -> Scenario:
    return Scenario.model_validate_json(state.scenario_packages()[slot])


def start(lang: str, digits: str) -> tuple[bool, list[str]]:
    """Before the widgets are drawn: on the first visit, empty packages and today's world (or the scenario in the
    page's link, in package A); back from another page, the world widgets again. Returns (first visit, problems)."""
    packages = state.scenario_packages()
    problems: list[str] = []
    first_visit = not packages
    if first_visit:
        packages.update({slot: Scenario(name=slot).model_dump_json() for slot in SLOTS})
        state.set_values({"scn_slot": "A", **_world_widgets(Scenario())})
    raw = state.scenario_from_url()
    if state.take_follow_link() and raw and not first_visit:  # a presentation step: its package, in A, again
        first_visit = True
        state.set_values({"scn_slot": "A"})
    if first_visit and raw:
        try:
            loaded = from_url(raw)
            packages["A"] = loaded.model_dump_json()
            state.set_values(_world_widgets(loaded))
        except ScenarioError as exc:
            problems.append(problem_text(exc, "url", lang, digits))
    if state.value("scn_horizon") is None:  # came back from another page: the world widgets were cleared
        state.set_values(_world_widgets(package(state.value("scn_slot", "A"))))
    return first_visit, problems


def request_case() -> None:
    """Button callback (runs before the page, so the load applies on this very run): the chosen case study's
    package, in the active slot's world."""
    current = package(state.value("scn_slot", "A"))
    state.request_scenario(preset(state.value("scn_case"), current).model_dump_json(), "case")


def load_requested(slot: str, first_visit: bool, lang: str, digits: str) -> list[str]:
    """Load a waiting request (file, link or case study) into `slot`, and the slot's levers into the widgets
    when the slot changed. Returns the problems to show."""
    problems: list[str] = []
    request = state.take_scenario_request()
    reload = first_visit or state.value("scn_loaded_slot") != slot or \
        state.value(f"scn_on_{next(iter(LEVERS))}") is None
    if request is not None:
        payload, source = request
        try:
            loaded = from_json(payload)
            state.scenario_packages()[slot] = loaded.model_dump_json()
            if source != "case":  # a case study keeps today's world; a file or link brings its own
                state.set_values(_world_widgets(loaded))
            reload = True
        except ScenarioError as exc:
            problems.append(problem_text(exc, source, lang, digits))
    if reload:
        state.set_values({**_lever_widgets(package(slot)), "scn_loaded_slot": slot})
    return problems


def chosen_levers() -> list[str]:
    return [lid for lid in LEVERS if state.value(f"scn_on_{lid}")]


def ensure_size(lid: str) -> None:
    """A lever switched on gets its default size before its slider is drawn."""
    if state.value(f"scn_size_{lid}") is None:
        state.set_values({f"scn_size_{lid}": LEVERS[lid].size.default})


def from_widgets(name: str) -> Scenario:
    """The package the lever and world widgets (ui/scenario_controls.py) now describe."""
    return Scenario(
        name=name, horizon=state.value("scn_horizon"),
        context={k: state.value(f"scn_{k}") for k in CONTEXT_KEYS},
        levers={lid: float(state.value(f"scn_size_{lid}")) if LEVERS[lid].size else None for lid in chosen_levers()},
    )


def save_from_widgets(slot: str) -> Scenario:
    """The package the widgets now describe, stored in `slot` and kept in the URL."""
    scenario = from_widgets(package(slot).name)
    state.scenario_packages()[slot] = scenario.model_dump_json()
    state.publish_scenario(to_url(scenario))
    return scenario


def compared(slot: str, scenario: Scenario) -> dict[str, Scenario]:
    """The packages to compare, in the active package's world: the active one, and the others with policies."""
    world = {"horizon": scenario.horizon, "context": scenario.context.model_dump()}
    packages = {s: scenario if s == slot else Scenario.model_validate({**package(s).model_dump(), **world})
                for s in SLOTS}
    return {s: sc for s, sc in packages.items() if sc.levers or s == slot}

