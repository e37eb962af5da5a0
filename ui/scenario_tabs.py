"""The scenario page's results below the headline cards: outcomes over time, the comparison of packages,
sensitivity, assumptions and saving. Each tab is a render function; the page builds only the open one."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import plaintext
from dashboard.charts.scenario import compare_bars, outcome_over_time, tornado_chart
from dashboard.countries import country_names
from dashboard.i18n import t
from dashboard.scenario import tables
from dashboard.scenario.model import HEADLINES, OUTCOMES
from dashboard.scenario.spec import Scenario, ScenarioError, from_json, to_json, to_url
from dashboard.skills import sample_note
from dashboard.sources import source_line
from ui import cached, scenario_state, shell, state, widgets

TABS = ("outcomes", "compare", "sensitivity", "assumptions", "save")


@dataclass(frozen=True)
class ScenarioView:
    """The active package, its results, and what every tab needs to show them."""

    lang: str
    digits: str
    slot: str
    scenario: Scenario
    summary: object  # dashboard.scenario.model.Summary of the active package

    @property
    def baseline(self) -> str:
        return t("scenario.baseline", self.lang)

    @property
    def sample_note(self) -> str:
        """What the figures rest on: the illustrative sample, or the analysts' survey by name."""
        return sample_note(cached.dataset("skills").meta, self.lang)

    @property
    def sample_note_shown(self) -> str:
        """The same note for a caption (Markdown): a survey's typed title shown as text."""
        return sample_note(cached.dataset("skills").meta, self.lang, plaintext.markdown)

    @property
    def source(self) -> str:
        """The scenario source line and the sample note, carried by every scenario download."""
        return f"{t('scenario.source_line', self.lang)} · {self.sample_note}"

    def outcome_label(self, outcome: str) -> str:
        return t(f"scenario.outcome.{outcome}", self.lang)

    def headline_label(self, metric: str) -> str:
        return t(f"scenario.headline.{metric}", self.lang)


def summary_of(slot: str, package: Scenario, lang: str):
    """One package's results (cached per package and data versions)."""
    return cached.scenario_summary(package.model_dump_json(), tables.package_label(slot, package.name, lang),
                                   t("scenario.baseline", lang), *cached.scenario_data_keys())


def outcomes(v: ScenarioView) -> None:
    lang = v.lang
    outcome = st.selectbox(t("scenario.outcome", lang), OUTCOMES, key="scn_outcome", format_func=v.outcome_label)
    bands = pd.concat([v.summary.baseline_bands, v.summary.bands], ignore_index=True)
    bands = bands[bands["outcome"] == outcome]
    widgets.chart(outcome_over_time(bands, lang, v.outcome_label(outcome), t(f"scenario.unit_of.{outcome}", lang),
                                    t("chart.year", lang), v.baseline), key="scn_chart_outcome")
    st.caption(t("scenario.band_note", lang))
    widgets.table_in_expander(tables.bands_table(bands, lang, v.digits), f"scenario_{outcome}", v.source, lang,
                              "scn_table_outcome")


def compare(v: ScenarioView) -> None:
    lang = v.lang
    summaries = {s: summary_of(s, sc, lang) for s, sc in scenario_state.compared(v.slot, v.scenario).items()}
    st.caption(t("scenario.compare_note", lang))
    left, right = st.columns(2)
    metric = left.selectbox(t("scenario.headline_pick", lang), HEADLINES, key="scn_compare_metric",
                            format_func=v.headline_label)
    frames = [v.summary.baseline_headlines, *(s.headlines for s in summaries.values())]
    picked = pd.concat(frames, ignore_index=True)
    picked = picked[picked["metric"] == metric].fillna(0)
    with left:
        widgets.chart(compare_bars(picked, lang, v.headline_label(metric), t(f"scenario.unit_of.{metric}", lang),
                                   v.baseline), key="scn_chart_compare")
    compare_outcome = right.selectbox(t("scenario.outcome", lang), OUTCOMES, key="scn_compare_outcome",
                                      format_func=v.outcome_label)
    lines = pd.concat([v.summary.baseline_bands, *(s.bands for s in summaries.values())], ignore_index=True)
    lines = lines[lines["outcome"] == compare_outcome]
    with right:
        widgets.chart(outcome_over_time(lines, lang, v.outcome_label(compare_outcome),
                                        t(f"scenario.unit_of.{compare_outcome}", lang), t("chart.year", lang),
                                        v.baseline), key="scn_chart_compare_time")
    st.subheader(t("scenario.compare_table", lang))
    widgets.table_with_downloads(tables.headline_table(frames, lang, v.digits), "scenario_comparison", v.source,
                                 lang, key="scn_table_compare")


