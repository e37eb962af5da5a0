"""The data page's parts: the session's private uploads, the catalogue, uploading, and version history.

Publishing needs the analyst passphrase (dashboard.auth); without it an upload can still be explored in this
session only. Every check, diff and store operation lives in dashboard/ (ingest, validation, store, registry).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, plaintext
from dashboard.i18n import format_number, t
from dashboard.ingest import SEPARATORS, UploadError
from dashboard.registry import SCHEMAS, PublishRequest, session_dataset
from dashboard.sources import source_line
from dashboard.store import StoreError
from dashboard.validation import (
    KINDS,
    check_metadata,
    detect_layout,
    mapped_fields,
    problems_table,
    suggest_mapping,
    template,
)
from ui import cached, state, widgets


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
                  file=plaintext.markdown(own.meta.source_file)), icon=":material/person:")
        if st.button(t("data.session_discard", lang, kind=_kind_label(kind_id, lang)), key=f"discard_{kind_id}"):
            state.clear_session_dataset(kind_id)
            st.rerun()


def sources_tab(lang: str) -> None:
    """The catalogue of every dataset version, and a download of any one of them."""
    registry = cached.registry()
    st.write(t("data.catalogue", lang))
    catalogue = registry.catalogue()
    columns = {"id": "data.col_dataset", "version": "data.col_version", "active": "data.col_active",
               "title": "data.col_title", "publisher": "data.col_publisher", "revision": "data.col_revision",
               "licence": "data.col_licence", "citation": "data.col_citation", "built_by": "data.col_built_by",
               "nature": "data.col_nature", "rows": "data.col_rows", "published_by": "data.col_published_by",
               "published_at": "data.col_published_at", "sha256": "data.col_sha256"}
    shown = catalogue[list(columns)].assign(nature=catalogue["nature"].map(lambda n: t(f"data.nature_{n}", lang)))
    st.dataframe(shown.rename(columns={k: t(v, lang) for k, v in columns.items()}), hide_index=True,
                 width="stretch")
    st.subheader(t("data.download_version", lang))
    left, right = st.columns(2)
    tabular = tabular_ids()
    chosen_id = left.selectbox(t("data.col_dataset", lang), tabular, key="sources_dataset")
    versions = registry.versions(chosen_id)
    chosen_version = right.selectbox(t("data.col_version", lang), [m.version for m in versions],
                                     key="sources_version")
    chosen = cached.shared_version(chosen_id, chosen_version)
    widgets.table_with_downloads(chosen.frame, f"{chosen_id}_{chosen_version}",
                                 source_line(chosen.meta, lang), lang, key="sources_download", show=False)


def upload_tab(lang: str, digits: str) -> None:
    """Upload a file, map its columns, check it, compare it with the active version, explore or publish it."""
    registry = cached.registry()
    st.write(t("data.upload_intro", lang))
    kind = st.selectbox(t("data.kind", lang), list(KINDS), format_func=lambda k: _kind_label(k, lang),
                        key="upload_kind")
    st.caption(t(f"data.kind_help_{kind}", lang))
    with st.expander(t("data.template", lang)):
        widgets.table_with_downloads(template(kind), f"template_{kind}", t("data.template_source", lang), lang,
                                     key=f"template_{kind}")
    upload = st.file_uploader(t("data.file", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm"], key="upload_file")
    ready = None
    if upload is not None:
        data, file_name = upload.getvalue(), upload.name
        try:
            sheets = cached.upload_sheets(file_name, data)
            sheet = st.selectbox(t("data.sheet", lang), sheets, key="upload_sheet") if sheets else None
            raw = cached.upload_table(file_name, data, sheet)
        except UploadError as exc:
            st.error(exc.problem.message(lang, plaintext.markdown))
            raw = None
        if raw is not None:
            layout = detect_layout(list(raw.frame.columns))
            st.caption(t("data.read_summary", lang, rows=format_number(len(raw.frame), lang, digits),
                         columns=len(raw.frame.columns), encoding=raw.encoding,
                         separator=t(f"data.sep_{SEPARATORS.get(raw.separator, 'none')}", lang),
                         layout=t(f"data.layout_{layout}", lang)))
            st.subheader(t("data.mapping", lang))
            st.caption(t("data.mapping_help", lang))
            suggested = suggest_mapping(kind, list(raw.frame.columns), layout)
            options = ["", *raw.frame.columns]
            mapping: dict[str, str | None] = {}
            cols = st.columns(3)
            for i, field in enumerate(mapped_fields(kind, layout)):
                label = field.name + ("" if field.required else f" ({t('data.optional', lang)})")
                picked = cols[i % 3].selectbox(
                    label, options, index=options.index(suggested[field.name] or ""),
                    format_func=lambda c: c or t("data.not_in_file", lang), key=f"map_{kind}_{field.name}")
                mapping[field.name] = picked or None
            mapping_key = tuple(mapping.items())
            prepared = cached.upload_prepared(kind, file_name, data, sheet, mapping_key, layout)
            for note in prepared.notes:
                st.caption(note.message(lang, plaintext.markdown))
            if prepared.problems:
                st.error(t("data.problems_found", lang, count=len(prepared.problems)))
                report = problems_table(prepared.problems, lang)
                widgets.table_with_downloads(report, f"problems_{file_name}", file_name, lang,
                                             key="problems")
                if not prepared.unresolved.empty:
                    st.subheader(t("data.unresolved", lang))
                    st.dataframe(prepared.unresolved.rename(columns={
                        "column": t("data.col_column", lang), "value": t("data.col_value", lang),
                        "rows": t("data.col_rows", lang), "first_row": t("data.col_row", lang),
                        "suggestions": t("data.col_suggestions", lang)}), hide_index=True, width="stretch")
                st.info(t("data.unchanged", lang))
            else:
                ready = prepared
                st.success(t("data.valid", lang, rows=format_number(len(prepared.frame), lang, digits)))
                active = registry.meta(kind)
                change = cached.upload_diff(kind, file_name, data, sheet, mapping_key, layout, active.version,
                                            active.sha256)
                st.subheader(t("data.preview", lang))
                st.dataframe(prepared.frame.head(200), hide_index=True, width="stretch")
                st.subheader(t("data.diff", lang, version=active.version))
                m1, m2, m3, m4 = st.columns(4)
                m1.metric(t("data.diff_rows_active", lang), format_number(change.rows_active, lang, digits))
                m2.metric(t("data.diff_rows_new", lang), format_number(change.rows_new, lang, digits),
                          delta=format_number(change.rows_new - change.rows_active, lang, digits))
                m3.metric(t("data.diff_added", lang), len(change.added))
                m4.metric(t("data.diff_removed", lang), len(change.removed))
                if change.added:
                    st.text(t("data.diff_added_list", lang, countries=", ".join(change.added)))
                if change.removed:
                    st.text(t("data.diff_removed_list", lang, countries=", ".join(change.removed)))
                st.caption(t("data.diff_totals", lang))
                st.dataframe(change.totals.rename(columns={
                    "year": t("data.col_year", lang), "active": t("data.col_active_value", lang),
                    "new": t("data.col_new_value", lang), "change": t("data.col_change", lang)}),
                    hide_index=True, width="stretch")
                st.caption(t("data.diff_largest", lang))
                st.dataframe(change.largest.rename(columns={
                    "country": t("data.col_country", lang), "year": t("data.col_year", lang),
                    "active": t("data.col_active_value", lang), "new": t("data.col_new_value", lang),
                    "change": t("data.col_change", lang)}), hide_index=True, width="stretch")

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
                    meta = registry.publish(PublishRequest(
                        dataset_id=kind, frame=ready.frame, source_file=file_name, file_sha256=raw.sha256,
                        nature=nature, **{k: v.strip() for k, v in values.items()}))
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
    history = registry.versions(history_id)
    st.dataframe(pd.DataFrame([{
        t("data.col_version", lang): m.version, t("data.col_active", lang): m.active,
        t("data.col_title", lang): m.title, t("data.col_publisher", lang): m.publisher,
        t("data.col_published_by", lang): m.published_by, t("data.col_published_at", lang): m.published_at,
        t("data.col_rows", lang): m.rows, t("data.col_nature", lang): t(f"data.nature_{m.nature}", lang),
        t("data.col_source_file", lang): m.source_file} for m in history]), hide_index=True, width="stretch")
    events = registry.store.events()
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
