"""Workshop rooms, pure rules: codes and keys, who may change what, limits, the comparison, the room file."""

from __future__ import annotations

import json

import pytest

from dashboard import rooms
from dashboard.rooms import RoomError
from dashboard.scenario.spec import Scenario

PLANNING = Scenario(levers={"institution": 1000, "card": None, "network": 500})
LABOUR = Scenario(levers={"institution": 1000, "talent": 130}, horizon=12)
HIGHER_ED = Scenario(levers={"institution": 1000, "network": 500, "institute": 100})


def _room(max_levers: int | None = None) -> tuple[rooms.Room, str]:
    return rooms.new_room("Day 2", max_levers) if max_levers else rooms.new_room("Day 2")


def _three(room: rooms.Room) -> tuple[list[rooms.Submission], list[str]]:
    subs: list[rooms.Submission] = []
    tokens = []
    for group, package in (("Planning", PLANNING), ("Labour", LABOUR), ("وزارة التعليم العالي", HIGHER_ED)):
        sub, token, _ = rooms.submit(room, subs, group, package, f"why {group}", None)
        subs.append(sub)
        tokens.append(token)
    return subs, tokens


def test_codes_are_long_random_and_unambiguous():
    codes = {rooms.new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) >= 6 and set(c) <= set(rooms.CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set(rooms.CODE_ALPHABET)
    assert rooms.normalise_code(" abcd-efgh ") == "ABCDEFGH"


def test_the_facilitator_key_is_kept_only_as_a_salted_hash():
    room, key = _room()
    _, other_key = _room()
    assert key not in room.key_hash
    assert rooms.secret_matches(key, room.key_hash)
    assert not rooms.secret_matches(other_key, room.key_hash)
    assert not rooms.secret_matches("", room.key_hash)
    assert rooms.hash_secret(key) != rooms.hash_secret(key)  # salted
    with pytest.raises(RoomError) as err:
        rooms.set_status(room, "guess", "closed")
    assert err.value.kind == "wrong_key"
    assert rooms.set_status(room, key, "closed").status == "closed"


def test_only_the_token_holder_revises_a_group_and_a_second_session_cannot_take_its_name():
    room, _ = _room()
    subs, tokens = _three(room)
    revised, same_token, replaced = rooms.submit(room, subs, "Planning", LABOUR, "changed our mind", tokens[0])
    assert same_token == tokens[0] and replaced == subs[0]
    assert revised.revision == 2 and revised.package.levers == LABOUR.levers
    for name in ("Planning", "  planning ", "PLANNING"):
        with pytest.raises(RoomError) as err:
            rooms.submit(room, subs, name, HIGHER_ED, "taking over", None)
        assert err.value.kind == "group_taken"
        with pytest.raises(RoomError):  # another group's token does not help either
            rooms.submit(room, subs, name, HIGHER_ED, "taking over", tokens[1])
    assert rooms.name_taken(subs, "planning") and not rooms.name_taken(subs, "planning", tokens[0])
    assert rooms.may_revise(subs[0], tokens[0]) and not rooms.may_revise(subs[0], tokens[1])


def test_limits_are_named_in_the_refusal():
    room, _ = _room(max_levers=2)
    with pytest.raises(RoomError) as err:
        rooms.submit(room, [], "Planning", PLANNING, "", None)
    assert (err.value.kind, err.value.values["limit"], err.value.values["count"]) == ("too_many_levers", 2, 3)
    with pytest.raises(RoomError) as err:
        rooms.submit(room, [], "Planning", LABOUR, "x" * (rooms.RATIONALE_MAX + 1), None)
    assert (err.value.kind, err.value.values["limit"]) == ("rationale_long", rooms.RATIONALE_MAX)
    with pytest.raises(RoomError) as err:
        rooms.submit(room, [], "  ", LABOUR, "", None)
    assert err.value.kind == "group_empty"
    with pytest.raises(RoomError) as err:
        rooms.submit(room, [], "g" * (rooms.GROUP_NAME_MAX + 1), LABOUR, "", None)
    assert err.value.values["limit"] == rooms.GROUP_NAME_MAX


@pytest.mark.parametrize("status", ["frozen", "closed"])
def test_frozen_and_closed_rooms_take_no_submission(status):
    room, key = _room()
    subs, tokens = _three(room)
    room = rooms.set_status(room, key, status)
    for token in (None, tokens[0]):
        with pytest.raises(RoomError) as err:
            rooms.submit(room, subs, "Planning" if token else "New", LABOUR, "", token)
        assert err.value.kind == f"room_{status}"


def test_participant_text_is_kept_as_typed_without_control_characters():
    room, _ = _room()
    sub, _, _ = rooms.submit(room, [], "Planning\x00", LABOUR, "<img src=x onerror=alert(1)>\x07\nline two", None)
    assert sub.group == "Planning"
    assert sub.rationale == "<img src=x onerror=alert(1)>\nline two"


def test_lever_counts_by_pillar_and_differences():
    room, _ = _room()
    subs, _ = _three(room)
    counts = {row["lever"]: row for row in rooms.lever_counts(subs)}
    assert counts["institution"]["groups"] == 3
    assert counts["network"]["groups"] == 2 and counts["network"]["names"] == ["Planning", "وزارة التعليم العالي"]
    assert counts["card"]["groups"] == 1 and counts["talent"]["groups"] == 1 and counts["protection"]["groups"] == 0
    assert next(row["pillar"] for row in rooms.lever_counts(subs)) == "institutions"
    diff = {row["item"]: row["values"] for row in rooms.differences(subs)}
    assert "institution" not in diff  # all three chose it
    assert diff["network"] == {"Planning": 500.0, "Labour": None, "وزارة التعليم العالي": 500.0}
    assert diff["card"] == {"Planning": True, "Labour": None, "وزارة التعليم العالي": None}  # no size: chosen
    assert diff["horizon"] == {"Planning": 10, "Labour": 12, "وزارة التعليم العالي": 10}
    assert set(diff) == {"card", "talent", "institute", "network", "horizon"}


def test_joint_package_from_a_group_or_from_the_levers_most_groups_chose():
    room, key = _room()
    subs, _ = _three(room)
    majority = rooms.joint_from_majority(subs)
    assert set(majority.levers) == {"institution", "network"}
    assert majority.horizon == 10
    assert rooms.joint_from_group(subs, "labour").levers == LABOUR.levers
    sized = [rooms.submit(room, [], f"g{i}", Scenario(levers={"protection": size}), "", None)[0]
             for i, size in enumerate((1.0, 3.0, 2.0))]
    assert rooms.joint_from_majority(sized).levers == {"protection": 2.0}
    room = rooms.set_joint(room, key, majority, "majority")
    assert Scenario.model_validate_json(room.joint).levers == majority.levers
    with pytest.raises(RoomError):
        rooms.set_joint(room, "guess", majority, "")


def test_the_room_file_round_trips_into_a_new_room_that_nobody_else_can_revise():
    room, key = _room()
    subs, tokens = _three(room)
    room = rooms.set_joint(room, key, rooms.joint_from_majority(subs), "majority")
    text = rooms.to_json(room, subs)
    assert key not in text and all(token not in text for token in tokens) and room.key_hash not in text
    assert json.loads(text)["submissions"][2]["group"] == "وزارة التعليم العالي"
    copy, copied, new_key = rooms.from_json(text)
    assert copy.code != room.code and new_key != key
    assert [(s.group, s.rationale, s.package.levers) for s in copied] == \
        [(s.group, s.rationale, s.package.levers) for s in subs]
    assert copy.joint == room.joint and copy.joint_note == "majority"
    assert not any(rooms.may_revise(s, t) for s in copied for t in tokens)


@pytest.mark.parametrize(("change", "kind"), [
    (lambda raw: raw.update(format="other"), "bad_file"),
    (lambda raw: raw["submissions"][0]["package"]["levers"].update(nonsense=None), "bad_file"),
    (lambda raw: raw["submissions"][1].update(group="PLANNING"), "group_taken"),
    (lambda raw: raw["submissions"][0].update(rationale="x" * 5000), "rationale_long"),
    (lambda raw: raw.update(max_levers=1), "too_many_levers"),
    (lambda raw: raw.update(submissions=[raw["submissions"][0]] * 31), "too_many_groups"),
])
def test_a_bad_room_file_is_refused_by_the_first_rule_it_breaks(change, kind):
    room, _ = _room()
    subs, _ = _three(room)
    raw = json.loads(rooms.to_json(room, subs))
    change(raw)
    with pytest.raises(RoomError) as err:
        rooms.from_json(json.dumps(raw))
    assert err.value.kind == kind
    with pytest.raises(RoomError) as err:
        rooms.from_json(b"{" * 10)
    assert err.value.kind == "bad_file"
