"""The one-click briefing in every page's sidebar: what this session shows, assembled by dashboard.briefing.

The file is generated when the button is clicked, off the script thread: the session's choices (the map's
view, the scenario packages, its private uploads) are read on the script thread when the button is drawn, and
the datasets and the scenario population come from ui.cached, so a click loads and builds nothing twice.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import briefing
from dashboard.i18n import t
from dashboard.registry import Dataset
from dashboard.scenario.presets import PRESETS, preset
from dashboard.scenario.spec import Scenario
from dashboard.scenario.tables import package_label
from dashboard.skills import sample_note
from ui import cached, state

#: The map page's widget keys behind each field of briefing.MapView.
_MAP_VIEW_KEYS = {"year": "map_year", "sex": "map_sex", "measure": "map_measure", "log_scale": "map_log",
                  "base_year": "map_base"}


def sidebar_download(lang: str, digits: str) -> None:
    """The briefing download button, in the sidebar of every page."""
    choices = refresh_choices()
    with st.sidebar:
        st.download_button(t("briefing.download", lang), data=lambda: briefing_html(lang, digits, **choices),
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


def briefing_html(lang: str, digits: str, map_version: str | None = None, map_view: dict | None = None,
                  packages: dict[str, str] | None = None, own: dict[str, Dataset] | None = None) -> str:
    """The briefing for the download button (no Streamlit calls besides the caches)."""
    sections = briefing_sections(lang, digits, map_version, map_view or {}, packages or {}, own or {})
    return briefing.build_briefing(lang, digits, sections, generated=date.today().isoformat())


def briefing_sections(lang: str, digits: str, map_version: str | None, map_view: dict, packages: dict[str, str],
                      own: dict[str, Dataset]) -> list[briefing.BriefingSection]:
    """The briefing's sections: headline figures, map and trend from the map's revision, the scenario packages
    (or the five case studies when none has a policy) run on that same revision, and the sources."""
    def dataset(dataset_id: str, version: str | None = None) -> Dataset:
        return cached.dataset_for_session(own.get(dataset_id), dataset_id, version)

    stock = dataset("migrant_stock", map_version)
    totals, refugees, skills = dataset("iraq_totals"), dataset("refugees"), dataset("skills")
    scenarios = {}
    for slot, raw in sorted(packages.items()):
        scenario = Scenario.model_validate_json(raw)
        if scenario.levers:
            scenarios[package_label(slot, scenario.name, lang)] = scenario
    if not scenarios:   # nothing built yet: compare the five case-study packages
        scenarios = {t(f"cases.{case}.name", lang): preset(case) for case in PRESETS}
    return briefing.standard_sections(
        stock, totals, refugees, dataset("countries").frame, cached.boundaries(), lang, digits,
        briefing.MapView(**map_view),
        other_revisions=[dataset("migrant_stock", m.version) for m in cached.versions("migrant_stock") if m.is_bundled],
        scenario=briefing.scenario_sections(scenarios, cached.scenario_population(stock, skills), lang, digits,
                                            data=(stock, skills), pools=cached.scenario_pools(stock, skills),
                                            sample_note=sample_note(skills.meta, lang)))
