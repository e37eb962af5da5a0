"""The data page's parts: the session's private uploads, the catalogue, uploading, and version history.

Publishing needs the analyst passphrase (dashboard.auth); without it an upload can still be explored in this
session only. Every check, diff and store operation lives in dashboard/ (validation, store, registry).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, plaintext
from dashboard.i18n import t
from dashboard.registry import SCHEMAS, DatasetMeta, session_dataset
from dashboard.schemas import without_contacts
from dashboard.sources import provenance, source_line
from dashboard.store import StoreError
from dashboard.validation import UPLOAD_KINDS, check_metadata, template
from dashboard.validation.publish import publish_checked
from ui import cached, state, upload_section, widgets


def _configured_hash() -> str | None:
    try:
        secrets = dict(st.secrets)
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error; the environment still counts
        secrets = {}
    return auth.configured_hash(secrets)


def _check_passphrase(passphrase: str, lang: str) -> bool:
    """True when publishing is allowed; otherwise shows why (off, locked out, wrong) and counts the failure."""
    configured = _configured_hash()
    if configured is None:
        st.error(t("data.publish_off", lang))
        return False
    if auth.locked_out(state.publish_failures()):
        st.error(t("data.locked_out", lang, attempts=auth.MAX_FAILED_ATTEMPTS))
        return False
    if not auth.verify(passphrase, configured):
        left = auth.MAX_FAILED_ATTEMPTS - state.record_publish_failure()
        st.error(t("data.wrong_passphrase", lang, left=left) if left > 0
                 else t("data.locked_out", lang, attempts=auth.MAX_FAILED_ATTEMPTS))
        return False
    state.reset_publish_failures()
    state.grant_publish_right()
    return True


def _kind_label(kind: str, lang: str) -> str:
    return t(f"data.kind_{kind}", lang)


def tabular_ids() -> list[str]:
    """The datasets that are tables (they can be downloaded, uploaded and versioned)."""
    return [d for d in cached.registry().dataset_ids() if d in SCHEMAS]


def session_uploads(lang: str) -> None:
    """The uploads this session explores privately, each with a button to discard it."""
    for kind_id, own in state.session_datasets().items():
        st.info(t("data.session_active", lang, kind=_kind_label(kind_id, lang),
                  file=plaintext.markdown(own.meta.source_file)),
                icon=":material/person:")
        if st.button(t("data.session_discard", lang, kind=_kind_label(kind_id, lang)), key=f"discard_{kind_id}"):
            state.clear_session_dataset(kind_id)
            st.rerun()


def sources_tab(lang: str) -> None:
    """The catalogue of every dataset version, and a download of any one of them."""
    st.write(t("data.catalogue", lang))
    catalogue = cached.catalogue()
    columns = {"id": "data.col_dataset", "version": "data.col_version", "active": "data.col_active",
               "title": "data.col_title", "publisher": "data.col_publisher", "revision": "data.col_revision",
               "licence": "data.col_licence", "citation": "data.col_citation", "built_by": "data.col_built_by",
               "nature": "data.col_nature", "rows": "data.col_rows", "published_by": "data.col_published_by",
               "published_at": "data.col_published_at", "sha256": "data.col_sha256"}
    metas = [DatasetMeta.from_dict(row) for row in catalogue.to_dict("records")]
    shown = catalogue[list(columns)].assign(nature=catalogue["nature"].map(lambda n: t(f"data.nature_{n}", lang)),
                                            **{name: [provenance(m, name, lang) for m in metas]
                                               for name in ("title", "publisher", "revision")})
    st.dataframe(shown.rename(columns={k: t(v, lang) for k, v in columns.items()}), hide_index=True,
                 width="stretch")
    st.subheader(t("data.download_version", lang))
    left, right = st.columns(2)
    tabular = tabular_ids()
    chosen_id = left.selectbox(t("data.col_dataset", lang), tabular, key="sources_dataset")
    versions = cached.shared_versions(chosen_id)
    chosen_version = right.selectbox(t("data.col_version", lang), [m.version for m in versions],
                                     key="sources_version")
    chosen = cached.shared_version(chosen_id, chosen_version)
    widgets.table_with_downloads(without_contacts(chosen.frame), f"{chosen_id}_{chosen_version}",
                                    source_line(chosen.meta, lang), lang, key="sources_download",
                                    show=False)


def upload_tab(lang: str, digits: str) -> None:
    """Upload a file, map its columns, check it, compare it with the active version, explore or publish it."""
    registry = cached.registry()
    st.write(t("data.upload_intro", lang))
    kind = st.selectbox(t("data.kind", lang), list(UPLOAD_KINDS), format_func=lambda k: _kind_label(k, lang),
                        key="upload_kind")
    st.caption(t(f"data.kind_help_{kind}", lang))
    with st.expander(t("data.template", lang)):
        widgets.table_with_downloads(template(kind), f"template_{kind}", t("data.template_source", lang), lang,
                                        key=f"template_{kind}")
    checked = upload_section.checked_upload(kind, lang, digits)
    ready, file_name, raw = (checked.prepared, checked.file_name, checked.raw) if checked else (None, "", None)
    if ready is not None:
        st.subheader(t("data.explore", lang))
        st.caption(t("data.explore_help", lang))
        if st.button(t("data.explore_button", lang), key="explore"):
            state.set_session_dataset(kind, session_dataset(
                kind, ready.frame, file_name, raw.sha256, title=file_name, publisher=t("data.session_publisher", lang)))
            st.rerun()
        st.subheader(t("data.publish", lang))
        labels = {name: t(f"data.field_{name}", lang) for name in
                  ("title", "publisher", "citation", "licence", "url", "revision", "built_by", "published_by")}
        with st.form("publish_form"):
            values = {name: st.text_input(labels[name], key=f"pub_{name}") for name in
                      ("title", "publisher", "revision", "citation", "licence", "url", "built_by")}
            nature = st.selectbox(t("data.col_nature", lang), ["real", "derived", "synthetic"],
                                  format_func=lambda n: t(f"data.nature_{n}", lang), key="pub_nature")
            values["published_by"] = st.text_input(labels["published_by"], key="pub_published_by")
            passphrase = st.text_input(t("data.passphrase", lang), type="password", key="pub_passphrase")
            submitted = st.form_submit_button(t("data.publish_button", lang))
        if submitted:
            meta_problems = check_metadata(values, labels)
            for item in meta_problems:
                st.error(item.message(lang, plaintext.markdown))
            if not meta_problems and _check_passphrase(passphrase, lang):
                try:
                    meta = publish_checked(registry, ready, source_file=file_name, file_sha256=raw.sha256,
                                           nature=nature, **{k: v.strip() for k, v in values.items()})
                except StoreError as exc:
                    st.error(t("data.store_error", lang, problem=str(exc)))
                else:
                    state.clear_session_dataset(kind)
                    st.success(t("data.published", lang, kind=_kind_label(kind, lang), version=meta.version))


def versions_tab(lang: str) -> None:
    """Every version of one dataset, the events log, and rollback."""
    registry = cached.registry()
    tabular = tabular_ids()
    st.write(t("data.versions_intro", lang))
    history_id = st.selectbox(t("data.col_dataset", lang), tabular, key="versions_dataset")
    history = cached.shared_versions(history_id)
    st.dataframe(pd.DataFrame([{
        t("data.col_version", lang): m.version, t("data.col_active", lang): m.active,
        t("data.col_title", lang): provenance(m, "title", lang),
        t("data.col_publisher", lang): provenance(m, "publisher", lang),
        t("data.col_published_by", lang): m.published_by, t("data.col_published_at", lang): m.published_at,
        t("data.col_rows", lang): m.rows, t("data.col_nature", lang): t(f"data.nature_{m.nature}", lang),
        t("data.col_source_file", lang): m.source_file} for m in history]), hide_index=True, width="stretch")
    events = cached.events()
    if not events.empty:
        st.caption(t("data.events", lang))
        log = events[events["dataset_id"] == history_id].drop(columns=["dataset_id", "detail"])
        st.dataframe(log.assign(action=log["action"].map(lambda a: t(f"data.action_{a}", lang))).rename(columns={
            "at": t("data.col_published_at", lang), "who": t("data.col_who", lang),
            "action": t("data.col_action", lang), "version": t("data.col_version", lang)}),
            hide_index=True, width="stretch")
    with st.form("rollback_form"):
        target = st.selectbox(t("data.rollback_to", lang), [m.version for m in history if not m.active],
                              key="rollback_version")
        who = st.text_input(t("data.field_published_by", lang), key="rollback_who")
        rollback_passphrase = st.text_input(t("data.passphrase", lang), type="password", key="rollback_passphrase")
        rollback = st.form_submit_button(t("data.rollback_button", lang))
    if rollback:
        who_problems = check_metadata({"published_by": who}, {"published_by": t("data.field_published_by", lang)})
        for item in who_problems:
            st.error(item.message(lang, plaintext.markdown))
        if target and not who_problems and _check_passphrase(rollback_passphrase, lang):
            try:
                registry.activate(history_id, target, who.strip())
            except StoreError as exc:
                st.error(t("data.store_error", lang, problem=str(exc)))
            else:
                st.success(t("data.rolled_back", lang, kind=_kind_label(history_id, lang), version=target))
