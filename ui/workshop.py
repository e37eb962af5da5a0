"""The workshop room page's parts: open or join a room, a group's package, and the facilitator's live view.

Rules and storage are in dashboard/rooms.py and dashboard/room_store.py; this module only draws. Every text a
participant typed is drawn with st.text / dataframes (never markdown), and exported escaped.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import plaintext, room_store, rooms
from dashboard.i18n import format_number, t
from dashboard.room_briefing import differences_table, lever_counts_table, room_briefing
from dashboard.rooms import Room, RoomError, Submission
from dashboard.scenario import tables
from dashboard.scenario.params import LEVERS, PILLARS
from dashboard.scenario.spec import Scenario
from dashboard.store import StoreError
from ui import cached, presenting, scenario_controls, scenario_state, shell, state, widgets

REFRESH_SECONDS = 3
_TOKENS = "_room_tokens"      # room code -> this session's submission token
_KEYS = "_room_keys"          # room code -> the facilitator key this session holds
OTHER = "__other__"


def _store():
    return cached.registry().store


def _tokens() -> dict[str, str]:
    return st.session_state.setdefault(_TOKENS, {})


def _keys() -> dict[str, str]:
    return st.session_state.setdefault(_KEYS, {})


def error_text(error: RoomError, lang: str) -> str:
    """The refusal in the reader's language; names and file contents it quotes are shown as text."""
    values = {k: format_number(v, lang, state.digits()) if isinstance(v, int) else plaintext.markdown(v)
              for k, v in error.values.items()}
    return t(f"rooms.error.{error.kind}", lang, **values)


def room_code() -> str:
    return rooms.normalise_code(st.query_params.get("room", ""))


def enter(code: str) -> None:
    st.query_params["room"] = code


def load(code: str, lang: str) -> tuple[Room, list[Submission]] | None:
    try:
        return room_store.load(_store(), code)
    except StoreError as exc:
        st.error(t("rooms.store_error", lang, problem=str(exc)))
        return None


# ---- no room yet: join, open, import --------------------------------------------------------------------------
def lobby(lang: str) -> None:
    join, open_, import_column = st.columns(3)
    with join.form("room_join"):
        st.subheader(t("rooms.join", lang))
        code = st.text_input(t("rooms.code", lang), key="room_join_code", max_chars=32)
        if st.form_submit_button(t("rooms.join_button", lang)):
            enter(rooms.normalise_code(code))
            st.rerun()
    with open_.form("room_open"):
        st.subheader(t("rooms.open", lang))
        title = st.text_input(t("rooms.title_field", lang), key="room_title", max_chars=rooms.TITLE_MAX)
        counts = list(range(1, len(LEVERS) + 1))   # a choice, not a number field: it reads in the reader's digits
        digits = state.digits()   # read now: the format function is also called outside this run
        max_levers = st.selectbox(t("rooms.max_levers", lang), counts, index=len(counts) - 1, key="room_max_levers",
                                  format_func=lambda n: format_number(n, lang, digits))
        if st.form_submit_button(t("rooms.open_button", lang)):
            try:
                room, key = rooms.new_room(title, int(max_levers))
            except RoomError as exc:
                st.error(error_text(exc, lang))
            else:
                _create(room, key, (), lang)
    with import_column:
        st.subheader(t("rooms.import", lang))
        upload = st.file_uploader(t("rooms.import_file", lang), type=["json"], key="room_import")
        if upload is not None and st.button(t("rooms.import_button", lang), key="room_import_go"):
            try:
                room, subs, key = rooms.from_json(upload.getvalue())
            except RoomError as exc:
                st.error(error_text(exc, lang))
            else:
                _create(room, key, subs, lang)


def _create(room: Room, key: str, subs, lang: str) -> None:
    try:
        room = room_store.create(_store(), room, subs)
    except StoreError as exc:
        st.error(t("rooms.store_error", lang, problem=str(exc)))
        return
    _keys()[room.code] = key
    st.session_state["room_new_key"] = key
    enter(room.code)
    st.rerun()


def unknown(code: str, lang: str) -> None:
    st.error(t("rooms.error.unknown_room", lang, code=code))
    scenarios_alone(lang)


def scenarios_alone(lang: str) -> None:
    left, right = st.columns(2)
    with left:
        shell.link_to("scenarios", t("rooms.scenarios_alone", lang))
    if right.button(t("rooms.other_room", lang), key="room_leave"):
        st.query_params.pop("room", None)
        st.rerun()


# ---- a group ----------------------------------------------------------------------------------------------------
def _group_name(subs: list[Submission], token: str | None, lang: str) -> str:
    mine = next((s for s in subs if rooms.may_revise(s, token)), None)
    offered = [t(f"rooms.group.{g}", lang) for g in rooms.WORKSHOP_GROUPS]
    if mine is not None and mine.group not in offered:
        offered.append(mine.group)
    options = [*offered, OTHER]
    index = options.index(mine.group) if mine is not None else None
    picked = st.selectbox(t("rooms.group", lang), options, index=index, key="room_group",
                          placeholder=t("rooms.group_pick", lang),
                          format_func=lambda g: t("rooms.group_other", lang) if g == OTHER else g)
    if picked == OTHER:
        return st.text_input(t("rooms.group_name", lang), key="room_group_other", max_chars=rooms.GROUP_NAME_MAX)
    return picked or ""


