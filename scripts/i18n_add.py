"""Add or update one translation key in every locale file, safely under parallel edits.

Usage: python scripts/i18n_add.py KEY "English text" "Arabic text" ["Kurdish (Sorani) text"]
       python scripts/i18n_add.py --missing      # lists keys of en.json that a language lacks (exit 1 if any)
       python scripts/i18n_add.py --changed-since REV   # keys whose English changed since git REV (retranslate)

Keys stay sorted so diffs are readable. A language given no text gets no entry: the app falls back to English
and `--missing` (and the translation test) lists the gap, so whoever translates it next can find it.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "dashboard" / "locales"
#: The order of the texts on the command line after KEY.
LANGUAGES = ("en", "ar", "ckb")


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


def missing_keys() -> dict[str, list[str]]:
    """Language code -> keys of en.json that its table lacks (empty lists left out)."""
    def keys(path: Path) -> set[str]:
        return {k for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_meta.")}

    english = keys(LOCALES / "en.json")
    gaps = {path.stem: sorted(english - keys(path)) for path in sorted(LOCALES.glob("*.json"))}
    return {lang: gap for lang, gap in gaps.items() if gap}


def changed_keys(old_english: dict[str, str]) -> list[str]:
    """Keys whose English text differs from `old_english` (an earlier en.json): their translations may be stale."""
    english = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    return sorted(k for k, text in english.items() if k in old_english and old_english[k] != text)


def main(argv: list[str]) -> int:
    if argv[1:] == ["--missing"]:
        gaps = missing_keys()
        for lang, gap in gaps.items():
            print(f"{lang}: {len(gap)} missing")
            for key in gap:
                print(f"  {key}\t{json.loads((LOCALES / 'en.json').read_text(encoding='utf-8'))[key]}")
        return 1 if gaps else 0
    if len(argv) == 3 and argv[1] == "--changed-since":
        import subprocess

        old = subprocess.run(["git", "show", f"{argv[2]}:dashboard/locales/en.json"], capture_output=True,
                             text=True, check=True, cwd=LOCALES).stdout
        changed = changed_keys(json.loads(old))
        print("\n".join(changed))
        return 1 if changed else 0
    if len(argv) not in (4, 5):
        print(__doc__)
        return 2
    for lang, text in zip(LANGUAGES, argv[2:], strict=False):
        set_key(lang, argv[1], text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
