"""The publish half of the Data page: the publish and rollback forms, signing in, and what to say.

The policy (salted hashes, the lockout kept in the store, the check budget) is dashboard.auth and the review of
a risky version dashboard.publish_review; this module reads Streamlit's secrets and the client's address, lays
out the forms and turns each outcome into a message in the user's language. After every attempt the passphrase
field is emptied (the form is drawn again, with the outcome above it), so nothing invites a second click.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, plaintext
from dashboard.countries import country_names
from dashboard.i18n import t
from dashboard.publish_review import describe, review
from dashboard.store import StoreError, StoreFull, StoreUnavailable
from dashboard.validation import Diff, Prepared, check_metadata
from dashboard.validation.publish import publish_checked
from ui import cached, state
from ui.store_status import secrets

_NOTICES = "_publish_notices"
_CLEAR = "_publish_clear"


def client_address() -> str | None:
    try:
        return st.context.ip_address
    except Exception:  # outside a served session (AppTest) there is no address: counted as "unknown"
        return None


def sign_in(account: str, passphrase: str, lang: str, out=st) -> str | None:
    """The analyst's account when `passphrase` is theirs; otherwise says why not (on `out`) and returns None."""
    try:
        result = auth.sign_in(cached.registry().store, auth.analysts(secrets()), account, passphrase,
                              client_address())
    except StoreError as exc:
        store_error(exc, lang, out)
        return None
    if result.ok:
        state.grant_publish_right()  # this session may now see a consented roster's contact details
        return result.account
    if result.outcome == "off":
        out.error(t("data.publish_off", lang))
    elif result.outcome == "busy":
        out.error(t("data.sign_in_busy", lang))
    elif result.outcome == "wrong" and result.attempts_left > 0:
        out.error(t("data.wrong_passphrase", lang, left=result.attempts_left))
    else:
        out.error(t("data.locked_out", lang, minutes=max(1, -(-result.wait_seconds // 60))))
    return None


def store_error(exc: StoreError, lang: str, out=st) -> None:
    """A write that failed: disk full, store unreachable, or anything else the store reports."""
    if isinstance(exc, StoreFull):
        out.error(t("data.store_full", lang))
    elif isinstance(exc, StoreUnavailable):
        out.error(t("data.store_unavailable", lang))
    else:
        out.error(t("data.store_error", lang, problem=str(exc)))


def _start(form: str, secret_keys: tuple[str, ...]) -> None:
    """Before a form is drawn: empty the fields an attempt asked to clear, and show that attempt's outcome."""
    # Only this form's entries: the Data page draws the publish form before the rollback form in one run, so
    # taking every form's entries here lost a rollback's outcome and left its passphrase in the field.
    for key in st.session_state.get(_CLEAR, {}).pop(form, ()):
        st.session_state[key] = False if key.endswith("confirm") else ""
    for kind, text in st.session_state.get(_NOTICES, {}).pop(form, []):
        getattr(st, kind)(text)


def _finish(form: str, cleared: tuple[str, ...], notices: list[tuple[str, str]]) -> None:
    """After an attempt: keep its messages for the next run and draw the form again with `cleared` emptied."""
    st.session_state.setdefault(_NOTICES, {})[form] = notices
    st.session_state.setdefault(_CLEAR, {})[form] = cleared
    st.rerun()


class _Collect:
    """Stands in for st while an attempt runs, so its messages survive the rerun that clears the form."""

    def __init__(self) -> None:
        self.notices: list[tuple[str, str]] = []

    def error(self, text: str) -> None:
        self.notices.append(("error", text))


def publish_form(prepared: Prepared, file_name: str, file_sha256: str, change: Diff, lang: str,
                 digits: str = "western") -> None:
    """The publish form for a checked upload; a risky version (dropped destinations, total moved by more than
    10%) is described in words and needs the confirmation box ticked."""
    st.subheader(t("data.publish", lang))
    found = review(change)
    lines = describe(found, country_names(cached.countries(), lang), lang, digits)
    for line in lines:
        st.warning(line)
    _start("publish", ("pub_passphrase", "pub_confirm"))
    labels = {name: t(f"data.field_{name}", lang) for name in
              ("title", "publisher", "citation", "licence", "url", "revision", "built_by", "analyst")}
    with st.form("publish_form"):
        values = {name: st.text_input(labels[name], key=f"pub_{name}") for name in
                  ("title", "publisher", "revision", "citation", "licence", "url", "built_by")}
        nature = st.selectbox(t("data.col_nature", lang), ["real", "derived", "synthetic"],
                              format_func=lambda n: t(f"data.nature_{n}", lang), key="pub_nature")
        analyst = st.text_input(labels["analyst"], key="pub_analyst")
        passphrase = st.text_input(t("data.passphrase", lang), type="password", key="pub_passphrase")
        confirmed = (st.checkbox(t("data.review_confirm", lang), key="pub_confirm") if found.needs_confirmation
                     else True)
        submitted = st.form_submit_button(t("data.publish_button", lang))
    if not submitted:
        return
    meta_problems = check_metadata(values, labels)
    if meta_problems:  # nothing was checked: the form keeps what was typed
        for item in meta_problems:
            st.error(item.message(lang, plaintext.markdown))
        return
    if not confirmed:
        st.error(t("data.review_needs_confirm", lang))
        return
    collected = _Collect()
    account = sign_in(analyst, passphrase, lang, collected)
    if account:
        try:
            meta = publish_checked(cached.registry(), prepared, source_file=file_name, file_sha256=file_sha256,
                                   nature=nature, published_by=account, **{k: v.strip() for k, v in values.items()})
        except StoreError as exc:
            store_error(exc, lang, collected)
        else:
            state.clear_session_dataset(prepared.kind)
            collected.notices.append(("success", t("data.published", lang, kind=t(f"data.kind_{prepared.kind}", lang),
                                                   version=meta.version)))
    _finish("publish", ("pub_passphrase", "pub_confirm"), collected.notices)


def rollback_form(dataset_id: str, targets: list[str], lang: str) -> None:
    """Make an earlier version active again, as a signed-in analyst."""
    _start("rollback", ("rollback_passphrase",))
    with st.form("rollback_form"):
        target = st.selectbox(t("data.rollback_to", lang), targets, key="rollback_version")
        who = st.text_input(t("data.field_analyst", lang), key="rollback_who")
        passphrase = st.text_input(t("data.passphrase", lang), type="password", key="rollback_passphrase")
        submitted = st.form_submit_button(t("data.rollback_button", lang))
    if not submitted or not target:
        return
    collected = _Collect()
    account = sign_in(who, passphrase, lang, collected)
    if account:
        try:
            cached.registry().activate(dataset_id, target, account)
        except StoreError as exc:
            store_error(exc, lang, collected)
        else:
            collected.notices.append(("success", t("data.rolled_back", lang, kind=t(f"data.kind_{dataset_id}", lang),
                                                   version=target)))
    _finish("rollback", ("rollback_passphrase",), collected.notices)
