"""Who may publish: named analysts, each with a salted slow hash of their own passphrase, and a lockout that holds.

Analysts are configured in either place (both are read; the secrets win for a name in both):
- an env file made by `python -m dashboard.auth add NAME` (default `$DASHBOARD_HOME/analysts.env`, or the
  path in DASHBOARD_ANALYSTS_FILE), one `name = pbkdf2_sha256$<iterations>$<salt>$<hash>` per line;
- the Streamlit secrets, as a table: `[analysts]` then `name = "pbkdf2_sha256$…"`.
Only salted PBKDF2-SHA256 with at least MIN_ITERATIONS is accepted. Without any analyst nobody can publish:
uploads can still be explored in one session.

Failed sign-ins are counted in the store (dashboard/store), per account and per client address, so they survive
reloads, new sessions, restarts and other app processes. After MAX_FAILED_ATTEMPTS failures each further try
must wait BASE_DELAY_S, doubling with every failure up to LOCKOUT_S; the wait expires by itself, or an operator
lifts it (`python -m dashboard.auth unlock NAME` / `--address IP`). While a wait runs nothing is checked, not even
a right passphrase. Every process also caps how many passphrases it checks per minute (CHECKS_PER_MINUTE), so
guessing from many addresses cannot take the server's CPU.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import hashlib
import hmac
import math
import os
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.store import BaseStore, ConfigurationError

ANALYSTS_FILE_SETTING = "DASHBOARD_ANALYSTS_FILE"
ANALYSTS_FILE_NAME = "analysts.env"
SECRETS_SECTION = "analysts"
OLD_SETTING = "DASHBOARD_PUBLISH_PASSPHRASE_SHA256"
PBKDF2_ITERATIONS = 600_000
MIN_ITERATIONS = 100_000
MIN_PASSPHRASE_LENGTH = 12
MAX_FAILED_ATTEMPTS = 5
BASE_DELAY_S = 60
LOCKOUT_S = 3600
CHECKS_PER_MINUTE = 30
_PREFIX = "pbkdf2_sha256"
_MAX_NAME = 40


# -- hashes ------------------------------------------------------------------------------------------------
def hash_passphrase(passphrase: str, salt: bytes | None = None, iterations: int = PBKDF2_ITERATIONS) -> str:
    """A salted PBKDF2-SHA256 string to configure: pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, iterations)
    return f"{_PREFIX}${iterations}${salt.hex()}${digest.hex()}"


def _parse(configured: str) -> tuple[int, bytes, str]:
    """(iterations, salt, hex digest) of a configured hash; ValueError saying why it is not acceptable."""
    parts = configured.strip().split("$")
    if len(parts) != 4 or parts[0] != _PREFIX:
        raise ValueError(f"not a salted {_PREFIX} hash (an unsalted hash is not accepted)")
    iterations, salt = int(parts[1]), bytes.fromhex(parts[2])
    if iterations < MIN_ITERATIONS:
        raise ValueError(f"{iterations} iterations is too fast to guess against; at least {MIN_ITERATIONS}")
    if len(salt) < 8 or len(parts[3]) != 64:
        raise ValueError("the salt or the hash is too short")
    bytes.fromhex(parts[3])
    return iterations, salt, parts[3].lower()


def verify(passphrase: str, configured: str | None) -> bool:
    """True when `passphrase` matches the configured salted hash (compared in constant time)."""
    if not configured or not passphrase:
        return False
    try:
        iterations, salt, expected = _parse(configured)
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, iterations).hex()
    return hmac.compare_digest(digest, expected)


# -- analysts ----------------------------------------------------------------------------------------------
def valid_name(name: str) -> bool:
    """Letters (any script), digits and . _ - ; up to 40 characters: an account name, not a free text."""
    return 0 < len(name) <= _MAX_NAME and all(ch.isalnum() or ch in "._-" for ch in name)


def analysts_file(environ: Mapping[str, str] | None = None) -> Path:
    from dashboard.store import home

    configured = (environ if environ is not None else os.environ).get(ANALYSTS_FILE_SETTING, "").strip()
    return Path(configured).expanduser() if configured else home() / ANALYSTS_FILE_NAME


