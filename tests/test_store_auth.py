"""Who may publish: a passphrase configured only as a hash, compared in constant time, with a lockout."""

from __future__ import annotations

import hashlib

from dashboard import auth


def test_salted_pbkdf2_hash_verifies_only_the_right_passphrase():
    configured = auth.hash_passphrase("correct horse battery", iterations=1000)
    assert configured.startswith("pbkdf2_sha256$1000$")
    assert auth.verify("correct horse battery", configured)
    assert not auth.verify("correct horse batterY", configured)
    assert not auth.verify("", configured)
    assert auth.hash_passphrase("same", iterations=1000) != auth.hash_passphrase("same", iterations=1000)  # salted


def test_plain_sha256_hex_is_accepted_in_either_case():
    digest = hashlib.sha256(b"ministry-2025").hexdigest()
    assert auth.verify("ministry-2025", digest)
    assert auth.verify("ministry-2025", digest.upper())
    assert not auth.verify("ministry-2024", digest)


def test_no_configuration_means_nobody_can_publish():
    assert auth.configured_hash({}, {}) is None
    assert not auth.verify("anything", None)
    assert not auth.verify("anything", "pbkdf2_sha256$broken")


def test_secret_wins_over_environment():
    assert auth.configured_hash({auth.SETTING: "from-secret"}, {auth.SETTING: "from-env"}) == "from-secret"
    assert auth.configured_hash({}, {auth.SETTING: " from-env "}) == "from-env"


def test_lockout_after_five_failures():
    assert not auth.locked_out(4)
    assert auth.locked_out(5)
