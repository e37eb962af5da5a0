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


def stop_if_misconfigured(lang: str) -> None:
    """A wrong setting (database URL, analysts) stops the app with one message naming it, on every page."""
    from ui.publishing import secrets

    settings = json.dumps(secrets(), sort_keys=True, default=str)
    key = hashlib.sha256(repr(tuple(os.environ.get(name, "") for name in _SETTINGS)).encode()).hexdigest()
    problem = _problem(key + hashlib.sha256(settings.encode()).hexdigest(), settings)
    if problem:
        log.error("configuration problem: %s", problem)
        st.error(t("common.config_error", lang, problem=problem))
        st.stop()
