"""Policy scenarios: the baseline beside up to three packages (A/B/C), with P10–P90 bands and cited assumptions."""

import pandas as pd
import streamlit as st

from dashboard.charts.scenario import compare_bars, outcome_over_time, tornado_chart
from dashboard.countries import name_column
from dashboard.i18n import format_number, t
from dashboard.scenario import tables
from dashboard.scenario.model import HEADLINES, OUTCOMES
from dashboard.scenario.params import LEVERS, LEVERS_BY_PILLAR, PILLARS
from dashboard.scenario.presets import PRESETS, preset
from dashboard.scenario.spec import (
    CONTEXT_KEYS,
    CONTEXT_RANGE,
    HORIZON_RANGE,
    NAME_MAX,
    Scenario,
    ScenarioError,
    from_json,
    from_url,
    to_json,
    to_url,
)
from ui import cached, components, state

SLOTS = ("A", "B", "C")
CARDS = ("cum_returns", "engaged_final", "cum_investment", "cum_cost", "cost_per_outcome")

lang, digits = components.page_start()
st.title(t("scenario.title", lang))
st.caption(t("scenario.intro", lang))


def problem_text(error: ScenarioError, source: str) -> str:
    """The bad field and what it may be, in the user's language."""
    allowed = {
        "range": lambda: t("scenario.allowed_range", lang, low=format_number(error.low, lang, digits),
                           high=format_number(error.high, lang, digits)),
        "choice": lambda: t("scenario.allowed_choice", lang, choices=", ".join(error.choices)),
        "text": lambda: t("scenario.allowed_text", lang, n=format_number(NAME_MAX, lang, digits)),
        "format": lambda: t("scenario.allowed_format", lang),
    }[error.kind]()
    return t("scenario.bad_input", lang, source=t(f"scenario.source_{source}", lang), field=error.field,
             allowed=allowed)


def lever_widgets(scenario: Scenario) -> dict:
    values = {f"scn_on_{lid}": lid in scenario.levers for lid in LEVERS}
    for lid, lever in LEVERS.items():
        if lever.size is not None:
            size = scenario.levers.get(lid)
            values[f"scn_size_{lid}"] = lever.size.default if size is None else size
    return values


def world_widgets(scenario: Scenario) -> dict:
    return {**{f"scn_{k}": getattr(scenario.context, k) for k in CONTEXT_KEYS}, "scn_horizon": scenario.horizon}


def slot_name(slot: str) -> str:
    """Package letters are ids; users see them in their language (A -> أ)."""
    return tables.package_label(slot, "", lang)


# ---- state: packages per slot, a link on first visit, a load request (file or case study) ----------------
packages = state.scenario_packages()
problems: list[str] = []
first_visit = not packages
if first_visit:
    packages.update({slot: Scenario(name=slot).model_dump_json() for slot in SLOTS})
    state.set_values({"scn_slot": "A", **world_widgets(Scenario())})
    raw = state.scenario_from_url()
    if raw:
        try:
            loaded = from_url(raw)
            packages["A"] = loaded.model_dump_json()
            state.set_values(world_widgets(loaded))
        except ScenarioError as exc:
            problems.append(problem_text(exc, "url"))
if state.value("scn_horizon") is None:  # came back from another page: the world widgets were cleared
    state.set_values(world_widgets(Scenario.model_validate_json(packages[state.value("scn_slot", "A")])))

top = st.columns([1, 2, 1], vertical_alignment="bottom")
slot = top[0].segmented_control(t("scenario.package", lang), SLOTS, key="scn_slot", required=True,
                                        format_func=slot_name)
case = top[1].selectbox(t("scenario.start_from", lang), list(PRESETS), index=None, key="scn_case",
                        format_func=lambda c: t(f"cases.{c}.name", lang), placeholder=t("scenario.pick_case", lang))


def load_case() -> None:
    """Button callback (runs before the page, so the load applies on this very run)."""
    chosen_slot = state.value("scn_slot", "A")
    current = Scenario.model_validate_json(packages[chosen_slot])
    state.request_scenario(preset(state.value("scn_case"), current).model_dump_json(), "case")


top[2].button(t("scenario.load_case", lang, slot=slot_name(slot)), disabled=case is None, width="stretch",
              key="scn_load_case", on_click=load_case)
request = state.take_scenario_request()
reload = first_visit or state.value("scn_loaded_slot") != slot or state.value(f"scn_on_{next(iter(LEVERS))}") is None
if request is not None:
    payload, source = request
    try:
        loaded = from_json(payload)
        packages[slot] = loaded.model_dump_json()
        if source != "case":  # a case study keeps today's world; a file or link brings its own
            state.set_values(world_widgets(loaded))
        reload = True
    except ScenarioError as exc:
        problems.append(problem_text(exc, source))
if reload:
    state.set_values({**lever_widgets(Scenario.model_validate_json(packages[slot])), "scn_loaded_slot": slot})
for problem in problems:
    st.error(problem, icon=":material/warning:")

