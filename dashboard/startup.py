"""Settings checked before the app serves anyone: the store's URL and the analysts' configuration.

A wrong setting stops the app with one message naming the setting and the problem (never a traceback, never a
silent fallback). `python -m dashboard.startup` runs the same check from the shell (`make run` does, first).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from dashboard import auth
from dashboard.store import ConfigurationError, check_configuration


def configuration_problem(secrets_mapping: Mapping[str, Any] | None = None,
                          environ: Mapping[str, str] | None = None) -> str | None:
    """The first thing wrong with the server's settings, in one line, or None when it may start."""
    environ = environ if environ is not None else os.environ
    try:
        check_configuration(environ)
        auth.analysts(secrets_mapping, environ)
    except ConfigurationError as exc:
        return str(exc)
    return None


def main() -> int:
    problem = configuration_problem()
    if problem:
        print(f"The dashboard cannot start: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
