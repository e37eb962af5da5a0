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
                number_slider(st, f"{t(f'scenario.lever.{lid}', lang)}: {t(f'scenario.size.{size.unit}', lang)}",
                              (float(size.minimum), float(size.maximum), float(size.step)), f"scn_size_{lid}",
                              lang, digits, help=t(f"scenario.lever.{lid}.size_note", lang))
    world_label = t("scenario.world", lang, **{k: format_number(state.value(f"scn_{k}"), lang, digits)
                                               for k in (*CONTEXT_KEYS, "horizon")})
    with st.expander(world_label):
        st.caption(t("scenario.world_help", lang))
        columns = st.columns(4)
        for column, key in zip(columns, CONTEXT_KEYS, strict=False):
            number_slider(column, t(f"scenario.context.{key}", lang), (*CONTEXT_RANGE, 5), f"scn_{key}", lang, digits,
                          help=t(f"scenario.context.{key}.help", lang))
        number_slider(columns[3], t("scenario.horizon", lang), (*HORIZON_RANGE, 1), "scn_horizon", lang, digits)


def number_slider(container, label: str, bounds: tuple[float, float, float], key: str, lang: str, digits: str,
                  help: str | None = None) -> None:
    """A slider over (minimum, maximum, step) whose values read in the reader's digits ("١٣٠", not "130.00").
    Streamlit's number slider formats its values printf-style, in Western digits only: this is a select slider
    over the same steps (and the value the session holds, should a link or case study give one between them)."""
    minimum, maximum, step = bounds
    count = round((maximum - minimum) / step)
    kind = float if isinstance(step, float) else int
    options = {kind(round(minimum + i * step, 6)) for i in range(count + 1)}
    if state.value(key) is not None:
        options.add(state.value(key))
    decimals = 0 if float(step).is_integer() else 2
    container.select_slider(label, options=sorted(options), key=key, help=help,
                            format_func=lambda v: format_number(v, lang, digits, decimals=decimals))
