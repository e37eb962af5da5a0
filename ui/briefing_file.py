"""The briefing file the sidebar's button downloads (ui/briefing_download.py): what this session shows, assembled
by dashboard.briefing. No Streamlit calls besides the caches: it runs off the script thread, on the click.
"""

from __future__ import annotations

from datetime import date

from dashboard import briefing
from dashboard.i18n import t
from dashboard.registry import Dataset
from dashboard.scenario.presets import PRESETS, preset
from dashboard.scenario.spec import Scenario
from dashboard.scenario.tables import package_label
from dashboard.skills import sample_note
from ui import cached


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
