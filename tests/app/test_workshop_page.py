"""The workshop room page: open, join, submit, revise, refusals, the facilitator's view and its export."""

from __future__ import annotations

import pytest
import streamlit as st

from dashboard import room_store, rooms
from dashboard.scenario.spec import Scenario
from dashboard.store import Store

PAGE = "workshop"
TIMEOUT = 90
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    st.cache_resource.clear()
    yield tmp_path / "home"
    st.cache_resource.clear()


@pytest.fixture
def room(home):
    """A room opened in the store (as another session did), its key; the store reopened for every check."""
    opened, key = rooms.new_room("Day 2", max_levers=3)
    return room_store.create(Store(home), opened), key


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _join_and_submit(open_page, code: str, group: str, levers: tuple[str, ...], rationale: str, at=None):
    at = at or open_page(PAGE, timeout=TIMEOUT, room=code)
    at.selectbox(key="room_group").set_value(group)
    for lever in levers:
        at.toggle(key=f"scn_on_{lever}").set_value(True)
    at.text_area(key="room_rationale").set_value(rationale)
    return _button(at.run(), "Submit our package").click().run()


def test_an_unknown_code_says_so_and_offers_the_scenarios_alone(open_page, home):
    at = open_page(PAGE, timeout=TIMEOUT, room="NOSUCH99")
    assert at.error[0].value.startswith("There is no open room with the code NOSUCH99.")
    assert any(link.label == "Open the policy scenarios on your own" for link in at.get("page_link"))
    assert not at.exception


@pytest.mark.parametrize("status", ["frozen", "closed"])
def test_a_frozen_or_closed_room_takes_no_package_and_says_why(open_page, room, home, status):
    opened, key = room
    room_store.set_status(Store(home), opened.code, key, status)
    at = open_page(PAGE, timeout=TIMEOUT, room=opened.code)
    messages = [m.value for m in (*at.error, *at.warning)]
    assert any(m.startswith(f"{'The facilitator has frozen' if status == 'frozen' else 'This room is closed'}")
               for m in messages), messages
    assert not any(b.label == "Submit our package" for b in at.button)
    if status == "closed":
        assert any(link.label == "Open the policy scenarios on your own" for link in at.get("page_link"))


def test_a_group_submits_revises_and_its_rationale_stays_text(open_page, room, home):
    opened, _ = room
    at = _join_and_submit(open_page, opened.code, "Ministry of Planning", ("card", "talent"), XSS)
    assert not at.exception
    assert at.success[0].value.startswith("Submitted for Ministry of Planning (revision 1).")
    _, subs = room_store.load(Store(home), opened.code)
    assert [(s.group, s.rationale, sorted(s.package.levers)) for s in subs] == [
        ("Ministry of Planning", XSS, ["card", "talent"])]
    at.toggle(key="scn_on_talent").set_value(False)
    at = _button(at.run(), "Submit the revision").click().run()
    assert at.success[0].value.startswith("Submitted for Ministry of Planning (revision 2).")
    assert sorted(room_store.load(Store(home), opened.code)[1][0].package.levers) == ["card"]
    assert not any(XSS in m.value for m in at.markdown)  # never drawn as markup


def test_another_session_cannot_take_or_change_a_groups_submission(open_page, room, home):
    opened, _ = room
    room_store.submit(Store(home), opened.code, "Ministry of Planning", Scenario(levers={"card": None}), "ours", None)
    at = open_page(PAGE, timeout=TIMEOUT, room=opened.code)
    at.selectbox(key="room_group").set_value("Ministry of Planning").run()
    assert at.error[0].value.startswith("Another group has already submitted as “Ministry of Planning”.")
    assert _button(at, "Submit our package").disabled
    at.selectbox(key="room_group").set_value("__other__").run()
    at.text_input(key="room_group_other").set_value("  ministry of PLANNING ").run()
    assert _button(at, "Submit our package").disabled
    [sub] = room_store.load(Store(home), opened.code)[1]
    assert (sub.rationale, sub.revision) == ("ours", 1)


def test_limits_are_named_when_a_package_is_refused(open_page, room, home):
    opened, _ = room
    at = _join_and_submit(open_page, opened.code, "Ministry of Foreign Affairs",
                          ("card", "talent", "park", "remittance"), "too many")
    assert at.error[0].value.startswith("This room allows at most 3 levers per package; yours has 4.")
    at.toggle(key="scn_on_park").set_value(False)
    at.toggle(key="scn_on_remittance").set_value(False)
    at.text_area(key="room_rationale").set_value("x" * (rooms.RATIONALE_MAX + 5))
    at = _button(at.run(), "Submit our package").click().run()
    assert at.error[0].value.startswith("The rationale may have at most 1,500 characters; it has 1,505.")
    assert room_store.load(Store(home), opened.code)[1] == []


