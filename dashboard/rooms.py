"""Workshop rooms: groups (ministries, committees) submit policy packages; a facilitator compares and consolidates.

Everything here is pure (no store, no streamlit): codes and keys, the rules a submission must pass, the
comparison (groups per lever by pillar, what differs) and the joint package, and the room file (JSON).
dashboard/room_store.py keeps rooms in the store; ui/workshop.py draws them.

Who may do what: the room code lets anyone join and submit under a free group name. Submitting hands the
session a token; only its holder can revise that group's package (the store keeps only its hash). The
facilitator key (kept only as a salted hash) alone freezes, closes, removes a submission, sets the joint package
and exports. A frozen room takes no more submissions; a closed one is read-only for everybody.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dashboard.scenario.params import LEVERS, LEVERS_BY_PILLAR, PILLARS
from dashboard.scenario.spec import CONTEXT_KEYS, Scenario, ScenarioError, from_dict

#: Room codes: no 0/O, 1/I/L, so a code read aloud or from a projector is typed right. 8 of 31 symbols is
#: about 8.5e11 codes: not guessable by trying, short enough to type.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
RATIONALE_MAX = 1_500          # characters of a group's rationale
GROUP_NAME_MAX = 80            # characters of a group name
TITLE_MAX = 120                # characters of a room title
MAX_GROUPS = 30                # submissions per room
ROOM_FILE_MAX_BYTES = 2_000_000
FORMAT = "iraq-diaspora-room"
FORMAT_VERSION = 1
STATUSES = ("open", "frozen", "closed")

#: The ministries and committees of the 2015 workshop, offered as group names (translation keys rooms.group.<id>).
WORKSHOP_GROUPS = ("planning", "foreign_affairs", "migration", "labour", "higher_education",
                   "committee_deportees", "committee_foreign_relations")


@dataclass
class RoomError(ValueError):
    """Why an action on a room is refused: `kind` names the rule (translation key rooms.error.<kind>),
    `values` the limit or name it mentions."""

    kind: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.kind}: {self.values}" if self.values else self.kind


@dataclass(frozen=True)
class Room:
    code: str
    title: str
    key_hash: str
    status: str = "open"
    max_levers: int = len(LEVERS)
    joint: str = ""                # the joint package (Scenario JSON), "" until the facilitator sets one
    joint_note: str = ""           # where the joint package came from, as the facilitator chose it
    created_at: str = ""


@dataclass(frozen=True)
class Submission:
    group: str                     # as the group typed or picked it (shown as text only)
    scenario: str                  # Scenario JSON
    rationale: str
    token_hash: str                # "" for an imported submission: nobody can revise it
    revision: int = 1
    submitted_at: str = ""

    @property
    def package(self) -> Scenario:
        return Scenario.model_validate_json(self.scenario)

    @property
    def group_key(self) -> str:
        return group_key(self.group)


# ---- codes, keys, tokens ---------------------------------------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a participant typed or scanned, as a code: upper case, anything but A-Z and 0-9 dropped (so a code
    from a link can be echoed in a message safely)."""
    return re.sub(r"[^A-Z0-9]", "", unicodedata.normalize("NFKC", text or "").upper())[:32]


def new_secret() -> str:
    """A facilitator key or a submission token: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


def hash_secret(secret: str, salt: str | None = None) -> str:
    """salt$sha256(salt + secret). The secrets are random 128-bit values, so a salted SHA-256 is enough (no
    passphrase stretching needed); the salt keeps equal keys from having equal hashes."""
    salt = salt if salt is not None else secrets.token_hex(8)
    return f"{salt}${hashlib.sha256((salt + secret).encode('utf-8')).hexdigest()}"


def secret_matches(secret: str | None, stored: str) -> bool:
    if not secret or "$" not in stored:
        return False
    salt = stored.split("$", 1)[0]
    return hmac.compare_digest(hash_secret(secret, salt), stored)


# ---- rules -----------------------------------------------------------------------------------------------------
def group_key(name: str) -> str:
    """Two names are the same group when they differ only in case, spacing or Unicode form."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_text(text: str) -> str:
    """Participant text kept as typed, minus control characters (newlines and tabs stay)."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text or "")
                   if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def new_room(title: str, max_levers: int = len(LEVERS), created_at: str = "") -> tuple[Room, str]:
    """A new open room and its facilitator key (shown once; only its hash is kept)."""
    title = clean_text(title)
    if len(title) > TITLE_MAX:
        raise RoomError("title_long", {"limit": TITLE_MAX})
    if not 1 <= int(max_levers) <= len(LEVERS):
        raise RoomError("max_levers_range", {"limit": len(LEVERS)})
    key = new_secret()
    return Room(new_code(), title, hash_secret(key), max_levers=int(max_levers), created_at=created_at), key


def require_facilitator(room: Room, key: str | None) -> None:
    if not secret_matches(key, room.key_hash):
        raise RoomError("wrong_key")


def name_taken(submissions: Sequence[Submission], name: str, token: str | None = None) -> bool:
    """True when another group (not the holder of `token`) already submitted under this name."""
    wanted = group_key(name)
    return any(s.group_key == wanted and not secret_matches(token, s.token_hash) for s in submissions)


def check_group_name(submissions: Sequence[Submission], name: str, token: str | None = None) -> str:
    """The cleaned name, or RoomError: empty, too long, or another group's."""
    name = clean_text(name)
    if not name:
        raise RoomError("group_empty")
    if len(name) > GROUP_NAME_MAX:
        raise RoomError("group_long", {"limit": GROUP_NAME_MAX, "length": len(name)})
    if name_taken(submissions, name, token):
        raise RoomError("group_taken", {"group": name})
    return name


