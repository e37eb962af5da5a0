"""The workshop rooms' tables (dashboard/rooms.py, dashboard/room_store.py), created with the store's own.

Rooms are working data, not published versions: rows change (a revision, a status) and are removed with their
room; no trigger protects them. Secrets are stored only as salted hashes.
"""

ROOM_TABLES = [
    """CREATE TABLE IF NOT EXISTS rooms (
        code TEXT PRIMARY KEY, title TEXT NOT NULL, key_hash TEXT NOT NULL, status TEXT NOT NULL,
        max_levers INTEGER NOT NULL, joint TEXT NOT NULL, joint_note TEXT NOT NULL, created_at TEXT NOT NULL,
        changed INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS room_submissions (
        code TEXT NOT NULL, group_key TEXT NOT NULL, position INTEGER NOT NULL, group_name TEXT NOT NULL,
        scenario TEXT NOT NULL, rationale TEXT NOT NULL, token_hash TEXT NOT NULL, revision INTEGER NOT NULL,
        submitted_at TEXT NOT NULL, PRIMARY KEY (code, group_key))""",
]