# ---- controls: levers by pillar (toggles), sizes and the world in expanders --------------------------------
with st.container(border=True):
    for pillar, column in zip(PILLARS, st.columns(len(PILLARS)), strict=True):
        column.markdown(f"**{t(f'scenario.pillar.{pillar}', lang)}**")
        for lid in LEVERS_BY_PILLAR[pillar]:
            column.toggle(t(f"scenario.lever.{lid}", lang), key=f"scn_on_{lid}",
                          help=t(f"scenario.lever.{lid}.help", lang))
chosen = [lid for lid in LEVERS if state.value(f"scn_on_{lid}")]
sized = [lid for lid in chosen if LEVERS[lid].size is not None]
if sized:
    with st.expander(t("scenario.tune", lang)):
        for lid in sized:
            size = LEVERS[lid].size
            if state.value(f"scn_size_{lid}") is None:
                state.set_values({f"scn_size_{lid}": size.default})
            st.slider(f"{t(f'scenario.lever.{lid}', lang)}: {t(f'scenario.size.{size.unit}', lang)}",
                      min_value=float(size.minimum), max_value=float(size.maximum), step=float(size.step),
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

previous = Scenario.model_validate_json(packages[slot])
scenario = Scenario(
    name=previous.name, horizon=state.value("scn_horizon"),
    context={k: state.value(f"scn_{k}") for k in CONTEXT_KEYS},
    levers={lid: float(state.value(f"scn_size_{lid}")) if LEVERS[lid].size else None for lid in chosen},
)
packages[slot] = scenario.model_dump_json()
state.publish_scenario(to_url(scenario))

# ---- results -------------------------------------------------------------------------------------------------
data_keys = cached.scenario_data_keys()
baseline = t("scenario.baseline", lang)


def summary_of(slot_id: str, package: Scenario):
    return cached.scenario_summary(package.model_dump_json(), tables.package_label(slot_id, package.name, lang),
                                   baseline, *data_keys)


summary = summary_of(slot, scenario)
st.warning(t("scenario.disclaimer", lang), icon=":material/explore:")
if not scenario.levers:
    st.info(t("scenario.no_levers", lang))
heads = summary.headlines.set_index("metric")
base_heads = summary.baseline_headlines.set_index("metric")
added = summary.added.set_index("metric")
for column, metric in zip(st.columns(len(CARDS)), CARDS, strict=True):
    row = heads.loc[metric]
    delta = None
    if metric != "cost_per_outcome" and scenario.levers:
        delta = t("scenario.vs_baseline", lang,
                  value=tables.format_value(added.loc[metric, "p50"], metric, lang, digits))
    column.metric(t(f"scenario.headline.{metric}", lang), tables.band_text(row, metric, lang, digits, bands=False),
                  delta=delta, delta_color="off",
                  help=t("scenario.card_help", lang, band=tables.band_text(row, metric, lang, digits),
                         baseline=tables.band_text(base_heads.loc[metric], metric, lang, digits)))
st.caption(t("scenario.cards_note", lang, horizon=format_number(scenario.horizon, lang, digits)))

# Tabs report which one is open (on_change="rerun"), so a rerun builds one tab, not five.
tab_out, tab_compare, tab_sens, tab_assume, tab_save = st.tabs(
    [t(f"scenario.tab_{name}", lang) for name in ("outcomes", "compare", "sensitivity", "assumptions", "save")],
    key="scn_tab", on_change="rerun")
source_line = t("scenario.source_line", lang)
outcome_label = {o: t(f"scenario.outcome.{o}", lang) for o in OUTCOMES}
headline_label = {m: t(f"scenario.headline.{m}", lang) for m in HEADLINES}

if tab_out.open:  # only the open tab is built
    with tab_out:
        outcome = st.selectbox(t("scenario.outcome", lang), OUTCOMES, key="scn_outcome", format_func=outcome_label.get)
        bands = pd.concat([summary.baseline_bands, summary.bands], ignore_index=True)
        bands = bands[bands["outcome"] == outcome]
        components.chart(outcome_over_time(bands, lang, outcome_label[outcome], t(f"scenario.unit_of.{outcome}", lang),
                                           t("chart.year", lang), baseline), key="scn_chart_outcome")
        st.caption(t("scenario.band_note", lang))
        with st.expander(t("common.show_table", lang)):
            components.table_with_downloads(tables.bands_table(bands, lang, digits), f"scenario_{outcome}",
                                            source_line, lang, key="scn_table_outcome")

if tab_compare.open:  # only the open tab is built
    with tab_compare:
        world = {"horizon": scenario.horizon, "context": scenario.context.model_dump()}
        compared = {s: scenario if s == slot else Scenario.model_validate({**Scenario.model_validate_json(packages[s])
                                                                           .model_dump(), **world})
                    for s in SLOTS}
        compared = {s: sc for s, sc in compared.items() if sc.levers or s == slot}
        summaries = {s: summary_of(s, sc) for s, sc in compared.items()}
        st.caption(t("scenario.compare_note", lang))
        left, right = st.columns(2)
        metric = left.selectbox(t("scenario.headline_pick", lang), HEADLINES, key="scn_compare_metric",
                                format_func=headline_label.get)
        frames = [summary.baseline_headlines, *(s.headlines for s in summaries.values())]
        picked = pd.concat(frames, ignore_index=True)
        picked = picked[picked["metric"] == metric].fillna(0)
        with left:
            components.chart(compare_bars(picked, lang, headline_label[metric], t(f"scenario.unit_of.{metric}", lang),
                                          baseline), key="scn_chart_compare")
        compare_outcome = right.selectbox(t("scenario.outcome", lang), OUTCOMES, key="scn_compare_outcome",
                                          format_func=outcome_label.get)
        lines = pd.concat([summary.baseline_bands, *(s.bands for s in summaries.values())], ignore_index=True)
        lines = lines[lines["outcome"] == compare_outcome]
        with right:
            components.chart(outcome_over_time(lines, lang, outcome_label[compare_outcome],
                                               t(f"scenario.unit_of.{compare_outcome}", lang), t("chart.year", lang),
                                               baseline), key="scn_chart_compare_time")
        st.subheader(t("scenario.compare_table", lang))
        components.table_with_downloads(tables.headline_table(frames, lang, digits), "scenario_comparison",
                                        source_line, lang, key="scn_table_compare")

if tab_sens.open:  # only the open tab is built
    with tab_sens:
        metric_s = st.selectbox(t("scenario.headline_pick", lang), HEADLINES[:-1], key="scn_sens_metric",
                                format_func=headline_label.get)
        st.caption(t("scenario.sensitivity_note", lang))
        frame = cached.scenario_tornado(scenario.model_dump_json(), metric_s, *data_keys)
        if frame.empty:
            st.info(t("scenario.sensitivity_empty", lang))
        else:
            frame = frame.head(12).assign(label=lambda f: [t(f"scenario.param.{p}", lang) for p in f["param"]])
            tornado_title = t("scenario.tornado_title", lang, metric=headline_label[metric_s])
            components.chart(tornado_chart(frame, lang, tornado_title, t("scenario.added_by_package", lang),
                                           t("scenario.at_low", lang), t("scenario.at_high", lang)),
                             key="scn_chart_tornado")
            table = pd.DataFrame({
                t("method.col_param", lang): frame["label"],
                t("scenario.at_low", lang): frame["low_value"].round(0),
                t("scenario.at_central", lang): frame["central_value"].round(0),
                t("scenario.at_high", lang): frame["high_value"].round(0),
                t("method.col_id", lang): frame["param"],
            })
            with st.expander(t("common.show_table", lang)):
                components.table_with_downloads(table, f"scenario_sensitivity_{metric_s}", source_line, lang,
                                                key="scn_table_tornado")

if tab_assume.open:  # only the open tab is built
    with tab_assume:
        st.markdown(t("scenario.assumptions_intro", lang))
        st.page_link("pages/methodology.py", label=t("scenario.to_methodology", lang), icon=":material/functions:")
        st.subheader(t("scenario.where_from", lang))
        components.table_with_downloads(tables.contributions_table(summary.contributions, lang, digits),
                                        "scenario_sources", source_line, lang, key="scn_table_sources")
        st.subheader(t("scenario.parameters_used", lang))
        components.table_with_downloads(tables.parameter_table(lang, digits, scenario.levers), "scenario_parameters",
                                        source_line, lang, key="scn_table_params")
        st.subheader(t("scenario.segments", lang))
        components.table_with_downloads(tables.segments_table(summary.segments, lang, digits), "scenario_segments",
                                        source_line, lang, key="scn_table_segments")
        st.subheader(t("scenario.population", lang))
        stock, skills = cached.dataset("migrant_stock"), cached.dataset("skills")
        population = cached.scenario_population()
        names = dict(zip(cached.countries()["iso3"], cached.countries()[name_column(lang)], strict=True))
        st.caption(t("scenario.population_note", lang, year=population.year))
        components.source_caption(stock.meta, lang)
        components.source_caption(skills.meta, lang)
        components.table_with_downloads(tables.coverage_table(population, lang, digits, names), "scenario_population",
                                        components.source_line(stock.meta, lang), lang, key="scn_table_population")

if tab_save.open:  # only the open tab is built
    with tab_save:
        st.markdown(t("scenario.save_intro", lang))
        st.download_button(t("scenario.save", lang), to_json(scenario).encode("utf-8"),
                           file_name=f"scenario_{slot}.json", mime="application/json", key="scn_save")
        upload = st.file_uploader(t("scenario.load", lang), type=["json"], key="scn_upload")
        if upload is not None and state.value("scn_upload_done") != upload.file_id:
            state.set_values({"scn_upload_done": upload.file_id})
            try:
                from_json(upload.getvalue())
            except ScenarioError as exc:
                st.error(problem_text(exc, "file"), icon=":material/warning:")
            else:
                state.request_scenario(upload.getvalue().decode("utf-8"), "file")
                st.rerun()
        st.markdown(t("scenario.link_intro", lang))
        st.code(f"?{state.SCENARIO_URL_KEY}={to_url(scenario)}", language=None)
