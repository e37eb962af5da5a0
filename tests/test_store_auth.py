"""Who may publish: named analysts with salted slow hashes, and a lockout kept in the store (both backends)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest

from dashboard import auth
from dashboard.paths import REPO_ROOT
from dashboard.store import ConfigurationError, store_at

FAST = auth.MIN_ITERATIONS  # the slowest the app accepts is still quick enough for tests
LAYLA = "layla.hassan"
RIGHT = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _fresh_check_budget(monkeypatch):
    """Each test starts with the process's per-minute budget of passphrase checks unspent."""
    monkeypatch.setattr(auth, "_BUDGET", auth._CheckBudget(auth.CHECKS_PER_MINUTE))


@pytest.fixture
def configured() -> dict[str, str]:
    return {LAYLA: auth.hash_passphrase(RIGHT, iterations=FAST),
            "omar": auth.hash_passphrase("other one!!", iterations=FAST)}


def test_salted_pbkdf2_hash_verifies_only_the_right_passphrase():
    configured = auth.hash_passphrase(RIGHT, iterations=FAST)
    assert configured.startswith(f"pbkdf2_sha256${FAST}$")
    assert auth.verify(RIGHT, configured)
    assert not auth.verify("correct horse batterY", configured)
    assert not auth.verify("", configured)
    assert auth.hash_passphrase("same", iterations=FAST) != auth.hash_passphrase("same", iterations=FAST)  # salted


@pytest.mark.parametrize("weak", [
    hashlib.sha256(RIGHT.encode()).hexdigest(),                      # unsalted SHA-256: refused now
    auth.hash_passphrase(RIGHT, iterations=1000),                    # salted but fast
    "pbkdf2_sha256$broken",
])
def test_unsalted_fast_or_broken_hashes_are_never_accepted(weak):
    assert not auth.verify(RIGHT, weak)
    with pytest.raises(ConfigurationError, match=f"Analyst {LAYLA}: .*python -m dashboard.auth add {LAYLA}"):
        auth.analysts({"analysts": {LAYLA: weak}}, {"DASHBOARD_ANALYSTS_FILE": "/nonexistent"})


def test_the_old_shared_setting_stops_the_app_with_a_message_naming_the_new_way():
    old = {auth.OLD_SETTING: auth.hash_passphrase(RIGHT, iterations=FAST)}
    for secrets, environ in ((old, {}), ({}, old)):
        with pytest.raises(ConfigurationError) as raised:
            auth.analysts(secrets, environ)
        message = str(raised.value)
        assert message.startswith("DASHBOARD_PUBLISH_PASSPHRASE_SHA256 is no longer read")
        assert "python -m dashboard.auth add NAME" in message and "DASHBOARD_ANALYSTS_FILE" in message


def test_analysts_come_from_the_file_made_by_the_command_and_from_the_secrets(tmp_path, capsys):
    path = tmp_path / "analysts.env"
    typed = iter([RIGHT, RIGHT])
    assert auth.main(["--file", str(path), "add", LAYLA], prompt=lambda _: next(typed)) == 0
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    mismatch = iter(["first passphrase", "second passphrase"])
    assert auth.main(["--file", str(path), "add", "omar"], prompt=lambda _: next(mismatch)) == 1
    assert "typed the same twice" in capsys.readouterr().err
    from_file = auth.analysts({}, {"DASHBOARD_ANALYSTS_FILE": str(path)})
    assert list(from_file) == [LAYLA] and auth.verify(RIGHT, from_file[LAYLA])
    both = auth.analysts({"analysts": {"omar": auth.hash_passphrase("x" * 12, iterations=FAST)}},
                         {"DASHBOARD_ANALYSTS_FILE": str(path)})
    assert sorted(both) == [LAYLA, "omar"]
    assert auth.main(["--file", str(path), "remove", LAYLA]) == 0
    assert auth.analysts({}, {"DASHBOARD_ANALYSTS_FILE": str(path)}) == {}


def test_a_right_passphrase_signs_in_as_the_account_not_a_typed_name(store_location, configured):
    store = store_at(store_location)
    result = auth.sign_in(store, configured, "LAYLA.HASSAN ", RIGHT, "10.0.0.7")
    assert result.ok and result.account == LAYLA
    assert auth.sign_in(store, configured, LAYLA, "other one!!", "10.0.0.7").outcome == "wrong"  # omar's
    assert auth.sign_in(store, {}, LAYLA, RIGHT, "10.0.0.7").outcome == "off"


