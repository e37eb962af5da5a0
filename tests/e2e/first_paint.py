"""What a browser sees of a page from its very first paint: a script added before the page loads records, with the
wall-clock time (seconds since the epoch), when the websocket opened and first answered, when the sidebar navigation,
the page's heading, a headline figure and a drawn chart first appeared, and every navigation list and main
heading it showed.

Shared by the first-visit browser test (tests/e2e/test_first_visit_browser.py) and the cold-start benchmark
(benchmarks/bench_pages.py), so the benchmark's "first page drawn" is what the test checks is the right page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Run in the page before any of Streamlit's scripts (Playwright's add_init_script). It observes every DOM
#: change, so a navigation list shown for a single frame is still recorded.
RECORDER_JS = r"""(() => {
  const seen = window.__firstPaint = {marks: {}, navs: [], headingsAtNav: [], headings: []};
  const mark = (name) => { if (!(name in seen.marks)) seen.marks[name] = Date.now(); };
  const NativeSocket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new NativeSocket(...args);
    mark('socket_created');
    socket.addEventListener('open', () => mark('socket_open'));
    socket.addEventListener('message', () => mark('first_message'));
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const text = (el) => (el.innerText || el.textContent || '').trim();
  const check = () => {
    if (!document.body) return;
    const nav = document.querySelector("[data-testid='stSidebarNav']");
    if (nav) {
      // a link's title without its icon (a Material icon is drawn from its name, e.g. "home")
      const titles = [...nav.querySelectorAll("[data-testid='stSidebarNavLink']")].map((link) => {
        const label = link.querySelector('span[label]');
        return label ? text(label) : text(link);
      }).filter(Boolean);
      const listed = JSON.stringify(titles);
      if (titles.length && (seen.navs.length === 0 || seen.navs[seen.navs.length - 1] !== listed)) {
        seen.navs.push(listed);
        const h1 = document.querySelector("[data-testid='stMain'] h1");
        seen.headingsAtNav.push(h1 ? text(h1) : null);
      }
      if (titles.length) mark('nav');
    }
    const heading = document.querySelector("[data-testid='stMain'] h1");
    if (heading && text(heading)) {
      mark('heading');
      if (seen.headings[seen.headings.length - 1] !== text(heading)) seen.headings.push(text(heading));
    }
    if (document.querySelector("[data-testid='stMain'] [data-testid='stMetricValue']")) mark('figure');
    const app = document.querySelector("[data-testid='stApp']");
    if (app && 'nav' in seen.marks && app.getAttribute('data-test-script-state') === 'notRunning') {
      mark('script_done');
    }
    if (document.querySelector("[data-testid='stMain'] .js-plotly-plot .main-svg .trace")) mark('chart');
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  document.addEventListener('DOMContentLoaded', () => { mark('dom_loaded'); check(); });
})();"""

#: The page counts as drawn when its heading, a headline figure and a chart are all on screen (the overview
#: shows its four figures and three charts; a page without figures would never count as drawn).
DRAWN = "['heading', 'figure', 'chart'].every(m => m in (window.__firstPaint || {marks: {}}).marks)"


@dataclass
class FirstPaint:
    marks: dict[str, float]                      # milestone -> seconds since the epoch
    navs: list[list[str]] = field(default_factory=list)  # every distinct navigation list shown, in order
    headings_at_nav: list[str | None] = field(default_factory=list)  # the main heading when each list appeared
    headings: list[str] = field(default_factory=list)  # every distinct main heading shown, in order

    @property
    def drawn(self) -> float:
        """When the heading, a figure and a chart were all visible (the latest of the three)."""
        return max(self.marks[m] for m in ("heading", "figure", "chart"))


def read(page) -> FirstPaint:
    """The recording of a Playwright page that was opened with RECORDER_JS as an init script."""
    import json

    raw = page.evaluate("window.__firstPaint")
    return FirstPaint({name: ms / 1000 for name, ms in raw["marks"].items()},
                      [json.loads(n) for n in raw["navs"]], raw["headingsAtNav"],
                      raw["headings"])
