"""Workshop load at the protocol level: twenty sessions speaking Streamlit's own websocket protocol.

Each simulated participant does what the browser frontend does on the wire, and nothing else:

1. `GET /_stcore/health` (the frontend's first request; it sets the `_streamlit_xsrf` cookie), then a
   websocket to `/_stcore/stream` with the cookie, an `Origin` header and the subprotocols
   `["streamlit", <xsrf token>]` (Streamlit repurposes Sec-WebSocket-Protocol: 1st entry is the protocol the
   server selects, 2nd the XSRF token, an optional 3rd a session id to reconnect to).
2. A `BackMsg.rerun_script` with the URL's query string (`lang=en|ar`, half the sessions in Arabic), the
   page's url path as `page_name` (`map`) and an empty `page_script_hash`, as on a deep link.
3. It reads `ForwardMsg`s until `script_finished` with FINISHED_SUCCESSFULLY (FINISHED_EARLY_FOR_RERUN means
   another run follows: a chained `st.rerun` is part of the update). It keeps every widget's state as the
   frontend does (a widget's default on first sight, the server's value when the element says `set_value`,
   the session's own changes) and the query string the server publishes (`page_info_changed`).
4. Changes a widget: a `rerun_script` with *all* current widget states, the changed one included; the time
   from sending it to `script_finished` is the figure. On /map it alternates between the year select_slider
   and the sex segmented control; then it switches to /scenarios the way the sidebar does (the target's
   `page_script_hash` from the `navigation` message) and flips a lever toggle.

What this measures: the server's work for each update plus the delivery of every message over a loopback
websocket, with twenty sessions running at once. What it does not measure: the browser parsing the messages
and drawing the page, which in the workshop runs on each participant's own laptop (benchmarks/load.py drives
real Chromium tabs, and the one-person browser figures are in bench_pages.py / the README).

Errors, grouped by kind: an exception element, our apology ("Sorry, something went wrong ..."), a script
that finished with a compile error, a page-not-found, a timeout (30 s), a websocket error, and a session
whose widget changes never changed the page's output (metrics, headings and text are compared).

    python benchmarks/load_protocol.py                 # starts its own server; prints p50/p95 and memory
    python benchmarks/load_protocol.py --url URL       # against a running server (no memory figures)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    REPO_ROOT,
    LoadTimings,
    cpu_seconds,
    load_main,
    memory_lines,
    peak_rss_while,
    rss_mb,
    spread,
)

PATHS = ("map", "scenarios")
TIMEOUT_S = 30.0
XSRF_COOKIE = "_streamlit_xsrf"
FINISHED_OK, FINISHED_COMPILE_ERROR, FINISHED_EARLY_FOR_RERUN, FINISHED_FRAGMENT_OK = 0, 1, 2, 3
#: The frontend forgets a cached message after this many script runs that did not use it
#: (Streamlit's `global.maxCachedMessageAge`, default 2).
CACHED_MESSAGE_AGE = 2


def _apology_prefixes() -> list[str]:
    """The start of our apology in every language (the text before the error id)."""
    prefixes = []
    for path in sorted((REPO_ROOT / "dashboard" / "locales").glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("common.error_apology", "")
        if text:
            prefixes.append(text[:24])
    return prefixes or ["Sorry, something went wrong"]


APOLOGIES = _apology_prefixes()


#: Seconds a participant looks at the result before the next change: a workshop participant reads a chart and
#: the facilitator's explanation. `--think 0.5 2` is the stress case (everyone clicking as fast as they can).
WORKSHOP_PAUSE_S: tuple[float, float] = (5.0, 15.0)

@dataclass
class ProtocolLoadResult(LoadTimings):
    rounds: int = 3
    think: tuple[float, float] = WORKSHOP_PAUSE_S
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)
    completed: dict[int, int] = field(default_factory=dict)  # session -> widget changes completed
    visible_changes: int = 0  # widget changes after which the page's output differed

    def error_kinds(self) -> Counter:
        return Counter(kind for kind, _ in self.errors)

    def lines(self) -> list[str]:
        """The figures, one `load: figure: value` line each."""
        every = self.seconds()
        out = [f"load: protocol-level sessions: {self.sessions} concurrent websocket sessions, {len(every)} widget "
               f"changes ({self.visible_changes} changed the page), pauses {self.think[0]:g}-{self.think[1]:g} s, "
               f"{len(self.errors)} errors, {self.wall_seconds:.0f} s wall",
               "load: measured: server time + websocket delivery (no browser rendering)"]
        out += [f"load: /{page} update p50 / p95 / max: {spread(self.seconds(page), with_max=True)}"
                for page in PATHS]
        out.append(f"load: all updates p50 / p95 / max: {spread(every, with_max=True)}")
        opens, switches = self.opens_and_switches()
        out.append(f"load: open /map (one session, then the {max(len(self.page_opens) - 1, 0)} others at once) "
                   f"p50 / p95: {opens}")
        out.append(f"load: switch to /scenarios p50 / p95: {switches}")
        out.extend(memory_lines(self.rss_mb, self.sessions))
        if self.cpu_work:
            out.append(f"load: CPU in the working phase ({self.work_seconds:.0f} s): server "
                       f"{self.cpu_work['server']:.1f} s, load client {self.cpu_work['client']:.1f} s")
        for kind, count in self.error_kinds().most_common():
            example = next(detail for k, detail in self.errors if k == kind)
            out.append(f"load: error x{count}: {kind} (e.g. {example[:160]})")
        return out


class RunFailed(Exception):
    """A run of the script that ended in something the session counts as an error."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