def read_analysts_file(path: Path) -> dict[str, str]:
    """name -> hash from an analysts file; a missing file is no analysts."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigurationError(f"{ANALYSTS_FILE_SETTING}: {path} cannot be read ({exc.strerror}).") from exc
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not valid_name(name.strip()):
            raise ConfigurationError(f"{ANALYSTS_FILE_SETTING}: {path}, line {number} is not `name = hash`; "
                                     "make lines with `python -m dashboard.auth add NAME`.")
        found[name.strip()] = value.strip()
    return found


def analysts(secrets_mapping: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every configured analyst: name -> salted hash, from the analysts file and the secrets' [analysts] table.

    Raises ConfigurationError (naming the setting) for the old shared-passphrase setting, an unreadable file or
    an unacceptable hash, so that a mistake stops the app at start instead of silently locking everyone out.
    """
    environ = environ if environ is not None else os.environ
    secrets_mapping = secrets_mapping or {}
    if str(environ.get(OLD_SETTING, "") or secrets_mapping.get(OLD_SETTING, "") or "").strip():
        raise ConfigurationError(
            f"{OLD_SETTING} is no longer read: each analyst now signs in with a name and their own passphrase. "
            f"Create them with `python -m dashboard.auth add NAME` (it writes {ANALYSTS_FILE_SETTING}, by default "
            f"$DASHBOARD_HOME/{ANALYSTS_FILE_NAME}), then remove {OLD_SETTING}.")
    found = read_analysts_file(analysts_file(environ))
    section = secrets_mapping.get(SECRETS_SECTION) or {}
    if not isinstance(section, Mapping):
        raise ConfigurationError(f"Secrets: [{SECRETS_SECTION}] must be a table of name = \"hash\" lines.")
    found.update({str(name): str(value) for name, value in section.items()})
    for name, value in found.items():
        if not valid_name(name):
            raise ConfigurationError(f"Analyst {name!r}: a name has letters, digits and . _ - only.")
        try:
            _parse(value)
        except ValueError as exc:
            raise ConfigurationError(
                f"Analyst {name}: {exc}. Make the hash again with `python -m dashboard.auth add {name}`.") from exc
    return found