def test_five_failures_then_a_doubling_wait_that_refuses_even_the_right_passphrase(store_location, configured):
    store, clock = store_at(store_location), Clock()
    for left in (4, 3, 2, 1):
        result = auth.sign_in(store, configured, LAYLA, "guess", "10.0.0.7", clock)
        assert (result.outcome, result.attempts_left) == ("wrong", left)
    fifth = auth.sign_in(store, configured, LAYLA, "guess", "10.0.0.7", clock)
    assert (fifth.outcome, fifth.wait_seconds) == ("wrong", auth.BASE_DELAY_S)
    refused = auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.7", clock)
    assert (refused.outcome, refused.wait_seconds) == ("wait", auth.BASE_DELAY_S)
    clock.now += auth.BASE_DELAY_S - 1
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.7", clock).outcome == "wait"
    clock.now += 1  # the wait is over: one more try; a wrong one doubles the wait
    sixth = auth.sign_in(store, configured, LAYLA, "guess", "10.0.0.7", clock)
    assert (sixth.outcome, sixth.wait_seconds) == ("wrong", 2 * auth.BASE_DELAY_S)
    assert auth.delay_after(40) == auth.LOCKOUT_S  # doubling stops at the lockout, which expires
    clock.now += 2 * auth.BASE_DELAY_S
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.7", clock).ok  # and a success resets
    assert auth.sign_in(store, configured, LAYLA, "guess", "10.0.0.7", clock).attempts_left == 4


def test_the_lockout_counts_per_account_and_per_address(store_location, configured):
    store, clock = store_at(store_location), Clock()
    for _ in range(5):  # one address guessing at several accounts
        auth.sign_in(store, configured, "omar", "guess", "10.0.0.66", clock)
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.66", clock).outcome == "wait"
    assert auth.sign_in(store, configured, "omar", "other one!!", "10.0.0.9", clock).outcome == "wait"  # account
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.9", clock).ok  # neither locked


def test_an_operator_lifts_a_lockout(store_location, configured, monkeypatch, capsys):
    store, clock = store_at(store_location), Clock()
    for _ in range(5):
        auth.sign_in(store, configured, LAYLA, "guess", "10.0.0.7", clock)
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.8", clock).outcome == "wait"
    if store.backend == "postgresql":
        monkeypatch.setenv("DASHBOARD_DATABASE_URL", store.url)
    else:
        monkeypatch.setenv("DASHBOARD_HOME", str(store.directory))
    assert auth.main(["unlock", LAYLA, "--address", "10.0.0.7"]) == 0
    assert "Lifted 2 lockout counter(s)." in capsys.readouterr().out
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.7", clock).ok


RESTARTED = textwrap.dedent("""
    import sys
    from dashboard import auth
    from dashboard.store import store_at
    configured = {"layla.hassan": sys.argv[2]}
    result = auth.sign_in(store_at(sys.argv[1]), configured, "layla.hassan", sys.argv[3], None)
    print(result.outcome)
""")


def test_six_wrong_passphrases_over_three_sessions_and_a_restart_are_still_refused(store_location, configured):
    """Sessions are nothing to the lockout (it is in the store); a restart is a new process."""
    for _session in range(2):
        store = store_at(store_location)  # what a new session of the same process reaches
        for _ in range(2):
            assert auth.sign_in(store, configured, LAYLA, "guess", None).outcome == "wrong"
    outcomes = []
    for passphrase in ("guess", "guess", RIGHT):  # after a restart: the fifth counts, the sixth and the right wait
        run = subprocess.run([sys.executable, "-c", RESTARTED, store_location, configured[LAYLA], passphrase],
                             cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        outcomes.append(run.stdout.strip())
    assert outcomes == ["wrong", "wait", "wait"]


def test_guessing_cannot_take_the_cpu():
    clock = Clock()
    budget = auth._CheckBudget(3, clock=clock)
    assert [budget.take() for _ in range(4)] == [True, True, True, False]
    clock.now += 60
    assert budget.take()


def test_the_budget_refuses_before_any_hash_is_computed(tmp_path, configured, monkeypatch):
    store = store_at(str(tmp_path / "home"))
    spent = auth._CheckBudget(0)
    monkeypatch.setattr(auth, "verify", lambda *_: pytest.fail("a passphrase was checked"))
    assert auth.sign_in(store, configured, LAYLA, RIGHT, "10.0.0.7", budget=spent).outcome == "busy"
