"""Limits checked before work starts, and a worker process that parses a file within its share of the server.

Every refusal names the limit it hit. The parse itself (CSV or workbook into a table of strings) runs in a forked
child process with an address-space and CPU-time limit (resource.setrlimit) and a wall-clock timeout, so a file
that slips past the cheap checks still cannot take the server's memory or time from everyone else. The child is
forked (not spawned): the parent's modules are already loaded, so a worker starts in milliseconds; the timeout
also covers the rare child that inherits a lock held by another thread at fork time.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from typing import Any

from dashboard.validation.problems import UploadError, problem

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # same as Streamlit's server.maxUploadSize default
MAX_COLUMNS = 500  # no dataset here has more than 30 fields; a wide table has one column per year
MAX_CELLS = 20_000_000  # rows x columns: 1.3 million rows of the widest long table
MAX_SHEETS = 100
MAX_UNKNOWN_SHOWN = 50  # distinct unknown values listed (with suggestions); the rest are counted
PARSE_SECONDS = 60  # wall clock for one parse
PARSE_MEMORY_BYTES = 2 * 1024**3  # address space the parse may add to what the server already holds


def too_many_columns(file_name: str, columns: int) -> UploadError:
    return UploadError(problem("too_many_columns", file=file_name, count=f"{columns:,}", limit=f"{MAX_COLUMNS:,}"))


def too_many_cells(file_name: str, rows: int, columns: int) -> UploadError:
    return UploadError(problem("too_many_cells", file=file_name, rows=f"{rows:,}", columns=f"{columns:,}",
                               cells=f"{rows * columns:,}", limit=f"{MAX_CELLS:,}"))


def check_shape(file_name: str, rows: int, columns: int) -> None:
    """Refuse a table wider than MAX_COLUMNS or larger than MAX_CELLS before it is parsed."""
    if columns > MAX_COLUMNS:
        raise too_many_columns(file_name, columns)
    if rows * columns > MAX_CELLS:
        raise too_many_cells(file_name, rows, columns)


def _address_space() -> int:
    """This process's current virtual memory size in bytes (Linux), or 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], seconds: int, memory: int) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory, resource.RLIM_INFINITY))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, resource.RLIM_INFINITY))
        conn.send(("ok", func(*args)))
    except UploadError as exc:
        conn.send(("refused", exc.problem))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:  # a parser crash on a damaged file is a refusal, never a traceback for the user
        conn.send(("crash", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def run_limited(file_name: str, func: Callable[..., Any], *args: Any, seconds: int = PARSE_SECONDS,
                memory: int = PARSE_MEMORY_BYTES) -> Any:
    """`func(*args)` in a child process within `seconds` and `memory`; its UploadError is raised here."""
    if not hasattr(os, "fork"):  # pragma: no cover - the app is deployed on Linux
        return func(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(send, func, args, seconds, memory), daemon=True)
    worker.start()
    send.close()
    try:
        outcome = receive.recv() if receive.poll(seconds + 1) else ("timeout", None)
    except (EOFError, OSError):  # killed: CPU limit (SIGXCPU) or out of memory
        outcome = ("memory", None)
    finally:
        receive.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    status, value = outcome
    if status == "ok":
        return value
    if status == "refused":
        raise UploadError(value)
    if status == "timeout":
        raise UploadError(problem("too_slow", file=file_name, seconds=seconds))
    if status == "memory":
        raise UploadError(problem("too_much_memory", file=file_name, limit_mb=f"{memory / 2**20:,.0f}"))
    raise UploadError(problem("unreadable", file=file_name))
