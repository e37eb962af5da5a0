"""Policy scenarios: the baseline beside up to three packages (A/B/C), with P10–P90 bands and cited assumptions."""

import streamlit as st

from dashboard.i18n import format_number, t
from dashboard.scenario import tables
from dashboard.scenario.presets import PRESETS
from dashboard.scenario.spec import Scenario
from ui import briefing_download, presenting, scenario_controls, scenario_state, scenario_tabs, shell, state

CARDS = ("cum_returns", "engaged_final", "cum_investment", "cum_cost", "cost_per_outcome")

lang, digits = shell.page_start()
st.title(t("scenario.title", lang))
more = presenting.aside(lang)  # on a projector the intro and the package choice are folded, so the chart fits
more.caption(t("scenario.intro", lang))

# ---- state: packages per slot, a link on first visit, a load request (file or case study) ----------------
first_visit, problems = scenario_state.start(lang, digits)
top = more.columns([1, 2, 1], vertical_alignment="bottom")
slot = top[0].segmented_control(t("scenario.package", lang), scenario_state.SLOTS, key="scn_slot", required=True,
                                format_func=lambda s: scenario_state.slot_name(s, lang))
case = top[1].selectbox(t("scenario.start_from", lang), list(PRESETS), index=None, key="scn_case",
                        format_func=lambda c: t(f"cases.{c}.name", lang), placeholder=t("scenario.pick_case", lang))
top[2].button(t("scenario.load_case", lang, slot=scenario_state.slot_name(slot, lang)), disabled=case is None,
              width="stretch", key="scn_load_case", on_click=scenario_state.request_case)
problems += scenario_state.load_requested(slot, first_visit, lang, digits)
for problem in problems:
    st.error(problem, icon=":material/warning:")

@st.fragment
def levers_and_results() -> None:
    """The lever panel and its results: a lever change reruns only this part, not the page around it.
    On a projector the results come first and the chart before the cards, so that the chart fits the screen."""
    on_projector = state.presenting()
    controls, results = st.container(), st.container()
    if on_projector:
        controls, results = results, controls
    # ---- controls: levers by pillar (toggles), sizes and the world in expanders --------------------------------
    with controls:
        scenario_controls.levers_and_world(lang, digits)
    scenario = scenario_state.save_from_widgets(slot)
    briefing_download.refresh_choices()

    # ---- results -------------------------------------------------------------------------------------------------
    with results:
        results_of(scenario, on_projector)


def results_of(scenario: Scenario, on_projector: bool) -> None:
    """The disclaimer, the headline cards, then the tabs of charts; on a projector the tabs first, the disclaimer
    right under the chart, then the cards."""
    summary = scenario_tabs.summary_of(slot, scenario, lang)
    order = ("tabs", "warning", "cards") if on_projector else ("warning", "cards", "tabs")
    place = dict(zip(order, (st.container() for _ in order), strict=True))
    place["warning"].warning(t("scenario.disclaimer", lang), icon=":material/explore:")
    if not scenario.levers:
        place["warning"].info(t("scenario.no_levers", lang))
    with place["cards"]:
        cards(scenario, summary)
    with place["tabs"]:
        charts(scenario_tabs.ScenarioView(lang, digits, slot, scenario, summary))


def cards(scenario: Scenario, summary) -> None:
    heads = summary.headlines.set_index("metric")
    base_heads = summary.baseline_headlines.set_index("metric")
    added = summary.added.set_index("metric")
    for column, metric in zip(st.columns(len(CARDS)), CARDS, strict=True):
        row = heads.loc[metric]
        delta = None
        if metric != "cost_per_outcome" and scenario.levers:
            delta = t("scenario.vs_baseline", lang,
                      value=tables.format_modelled(added.loc[metric, "p50"], metric, lang, digits))
        label = t(f"scenario.headline.{metric}", lang)
        if metric in tables.MONEY:  # money says its currency on the card itself
            label = t("scenario.card_in_unit", lang, label=label, unit=t("scenario.unit_of.cost_usd", lang))
        column.metric(label, tables.band_text(row, metric, lang, digits, bands=False),
                      delta=delta, delta_color="off",
                      help=t("scenario.card_help", lang, band=tables.band_text(row, metric, lang, digits),
                             baseline=tables.band_text(base_heads.loc[metric], metric, lang, digits)))
    st.caption(t("scenario.cards_note", lang, horizon=format_number(scenario.horizon, lang, digits)))


def charts(view: scenario_tabs.ScenarioView) -> None:
    if not state.presenting():  # on a projector the step bar says it above, and the chart's caption below
        st.caption(view.sample_note_shown)
    # Tabs report which one is open (on_change="rerun"), so a rerun builds one tab, not five.
    tabs = st.tabs([t(f"scenario.tab_{name}", lang) for name in scenario_tabs.TABS], key="scn_tab", on_change="rerun")
    for name, tab in zip(scenario_tabs.TABS, tabs, strict=True):
        if tab.open:
            with tab:
                scenario_tabs.RENDER[name](view)
                if name != "save":
                    st.caption(view.sample_note_shown)


levers_and_results()