def _text_of(element) -> str | None:
    """The visible text of an output element (for 'did the page change'), None for widgets and charts."""
    kind = element.WhichOneof("type")
    if kind == "metric":
        return f"metric:{element.metric.label}={element.metric.body}"
    if kind in ("markdown", "heading", "alert", "text"):
        return f"{kind}:{getattr(element, kind).body}"
    if kind == "code":
        return f"code:{element.code.code_text}"
    return None


class Session:
    """One simulated participant: a websocket and the state the browser frontend would keep."""

    def __init__(self, url: str, index: int) -> None:
        self.url, self.index = url, index
        self.lang = "ar" if index % 2 else "en"
        self.rng = random.Random(index)
        self.ws = None
        self.query_string = f"lang={self.lang}"
        self.widgets: dict[str, object] = {}  # widget id -> WidgetState (what the frontend would send)
        self.elements: dict[str, object] = {}  # widget id -> its latest element proto
        self.pages: dict[str, str] = {}  # url path -> page_script_hash (from the navigation message)
        self.page_script_hash = ""
        self.output: list[str] = []  # texts of the latest finished run
        self.fragment_output: dict[str, list[str]] = {}  # fragment id -> texts of its latest run
        self.fragments: dict[str, str] = {}  # widget id -> id of the fragment that drew it ("" = none)
        self.cached: dict[str, int] = {}  # hash of a cacheable message -> run it was last used in (frontend cache)
        self.runs = 0
        self.last_bytes = 0  # websocket bytes received for the latest update (chained reruns included)

    async def connect(self) -> None:
        import websockets

        def health_cookie() -> str | None:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=TIMEOUT_S) as response:
                cookie = SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    cookie.load(header)
            return cookie[XSRF_COOKIE].value if XSRF_COOKIE in cookie else None

        token = await asyncio.to_thread(health_cookie)
        headers = {"Cookie": f"{XSRF_COOKIE}={token}"} if token else {}
        self.ws = await websockets.connect(
            self.url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", token] if token else ["streamlit"],
            origin=self.url, additional_headers=headers, max_size=None, open_timeout=TIMEOUT_S)
        if self.ws.subprotocol != "streamlit":
            raise RunFailed("websocket", f"server selected subprotocol {self.ws.subprotocol!r}")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _remember_widget(self, element) -> None:
        """Record a widget element's state as the frontend would: default on first sight, set_value wins."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        widget_id = getattr(proto, "id", "")
        if not widget_id:
            return
        self.elements[widget_id] = element
        known = widget_id in self.widgets
        if known and not getattr(proto, "set_value", False):
            return
        state = WidgetState(id=widget_id)
        if kind == "slider":
            if proto.type == proto.Type.SELECT_SLIDER:
                values = list(proto.raw_value) if proto.set_value else [proto.options[int(i)] for i in proto.default]
                state.string_array_value.data[:] = values
            else:
                state.double_array_value.data[:] = list(proto.value) if proto.set_value else list(proto.default)
        elif kind == "button_group":
            values = (list(proto.raw_values) if proto.set_value
                      else [proto.options[i].content for i in proto.default])
            state.string_array_value.data[:] = values
        elif kind in ("selectbox", "radio"):
            if proto.set_value:
                state.string_value = proto.raw_value
            elif proto.HasField("default"):
                state.string_value = proto.options[proto.default]
            else:
                return  # no value yet (placeholder): the frontend sends nothing either
        elif kind == "checkbox":
            state.bool_value = proto.value if proto.set_value else proto.default
        else:
            return  # buttons, charts' selections, uploads...: the server keeps their last value
        self.widgets[widget_id] = state

    async def _send_rerun(self, page_name: str = "", page_script_hash: str | None = None,
                          fragment_id: str = "") -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.fragment_id = fragment_id  # a widget inside st.fragment reruns that fragment only
        rerun.cached_message_hashes.extend(self.cached)  # big elements the frontend still has: sent by reference
        rerun.page_name = page_name
        rerun.page_script_hash = self.page_script_hash if page_script_hash is None else page_script_hash
        rerun.widget_states.widgets.extend(self.widgets.values())
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "ar" if self.lang == "ar" else "en-US"
        rerun.context_info.url = f"{self.url}/{page_name or 'map'}"
        await self.ws.send(message.SerializeToString())

    async def _until_finished(self, fragment_id: str = "") -> float:
        """Read messages until the script (or the fragment `fragment_id`) has finished successfully; the
        perf_counter at that moment."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        texts: list[str] = []
        by_fragment: dict[str, list[str]] = {}  # a full run's texts drawn inside each fragment
        seen: set[str] = set()
        self.last_bytes = 0
        while True:
            message = ForwardMsg()
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT_S)
            self.last_bytes += len(raw)
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if message.metadata.cacheable and message.hash:
                self.cached[message.hash] = self.runs
            elif kind == "ref_hash":
                self.cached[message.ref_hash] = self.runs
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    raise RunFailed("exception element", f"{element.exception.type}: {element.exception.message}")
                if element_kind == "alert" and any(a in element.alert.body for a in APOLOGIES):
                    raise RunFailed("apology", element.alert.body)
                text = _text_of(element)
                if text is not None:
                    texts.append(text)
                    if message.delta.fragment_id:
                        by_fragment.setdefault(message.delta.fragment_id, []).append(text)
                self._remember_widget(element)
                widget_id = getattr(getattr(element, element_kind), "id", "") if element_kind else ""
                if widget_id:
                    seen.add(widget_id)
                    self.fragments[widget_id] = message.delta.fragment_id
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
            elif kind == "new_session":
                self.page_script_hash = message.new_session.page_script_hash or self.page_script_hash
            elif kind == "page_not_found":
                raise RunFailed("page not found", message.page_not_found.page_name)
            elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
                raise RunFailed("script compilation error", str(message.session_event.script_compilation_exception))
            elif kind == "script_finished":
                if message.script_finished == FINISHED_EARLY_FOR_RERUN:
                    texts, seen, by_fragment = [], set(), {}
                    continue  # a chained rerun follows: it is part of this update
                finished = time.perf_counter()
                if message.script_finished == FINISHED_COMPILE_ERROR:
                    raise RunFailed("script finished with an error", "FINISHED_WITH_COMPILE_ERROR")
                self.runs += 1
                self.cached = {h: run for h, run in self.cached.items() if self.runs - run <= CACHED_MESSAGE_AGE}
                if message.script_finished == FINISHED_FRAGMENT_OK:
                    self.fragment_output[fragment_id] = texts  # the rest of the page stays as it was
                    return finished
                # like the frontend after a run: widgets no longer on the page drop out of the state
                self.widgets = {k: v for k, v in self.widgets.items() if k in seen}
                self.elements = {k: v for k, v in self.elements.items() if k in seen}
                self.output, self.fragment_output = texts, by_fragment
                return finished

    async def open(self, path: str) -> float:
        started = time.perf_counter()
        await self._send_rerun(page_name=path, page_script_hash="")
        return await self._until_finished() - started

    async def switch(self, path: str) -> float:
        """Go to another page as the sidebar link does: its page_script_hash, the widget states, no page name."""
        if path not in self.pages:
            raise RunFailed("page not found", f"no /{path} in the navigation ({sorted(self.pages)})")
        self.query_string = f"lang={self.lang}"
        started = time.perf_counter()
        await self._send_rerun(page_script_hash=self.pages[path])
        return await self._until_finished() - started

    def _pick_change(self, path: str, number: int):
        """(widget id, new WidgetState) for this page's next change."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        def widget(suffix: str):
            return next(((i, e) for i, e in self.elements.items() if i.endswith(suffix)), (None, None))

        if path == "map":
            widget_id, element = widget("-map_year" if number % 2 == 0 else "-map_sex")
            if widget_id is None:
                raise RunFailed("widget missing", f"/map: no {'year' if number % 2 == 0 else 'sex'} widget")
            proto = getattr(element, element.WhichOneof("type"))
            options = list(proto.options) if element.WhichOneof("type") == "slider" \
                else [o.content for o in proto.options]
            current = list(self.widgets[widget_id].string_array_value.data)
            choices = [o for o in options if [o] != current]
            state = WidgetState(id=widget_id)
            state.string_array_value.data[:] = [self.rng.choice(choices)]
            return widget_id, state
        levers = sorted(i for i, e in self.elements.items() if "-scn_on_" in i and not e.checkbox.disabled)
        if not levers:
            raise RunFailed("widget missing", "/scenarios: no lever toggle")
        widget_id = levers[(self.index + number) % len(levers)]
        state = WidgetState(id=widget_id, bool_value=not self.widgets[widget_id].bool_value)
        return widget_id, state

    async def change(self, path: str, number: int) -> tuple[float, bool]:
        """Change one widget; (seconds from sending to the script finished, whether the page's output changed).

        As the frontend does, a widget drawn inside an `st.fragment` reruns only that fragment."""
        widget_id, state = self._pick_change(path, number)
        fragment_id = self.fragments.get(widget_id, "")
        before = self.fragment_output.get(fragment_id) if fragment_id else self.output
        self.widgets[widget_id] = state
        started = time.perf_counter()
        await self._send_rerun(fragment_id=fragment_id)
        seconds = await self._until_finished(fragment_id) - started
        after = self.fragment_output.get(fragment_id) if fragment_id else self.output
        return seconds, after != before


def _record_failure(result: ProtocolLoadResult, index: int, path: str, exc: BaseException) -> None:
    import websockets

    if isinstance(exc, RunFailed):
        result.errors.append((exc.kind, f"session {index} /{path}: {exc.detail}"))
    elif isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        result.errors.append(("timeout", f"session {index} /{path}: nothing finished within {TIMEOUT_S:.0f} s"))
    elif isinstance(exc, (websockets.WebSocketException, OSError)):
        result.errors.append(("websocket", f"session {index} /{path}: {type(exc).__name__}: {exc}"))
    else:
        result.errors.append(("client", f"session {index} /{path}: {type(exc).__name__}: {exc}"))


async def _join(url: str, index: int, result: ProtocolLoadResult) -> Session | None:
    session = Session(url, index)
    try:
        await session.connect()
        result.page_opens.append((PATHS[0], await session.open(PATHS[0])))
        return session
    except Exception as exc:  # counted as an error of the run
        _record_failure(result, index, PATHS[0], exc)
        await session.close()
        return None


async def _work(session: Session, rounds: int, think: tuple[float, float], result: ProtocolLoadResult) -> None:
    index = session.index
    result.completed.setdefault(index, 0)
    try:
        for number, path in enumerate(PATHS):
            try:
                if number:
                    result.page_switches.append((path, await session.switch(path)))
                changed = 0
                for change in range(rounds):
                    await asyncio.sleep(session.rng.uniform(*think))
                    seconds, visible = await session.change(path, change)
                    result.interactions.append((path, seconds))
                    result.completed[index] += 1
                    changed += visible
                result.visible_changes += changed
                if rounds and not changed:
                    result.errors.append(("no visible change",
                                          f"session {index} /{path}: {rounds} widget changes left the page as it was"))
            except Exception as exc:
                _record_failure(result, index, path, exc)
                return
    finally:
        await session.close()


async def run_protocol_load(url: str, sessions: int = 20, rounds: int = 3,
                            think: tuple[float, float] = WORKSHOP_PAUSE_S,
                            server_pid: int | None = None) -> ProtocolLoadResult:
    """Run `sessions` participants at once; with the server's pid, also its memory and CPU."""
    url = url.rstrip("/")
    result = ProtocolLoadResult(sessions=sessions, rounds=rounds, think=think)
    started = time.perf_counter()
    first = await _join(url, 0, result)  # the facilitator opens the page first
    if server_pid is not None:
        await asyncio.sleep(1)
        result.rss_mb["1"] = rss_mb(server_pid)
    others = await asyncio.gather(*[_join(url, i, result) for i in range(1, sessions)])
    joined = [s for s in (first, *others) if s is not None]
    before = (cpu_seconds(server_pid) if server_pid else 0.0, time.process_time(), time.perf_counter())
    work = asyncio.gather(*[_work(session, rounds, think, result) for session in joined])
    if server_pid is not None:
        result.rss_mb[str(sessions)] = await peak_rss_while(work, server_pid, 0.25)
    await work
    result.work_seconds = time.perf_counter() - before[2]
    if server_pid is not None:
        result.cpu_work = {"server": cpu_seconds(server_pid) - before[0], "client": time.process_time() - before[1]}
    result.wall_seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    def think(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--think", type=float, nargs=2, default=WORKSHOP_PAUSE_S, metavar=("MIN", "MAX"),
                            help="pause between a session's changes, seconds (default 0.5 2)")

    return load_main(__doc__.splitlines()[0], lambda url, args, pid: run_protocol_load(
        url, args.sessions, args.rounds, tuple(args.think), server_pid=pid), argv, think)


if __name__ == "__main__":
    sys.exit(main())
