"""Signing in to publish (the Data page): which analysts exist, who is asking from where, and what to say.

The policy (salted hashes, the lockout kept in the store, the check budget) is dashboard.auth; this module only
reads Streamlit's secrets and the client's address and turns each outcome into a message in the user's language.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth
from dashboard.i18n import t
from dashboard.store import StoreError, StoreFull
from ui import cached


def secrets() -> dict:
    """Streamlit's secrets as plain dicts (tables included); empty without a secrets.toml."""
    def plain(value):
        return {str(k): plain(v) for k, v in value.items()} if hasattr(value, "items") else value

    try:
        return plain(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error; the environment still counts
        return {}


def client_address() -> str | None:
    try:
        return st.context.ip_address
    except Exception:  # outside a served session (AppTest) there is no address: counted as "unknown"
        return None


def sign_in(account: str, passphrase: str, lang: str) -> str | None:
    """The analyst's account when `passphrase` is theirs; otherwise shows why not and returns None."""
    try:
        result = auth.sign_in(cached.registry().store, auth.analysts(secrets()), account, passphrase,
                              client_address())
    except StoreError as exc:
        store_error(exc, lang)
        return None
    if result.ok:
        return result.account
    if result.outcome == "off":
        st.error(t("data.publish_off", lang))
    elif result.outcome == "busy":
        st.error(t("data.sign_in_busy", lang))
    elif result.outcome == "wrong" and result.attempts_left > 0:
        st.error(t("data.wrong_passphrase", lang, left=result.attempts_left))
    else:
        st.error(t("data.locked_out", lang, minutes=max(1, -(-result.wait_seconds // 60))))
    return None


def store_error(exc: StoreError, lang: str) -> None:
    """A write that failed: disk full, store unreachable, or anything else the store reports."""
    if isinstance(exc, StoreFull):
        st.error(t("data.store_full", lang))
    else:
        st.error(t("data.store_error", lang, problem=str(exc)))
