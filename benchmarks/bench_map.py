"""Diaspora map page: how big the map figure is when it reaches the browser, and how long a warm rerun takes.

The figure is measured as st.plotly_chart sends it: localised as ui.widgets.chart does, serialised by
plotly.io.to_json (orjson, UTF-8), in bytes. The live map names the served shapes file (issue 16: at most
60 KB, values not shapes); the briefing's copy carries its shapes inline (issue 3: at most 300 KB). The whole
websocket update (every element, as the browser receives it) is measured by benchmarks/bench_updates.py.
A warm rerun of the page after changing the year: at most 250 ms of server time (issue 3).

The rerun is timed around the map page's script (`StreamlitPage.run`) inside AppTest, after every year has been
visited once (warm caches). AppTest, like a server's first visit, runs each page script twice per rerun (the first
run is redone through the router, see ui.shell.page_start); the short aborted run is excluded, so the figure
is what a browser's rerun costs. CPU time (time.thread_time of the script thread) is judged against the budget,
as wall time on a shared machine mostly measures the other processes.
Usage: .venv/bin/python benchmarks/bench_map.py [reruns]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import plotly.io  # noqa: E402

from dashboard import diaspora, geo  # noqa: E402
from dashboard.charts.digits import localise_figure  # noqa: E402
from dashboard.charts.map import world_map  # noqa: E402
from dashboard.pages import page  # noqa: E402
from dashboard.registry import Registry  # noqa: E402

BUDGET_MS = 250
BUDGET_KB = {"live (shapes served)": 60, "briefing (shapes inline)": 300}
SHAPES_URL = f"/app/static/{geo.BOUNDARIES_FILE}?v=0123456789ab"


def figure_sizes() -> None:
    registry = Registry()
    countries, boundaries = registry.get("countries").frame, registry.boundaries()
    print("map figure as st.plotly_chart sends it (localised, plotly.io.to_json, UTF-8 bytes):")
    cases = [("rev2020", 2020, "total", "people", False, None), ("rev2020", 1990, "total", "people", False, None),
             ("rev2020", 2020, "female", "people", True, None), ("rev2020", 2020, "total", "change_pct", False, 1990),
             ("rev2019", 2019, "total", "share", False, None)]
    for version, year, sex, measure, log_scale, base in cases:
        stock = registry.get("migrant_stock", version).frame
        measures = diaspora.destination_measures(stock, year, sex, base)
        for lang, digits in (("en", "western"), ("ar", "arabic")):
            for kind, url in (("live (shapes served)", SHAPES_URL), ("briefing (shapes inline)", None)):
                fig = world_map(measures, boundaries, countries, measure, lang, digits, "title", log_scale=log_scale,
                                base_year=base, selected="DEU", geojson_url=url)
                sent = plotly.io.to_json(localise_figure(fig, digits, lang), validate=False).encode("utf-8")
                size = len(sent) / 1000
                verdict = "ok" if size <= BUDGET_KB[kind] else "OVER BUDGET"
                print(f"  {version} {year} {sex:<6} {measure:<10} log={log_scale!s:<5} {lang} {kind:<24}: "
                      f"{size:6.1f} KB  (budget {BUDGET_KB[kind]} KB, {verdict})")


def load() -> str:
    try:
        return ", ".join(f"{v:.1f}" for v in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return "unknown"


def rerun_times(reruns: int) -> None:
    from streamlit.navigation.page import StreamlitPage
    from streamlit.testing.v1 import AppTest

    runs: list[tuple[float, float]] = []  # (wall ms, CPU ms of the script thread)
    original = StreamlitPage.run

    def timed(self: StreamlitPage) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            original(self)
        finally:
            if self.url_path == "map":
                runs.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))

    StreamlitPage.run = timed
    try:
        for label, query, country in (("English, no country open", {}, None),
                                      ("English, Germany's panel open", {}, "DEU"),
                                      ("Arabic digits, Germany's panel open", {"lang": "ar", "digits": "arabic"},
                                       "DEU")):
            at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=120)
            for key, value in query.items():
                at.query_params[key] = value
            at.run()
            at.switch_page(page("map").file).run()
            if country:
                at.selectbox(key="map_country").set_value(country).run()
            years = at.select_slider(key="map_year").options
            for year in years:  # warm every year once
                at.select_slider(key="map_year").set_value(year).run()
            walls, cpus = [], []
            for i in range(reruns):
                runs.clear()
                at.select_slider(key="map_year").set_value(years[i % len(years)]).run()
                assert not at.exception, [e.message for e in at.exception]
                wall, cpu = max(runs)  # the completed run, not the aborted legacy-mode one
                walls.append(wall)
                cpus.append(cpu)
            cpu_median = statistics.median(cpus)
            verdict = "ok" if cpu_median <= BUDGET_MS else "OVER BUDGET"
            print(f"  {label:<38} CPU median {cpu_median:6.1f} ms (max {max(cpus):6.1f}); wall median "
                  f"{statistics.median(walls):6.1f} ms (max {max(walls):6.1f}) over {reruns} reruns "
                  f"(budget {BUDGET_MS} ms, {verdict})")
    finally:
        StreamlitPage.run = original


def main(reruns: int = 14) -> None:
    figure_sizes()
    print("warm rerun of the map page after changing the year (server time of the page script; CPU time is what")
    print(f"the script itself used, wall time also counts waiting for a busy machine: load {load()}):")
    rerun_times(reruns)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
