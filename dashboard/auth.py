"""Who may publish: an analyst passphrase, configured only as a hash, checked in constant time.

Configure it as the environment variable or Streamlit secret DASHBOARD_PUBLISH_PASSPHRASE_SHA256, holding
either a salted PBKDF2 string made by `python -m dashboard.auth` (recommended) or a plain hex SHA-256 of the
passphrase. Without it nobody can publish: uploads can still be explored in one session. After
MAX_FAILED_ATTEMPTS wrong passphrases a session is locked out of publishing.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Mapping
from typing import Any

SETTING = "DASHBOARD_PUBLISH_PASSPHRASE_SHA256"
MAX_FAILED_ATTEMPTS = 5
PBKDF2_ITERATIONS = 600_000
_PREFIX = "pbkdf2_sha256"


def hash_passphrase(passphrase: str, salt: bytes | None = None, iterations: int = PBKDF2_ITERATIONS) -> str:
    """A salted PBKDF2-SHA256 string to configure: pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, iterations)
    return f"{_PREFIX}${iterations}${salt.hex()}${digest.hex()}"


def configured_hash(secrets_mapping: Mapping[str, Any] | None = None,
                    environ: Mapping[str, str] | None = None) -> str | None:
    """The configured hash: a Streamlit secret first, then the environment; None when publishing is off."""
    for source in (secrets_mapping or {}, environ if environ is not None else os.environ):
        value = str(source.get(SETTING, "") or "").strip()
        if value:
            return value
    return None


def verify(passphrase: str, configured: str | None) -> bool:
    """True when `passphrase` matches the configured hash (compared in constant time)."""
    if not configured or not passphrase:
        return False
    if configured.startswith(_PREFIX + "$"):
        try:
            _, iterations, salt_hex, expected = configured.split("$")
            digest = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), bytes.fromhex(salt_hex),
                                         int(iterations)).hex()
        except ValueError:
            return False
        return hmac.compare_digest(digest, expected.lower())
    digest = hashlib.sha256(passphrase.encode("utf-8")).hexdigest()
    return hmac.compare_digest(digest, configured.lower())


def locked_out(failed_attempts: int) -> bool:
    return failed_attempts >= MAX_FAILED_ATTEMPTS


def main() -> int:
    """Print the value to configure for a passphrase typed at the prompt (never echoed)."""
    passphrase = getpass.getpass("Analyst passphrase: ")
    if len(passphrase) < 12 or getpass.getpass("Again: ") != passphrase:
        print("The passphrase must be at least 12 characters and typed the same twice.", file=sys.stderr)
        return 1
    print(f"{SETTING}={hash_passphrase(passphrase)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
