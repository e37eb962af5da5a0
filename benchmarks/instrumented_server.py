"""The app's start command (ui/server.py) with CPU counters, for benchmarks/bench_updates.py: where a widget
update's CPU goes.

    python benchmarks/instrumented_server.py run streamlit_app.py --server.port ...   (same arguments as streamlit)

Before Streamlit starts, a few functions are wrapped so that each records the CPU time (time.thread_time) of
the thread calling it, inclusive of what it calls, once per outermost call:

- script run: ScriptRunner._run_script (everything the script thread does for one run);
- map figure built: dashboard.charts.map.world_map; digits localised: dashboard.charts.digits.localise_figure;
- st.plotly_chart: the element call, of which plotly.io.to_json is the figure's serialisation to JSON;
- message hashing: the deterministic protobuf serialisation Streamlit does to hash each element (script thread);
- message serialisation: serialize_forward_msg (protobuf to bytes for the websocket, event-loop side).

Streamlit's websocket compression is off by default (`server.enableWebsocketCompression`), so there is no
compression to count. The process's CPU (time.process_time, every thread, exited ones included) and the
event-loop thread's CPU (/proc schedstat) are read with the counters: `GET http://127.0.0.1:$BENCH_COUNTERS_PORT/`
returns them as JSON. The wrappers cost a few microseconds per call; the counter endpoint runs in its own thread.
`/profile/start` and `/profile/stop` profile the script runs in between (cProfile) and summarise their time by
package (plotly, streamlit, pandas, the app's own dashboard/ui/pages, ...).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
COUNTERS_PORT_ENV = "BENCH_COUNTERS_PORT"

COUNTERS: dict[str, list[float]] = {}  # name -> [CPU seconds, calls]
_LOCK = threading.Lock()
_ACTIVE = threading.local()  # names being timed on this thread (an inner call of the same name is not re-counted)


def _timed(name: str, function: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        active = _ACTIVE.__dict__.setdefault("names", set())
        if name in active:
            return function(*args, **kwargs)
        active.add(name)
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.thread_time() - started
            active.discard(name)
            with _LOCK:
                entry = COUNTERS.setdefault(name, [0.0, 0])
                entry[0] += spent
                entry[1] += 1

    wrapper.__wrapped__ = function
    return wrapper


def _wrap(owner: object, attribute: str, name: str) -> None:
    setattr(owner, attribute, _timed(name, getattr(owner, attribute)))


_PROFILE: list = []  # the cProfile.Profile of the script runs while profiling is on (GET /profile/start)
_PROFILE_LOCK = threading.Lock()  # one script run profiled at a time (sessions are measured one by one)


def _profiled(function: Callable) -> Callable:
    def wrapper(*args, **kwargs):
        profile = _PROFILE[0] if _PROFILE else None
        if profile is None or not _PROFILE_LOCK.acquire(blocking=False):
            return function(*args, **kwargs)
        try:
            profile.enable()
            try:
                return function(*args, **kwargs)
            finally:
                profile.disable()
        finally:
            _PROFILE_LOCK.release()

    return wrapper


def _package(filename: str) -> str:
    """Who a profiled function belongs to: a library, the app's own code (dashboard, ui, pages), or C code."""
    path = filename.replace("\\", "/")
    if "site-packages/" in path:
        top = path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
        return {"_plotly_utils": "plotly", "google": "protobuf", "pyarrow": "pyarrow"}.get(top, top)
    if path.startswith(str(REPO_ROOT)):
        relative = path[len(str(REPO_ROOT)) + 1:]
        return "app: " + (relative.split("/", 1)[0] if "/" in relative else relative).removesuffix(".py")
    return "C functions and the standard library" if path in ("~", "") or "/lib/python3" in path else path


def profile_summary(profile) -> dict[str, float]:
    """Seconds of the script thread's own time (tottime) per package."""
    import pstats

    totals: dict[str, float] = {}
    for (filename, _, function), (_, _, tottime, _, _) in pstats.Stats(profile).stats.items():
        package = _package(filename)
        if function.startswith("<built-in method gc.collect"):
            package = "garbage collection (gc.collect)"
        totals[package] = totals.get(package, 0.0) + tottime
    return totals


def _main_thread_cpu() -> float:
    """CPU seconds of the event-loop (main) thread, from the scheduler's nanosecond counter."""
    with open(f"/proc/self/task/{os.getpid()}/schedstat", encoding="utf-8") as stat:
        return int(stat.read().split()[0]) / 1e9


def snapshot() -> dict:
    with _LOCK:
        counters = {name: list(value) for name, value in COUNTERS.items()}
    return {"process_cpu": time.process_time(), "event_loop_cpu": _main_thread_cpu(), "counters": counters}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        """`/`: the counters; `/profile/start`, `/profile/stop`: profile the script runs in between (cProfile,
        its overhead inflates CPU, so profiled updates are not the measured ones); stop returns the summary."""
        result: dict = snapshot()
        if self.path == "/profile/start":
            import cProfile

            _PROFILE[:] = [cProfile.Profile()]
        elif self.path == "/profile/stop" and _PROFILE:
            profile = _PROFILE.pop()
            with _PROFILE_LOCK:  # a run being profiled finishes first
                result = {"profile": profile_summary(profile)}
        body = json.dumps(result).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def instrument() -> None:
    """Wrap the functions listed in the module docstring (before any page is imported)."""
    sys.path.insert(0, str(REPO_ROOT))
    import plotly.io
    import streamlit
    from streamlit.elements.plotly_chart import PlotlyMixin
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner_utils import script_run_context
    from streamlit.web.server.starlette import starlette_websocket

    from dashboard.charts import digits
    from dashboard.charts import map as map_charts

    script_runner.ScriptRunner._run_script = _profiled(script_runner.ScriptRunner._run_script)
    _wrap(script_runner.ScriptRunner, "_run_script", "script run")
    _wrap(map_charts, "world_map", "map figure built (world_map)")
    _wrap(digits, "localise_figure", "digits localised (localise_figure)")
    _wrap(PlotlyMixin, "plotly_chart", "st.plotly_chart")
    streamlit.plotly_chart = streamlit._main.plotly_chart  # the module-level function was bound at import
    _wrap(plotly.io, "to_json", "figure to JSON (plotly.io.to_json)")
    _wrap(script_run_context, "populate_hash_if_needed", "message hashing (protobuf)")
    _wrap(starlette_websocket, "serialize_forward_msg", "message serialisation (protobuf, event loop)")


def main() -> None:
    instrument()
    port = int(os.environ[COUNTERS_PORT_ENV])
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    threading.Thread(target=server.serve_forever, name="bench-counters", daemon=True).start()
    from ui import server as app_server

    app_server.main()  # the app's own start command (router from the first run, warm-up), then streamlit


if __name__ == "__main__":
    main()
