"""What every page says about the server's settings and the shared store (one message, one banner)."""

from __future__ import annotations

import hashlib
import json
import logging
import os

import streamlit as st

from dashboard.i18n import t
from dashboard.startup import configuration_problem

log = logging.getLogger("dashboard.app")
_SETTINGS = ("DASHBOARD_DATABASE_URL", "DASHBOARD_ANALYSTS_FILE", "DASHBOARD_PUBLISH_PASSPHRASE_SHA256",
             "DASHBOARD_HOME")


@st.cache_resource(show_spinner=False, max_entries=4, ttl=60)
def _problem(_settings_key: str, secrets: str) -> str | None:
    """Checked once per settings (and at most every minute), not on every rerun: it may reach the database."""
    return configuration_problem(json.loads(secrets))


def secrets() -> dict:
    """Streamlit's secrets as plain dicts (tables included); empty without a secrets.toml. Here rather than with
    the publishing form (ui.publishing, which also reads them) so that checking the settings on every page does
    not import the upload validation."""
    def plain(value):
        return {str(k): plain(v) for k, v in value.items()} if hasattr(value, "items") else value

    try:
        return plain(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error; the environment still counts
        return {}


def configuration_message() -> str | None:
    """The first thing wrong with the server's settings (database URL, analysts), or None; checked once per
    settings and at most every minute."""
    settings = json.dumps(secrets(), sort_keys=True, default=str)
    key = hashlib.sha256(repr(tuple(os.environ.get(name, "") for name in _SETTINGS)).encode()).hexdigest()
    return _problem(key + hashlib.sha256(settings.encode()).hexdigest(), settings)


def stop_if_misconfigured(lang: str) -> None:
    """A wrong setting (database URL, analysts) stops the app with one message naming it, on every page."""
    problem = configuration_message()
    if problem:
        log.error("configuration problem: %s", problem)
        st.error(t("common.config_error", lang, problem=problem))
        st.stop()


def _problem_now() -> tuple[str, str] | None:
    """(backend, reason) when published versions cannot be read right now, else None."""
    from ui import cached

    registry = cached.registry()
    problem = registry.store_problem(registry.store.state())
    return None if problem is None else (registry.store.backend, problem)


def _as_code(text: str) -> str:
    """A reason from the system (paths, driver messages) shown literally, never as Markdown."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def banner(lang: str) -> None:
    """One banner on every page while published versions cannot be read; the pages serve the bundled data."""
    found = _problem_now()
    if found is None:
        return
    backend, problem = found
    log.warning("store unavailable: %s", problem)
    if backend == "sqlite":
        st.warning(t("common.store_damaged", lang, problem=_as_code(problem)), icon=":material/database:")
    else:
        st.warning(t("common.store_unavailable", lang), icon=":material/database:")


def data_page_problem(lang: str) -> None:
    """On the Data page: exactly what is wrong with the store, for the analyst or operator reading it."""
    found = _problem_now()
    if found is not None:
        st.error(t("data.store_problem", lang, problem=_as_code(found[1])))
