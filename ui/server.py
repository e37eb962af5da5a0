"""The app's start command: `python -m ui.server run streamlit_app.py [streamlit options]`, what `make run`, the
deployment's service, the browser tests and the benchmarks all run.

It is `streamlit run` with the app's start-up done before the first visitor waits for it:

- Router mode from the first run. With a `pages/` folder beside the entrypoint, Streamlit (1.6x) runs the first
  visit of a fresh server in its legacy multipage mode (PagesManager.uses_pages_directory): the sidebar lists the
  file names ("streamlit app, map, …") and the main area stays blank until the app's router reruns. The flag is
  decided once per process, so it is set here, before any session exists.
- Warm-up. Once the server listens, while the first browser loads Streamlit's frontend (about half a second), a
  background thread imports the entrypoint's and the default page's modules (pandas, plotly, dashboard/, ui/)
  and fills the shared caches every first page reads (the store's settings check, the bundled files' check,
  every dataset's active version). The first visitor's script then finds them ready; a script that arrives
  earlier waits for the same import or cache entry (Python's import lock, Streamlit's per-key cache lock), never
  computes it twice. A failure here is only logged: the page that needs the same thing reports it as it always
  does.
- The garbage collector waits. Python's cyclic collector is off from the start until the warm-up's imports are
  done, then everything alive is frozen out of its scans: start-up creates hundreds of thousands of objects that
  live as long as the process, and every collection on the way scanned them again (about 0.2 s of a first visit).

benchmarks/bench_pages.py measures the effect (`cold start`).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import importlib
import logging
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger("dashboard.app.startup")
log.setLevel(logging.INFO)  # one line at start, through the app's log handler (ui/shell.py)

REPO_ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = REPO_ROOT / "streamlit_app.py"


def use_router_from_the_first_run() -> None:
    """Tell Streamlit that this app navigates with st.navigation (the `pages/` folder is not a legacy page list)."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def modules_imported_by(script: Path) -> list[str]:
    """The modules a script imports at its top level, in order (`from ui import shell` gives ui and ui.shell)."""
    found: list[str] = []
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(found))


def scripts_in_visiting_order() -> list[Path]:
    """The entrypoint, then every page in the page table's order (the default page first)."""
    from dashboard.pages import PAGES

    return [ENTRYPOINT, *(REPO_ROOT / p.file for p in PAGES)]


def import_quietly(name: str) -> None:
    """Import a module if it is one (`from dashboard.i18n import t` also names the function `t`)."""
    with contextlib.suppress(ModuleNotFoundError):
        importlib.import_module(name)


def import_first_page_modules() -> None:
    """Import the modules the entrypoint and the default page import, in that order."""
    entrypoint, default_page = scripts_in_visiting_order()[:2]
    for name in [*modules_imported_by(entrypoint), *modules_imported_by(default_page)]:
        import_quietly(name)


def wait_for_server(timeout: float = 60) -> bool:
    """Wait until Streamlit's Runtime has started (its caches live there; a cached function called earlier would
    cache elsewhere), so that the warm-up never delays the server's own start."""
    from streamlit import runtime
    from streamlit.runtime.runtime import RuntimeState

    deadline = time.monotonic() + timeout
    while not (runtime.exists() and runtime.get_instance().state != RuntimeState.INITIAL):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def fill_shared_caches() -> None:
    """What the first run of any page reads from the shared caches (ui.cached, ui.store_status)."""
    from ui import cached, store_status

    if store_status.configuration_message() is not None:
        return  # the page shows the problem; nothing may open the store
    from dashboard.schemas import KINDS

    cached.bundled_data_check()
    for dataset_id in cached.registry().dataset_ids():
        versions = cached.shared_versions(dataset_id)
        if dataset_id in KINDS:  # tables (the boundaries are a GeoJSON file, read by the map page)
            cached.shared_version(dataset_id)
            for meta in versions:  # the bundled revisions the overview compares (uploads wait for their page)
                if meta.is_bundled:
                    cached.shared_version(dataset_id, meta.version)


def first_use_of_streamlit_and_pandas() -> None:
    """What Streamlit and pandas do once per process, on the first run's first elements (about 0.2 s): the emoji
    catalogue set_page_config checks the page icon against (a large regular expression), the module table
    inspect.stack() builds for Streamlit's check of the first element (is it a REPL?), and pandas' Styler with
    its templates (every table on a page, ui.widgets.data_table)."""
    import inspect

    import_quietly("streamlit.emojis")
    import_quietly("pandas.io.formats.style")
    inspect.stack()


def draw_a_figure() -> None:
    """Build and serialise a small figure: plotly loads its validators on the first one (about 0.1 s)."""
    import plotly.graph_objects as go
    import plotly.io

    plotly.io.to_json(go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"title": {"text": "warm-up"}}))


def prepare_first_page() -> None:
    """The CPU-bound part of the warm-up, before any cache: the first page's imports, the one-off first uses of
    Streamlit and pandas, and a first plotly figure."""
    import_first_page_modules()
    first_use_of_streamlit_and_pandas()
    draw_a_figure()


def resume_the_collector() -> None:
    """Turn Python's cyclic garbage collector back on after the start-up (prepare turns it off), with every object
    alive now frozen (gc.freeze: modules, classes and caches, which later collections need not scan again)."""
    gc.freeze()
    gc.enable()


def warm_up() -> None:
    """Import what the entrypoint and the default page import, turn the garbage collector back on, and fill the
    shared caches, in the order a first visit needs them. The other pages' modules are left to their first visit
    (a few tens of ms), and the freeze of the datasets loaded to the end of the first run
    (ui.cached.freeze_long_lived_objects): on a busy machine, work the first page does not need would only take
    CPU from the browser drawing it."""
    try:
        try:
            if not wait_for_server():
                return
            started = time.perf_counter()
            prepare_first_page()
        finally:  # before the store is read: a store that is slow to answer must not keep the collector off
            resume_the_collector()
        fill_shared_caches()
        from dashboard import auth

        auth.hash_for_unknown_names()  # ready before anyone can try a name (a first try must not take longer)
    except Exception:  # the page that needs the same thing reports it to the reader
        log.exception("warm-up stopped (the first page to need it will say what is wrong)")
        return
    log.info("warm-up done: default page %.2f s", time.perf_counter() - started)


def prepare() -> None:
    """Everything this module does before Streamlit starts (benchmarks/instrumented_server.py calls it too).

    Python's cyclic garbage collector stays off until the warm-up's imports are done (resume_the_collector):
    importing Streamlit, pandas, plotly and the app creates hundreds of thousands of objects that live as long as
    the process, and each full collection triggered on the way scanned them all again. The first page is drawn
    about 0.2 s sooner (benchmarks/bench_pages.py, cold start)."""
    gc.disable()
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    use_router_from_the_first_run()
    threading.Thread(target=warm_up, name="dashboard-warm-up", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    """Settle the start-up, then hand over to Streamlit's own command line (`run streamlit_app.py ...`)."""
    prepare()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    streamlit_main()


if __name__ == "__main__":
    main()
