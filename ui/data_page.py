"""The data page's parts: the session's private uploads, the catalogue, uploading, and version history.

Publishing needs an analyst's name and passphrase (ui/publishing.py, dashboard.auth); without it an upload can
still be explored in this session only. Every check, diff and store operation lives in dashboard/ (validation,
store, registry).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import plaintext
from dashboard.i18n import t
from dashboard.registry import SCHEMAS, DatasetMeta, session_dataset
from dashboard.schemas import without_contacts
from dashboard.sources import provenance, source_line
from dashboard.validation import UPLOAD_KINDS, template
from ui import cached, publishing, state, upload_section, widgets


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
    widgets.data_table(shown.rename(columns={k: t(v, lang) for k, v in columns.items()}), lang)
    st.subheader(t("data.download_version", lang))
    left, right = st.columns(2)
    tabular = tabular_ids()
    chosen_id = left.selectbox(t("data.col_dataset", lang), tabular, key="sources_dataset")
    versions = cached.shared_versions(chosen_id)
    by_version = {m.version: m for m in versions}   # a bundled version by its revision's name, not its id
    chosen_version = right.selectbox(t("data.col_version", lang), list(by_version), key="sources_version",
                                     format_func=lambda v: provenance(by_version[v], "revision", lang)
                                     if by_version[v].is_bundled else v)
    chosen = cached.shared_version(chosen_id, chosen_version)
    widgets.table_with_downloads(without_contacts(chosen.frame), f"{chosen_id}_{chosen_version}",
                                    source_line(chosen.meta, lang), lang, key="sources_download",
                                    show=False)


def upload_tab(lang: str, digits: str) -> None:
    """Upload a file, map its columns, check it, compare it with the active version, explore or publish it."""
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
        publishing.publish_form(ready, file_name, raw.sha256, checked.change, lang, digits)


def versions_tab(lang: str) -> None:
    """Every version of one dataset, the events log, and rollback."""
    tabular = tabular_ids()
    st.write(t("data.versions_intro", lang))
    history_id = st.selectbox(t("data.col_dataset", lang), tabular, key="versions_dataset")
    history = cached.shared_versions(history_id)
    widgets.data_table(pd.DataFrame([{
        t("data.col_version", lang): m.version, t("data.col_active", lang): m.active,
        t("data.col_title", lang): provenance(m, "title", lang),
        t("data.col_publisher", lang): provenance(m, "publisher", lang),
        t("data.col_published_by", lang): m.published_by, t("data.col_published_at", lang): m.published_at,
        t("data.col_rows", lang): m.rows, t("data.col_nature", lang): t(f"data.nature_{m.nature}", lang),
        t("data.col_source_file", lang): m.source_file} for m in history]), lang)
    events = cached.events()
    if not events.empty:
        st.caption(t("data.events", lang))
        log = events[events["dataset_id"] == history_id].drop(columns=["dataset_id", "detail"])
        widgets.data_table(log.assign(action=log["action"].map(lambda a: t(f"data.action_{a}", lang))).rename(columns={
            "at": t("data.col_published_at", lang), "who": t("data.col_who", lang),
            "action": t("data.col_action", lang), "version": t("data.col_version", lang)}), lang)
    publishing.rollback_form(history_id, [m.version for m in history if not m.active], lang)