def check_package(room: Room, scenario: Scenario, rationale: str) -> str:
    """The cleaned rationale, or RoomError naming the limit exceeded (checked before anything is stored)."""
    rationale = clean_text(rationale)
    if len(rationale) > RATIONALE_MAX:
        raise RoomError("rationale_long", {"limit": RATIONALE_MAX, "length": len(rationale)})
    if len(scenario.levers) > room.max_levers:
        raise RoomError("too_many_levers", {"limit": room.max_levers, "count": len(scenario.levers)})
    return rationale


def submit(room: Room, submissions: Sequence[Submission], group: str, scenario: Scenario, rationale: str,
           token: str | None, submitted_at: str = "") -> tuple[Submission, str, Submission | None]:
    """A new or revised submission: (submission, the token its session keeps, the one it replaces or None).

    A session with the token of its group's submission revises it (the group may be renamed, to a free name);
    without one it submits a new group. Refused: a room not open, a name taken, a limit exceeded, a new group
    over MAX_GROUPS."""
    if room.status != "open":
        raise RoomError(f"room_{room.status}")
    mine = next((s for s in submissions if token and secret_matches(token, s.token_hash)), None)
    name = check_group_name(submissions, group, token)
    rationale = check_package(room, scenario, rationale)
    if mine is None and len(submissions) >= MAX_GROUPS:
        raise RoomError("too_many_groups", {"limit": MAX_GROUPS})
    token = token if mine is not None else new_secret()
    package = scenario.model_copy(update={"name": name[:60]}).model_dump_json()
    revision = mine.revision + 1 if mine else 1
    return (Submission(name, package, rationale, mine.token_hash if mine else hash_secret(token), revision,
                       submitted_at), token, mine)


def may_revise(submission: Submission, token: str | None) -> bool:
    return secret_matches(token, submission.token_hash)


def set_status(room: Room, key: str | None, status: str) -> Room:
    require_facilitator(room, key)
    if status not in STATUSES:
        raise RoomError("bad_status", {"allowed": ", ".join(STATUSES)})
    return replace(room, status=status)


def set_joint(room: Room, key: str | None, scenario: Scenario, note: str) -> Room:
    require_facilitator(room, key)
    if room.status == "closed":
        raise RoomError("room_closed")
    return replace(room, joint=scenario.model_dump_json(), joint_note=clean_text(note)[:RATIONALE_MAX])


# ---- comparison ------------------------------------------------------------------------------------------------
def lever_counts(submissions: Sequence[Submission]) -> list[dict[str, Any]]:
    """One row per lever, by pillar: how many groups chose it and which (in submission order)."""
    packages = [(s.group, s.package) for s in submissions]
    rows = []
    for pillar in PILLARS:
        for lever in LEVERS_BY_PILLAR[pillar]:
            groups = [name for name, package in packages if lever in package.levers]
            rows.append({"pillar": pillar, "lever": lever, "groups": len(groups), "names": groups})
    return rows


def _chosen_size(package: Scenario, lever: str) -> float | bool | None:
    """A lever as a package has it: its size, True when chosen without a size, None when not chosen."""
    if lever not in package.levers:
        return None
    size = package.levers[lever]
    return True if size is None else size


def differences(submissions: Sequence[Submission]) -> list[dict[str, Any]]:
    """What differs between the packages: each lever not chosen alike by all groups (or chosen at different
    sizes), then the horizon and each context setting where groups differ. Each row: item, kind
    ("lever"/"horizon"/"context"), and per group its value (lever: size, True for a lever without a size,
    None when not chosen)."""
    packages = [(s.group, s.package) for s in submissions]
    if len(packages) < 2:
        return []
    rows = []
    for lever in LEVERS:
        values = {name: _chosen_size(package, lever) for name, package in packages}
        if len(set(map(repr, values.values()))) > 1:
            rows.append({"kind": "lever", "item": lever, "values": values})
    horizons = {name: package.horizon for name, package in packages}
    if len(set(horizons.values())) > 1:
        rows.append({"kind": "horizon", "item": "horizon", "values": horizons})
    for key in CONTEXT_KEYS:
        values = {name: getattr(package.context, key) for name, package in packages}
        if len(set(values.values())) > 1:
            rows.append({"kind": "context", "item": key, "values": values})
    return rows


