"""The Skills page's opening section: what official statistics say (DIOC-E 2010/11, DIOC 2015/16, IAB).

Render functions only; the figures come from dashboard.skills_official and dashboard.charts.skills_official.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import plaintext
from dashboard.charts import skills_official as charts
from dashboard.countries import country_names
from dashboard.i18n import Digits, format_number, format_percent, localise_digits, t
from dashboard.registry import DatasetMeta
from dashboard.skills_sample import calibration_table
from dashboard.sources import source_line
from ui import cached, state, widgets

RANKED_MIN_PEOPLE = 1000  # smaller destinations are in the table only


def _show(build, table: pd.DataFrame, meta: DatasetMeta, stem: str, key: str, lang: str) -> None:
    """Chart (built by `build` once per chart, language, digits and data version), its table with CSV/Excel
    downloads carrying the source line, then the source."""
    fig = cached.figure((key, lang, state.digits(), meta.version, meta.sha256), build)
    widgets.chart(fig, key=f"{key}_chart")
    widgets.table_in_expander(table, stem, source_line(meta, lang), lang, key)
    widgets.source_caption(meta, lang)


def official_section(lang: str, digits: Digits, notes=None) -> None:
    """What official statistics say: education by destination, the OECD-wide profile, brain drain over time.
    `notes`: where the section's introduction goes (on a projector, the page's folded notes)."""
    st.header(t("official.section", lang))
    (notes or st).caption(t("official.intro", lang))
    by_destination(lang, digits)
    oecd_profile(lang, digits)
    brain_drain(lang, digits)


def by_destination(lang: str, digits: Digits) -> None:
    dioc = cached.dataset("skills_dioc_e")
    countries = cached.countries()
    names = country_names(countries, lang)
    by_sex = cached.official_skills()["by_sex"]
    st.subheader(t("official.by_destination", lang))
    table = charts.destinations_table(by_sex["total"], names, lang, digits)
    def world() -> object:
        return charts.education_map(by_sex["total"], cached.boundaries(), countries, names, lang, digits,
                                    t("official.map_title", lang))

    _show(world, table, dioc.meta, "skills_official_by_destination", "official_map", lang)
    def ranked() -> object:
        return charts.tertiary_ranked(by_sex, names, lang, digits, t("official.ranked_title", lang),
                                      min_people=RANKED_MIN_PEOPLE)

    _show(ranked, table, dioc.meta, "skills_official_by_destination_sex", "official_ranked", lang)
    flagged = by_sex["total"][~by_sex["total"]["reliable"] & (by_sex["total"]["people"] >= RANKED_MIN_PEOPLE)]
    st.caption(t("official.flagged_note", lang))
    with st.container(key="official_flagged"):
        st.markdown(f"**{t('official.flagged_list', lang)}**")
        st.markdown("\n".join(
            # codes and reasons may come from a published file: shown as text
            "- " + plaintext.markdown(f"{names.get(r.residence_iso3, r.residence_iso3)}: "
                                      f"{charts.reasons_text(r.reason, lang)}")
            for r in flagged.itertuples()))


def oecd_profile(lang: str, digits: Digits) -> None:
    oecd = cached.dataset("skills_oecd")
    figures = cached.official_skills()
    head = figures["headline"]
    st.subheader(t("official.profile_title", lang))
    st.caption(t("official.profile_note", lang))
    cards = [("people", format_number(head.people_15plus, lang, digits)),
             ("high", format_percent(head.share_high, lang, digits)),
             ("employment", format_percent(head.employment_rate, lang, digits)),
             ("unemployment", format_percent(head.unemployment_rate, lang, digits)),
             ("overqualified", format_percent(head.overqualified, lang, digits)),
             ("recent", format_percent(head.recent_arrivals, lang, digits))]
    for column, (name, value) in zip(st.columns(3) + st.columns(3), cards, strict=True):
        column.metric(t(f"official.metric.{name}", lang), value)
    widgets.source_caption(oecd.meta, lang)

    education = figures["education"]
    _show(lambda: charts.education_mix(education, lang, digits, t("official.mix_title", lang)),
          charts.long_table(education, {"sex": "official.col.sex", "low": "official.edu.low",
                                        "medium": "official.edu.medium", "high": "official.edu.high",
                                        "unknown": "official.edu.unknown", "share_high": "official.tertiary_share"},
                            lang, digits, percent=("share_high",), labels={"sex": "sex"}),
          oecd.meta, "skills_official_oecd_education", "official_mix", lang)
    waste = figures["overqualification"]
    _show(lambda: charts.overqualification_chart(waste, lang, digits, t("official.brain_waste_title", lang)),
          charts.long_table(waste, {"sex": "official.col.sex", "overqualified": "official.col.overqualified",
                                    "matched": "official.col.matched", "rate": "official.overqualified_rate"},
                            lang, digits, percent=("rate",), labels={"sex": "sex"}),
          oecd.meta, "skills_official_brain_waste", "official_waste", lang)

    views = ("employment", "unemployment", "isco", "soc", "skill")
    view = st.segmented_control(t("official.profile_view", lang), views, default="employment",
                                format_func=lambda v: t(f"official.view.{v}", lang), key="official_view",
                                label_visibility="collapsed") or "employment"
    if view in ("employment", "unemployment"):
        labour = figures["labour"]
        rate = f"{view}_rate"
        table = charts.long_table(labour, {"sex": "official.col.sex", "education": "official.col.education",
                                           "employed": "official.col.employed",
                                           "unemployed": "official.col.unemployed",
                                           "inactive": "official.col.inactive", rate: f"official.{rate}"},
                                  lang, digits, percent=(rate,), labels={"sex": "sex", "education": "edu"})
        def fig() -> object:
            return charts.labour_chart(labour, lang, digits, t(f"official.{view}_title", lang), rate=rate)
    else:  # occupations in one scheme (never summed across schemes), or the skill level of the jobs
        rows, column = figures[view], "skill_level" if view == "skill" else "occupation"
        kind = "job" if view == "skill" else view
        def fig() -> object:
            return charts.share_bars(rows, kind, lang, digits, t(f"official.{view}_title", lang), value_column=column)
        table = charts.long_table(rows, {column: f"official.col.{column}", "number": "official.col.number",
                                         "share": "official.col.share"}, lang, digits, percent=("share",),
                                  labels={column: kind})
    _show(fig, table, oecd.meta, f"skills_official_{view}", f"official_{view}", lang)


def brain_drain(lang: str, digits: Digits) -> None:
    iab = cached.dataset("brain_drain")
    rates = cached.official_skills()["brain_drain"]
    st.subheader(t("official.brain_drain_section", lang))
    latest = rates[rates["year"] == rates["year"].max()].set_index("education")["rate"]
    st.markdown(t("official.brain_drain_note", lang, year=localise_digits(str(int(rates["year"].max())), digits),
                  high=format_percent(latest["high"], lang, digits), all=format_percent(latest["all"], lang, digits)))
    columns = {"year": "official.col.year", "education": "official.col.education", "rate": "official.emigration_rate"}
    table = charts.long_table(rates.assign(year=rates["year"].astype(str)), columns, lang, digits,
                              percent=("rate",), labels={"education": "edu"})
    _show(lambda: charts.brain_drain_chart(rates, lang, digits, t("official.brain_drain_title", lang)), table, iab.meta,
          "skills_official_brain_drain", "official_brain_drain", lang)


def sample_basis(lang: str) -> None:
    """Row by row, what the illustrative sample rests on: real figures, calibration to DIOC, or assumption."""
    with st.expander(t("skills.calib.title", lang)):
        widgets.table_with_downloads(charts.calibration_display(calibration_table(), lang), "skills_sample_basis",
                                     t("common.sample_note", lang), lang, key="skills_sample_basis")
