"""The one place for session and URL state: language, digits, and shareable page state in the query string."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from dashboard import plaintext
from dashboard.i18n import DEFAULT_LANGUAGE, available_languages, with_digits
from dashboard.scenario import spec

_NOTICES = "_url_notices"
_ROUTED = "_routed_run"


def seed_from_url(key: str, allowed: Sequence[Any], default: Any, cast: Callable[[str], Any] = str) -> None:
    """Give widget `key` its first value from the URL; an unknown value falls back to `default` with a notice."""
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        try:
            candidate = cast(raw)
        except (TypeError, ValueError):
            candidate = None
        if candidate in allowed:
            value = candidate
        else:
            st.session_state.setdefault(_NOTICES, []).append((key, raw))
    st.session_state[key] = value


def publish_to_url(*keys: str) -> None:
    """Write the current values of `keys` to the URL so the link reopens the same view."""
    for key in keys:
        value = st.session_state.get(key)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def seed_list_from_url(key: str, allowed: Sequence[Any]) -> None:
    """Give multiselect `key` its first value from a comma-separated URL parameter; unknown items are dropped
    with a notice."""
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    if not raw:
        return
    items = [item for item in raw.split(",") if item]
    known = [item for item in items if item in allowed]
    if len(known) != len(items):
        st.session_state.setdefault(_NOTICES, []).append((key, raw))
    st.session_state[key] = known


def publish_list_to_url(*keys: str) -> None:
    """Write multiselect values to the URL as comma-separated lists (absent when nothing is chosen)."""
    for key in keys:
        text = ",".join(str(item) for item in st.session_state.get(key) or [])
        if text and st.query_params.get(key) != text:
            st.query_params[key] = text
        elif not text and key in st.query_params:
            del st.query_params[key]


def take_url_notices() -> list[tuple[str, str]]:
    """URL values that were unknown and replaced by defaults since the last call (shown once): (key, the value
    escaped for Markdown, so a notice shows it as typed and never as a link, image or colour)."""
    return [(key, plaintext.markdown(raw)) for key, raw in st.session_state.pop(_NOTICES, [])]


def value(key: str, default: Any = None) -> Any:
    """The current value of widget or state `key` (for choices needed before their widget is drawn)."""
    return st.session_state.get(key, default)


def keep_within(key: str, allowed: Sequence[Any], fallback: Any) -> None:
    """Move widget `key` to `fallback` when its value left `allowed` (options that depend on another widget,
    e.g. the years of the chosen data revision). Call before the widget is drawn."""
    if key in st.session_state and st.session_state[key] not in allowed:
        st.session_state[key] = fallback


def select_from_chart(chart_key: str, target_key: str, pick: Callable[[Any], Any],
                      scroll_to: str | None = None) -> Callable[[], None]:
    """An `on_select` callback for the chart `chart_key`: what `pick` finds in the chart's selection (None for
    nothing) becomes the value of widget `target_key`, so a click and the widget stay one piece of state; the
    container `scroll_to` (if given) is then brought into view (see take_scroll)."""

    def _on_select() -> None:
        event = st.session_state.get(chart_key)
        value = pick(event.get("selection") if event else None)
        if value is not None:
            st.session_state[target_key] = value
            if scroll_to:
                st.session_state[_SCROLL_TO] = scroll_to

    return _on_select


_SCROLL_TO = "_scroll_to"


def take_scroll(container_key: str) -> bool:
    """True once after a click asked to bring this container into view."""
    if st.session_state.get(_SCROLL_TO) != container_key:
        return False
    del st.session_state[_SCROLL_TO]
    return True


_UNKNOWN_LANGUAGE = "_unknown_language"


def init_language() -> str:
    seed_from_url("lang", available_languages(), DEFAULT_LANGUAGE)
    notices = st.session_state.get(_NOTICES, [])
    for notice in [n for n in notices if n[0] == "lang"]:   # said in every language by the shell, not per page
        notices.remove(notice)
        st.session_state[_UNKNOWN_LANGUAGE] = notice[1]
    seed_from_url("digits", ["western", "arabic"], "western")
    _relabel_widgets_after_a_switch()
    return language()


_SHOWN_AS = "_shown_as"


def _plain(value: Any) -> bool:
    """A value an option widget holds (str or number, or a list or pair of them); never a button's bool, an
    upload or a chart selection, which may not be written."""
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _relabel_widgets_after_a_switch() -> None:
    """After a language or digits switch, write every option widget's value back: the browser then shows that
    value under its new label in this same run (a selectbox otherwise keeps the old language's label)."""
    shown_as = [language(), digits()]
    previous = st.session_state.get(_SHOWN_AS)
    st.session_state[_SHOWN_AS] = shown_as
    if previous is None or previous == shown_as:
        return
    for key in list(st.session_state):
        if key in ("lang", "digits") or key.startswith("_"):
            continue
        value = st.session_state[key]
        if _plain(value):
            st.session_state[key] = value


def take_unknown_language() -> str | None:
    """The language code a link asked for that the app does not have (once; None when there was none)."""
    return st.session_state.pop(_UNKNOWN_LANGUAGE, None)


def language() -> str:
    """The reader's language, carrying their digits choice (i18n.LanguageWithDigits): every text translated for it,
    by the entrypoint (sidebar, step bar) as by the pages, writes its numbers and years in those digits."""
    return with_digits(st.session_state.get("lang", DEFAULT_LANGUAGE), digits())


def digits() -> str:
    return st.session_state.get("digits", "western")


def mark_routed() -> None:
    """Called by the entrypoint just before it runs the chosen page."""
    st.session_state[_ROUTED] = True


def consume_routed() -> bool:
    """True when this page run came through the router (see shell.page_start)."""
    return bool(st.session_state.pop(_ROUTED, False))


# Presentation mode (?present=1) and the facilitator's current step (?step=KEY): see dashboard/presentation.py.
PRESENT, STEP = "present", "step"
#: The case study the case-studies page shows (?case=ID); presentation steps 4-8 set it.
CASE = "case"


def init_presentation(step_keys: Sequence[str]) -> bool:
    """Seed presentation mode and step from the URL once per session; True when presenting."""
    seed_from_url(PRESENT, [True, False], False, cast=lambda raw: {"1": True, "0": False}.get(raw.lower(), raw))
    seed_from_url(STEP, list(step_keys), None)
    return presenting()


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT, False))


