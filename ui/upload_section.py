"""The data page's upload check: read the file, map its columns, list its problems (with a picker for country
names we do not recognise, applied and checked again without a new upload), and compare it with the active
version. Every step runs in dashboard/validation; reads and checks are cached per file in ui/cached.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import plaintext
from dashboard.i18n import format_number, join_list, t
from dashboard.schemas import without_contacts
from dashboard.validation import (
    SEPARATORS,
    Diff,
    Prepared,
    RawTable,
    UploadError,
    detect_layout,
    mapped_fields,
    problems_table,
    suggest_mapping,
)
from ui import cached, state, widgets


@dataclass(frozen=True)
class Checked:
    """An upload that passed every check, ready to explore or publish."""

    kind: str
    file_name: str
    raw: RawTable
    prepared: Prepared
    change: Diff  # what publishing it would change (ui/publishing.py reviews it before a publish)


def _mapping(kind: str, raw: RawTable, layout: str, lang: str) -> dict[str, str | None]:
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
    return mapping


def _country_picker(prepared: Prepared, file_key: str, lang: str) -> None:
    """One choice per unknown name (its suggestions first, then every country); applying them checks the same
    file again with the names replaced."""
    st.subheader(t("data.unresolved", lang))
    st.caption(t("data.pick_help", lang))
    names = cached.country_labels(lang)
    with st.form(f"pick_countries_{file_key}"):
        chosen = {}
        for i, row in enumerate(prepared.unresolved.itertuples(index=False)):
            suggested = [c for c in row.codes.split(";") if c]
            options = ["", *suggested, *(c for c in names if c not in suggested)]
            label = t("data.pick_label", lang, value=row.value, column=row.column, rows=row.rows, row=row.first_row)
            chosen[row.value] = st.selectbox(label, options, index=1 if suggested else 0, key=f"pick_{file_key}_{i}",
                                             format_func=lambda c: names.get(c, t("data.pick_none", lang)))
        if st.form_submit_button(t("data.pick_apply", lang)):
            state.set_country_picks(file_key, {**state.country_picks(file_key),
                                               **{v: c for v, c in chosen.items() if c}})
            st.rerun()


def _diff(kind: str, args: tuple, lang: str, digits: str) -> Diff:
    active = cached.registry_meta(kind)
    change = cached.upload_diff(*args, active.version, active.sha256)
    st.subheader(t("data.diff", lang, version=active.version))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("data.diff_rows_active", lang), format_number(change.rows_active, lang, digits))
    m2.metric(t("data.diff_rows_new", lang), format_number(change.rows_new, lang, digits),
              delta=format_number(change.rows_new - change.rows_active, lang, digits))
    m3.metric(t("data.diff_added", lang), len(change.added))
    m4.metric(t("data.diff_removed", lang), len(change.removed))
    if change.added:
        st.text(t("data.diff_added_list", lang, countries=join_list(change.added, lang)))
    if change.removed:
        st.text(t("data.diff_removed_list", lang, countries=join_list(change.removed, lang)))
    st.caption(t("data.diff_totals", lang))
    no_years = {"year": {"all": t("data.diff_all_years", lang)}}  # a file without years compares one total
    widgets.data_table(change.totals.replace(no_years).rename(columns={
        "year": t("data.col_year", lang), "active": t("data.col_active_value", lang),
        "new": t("data.col_new_value", lang), "change": t("data.col_change", lang)}), lang)
    st.caption(t("data.diff_largest", lang))
    widgets.data_table(change.largest.replace(no_years).rename(columns={
        "country": t("data.col_country", lang), "year": t("data.col_year", lang),
        "active": t("data.col_active_value", lang), "new": t("data.col_new_value", lang),
        "change": t("data.col_change", lang)}), lang)
    return change


def checked_upload(kind: str, lang: str, digits: str) -> Checked | None:
    """The file uploader and everything up to the diff; the checked upload when it has no problem."""
    upload = st.file_uploader(t("data.file", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm"], key="upload_file")
    if upload is None:
        return None
    data, file_name = upload.getvalue(), upload.name
    try:
        sheets = cached.upload_sheets(file_name, data)
        sheet = st.selectbox(t("data.sheet", lang), sheets, key="upload_sheet") if sheets else None
        raw = cached.upload_table(file_name, data, sheet)
    except UploadError as exc:
        st.error(exc.problem.message(lang, plaintext.markdown))
        return None
    layout = detect_layout(list(raw.frame.columns))
    st.caption(t("data.read_summary", lang, rows=format_number(len(raw.frame), lang, digits),
                 columns=len(raw.frame.columns), encoding=raw.encoding,
                 separator=t(f"data.sep_{SEPARATORS.get(raw.separator, 'none')}", lang),
                 layout=t(f"data.layout_{layout}", lang)))
    mapping = _mapping(kind, raw, layout, lang)
    picks = state.country_picks(raw.sha256)
    if picks:
        shown = ", ".join(f"{plaintext.markdown(value)} → {code}" for value, code in picks.items())
        st.caption(t("data.picks_applied", lang, picks=shown))
    args = (kind, file_name, data, sheet, tuple(mapping.items()), layout, tuple(sorted(picks.items())))
    prepared = cached.upload_prepared(*args)
    for note in prepared.notes:
        st.caption(note.message(lang, plaintext.markdown))
    if prepared.problems:
        st.error(t("data.problems_found", lang, count=len(prepared.problems)))
        widgets.table_with_downloads(problems_table(prepared.problems, lang), f"problems_{file_name}", file_name,
                                     lang, key="problems")
        if not prepared.unresolved.empty:
            _country_picker(prepared, raw.sha256, lang)
        st.info(t("data.unchanged", lang))
        return None
    st.success(t("data.valid", lang, rows=format_number(len(prepared.frame), lang, digits)))
    st.subheader(t("data.preview", lang))
    widgets.data_table(without_contacts(prepared.frame.head(200)), lang)
    change = _diff(kind, args, lang, digits)
    return Checked(kind=kind, file_name=file_name, raw=raw, prepared=prepared, change=change)
