"""Workshop rooms in the store (SQLite or PostgreSQL, whichever dashboard.store.open_store gives): a restart of
the app, or another app process, sees the same rooms and submissions.

Every change reads the room and its submissions and applies dashboard.rooms' rules INSIDE one serialised write
transaction, so two groups submitting the same name at the same moment cannot both succeed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard import rooms
from dashboard.rooms import Room, RoomError, Submission
from dashboard.scenario.spec import Scenario
from dashboard.store.base import BaseStore, now_utc

_ROOM_COLUMNS = "code, title, key_hash, status, max_levers, joint, joint_note, created_at"
_SUBMISSION_COLUMNS = "group_name, scenario, rationale, token_hash, revision, submitted_at"


def _room(row: Sequence[Any]) -> Room:
    return Room(row[0], row[1], row[2], row[3], int(row[4]), row[5], row[6], row[7])


def _read(cur: Any, code: str) -> tuple[Room, list[Submission]] | None:
    row = cur.execute(f"SELECT {_ROOM_COLUMNS} FROM rooms WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    subs = cur.execute(f"SELECT {_SUBMISSION_COLUMNS} FROM room_submissions WHERE code = ? ORDER BY position",
                       (code,)).fetchall()
    return _room(row), [Submission(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in subs]


def load(store: BaseStore, code: str) -> tuple[Room, list[Submission]] | None:
    """The room and its submissions (in the order groups first submitted), or None for an unknown code."""
    code = rooms.normalise_code(code)
    if not code:
        return None
    with store.reading() as cur:
        if cur is None:
            return None
        try:
            return _read(cur, code)
        except Exception as exc:  # a store made before rooms existed has no such table: no room yet
            if "room" in str(exc).lower() and ("no such table" in str(exc) or "does not exist" in str(exc)):
                return None
            raise


def _locked(cur: Any, code: str) -> tuple[Room, list[Submission]]:
    found = _read(cur, code)
    if found is None:
        raise RoomError("unknown_room", {"code": code})
    return found


def _insert_submission(cur: Any, code: str, position: int, sub: Submission) -> None:
    cur.execute(f"INSERT INTO room_submissions (code, group_key, position, {_SUBMISSION_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (code, sub.group_key, position, sub.group, sub.scenario, sub.rationale, sub.token_hash,
                 sub.revision, sub.submitted_at))


def _save_room(cur: Any, room: Room) -> None:
    cur.execute("UPDATE rooms SET title = ?, status = ?, max_levers = ?, joint = ?, joint_note = ?, "
                "changed = changed + 1 WHERE code = ?",
                (room.title, room.status, room.max_levers, room.joint, room.joint_note, room.code))


def create(store: BaseStore, room: Room, submissions: Sequence[Submission] = ()) -> Room:
    """Store a new room (from rooms.new_room or rooms.from_json) with any imported submissions."""
    room = room if room.created_at else Room(**{**room.__dict__, "created_at": now_utc()})
    with store.transaction() as cur:
        while cur.execute("SELECT 1 FROM rooms WHERE code = ?", (room.code,)).fetchone() is not None:
            room = Room(**{**room.__dict__, "code": rooms.new_code()})  # 1 in 10^11: but never overwrite
        cur.execute(f"INSERT INTO rooms ({_ROOM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (room.code, room.title, room.key_hash, room.status, room.max_levers, room.joint,
                     room.joint_note, room.created_at))
        for position, sub in enumerate(submissions):
            _insert_submission(cur, room.code, position, sub)
    return room


def submit(store: BaseStore, code: str, group: str, scenario: Scenario, rationale: str,
           token: str | None) -> tuple[Submission, str]:
    """Submit or revise (rooms.submit's rules, checked in the transaction). Returns the stored submission and
    the token the session must keep to revise it."""
    with store.transaction() as cur:
        room, subs = _locked(cur, code)
        sub, token, replaced = rooms.submit(room, subs, group, scenario, rationale, token, now_utc())
        position = len(subs)
        if replaced is not None:
            (position,) = cur.execute("SELECT position FROM room_submissions WHERE code = ? AND group_key = ?",
                                      (code, replaced.group_key)).fetchone()
            cur.execute("DELETE FROM room_submissions WHERE code = ? AND group_key = ?", (code, replaced.group_key))
        else:
            (last,) = cur.execute("SELECT COALESCE(MAX(position), -1) FROM room_submissions WHERE code = ?",
                                  (code,)).fetchone()
            position = int(last) + 1
        _insert_submission(cur, code, int(position), sub)
        cur.execute("UPDATE rooms SET changed = changed + 1 WHERE code = ?", (code,))
    return sub, token


def set_status(store: BaseStore, code: str, key: str | None, status: str) -> Room:
    """Open, freeze or close (facilitator key only)."""
    with store.transaction() as cur:
        room, _ = _locked(cur, code)
        room = rooms.set_status(room, key, status)
        _save_room(cur, room)
    return room


def set_joint(store: BaseStore, code: str, key: str | None, scenario: Scenario, note: str) -> Room:
    with store.transaction() as cur:
        room, _ = _locked(cur, code)
        room = rooms.set_joint(room, key, scenario, note)
        _save_room(cur, room)
    return room


def remove(store: BaseStore, code: str, key: str | None, group: str) -> None:
    """Remove one group's submission (facilitator key only; not in a closed room)."""
    with store.transaction() as cur:
        room, _ = _locked(cur, code)
        rooms.require_facilitator(room, key)
        if room.status == "closed":
            raise RoomError("room_closed")
        cur.execute("DELETE FROM room_submissions WHERE code = ? AND group_key = ?", (code, rooms.group_key(group)))
        cur.execute("UPDATE rooms SET changed = changed + 1 WHERE code = ?", (code,))


def export(store: BaseStore, code: str, key: str | None) -> tuple[Room, list[Submission]]:
    """The room for an export: only with the facilitator key."""
    found = load(store, code)
    if found is None:
        raise RoomError("unknown_room", {"code": code})
    rooms.require_facilitator(found[0], key)
    return found