def test_the_facilitator_opens_a_room_sees_submissions_and_a_wrong_key_changes_nothing(open_page, home):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="room_title").set_value("Day 2")
    at = next(b for b in at.button if b.label == "Open the room").click().run()
    code = at.query_params["room"][0] if isinstance(at.query_params["room"], list) else at.query_params["room"]
    assert len(code) >= 6 and not at.exception
    assert any("Your facilitator key, shown only now" in w.value for w in at.warning)
    room_store.submit(Store(home), code, "Labour", Scenario(levers={"card": None}), XSS, None)
    at.run()
    counts = next(df.value for df in at.dataframe if "Groups" in df.value.columns)
    assert dict(zip(counts["Lever"], counts["Groups"], strict=True))["Status card for Iraqis abroad"] == 1
    assert "Status card for Iraqis abroad: 1 of 1 groups" in [text.value for text in at.text]
    assert "Diaspora institution with an expert roster: 0 of 1 groups" in [text.value for text in at.text]
    assert XSS in [text.value for text in at.text]  # the rationale, drawn as text
    assert "Labour (revision 1)" in [text.value for text in at.text]
    # a second session without the key: no close, no export
    other = open_page(PAGE, timeout=TIMEOUT, room=code)
    assert not any(b.label in ("Close the room", "Room file (JSON)") for b in other.button)
    other.text_input(key="room_key_field").set_value("guess")
    other = _button(other.run(), "Open the facilitator view").click().run()
    assert other.error[0].value == "That facilitator key is not correct; nothing was changed."
    assert room_store.load(Store(home), code)[0].status == "open"
    at.selectbox(key="room_remove_group").set_value("Labour")
    at = _button(at.run(), "Remove this group's package").click().run()
    assert room_store.load(Store(home), code)[1] == []
    at = _button(at, "Close the room").click().run()
    assert room_store.load(Store(home), code)[0].status == "closed"


def test_a_restart_keeps_the_room(open_page, room, home):
    opened, _ = room
    _join_and_submit(open_page, opened.code, "Ministry of Planning", ("card",), "before restart")
    st.cache_resource.clear()  # a new server process: nothing held in memory
    at = open_page(PAGE, timeout=TIMEOUT, room=opened.code)
    at.selectbox(key="room_group").set_value("Ministry of Planning").run()
    assert at.error[0].value.startswith("Another group has already submitted as “Ministry of Planning”.")
    assert room_store.load(Store(home), opened.code)[1][0].rationale == "before restart"


def test_a_room_file_imports_as_a_new_room_and_a_bad_one_is_refused(open_page, room, home):
    opened, key = room
    room_store.submit(Store(home), opened.code, "Labour", Scenario(levers={"card": None}), XSS, None)
    text = rooms.to_json(*room_store.export(Store(home), opened.code, key))
    at = open_page(PAGE, timeout=TIMEOUT)
    at.file_uploader(key="room_import").set_value(("bad.json", b'{"format": "other"}', "application/json")).run()
    at = _button(at, "Open as a new room").click().run()
    assert at.error[0].value.startswith("This is not a room file this app can read (format:")
    at.file_uploader(key="room_import").set_value(("room.json", text.encode(), "application/json")).run()
    at = _button(at, "Open as a new room").click().run()
    assert not at.exception
    code = at.query_params["room"][0] if isinstance(at.query_params["room"], list) else at.query_params["room"]
    assert code != opened.code
    _, subs = room_store.load(Store(home), code)
    assert [(s.group, s.rationale) for s in subs] == [("Labour", XSS)]
    assert any("Your facilitator key, shown only now" in w.value for w in at.warning)
    assert "Status card for Iraqis abroad: 1 of 1 groups" in [text.value for text in at.text]


def test_names_and_codes_from_participants_and_links_are_shown_as_text(open_page, room, home):
    opened, _ = room
    name = "**Planning** [x](http://example.org) :material/home: <b>"
    room_store.submit(Store(home), opened.code, name, Scenario(levers={"card": None}), "", None)
    at = open_page(PAGE, timeout=TIMEOUT, room=opened.code)
    at.selectbox(key="room_group").set_value("__other__").run()
    at.text_input(key="room_group_other").set_value(name).run()
    shown = at.error[0].value
    assert "\\*\\*Planning\\*\\* \\[x\\]\\(http" in shown and "\\<b\\>" in shown  # every mark escaped
    assert "**Planning**" not in shown and ":material/home:" not in shown
    at = open_page(PAGE, timeout=TIMEOUT, room="![x](http://example.org/x.png)")
    assert at.error[0].value.startswith("There is no open room with the code XHTTPEXAMPLEORGXPNG.")