def set_presenting(on: bool) -> None:
    st.session_state[PRESENT] = on


def step() -> str | None:
    return st.session_state.get(STEP)


def set_step(key: str | None) -> None:
    st.session_state[STEP] = key


def page_params(keys: Sequence[str]) -> dict[str, str]:
    """The current value of each of these page parameters: the page's widget if it has run, else the URL."""
    found = {key: st.session_state.get(key, st.query_params.get(key)) for key in keys}
    return {key: str(value) for key, value in found.items() if value is not None}


def seed_url(params: dict[str, str]) -> None:
    """Put these parameters in the URL, for the page to seed its widgets from."""
    for key, value in params.items():
        st.query_params[key] = value


_FOLLOW_LINK = "_follow_link"


def follow_link(on: bool = True) -> None:
    """The next page should load the state its link carries even if the session already has its own (a
    presentation step reopens its case package)."""
    st.session_state[_FOLLOW_LINK] = on


def take_follow_link() -> bool:
    return bool(st.session_state.pop(_FOLLOW_LINK, False))


def forget(*keys: str) -> None:
    """Drop these values so the page seeds them again from the URL it is opened with."""
    for key in keys:
        st.session_state.pop(key, None)


def presentation_query() -> dict[str, str]:
    """The presentation part of the URL: ?present=1&step=KEY while presenting, nothing otherwise."""
    if not presenting():
        return {}
    return {PRESENT: "1", **({STEP: step()} if step() else {})}


def publish_presentation() -> None:
    """Keep ?present and ?step in the URL in step with the session (removed when not presenting)."""
    wanted = presentation_query()
    for key in (PRESENT, STEP):
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


# -- uploads explored in this session only (the data page; failed sign-ins are counted in the store) ---------
_SESSION_DATASETS = "_session_datasets"


