"""Workshop rooms in the store, on both backends: the rules hold, and reopening the store loses nothing."""

from __future__ import annotations

import pytest

from dashboard import room_store, rooms
from dashboard.rooms import RoomError
from dashboard.scenario.spec import Scenario
from dashboard.store import store_at

PLANNING = Scenario(levers={"institution": 1000, "card": None})
LABOUR = Scenario(levers={"talent": 130})


@pytest.fixture
def store(store_location):
    return store_at(store_location)


def _open(store):
    room, key = rooms.new_room("Day 2")
    return room_store.create(store, room), key


def test_a_reopened_store_keeps_the_room_its_submissions_and_their_tokens(store, store_location):
    assert room_store.load(store, "ABCDEFGH") is None  # no store yet: nothing created by reading
    room, key = _open(store)
    _, planning_token = room_store.submit(store, room.code, "Planning", PLANNING, "<b>why</b>", None)
    room_store.submit(store, room.code, "Labour", LABOUR, "jobs", None)
    room_store.submit(store, room.code, "Planning", LABOUR, "revised", planning_token)
    reopened = store_at(store_location)
    found_room, subs = room_store.load(reopened, room.code.lower())
    assert found_room.title == "Day 2" and rooms.secret_matches(key, found_room.key_hash)
    assert [(s.group, s.rationale, s.revision, dict(s.package.levers)) for s in subs] == [
        ("Planning", "revised", 2, {"talent": 130.0}), ("Labour", "jobs", 1, {"talent": 130.0})]
    room_store.submit(reopened, room.code, "Planning", PLANNING, "again", planning_token)  # token still works
    assert room_store.load(reopened, room.code)[1][0].revision == 3


def test_the_rules_hold_in_the_store(store):
    room, key = _open(store)
    _, token = room_store.submit(store, room.code, "Planning", PLANNING, "", None)
    with pytest.raises(RoomError) as err:
        room_store.submit(store, room.code, "planning", LABOUR, "take over", None)
    assert err.value.kind == "group_taken"
    for action in (lambda k: room_store.set_status(store, room.code, k, "closed"),
                   lambda k: room_store.export(store, room.code, k),
                   lambda k: room_store.remove(store, room.code, k, "Planning")):
        with pytest.raises(RoomError) as err:
            action("guess")
        assert err.value.kind == "wrong_key"
    assert room_store.load(store, room.code)[0].status == "open"
    room_store.set_joint(store, room.code, key, PLANNING, "from Planning")
    assert room_store.export(store, room.code, key)[0].joint_note == "from Planning"
    room_store.set_status(store, room.code, key, "closed")
    with pytest.raises(RoomError) as err:
        room_store.submit(store, room.code, "Planning", LABOUR, "", token)
    assert err.value.kind == "room_closed"
    assert room_store.load(store, room.code)[1][0].package.levers == PLANNING.levers
    with pytest.raises(RoomError) as err:
        room_store.submit(store, "NOSUCHRM", "Planning", LABOUR, "", None)
    assert err.value.kind == "unknown_room"


def test_an_imported_room_file_is_stored_as_a_new_room(store):
    room, key = _open(store)
    room_store.submit(store, room.code, "Planning", PLANNING, "why", None)
    text = rooms.to_json(*room_store.export(store, room.code, key))
    copy, subs, new_key = rooms.from_json(text)
    copy = room_store.create(store, copy, subs)
    found, found_subs = room_store.load(store, copy.code)
    assert found.code != room.code and rooms.secret_matches(new_key, found.key_hash)
    assert [(s.group, s.rationale) for s in found_subs] == [("Planning", "why")]
    room_store.remove(store, copy.code, new_key, "Planning")
    assert room_store.load(store, copy.code)[1] == []


def test_two_groups_taking_one_name_at_the_same_moment_one_is_refused(store):
    import threading

    room, _ = _open(store)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def submit(number: int) -> None:
        barrier.wait()
        try:
            room_store.submit(store, room.code, "Planning" if number % 2 else "PLANNING ", PLANNING, f"{number}", None)
            outcomes.append("stored")
        except RoomError as exc:
            outcomes.append(exc.kind)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["group_taken"] * 3 + ["stored"]
    assert len(room_store.load(store, room.code)[1]) == 1


def test_a_group_renamed_keeps_its_place_and_frees_its_old_name(store):
    room, _ = _open(store)
    _, token = room_store.submit(store, room.code, "Planning", PLANNING, "", None)
    room_store.submit(store, room.code, "Labour", LABOUR, "", None)
    room_store.submit(store, room.code, "Planning and Development", PLANNING, "renamed", token)
    assert [s.group for s in room_store.load(store, room.code)[1]] == ["Planning and Development", "Labour"]
    room_store.submit(store, room.code, "Planning", LABOUR, "another group now", None)
    assert [s.group for s in room_store.load(store, room.code)[1]][-1] == "Planning"