def group_view(room: Room, subs: list[Submission], lang: str, digits: str) -> None:
    token = _tokens().get(room.code)
    mine = next((s for s in subs if rooms.may_revise(s, token)), None)
    if room.status != "open":
        st.warning(t(f"rooms.error.room_{room.status}", lang))
        if mine is not None:
            st.text(mine.rationale)
        return
    if mine is not None:
        st.info(t("rooms.revising", lang, revision=format_number(mine.revision, lang, digits)))
    group = _group_name(subs, token, lang)
    taken = bool(group.strip()) and rooms.name_taken(subs, group, token)
    if taken:
        st.error(t("rooms.error.group_taken", lang, group=plaintext.markdown(group)))
    first_visit, problems = scenario_state.start(lang, digits)
    problems += scenario_state.load_requested("A", first_visit, lang, digits)
    scenario_controls.levers_and_world(lang, digits)
    rationale = st.text_area(t("rooms.rationale", lang, limit=format_number(rooms.RATIONALE_MAX, lang, digits)),
                             value=mine.rationale if mine else "", key="room_rationale")
    st.caption(t("rooms.limits", lang, levers=format_number(room.max_levers, lang, digits),
                 chars=format_number(rooms.RATIONALE_MAX, lang, digits)))
    label = t("rooms.revise_button" if mine else "rooms.submit_button", lang)
    if st.button(label, key="room_submit", type="primary", disabled=taken):
        try:
            sub, token = room_store.submit(_store(), room.code, group, scenario_state.from_widgets("A"), rationale,
                                           token)
        except RoomError as exc:
            st.error(error_text(exc, lang))
        except StoreError as exc:
            st.error(t("rooms.store_error", lang, problem=str(exc)))
        else:
            _tokens()[room.code] = token
            st.success(t("rooms.submitted", lang, group=plaintext.markdown(sub.group),
                         revision=format_number(sub.revision, lang, digits)))


# ---- the facilitator ------------------------------------------------------------------------------------------
def facilitator_key(room: Room, lang: str) -> str | None:
    """The key this session holds for the room, or a field to enter it."""
    key = _keys().get(room.code)
    new = st.session_state.pop("room_new_key", None)
    if new:
        st.warning(t("rooms.key_once", lang), icon=":material/key:")
        st.code(new, language=None)
    if key:
        return key
    with st.expander(t("rooms.facilitator", lang)):
        entered = st.text_input(t("rooms.key", lang), type="password", key="room_key_field")
        if st.button(t("rooms.key_button", lang), key="room_key_go"):
            if rooms.secret_matches(entered, room.key_hash):
                _keys()[room.code] = entered
                st.rerun()
            st.error(t("rooms.error.wrong_key", lang))
    return None


def invitation(room: Room, lang: str) -> None:
    """The code, the link and a QR code drawn here (segno: no network)."""
    import segno

    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    link = f"{base}?room={room.code}" if base else f"?room={room.code}"
    left, right = st.columns([2, 1])
    left.markdown(f"## {t('rooms.code', lang)}: `{room.code}`")
    left.code(link, language=None)
    if any(local in link for local in ("localhost", "127.0.0.1", "[::1]")):
        left.warning(t("rooms.local_link", lang))
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    right.image(buffer.getvalue(), width=220)


def _frames(subs: list[Submission], lang: str) -> list[pd.DataFrame]:
    baseline = t("scenario.baseline", lang)
    keys = cached.scenario_data_keys()
    summaries = [cached.scenario_summary(s.package.model_dump_json(), s.group, baseline, *keys) for s in subs]
    return [summaries[0].baseline_headlines, *(s.headlines for s in summaries)] if summaries else []


