"""The skills page's four sections (distributions, comparison of destinations, priority sectors, talent
finder), each drawn from the filtered respondents. The page lays out the filters and picks a section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import skills as sk
from dashboard.charts import skills as charts
from dashboard.i18n import format_number, localise_digits, t
from dashboard.registry import DatasetMeta
from dashboard.skills_sample import ENGAGEMENT_MODES, SECTORS
from ui import state, widgets

DIMENSIONS = {"education": "education", "field_of_study": "field", "occupation_isco": "isco", "sector": "sector",
              "years_band": None, "pyramid": None, "languages": "lang", "interest": "mode"}
FINDER_ROWS_SHOWN = 1000  # the downloads carry every match


def label(kind: str, lang: str) -> Callable[[object], str]:
    """Translator for one kind of category, for the widgets and charts."""
    return lambda value: sk.category_label(kind, str(value), lang)


@dataclass(frozen=True)
class SkillsView:
    """The filtered respondents and what every section needs to show them."""

    lang: str
    digits: str
    meta: DatasetMeta
    view: pd.DataFrame
    names: dict[str, str]
    source: str

    def country(self, iso3: str) -> str:
        return self.names.get(iso3, iso3)

    def count_labels(self) -> dict[str, str]:
        return {"respondents": t("skills.respondents", self.lang), "weighted": t("skills.estimated_people", self.lang),
                "share": t("skills.share", self.lang)}

    def show(self, fig, table: pd.DataFrame, stem: str, key: str) -> None:
        """Chart, then its (suppressed) table with downloads, then the source. No figure (`None`: no group large
        enough to draw) shows a sentence saying why instead of an empty chart with 0-1 axes."""
        if fig is None:
            st.info(t("skills.chart_too_few", self.lang, n=sk.MIN_RESPONDENTS), icon=":material/info:")
        else:
            widgets.chart(fig, key=f"{key}_chart")
        widgets.table_in_expander(table, stem, self.source, self.lang, key)
        widgets.source_caption(self.meta, self.lang)


def distributions(s: SkillsView) -> None:
    lang, digits, view = s.lang, s.digits, s.view
    dimension = st.selectbox(t("skills.dimension", lang), list(DIMENSIONS),
                             format_func=lambda d: t(f"skills.dim.{d}", lang), key="skills_dimension")
    title = t(f"skills.dim.{dimension}", lang)
    if dimension == "pyramid":
        dist = sk.age_sex_pyramid(view)
        fig = charts.pyramid(dist, lang, digits, title)
        dist = dist.assign(sex=dist["sex"].map(label("sex", lang)),
                           age_band=dist["age_band"].map(lambda v: localise_digits(v, digits)))
        labels = {"age_band": t("skills.age", lang), "sex": t("skills.filter.sex", lang), **s.count_labels()}
    else:
        if dimension == "languages":
            dist = sk.languages_distribution(view)
        elif dimension == "interest":
            dist = sk.interest_distribution(view)
        else:
            dist = sk.weighted_distribution(view, dimension)
        kind = DIMENSIONS[dimension]
        to_label = label(kind, lang) if kind else (lambda v: localise_digits(str(v), digits))
        axis = t("skills.share_interested", lang) if dimension == "interest" else None
        fig = charts.share_bars(dist, lang, digits, to_label, title, axis_title=axis)
        dist = dist.assign(value=dist["value"].map(to_label))
        labels = {"value": title, **s.count_labels()}
    if dimension in ("languages", "interest"):
        st.caption(t("skills.multi_note", lang))
    s.show(fig, sk.display_table(dist, lang, digits, labels), f"skills_{dimension}", f"skills_dist_{dimension}")


def compare(s: SkillsView) -> None:
    lang, digits = s.lang, s.digits
    indicator = st.selectbox(t("skills.indicator", lang), list(sk.INDICATORS), key="skills_indicator",
                             format_func=lambda i: t(f"skills.indicator.{i}", lang))
    comparison = sk.compare_destinations(s.view, indicator)
    reliable = comparison[(comparison["respondents"] >= sk.MIN_RESPONDENTS)
                          & (comparison["matches"] >= sk.MIN_RESPONDENTS)].head(20)
    title = t("skills.compare_title", lang, indicator=t(f"skills.indicator.{indicator}", lang))
    fig = charts.share_bars(reliable.assign(respondents=reliable["matches"]), lang, digits, s.country, title,
                            value_column="residence_iso3") if len(reliable) else None
    st.caption(t("skills.compare_note", lang, n=sk.MIN_RESPONDENTS))
    table = sk.suppress(comparison, "matches", derived=["matches_weighted", "share"])
    table = sk.display_table(table.assign(residence_iso3=table["residence_iso3"].map(s.country)), lang, digits, {
        "residence_iso3": t("skills.col.country", lang), "respondents": t("skills.respondents", lang),
        "weighted": t("skills.estimated_people", lang), "matches": t("skills.matches", lang),
        "share": t("skills.share", lang)})
    s.show(fig, table, f"skills_compare_{indicator}", "skills_compare")


def priority(s: SkillsView) -> None:
    """Priority sectors: the talent pool the scenario model uses, by engagement mode and by country."""
    lang, digits = s.lang, s.digits
    p1, p2 = st.columns([3, 2])
    priorities = p1.multiselect(t("skills.priority_sectors", lang), [x for x in SECTORS if x != "other"],
                                default=list(sk.PRIORITY_SECTORS), format_func=label("sector", lang),
                                key="skills_priorities")
    levels = p2.multiselect(t("skills.skill_levels", lang), list(sk.SKILL_LEVELS), default=["high"],
                            format_func=label("level", lang), key="skills_levels")
    st.caption(t("skills.priority_note", lang))
    pool = sk.talent_pool(s.view, priorities)
    by_mode = sk.pool_by_mode(pool, levels)
    fig = charts.pool_grid(by_mode, lang, digits, label("sector", lang), label("mode", lang),
                           t("skills.pool_title", lang))
    table = sk.display_table(
        by_mode.assign(sector=by_mode["sector"].map(label("sector", lang)),
                       mode=by_mode["mode"].map(label("mode", lang))),
        lang, digits, {"sector": t("skills.filter.sector", lang), "mode": t("skills.filter.mode", lang),
                       "respondents": t("skills.respondents", lang), "weighted": t("skills.estimated_people", lang)})
    s.show(fig, table, "skills_priority_pool", "skills_pool")

    q1, q2 = st.columns(2)
    focus_sector = q1.selectbox(t("skills.filter.sector", lang), [*priorities, "other"],
                                format_func=label("sector", lang), key="skills_focus_sector")
    focus_mode = q2.selectbox(t("skills.filter.mode", lang), list(ENGAGEMENT_MODES), format_func=label("mode", lang),
                              key="skills_focus_mode")
    where = sk.pool_by_country(pool, focus_sector, focus_mode, levels)
    title = t("skills.pool_country_title", lang, sector=label("sector", lang)(focus_sector),
              mode=label("mode", lang)(focus_mode))
    shown = where[where["respondents"] >= sk.MIN_RESPONDENTS].head(15)
    fig = charts.count_bars(shown, lang, digits, s.country, title) if len(shown) else None
    table = sk.display_table(where.assign(residence_iso3=where["residence_iso3"].map(s.country)), lang, digits,
                             {"residence_iso3": t("skills.col.country", lang),
                              "respondents": t("skills.respondents", lang),
                              "weighted": t("skills.estimated_people", lang)})
    s.show(fig, table, f"skills_pool_{focus_sector}_{focus_mode}", "skills_pool_country")


def finder(s: SkillsView) -> None:
    """Talent finder: the matching respondents, listed only when it cannot single anyone out."""
    lang, digits = s.lang, s.digits
    st.caption(t("skills.finder_note", lang, n=sk.MIN_RESPONDENTS))
    if not sk.can_list(s.view):
        st.warning(t("skills.finder_too_few", lang, n=sk.MIN_RESPONDENTS))
        return
    listing = sk.talent_list(s.view, lang, s.names, with_contacts=state.holds_publish_right())
    st.markdown(t("skills.finder_count", lang, n=format_number(len(listing), lang, digits)))
    if len(listing) > FINDER_ROWS_SHOWN:
        st.caption(t("skills.finder_first", lang, shown=format_number(FINDER_ROWS_SHOWN, lang, digits)))
    widgets.data_table(listing.head(FINDER_ROWS_SHOWN), lang)
    # Contact details stay on screen: no download carries them until each one can be written to the audit log.
    contacts = [c for c in (t(f"skills.col.{n}", lang) for n in sk.CONTACT_COLUMNS) if c in listing.columns]
    if contacts:
        st.caption(t("skills.contacts_not_downloaded", lang))
    widgets.table_with_downloads(listing.drop(columns=contacts), "skills_talent_finder", s.source, lang,
                                 key="skills_finder", show=False)
    widgets.source_caption(s.meta, lang)


SECTIONS: dict[str, Callable[[SkillsView], None]] = {"distributions": distributions, "compare": compare,
                                                      "priority": priority, "finder": finder}
