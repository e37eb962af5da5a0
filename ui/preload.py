"""The first thing a page run sends: start the browser loading Streamlit's chart library (plotly.js, 4.7 MB).

Streamlit's frontend loads it only when the first chart arrives, after the page's script has computed its
figures; on a first visit after a server start the browser is idle while that script runs (and while the
server's warm-up finishes its imports, ui/server.py), so the library is loaded and evaluated then instead.
This module imports nothing heavy, so that it can run before the app's own imports. The file is Streamlit's
own, found in the installed package; nothing is fetched from outside the app's server.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st


@cache
def _chart_library_js() -> str:
    """A script that imports the chart library once per browser page ("" if this Streamlit has none)."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    if not found:
        return ""
    return ("<script>if (!window.__chartsPreloaded) { window.__chartsPreloaded = true; "
            "const main = document.querySelector(\"script[type='module'][src*='static/js/index.']\"); "
            f"if (main) import(new URL('{found[0].name}', main.src).href); }}</script>")


def chart_library() -> None:
    """Send the preload as the run's first element, an invisible one in the sidebar (in the main area its empty
    box would still take a row's gap from the page, which a projector's screen cannot spare)."""
    script = _chart_library_js()
    if script:
        st.sidebar.html(script, unsafe_allow_javascript=True)