def live_view(code: str, lang: str, digits: str) -> None:
    """Every group's package beside the baseline, groups per lever, differences; re-read every few seconds."""
    try:
        found = room_store.load(_store(), code)
    except StoreError as exc:  # the store went away: this part says so and tries again on its next refresh
        st.warning(t("rooms.store_error", lang, problem=str(exc)))
        return
    if found is None:
        return
    room, subs = found
    st.caption(t("rooms.live", lang, groups=format_number(len(subs), lang, digits),
                 status=t(f"rooms.status.{room.status}", lang), seconds=REFRESH_SECONDS))
    if not subs:
        st.info(t("rooms.no_submissions", lang))
        return
    st.subheader(t("rooms.results_title", lang))
    widgets.data_table(tables.headline_table(_frames(subs, lang), lang, digits), lang, key="room_results")
    st.caption(t("scenario.disclaimer", lang))
    if any(row["kind"] != "lever" for row in rooms.differences(subs)):
        st.caption(t("rooms.worlds_differ", lang))
    st.subheader(t("rooms.counts_title", lang))
    counts = rooms.lever_counts(subs)
    for pillar, column in zip(PILLARS, st.columns(len(PILLARS)), strict=True):
        column.markdown(f"**{t(f'scenario.pillar.{pillar}', lang)}**")
        for row in (r for r in counts if r["pillar"] == pillar):
            column.text(t("rooms.count_line", lang, lever=tables.lever_name(row["lever"], lang),
                          groups=format_number(row["groups"], lang, digits),
                          total=format_number(len(subs), lang, digits)))
    with st.expander(t("rooms.counts_which", lang)):
        widgets.data_table(lever_counts_table(subs, lang), lang, key="room_counts")
    diff = differences_table(subs, lang, digits)
    if not diff.empty:
        st.subheader(t("rooms.differences_title", lang))
        widgets.data_table(diff, lang, key="room_differences")
    st.subheader(t("rooms.rationales", lang))
    for number, sub in enumerate(subs):
        with st.container(border=True, key=f"room_sub_{number}"):
            revision = format_number(sub.revision, lang, digits)
            st.text(t("rooms.group_revision", lang, group=sub.group, revision=revision))
            st.text(sub.rationale)


def facilitator_tools(room: Room, subs: list[Submission], key: str, lang: str, digits: str) -> None:
    store = _store()
    columns = st.columns(3)
    for column, status in zip(columns, rooms.STATUSES, strict=True):
        if column.button(t(f"rooms.set_{status}", lang), key=f"room_set_{status}", disabled=room.status == status):
            _act(lambda s=status: room_store.set_status(store, room.code, key, s), lang)
    if room.status != "closed" and subs:
        st.subheader(t("rooms.joint", lang))
        sources = ["__majority__", *(s.group for s in subs)]
        source = st.selectbox(t("rooms.joint_from", lang), sources, key="room_joint_from",
                              format_func=lambda g: t("rooms.joint_majority", lang) if g == "__majority__" else g)
        if st.button(t("rooms.joint_button", lang), key="room_joint_go"):
            joint = rooms.joint_from_majority(subs) if source == "__majority__" else rooms.joint_from_group(subs,
                                                                                                            source)
            note = t("rooms.joint_majority", lang) if source == "__majority__" else t("rooms.joint_group", lang,
                                                                                      group=source)
            _act(lambda: room_store.set_joint(store, room.code, key, joint, note), lang)
    if room.status != "closed" and subs:
        with st.expander(t("rooms.remove", lang)):
            group = st.selectbox(t("rooms.group", lang), [s.group for s in subs], key="room_remove_group")
            if st.button(t("rooms.remove_button", lang), key="room_remove_go"):
                _act(lambda: room_store.remove(store, room.code, key, group), lang)
    if room.joint:
        st.text(room.joint_note)
        for line in room_briefing_notes(room, lang, digits):
            st.text(f"• {line}")
    st.subheader(t("rooms.export", lang))
    left, right = st.columns(2)
    # Built on request and handed over as bytes: a deferred download (data=callable) is dropped by Streamlit
    # when the live view's fragment reruns, and the briefing runs every package through the model.
    if left.button(t("rooms.prepare_briefing", lang), key="room_prepare_html"):
        st.session_state["_room_briefing"] = (room.code, lang, _briefing(room.code, key, lang, digits))
    prepared = st.session_state.get("_room_briefing")
    if prepared and prepared[:2] == (room.code, lang):
        left.download_button(t("rooms.export_html", lang), data=prepared[2], file_name=f"room_{room.code}.html",
                             mime="text/html", key="room_export_html", on_click="ignore")
    right.download_button(t("rooms.export_json", lang), data=rooms.to_json(
        *room_store.export(store, room.code, key)).encode("utf-8"), file_name=f"room_{room.code}.json",
        mime="application/json", key="room_export_json", on_click="ignore")


def room_briefing_notes(room: Room, lang: str, digits: str) -> list[str]:
    from dashboard.room_briefing import package_notes

    return package_notes(Scenario.model_validate_json(room.joint), lang, digits)


def _briefing(code: str, key: str, lang: str, digits: str) -> bytes:
    room, subs = room_store.export(_store(), code, key)
    stock, skills = cached.dataset("migrant_stock"), cached.dataset("skills")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return room_briefing(room, subs, lang, digits, cached.scenario_population(), cached.scenario_pools(),
                         generated, data=(stock, skills)).encode("utf-8")


def _act(action, lang: str) -> None:
    try:
        action()
    except RoomError as exc:
        st.error(error_text(exc, lang))
    except StoreError as exc:
        st.error(t("rooms.store_error", lang, problem=str(exc)))
    else:
        st.rerun()


def projector(lang: str) -> None:
    """A switch for the projector: presentation mode's type sizes (and no sidebar) for the facilitator's view."""
    if st.toggle(t("rooms.projector", lang), key="room_projector"):
        presenting.large_type()
