"""The one place for session and URL state: language, digits, and shareable page state in the query string."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, available_languages

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


def take_url_notices() -> list[tuple[str, str]]:
    """URL values that were unknown and replaced by defaults since the last call (shown once)."""
    return st.session_state.pop(_NOTICES, [])


def init_language() -> str:
    seed_from_url("lang", available_languages(), DEFAULT_LANGUAGE)
    seed_from_url("digits", ["western", "arabic"], "western")
    return st.session_state["lang"]


def language() -> str:
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def digits() -> str:
    return st.session_state.get("digits", "western")


def mark_routed() -> None:
    """Called by the entrypoint just before it runs the chosen page."""
    st.session_state[_ROUTED] = True


def consume_routed() -> bool:
    """True when this page run came through the router (see components.page_start)."""
    return bool(st.session_state.pop(_ROUTED, False))