def joint_from_group(submissions: Sequence[Submission], group: str) -> Scenario:
    wanted = group_key(group)
    for submission in submissions:
        if submission.group_key == wanted:
            return submission.package.model_copy(update={"name": "joint"})
    raise RoomError("unknown_group", {"group": group})


def joint_from_majority(submissions: Sequence[Submission]) -> Scenario:
    """The levers more than half of the groups chose, each at the median size those groups gave it; the median
    horizon and context of all groups (rounded down to whole values). An empty room gives the baseline."""
    packages = [s.package for s in submissions]
    if not packages:
        return Scenario(name="joint")
    levers: dict[str, float | None] = {}
    for lever, spec in LEVERS.items():
        chosen = [p.levers[lever] for p in packages if lever in p.levers]
        if 2 * len(chosen) > len(packages):
            levers[lever] = None if spec.size is None else float(statistics.median_low(chosen))
    context = {key: int(statistics.median_low([getattr(p.context, key) for p in packages])) for key in CONTEXT_KEYS}
    horizon = int(statistics.median_low([p.horizon for p in packages]))
    return Scenario(name="joint", horizon=horizon, context=context, levers=levers)


# ---- the room file ----------------------------------------------------------------------------------------------
def to_json(room: Room, submissions: Sequence[Submission]) -> str:
    """The room as one readable JSON file: its packages, rationales and joint package (no key, no tokens)."""
    return json.dumps({
        "format": FORMAT, "version": FORMAT_VERSION, "title": room.title, "code": room.code, "status": room.status,
        "max_levers": room.max_levers, "created_at": room.created_at,
        "joint": json.loads(room.joint) if room.joint else None, "joint_note": room.joint_note,
        "submissions": [{"group": s.group, "rationale": s.rationale, "revision": s.revision,
                         "submitted_at": s.submitted_at, "package": json.loads(s.scenario)} for s in submissions],
    }, indent=2, ensure_ascii=False)


def _scenario(raw: Any, where: str) -> Scenario:
    try:
        return from_dict(raw)
    except ScenarioError as exc:
        raise RoomError("bad_file", {"where": where, "problem": str(exc)}) from None


def from_json(data: str | bytes, created_at: str = "") -> tuple[Room, list[Submission], str]:
    """A room file read back as a NEW room (new code, new facilitator key, returned third); its submissions
    keep their packages and rationales but no token, so nobody can revise them. Every rule of a live room is
    checked; RoomError names the first problem."""
    if len(data) > ROOM_FILE_MAX_BYTES:
        raise RoomError("file_large", {"limit": ROOM_FILE_MAX_BYTES // 1_000_000})
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise RoomError("bad_file", {"where": "file", "problem": "not JSON"}) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise RoomError("bad_file", {"where": "format", "problem": f"expected {FORMAT}"})
    entries = raw.get("submissions")
    if not isinstance(entries, list):
        raise RoomError("bad_file", {"where": "submissions", "problem": "expected a list"})
    if len(entries) > MAX_GROUPS:
        raise RoomError("too_many_groups", {"limit": MAX_GROUPS})
    max_levers = raw.get("max_levers", len(LEVERS))
    if not isinstance(max_levers, int) or isinstance(max_levers, bool):
        raise RoomError("bad_file", {"where": "max_levers", "problem": "expected a whole number"})
    room, key = new_room(str(raw.get("title", "")), max_levers, created_at)
    submissions: list[Submission] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise RoomError("bad_file", {"where": f"submissions[{number}]", "problem": "expected an object"})
        scenario = _scenario(entry.get("package"), f"submissions[{number}].package")
        name = check_group_name(submissions, str(entry.get("group", "")))
        rationale = check_package(room, scenario, str(entry.get("rationale", "")))
        revision = entry.get("revision", 1)
        submissions.append(Submission(name, scenario.model_copy(update={"name": name[:60]}).model_dump_json(),
                                      rationale, "", revision if isinstance(revision, int) else 1,
                                      clean_text(str(entry.get("submitted_at", "")))[:40]))
    if raw.get("joint") is not None:
        room = replace(room, joint=_scenario(raw["joint"], "joint").model_dump_json(),
                       joint_note=clean_text(str(raw.get("joint_note", "")))[:RATIONALE_MAX])
    status = raw.get("status", "open")
    return replace(room, status=status if status in STATUSES else "open"), submissions, key
