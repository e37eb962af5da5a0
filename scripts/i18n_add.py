"""Add or update one translation key in every locale file, safely under parallel edits.

Usage: python scripts/i18n_add.py KEY "English text" "Arabic text"
Keys stay sorted so diffs are readable. Other languages (if any) get no entry: the app falls back to English
and the translation test lists the gap.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "dashboard" / "locales"


def set_key(lang: str, key: str, text: str) -> None:
    path = LOCALES / f"{lang}.json"
    with open(LOCALES / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        table = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        table[key] = text
        ordered = dict(sorted(table.items()))
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__)
        return 2
    _, key, english, arabic = argv
    set_key("en", key, english)
    set_key("ar", key, arabic)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