def sensitivity(v: ScenarioView) -> None:
    lang = v.lang
    metric = st.selectbox(t("scenario.headline_pick", lang), HEADLINES[:-1], key="scn_sens_metric",
                          format_func=v.headline_label)
    st.caption(t("scenario.sensitivity_note", lang))
    frame = cached.scenario_tornado(v.scenario.model_dump_json(), metric, *cached.scenario_data_keys())
    if frame.empty:
        st.info(t("scenario.sensitivity_empty", lang))
        return
    frame = frame.head(12).assign(label=lambda f: [t(f"scenario.param.{p}", lang) for p in f["param"]])
    tornado_title = t("scenario.tornado_title", lang, metric=v.headline_label(metric))
    widgets.chart(tornado_chart(frame, lang, tornado_title, t("scenario.added_by_package", lang),
                                t("scenario.at_low", lang), t("scenario.at_high", lang)), key="scn_chart_tornado")
    widgets.table_in_expander(tables.tornado_table(frame, lang, metric), f"scenario_sensitivity_{metric}", v.source,
                              lang, "scn_table_tornado")


def assumptions(v: ScenarioView) -> None:
    lang, digits, summary = v.lang, v.digits, v.summary
    st.markdown(t("scenario.assumptions_intro", lang))
    shell.link_to("methodology", t("scenario.to_methodology", lang))
    st.subheader(t("scenario.where_from", lang))
    widgets.table_with_downloads(tables.contributions_table(summary.contributions, lang, digits),
                                 "scenario_sources", v.source, lang, key="scn_table_sources")
    st.subheader(t("scenario.parameters_used", lang))
    parameters = tables.parameter_table(lang, digits, v.scenario.levers)
    widgets.table_with_downloads(parameters, "scenario_parameters", v.source, lang, key="scn_table_params", whole=True,
                                 shown=tables.parameter_table_for_reading(parameters, lang))
    st.subheader(t("scenario.segments", lang))
    widgets.table_with_downloads(tables.segments_table(summary.segments, lang, digits), "scenario_segments",
                                 v.source, lang, key="scn_table_segments")
    st.subheader(t("scenario.population", lang))
    stock, skills = cached.dataset("migrant_stock"), cached.dataset("skills")
    population = cached.scenario_population()
    st.caption(t("scenario.population_note", lang, year=population.year))
    widgets.source_caption(stock.meta, lang)
    widgets.source_caption(skills.meta, lang)
    widgets.table_with_downloads(tables.coverage_table(population, lang, digits,
                                                       country_names(cached.countries(), lang)),
                                 "scenario_population", f"{source_line(stock.meta, lang)} · {v.sample_note}", lang,
                                 key="scn_table_population")


def save(v: ScenarioView) -> None:
    lang = v.lang
    st.markdown(t("scenario.save_intro", lang))
    st.download_button(t("scenario.save", lang), to_json(v.scenario).encode("utf-8"),
                       file_name=f"scenario_{v.slot}.json", mime="application/json", key="scn_save")
    upload = st.file_uploader(t("scenario.load", lang), type=["json"], key="scn_upload")
    if upload is not None and state.value("scn_upload_done") != upload.file_id:
        state.set_values({"scn_upload_done": upload.file_id})
        try:
            from_json(upload.getvalue())
        except ScenarioError as exc:
            st.error(scenario_state.problem_text(exc, "file", lang, v.digits), icon=":material/warning:")
        else:
            state.request_scenario(upload.getvalue().decode("utf-8"), "file")
            st.rerun()
    st.markdown(t("scenario.link_intro", lang))
    st.code(f"?{state.SCENARIO_URL_KEY}={to_url(v.scenario)}", language=None)


RENDER = {"outcomes": outcomes, "compare": compare, "sensitivity": sensitivity, "assumptions": assumptions,
          "save": save}
