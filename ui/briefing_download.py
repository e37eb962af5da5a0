"""The one-click briefing in every page's sidebar: the button, and the session's choices it builds the file from.

The file is generated when the button is clicked, off the script thread, by ui/briefing_file.py (imported then:
the scenario engine and the briefing's builders are not loaded with every page). The session's choices (the map's
view, the scenario packages, its private uploads) are read on the script thread when the button is drawn, and
the datasets and the scenario population come from ui.cached, so a click loads and builds nothing twice.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from ui import state

#: The map page's widget keys behind each field of briefing.MapView.
_MAP_VIEW_KEYS = {"year": "map_year", "sex": "map_sex", "measure": "map_measure", "log_scale": "map_log",
                  "base_year": "map_base"}


def sidebar_download(lang: str, digits: str) -> None:
    """The briefing download button, in the sidebar of every page."""
    choices = refresh_choices()
    with st.sidebar:
        st.download_button(t("briefing.download", lang), data=lambda: _briefing_file(lang, digits, choices),
                           file_name=f"iraqi-diaspora-briefing-{lang}.html", mime="text/html",
                           key="briefing_download", on_click="ignore", help=t("briefing.download_help", lang))


def refresh_choices() -> dict:
    """The session's choices as one dict that every run updates in place: a fragment (the map with its
    controls, the lever panel) reruns without the sidebar, and the button drawn by the last full run must still
    build the briefing from what the page shows now. Fragments that change a choice call this."""
    choices = state.live_object("_briefing_choices", dict)
    choices.update(_session_choices())
    return choices


def _session_choices() -> dict:
    """What the briefing shows from this session, read now (the download runs off the script thread)."""
    view = {name: state.value(key) for name, key in _MAP_VIEW_KEYS.items()}
    return {"map_version": state.value("map_rev"), "map_view": {k: v for k, v in view.items() if v is not None},
            "packages": dict(state.scenario_packages()), "own": state.session_datasets()}


def _briefing_file(lang: str, digits: str, choices: dict) -> str:
    from ui import briefing_file  # on the first click, not with every page (about 0.1 s of imports at start)

    return briefing_file.briefing_html(lang, digits, **choices)
