"""The package controls the scenario page and the workshop room share: levers by pillar (toggles), their sizes,
and the world (context and horizon). Widget keys scn_*; ui/scenario_state.py reads them back into a Scenario."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import format_number, t
from dashboard.scenario.params import LEVERS, LEVERS_BY_PILLAR, PILLARS
from dashboard.scenario.spec import CONTEXT_KEYS, CONTEXT_RANGE, HORIZON_RANGE
from ui import scenario_state, state

#: Streamlit cuts a widget's label to one line ending in "…": a lever's name wraps instead (whole at 1280 px).
_WHOLE_LEVER_NAMES_CSS = ("<style>.st-key-scenario_levers [data-testid='stWidgetLabel'] :is(.stMarkdownEllipsis, "
                          ".stMarkdownEllipsis *) {white-space: normal; overflow: visible; text-overflow: clip;}"
                          "</style>")


def levers_and_world(lang: str, digits: str) -> None:
    st.html(_WHOLE_LEVER_NAMES_CSS)
    with st.container(border=True, key="scenario_levers"):
        for pillar, column in zip(PILLARS, st.columns(len(PILLARS)), strict=True):
            column.markdown(f"**{t(f'scenario.pillar.{pillar}', lang)}**")
            for lid in LEVERS_BY_PILLAR[pillar]:
                column.toggle(t(f"scenario.lever.{lid}", lang), key=f"scn_on_{lid}",
                              help=t(f"scenario.lever.{lid}.help", lang))
    sized = [lid for lid in scenario_state.chosen_levers() if LEVERS[lid].size is not None]
    if sized:
        with st.expander(t("scenario.tune", lang)):
            for lid in sized:
                size = LEVERS[lid].size
                scenario_state.ensure_size(lid)
                st.slider(f"{t(f'scenario.lever.{lid}', lang)}: {t(f'scenario.size.{size.unit}', lang)}",
                          min_value=float(size.minimum), max_value=float(size.maximum), step=float(size.step),
                          format="%d" if float(size.step).is_integer() else "%.2f",
                          key=f"scn_size_{lid}", help=t(f"scenario.lever.{lid}.size_note", lang))
    world_label = t("scenario.world", lang, **{k: format_number(state.value(f"scn_{k}"), lang, digits)
                                               for k in (*CONTEXT_KEYS, "horizon")})
    with st.expander(world_label):
        st.caption(t("scenario.world_help", lang))
        columns = st.columns(4)
        for column, key in zip(columns, CONTEXT_KEYS, strict=False):
            column.slider(t(f"scenario.context.{key}", lang), *CONTEXT_RANGE, step=5, key=f"scn_{key}",
                          help=t(f"scenario.context.{key}.help", lang))
        columns[3].slider(t("scenario.horizon", lang), *HORIZON_RANGE, key="scn_horizon")
