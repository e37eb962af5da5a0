"""Case studies: China, India, Ireland, Korea and Taiwan, each with a button that loads its package."""

import streamlit as st

from dashboard.case_studies import CASES, TEXT_PARTS, results_table
from dashboard.i18n import format_number, t
from dashboard.scenario import tables
from dashboard.scenario.presets import preset
from dashboard.scenario.spec import Scenario
from ui import presenting, shell, state, widgets

lang, digits = shell.page_start()
st.title(t("cases.title", lang))
presenting.aside(lang).write(t("cases.intro", lang))  # folded on a projector: each case step says it


def load(case_id: str) -> None:
    """Button callback: queue the case's package for the scenario page (in today's world), then go there."""
    state.request_scenario(preset(case_id, Scenario()).model_dump_json(), "case")


if state.scenario_requested():
    shell.switch_to("scenarios")

# One case at a time, chosen by a selector that ?case= controls (links and presentation steps open a case).
state.seed_from_url(state.CASE, list(CASES), next(iter(CASES)))
st.radio(t("cases.choose", lang), list(CASES), key=state.CASE, horizontal=True,
         format_func=lambda case_id: t(f"cases.{case_id}.name", lang))
state.publish_to_url(state.CASE)
case = CASES[state.value(state.CASE)]
st.header(t(f"cases.{case.id}.name", lang))
if case.diaspora is not None:
    st.caption(t("cases.diaspora", lang, people=format_number(case.diaspora, lang, digits)))
else:
    st.caption(t("cases.taiwan.no_stock", lang))
for part in TEXT_PARTS:
    st.subheader(t(f"cases.part_{part}", lang))
    st.markdown(t(f"cases.{case.id}.{part}", lang))
st.subheader(t("cases.part_results", lang))
st.caption(t("cases.results_note", lang))
widgets.table_with_downloads(results_table(case, lang, digits), f"case_{case.id}_results",
                             t("cases.source_line", lang), lang, key=f"case_{case.id}_table")
st.subheader(t("cases.part_package", lang))
st.markdown("\n".join(f"- {tables.lever_name(lid, lang)}" for lid in case.levers))
st.button(t("cases.load_package", lang), key=f"case_load_{case.id}", type="primary", on_click=load,
          args=(case.id,))