# -- signing in ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SignIn:
    """The outcome of one try. `outcome`: "ok", "wrong", "wait" (locked; nothing was checked), "busy" (the
    server's check budget is spent; nothing was checked) or "off" (no analyst configured)."""

    outcome: str
    account: str | None = None
    wait_seconds: int = 0
    attempts_left: int = MAX_FAILED_ATTEMPTS

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` consecutive failures: none before MAX_FAILED_ATTEMPTS, then
    BASE_DELAY_S doubling with each failure, at most LOCKOUT_S."""
    if failures < MAX_FAILED_ATTEMPTS:
        return 0
    return int(min(BASE_DELAY_S * 2 ** min(failures - MAX_FAILED_ATTEMPTS, 30), LOCKOUT_S))


class _CheckBudget:
    """At most `per_minute` passphrase checks in any sliding minute in this process, one at a time."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._recent: deque[float] = deque()
        self._lock = threading.Lock()
        self.check_lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = self.clock()
            while self._recent and now - self._recent[0] >= 60:
                self._recent.popleft()
            if len(self._recent) >= self.per_minute:
                return False
            self._recent.append(now)
            return True


_BUDGET = _CheckBudget(CHECKS_PER_MINUTE)


@functools.cache
def hash_for_unknown_names() -> str:
    """What an unknown name is checked against, so that it takes as long as a known one. Made on the first check,
    not at import: a PBKDF2 hash costs about 20 ms that every server start would otherwise pay."""
    return hash_passphrase("no such analyst", salt=b"\0" * 16, iterations=MIN_ITERATIONS)


def scopes(account: str, address: str | None) -> list[str]:
    """The lockout counters a try counts against: the account (as typed, case-folded) and the client address."""
    return [f"account:{account.strip().casefold()}", f"address:{(address or 'unknown').strip()}"]


def sign_in(store: BaseStore, configured: Mapping[str, str], account: str, passphrase: str,
            address: str | None, clock: Callable[[], float] = time.time,
            budget: _CheckBudget | None = None) -> SignIn:
    """Check one try to sign in as `account` from `address`, counting failures in `store`.

    The wait is decided before any hash is computed, so during a lockout even the right passphrase is refused
    and guessing costs no CPU. An unknown account costs the same as a known one and counts as a failure.
    """
    if not configured:
        return SignIn("off")
    keys = scopes(account, address)
    now = clock()
    wait = max((last + delay_after(count) - now for count, last in store.failures(keys).values()), default=0)
    if wait > 0:
        return SignIn("wait", wait_seconds=math.ceil(wait), attempts_left=0)
    budget = budget or _BUDGET
    if not budget.take():
        return SignIn("busy", wait_seconds=60, attempts_left=0)
    names = {name.casefold(): name for name in configured}
    name = names.get(account.strip().casefold())
    with budget.check_lock:
        right = verify(passphrase, configured[name] if name else hash_for_unknown_names()) and name is not None
    if right:
        store.clear_failures(keys)
        return SignIn("ok", account=name)
    counts = store.record_failure(keys, now)
    worst = max(counts.values())
    return SignIn("wrong", wait_seconds=delay_after(worst), attempts_left=max(MAX_FAILED_ATTEMPTS - worst, 0))


# -- the command line ----------------------------------------------------------------------------------------
def _write_analysts_file(path: Path, entries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Analysts who may publish: name = salted PBKDF2 hash. Made by `python -m dashboard.auth add NAME`.",
             *(f"{name} = {value}" for name, value in entries.items())]
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)


def main(argv: list[str] | None = None, prompt: Callable[[str], str] = getpass.getpass) -> int:
    """`add NAME` (passphrase asked twice, never echoed), `remove NAME`, `list`, `unlock NAME | --address IP`."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.auth", description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, help=f"the analysts file (default: {ANALYSTS_FILE_SETTING} or "
                                                  f"$DASHBOARD_HOME/{ANALYSTS_FILE_NAME})")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("add", help="add an analyst or change their passphrase").add_argument("name")
    commands.add_parser("remove", help="remove an analyst").add_argument("name")
    commands.add_parser("list", help="list the analysts in the file")
    unlock = commands.add_parser("unlock", help="lift a lockout now")
    unlock.add_argument("name", nargs="?")
    unlock.add_argument("--address", help="a client address instead of (or as well as) an account")
    args = parser.parse_args(argv)
    path = args.file or analysts_file()
    if args.command == "unlock":
        from dashboard.store import open_store

        keys = ([scopes(args.name, None)[0]] if args.name else []) + (
            [scopes("", args.address)[1]] if args.address else [])
        if not keys:
            parser.error("name an account or an --address")
        print(f"Lifted {open_store().clear_failures(keys)} lockout counter(s).")
        return 0
    try:
        entries = read_analysts_file(path)
    except ConfigurationError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "list":
        print("\n".join(entries) or f"No analysts in {path}.")
        return 0
    if not valid_name(args.name):
        print("A name has letters, digits and . _ - only (at most 40).", file=sys.stderr)
        return 1
    if args.command == "remove":
        if entries.pop(args.name, None) is None:
            print(f"{args.name} is not in {path}.", file=sys.stderr)
            return 1
        _write_analysts_file(path, entries)
        print(f"Removed {args.name} from {path}.")
        return 0
    passphrase = prompt(f"Passphrase for {args.name}: ")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH or prompt("Again: ") != passphrase:
        print(f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters and typed the same twice. "
              "Nothing was changed.", file=sys.stderr)
        return 1
    entries[args.name] = hash_passphrase(passphrase)
    _write_analysts_file(path, entries)
    print(f"Wrote {args.name} to {path} (mode 600). To keep analysts in the Streamlit secrets instead, add under "
          f"[{SECRETS_SECTION}]:\n{args.name} = \"{entries[args.name]}\"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