def session_dataset(dataset_id: str) -> Any:
    """The upload this session explores in place of `dataset_id` ("only you see this"), or None."""
    return st.session_state.get(_SESSION_DATASETS, {}).get(dataset_id)


def session_datasets() -> dict[str, Any]:
    return dict(st.session_state.get(_SESSION_DATASETS, {}))


def set_session_dataset(dataset_id: str, dataset: Any) -> None:
    st.session_state.setdefault(_SESSION_DATASETS, {})[dataset_id] = dataset


def clear_session_dataset(dataset_id: str) -> None:
    st.session_state.get(_SESSION_DATASETS, {}).pop(dataset_id, None)


_COUNTRY_PICKS = "_country_picks"


def country_picks(file_key: str) -> dict[str, str]:
    """Unknown country names of one uploaded file (by its hash) -> the ISO3 the analyst picked for each."""
    return dict(st.session_state.get(_COUNTRY_PICKS, {}).get(file_key, {}))


def set_country_picks(file_key: str, picks: dict[str, str]) -> None:
    st.session_state.setdefault(_COUNTRY_PICKS, {})[file_key] = dict(picks)


_PUBLISH_RIGHT = "_publish_right"


def grant_publish_right() -> None:
    """This session proved the analyst passphrase: it may see a consented roster's contact details."""
    st.session_state[_PUBLISH_RIGHT] = True


def holds_publish_right() -> bool:
    return bool(st.session_state.get(_PUBLISH_RIGHT, False))


# Policy scenarios: packages A/B/C (scenario JSON per slot) and one-off load requests (file, link, case study).
_SCN_PACKAGES = "_scn_packages"
_SCN_REQUEST = "_scn_request"
SCENARIO_URL_KEY = spec.SCENARIO_URL_KEY


def scenario_packages() -> dict[str, str]:
    """Slot ("A", "B", "C") -> scenario JSON, kept for the whole session (survives page changes)."""
    return st.session_state.setdefault(_SCN_PACKAGES, {})


def request_scenario(scenario_json: str, source: str) -> None:
    """Ask the scenario page to load this scenario into the active slot on its next run (e.g. a case study)."""
    st.session_state[_SCN_REQUEST] = (scenario_json, source)


def take_scenario_request() -> tuple[str, str] | None:
    return st.session_state.pop(_SCN_REQUEST, None)


def set_values(values: dict[str, Any]) -> None:
    """Give widgets their values before they are drawn (loading a scenario into the controls)."""
    for key, val in values.items():
        st.session_state[key] = val


def scenario_from_url() -> str | None:
    return st.query_params.get(SCENARIO_URL_KEY)


def publish_scenario(encoded: str) -> None:
    """Keep the active scenario in the URL (?scn=...), so the address is a link to it."""
    if st.query_params.get(SCENARIO_URL_KEY) != encoded:
        st.query_params[SCENARIO_URL_KEY] = encoded


def scenario_requested() -> bool:
    """True while a load request waits for the scenario page (the case-studies page then switches to it)."""
    return _SCN_REQUEST in st.session_state


# -- fragments: a widget inside an st.fragment reruns only the fragment -----------------------------------------
_PAGE_VALUES = "_page_values"


def note_page_values(*keys: str) -> None:
    """Outside a fragment, before it: the values of `keys` the rest of the page is drawn with this run."""
    st.session_state[_PAGE_VALUES] = {key: st.session_state.get(key) for key in keys}


def rerun_page_if_changed(*keys: str) -> None:
    """Inside a fragment, after its widgets: when one of `keys` (widgets of the fragment that also shape the
    rest of the page) differs from what the page was drawn with, rerun the whole page instead."""
    drawn = st.session_state.get(_PAGE_VALUES, {})
    if any(key in drawn and drawn[key] != st.session_state.get(key) for key in keys):
        st.rerun(scope="app")


def live_object(key: str, factory: Callable[[], Any]) -> Any:
    """One object per session under `key` (made by `factory` the first time), for values that code running
    off the script thread (a download's data callable) must read as they are at that moment."""
    if key not in st.session_state:
        st.session_state[key] = factory()
    return st.session_state[key]
