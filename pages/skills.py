"""Skills: what Iraqis abroad know, where they live and how they want to help."""

import streamlit as st

from dashboard import skills as sk
from dashboard.charts import skills as charts
from dashboard.countries import country_names
from dashboard.i18n import format_number, localise_digits, t
from dashboard.skills_sample import ENGAGEMENT_MODES, SECTORS
from ui import cached, components, state

lang, digits = components.page_start()
data = cached.dataset("skills")
meta = data.meta
frame = cached.skills_prepared(meta.version, meta.sha256, data.frame)
names = country_names(cached.countries(), lang)
source = components.source_line(meta, lang)

st.title(t("skills.title", lang))
st.caption(t("skills.intro", lang))
if meta.is_synthetic:
    components.synthetic_label(lang)
else:
    st.info(t("skills.active_dataset", lang, title=meta.title, publisher=meta.publisher, revision=meta.revision,
              years=meta.years), icon=":material/description:")
st.caption(t("skills.privacy_note", lang, n=sk.MIN_RESPONDENTS))


def label(kind: str):
    """Translator for one kind of category, for the widgets and charts."""
    return lambda value: sk.category_label(kind, str(value), lang)


def options(column: str) -> list[str]:
    """Values present in the active dataset, in their natural order."""
    return [str(c) for c in sk.present_categories(frame[column])]


# ---------------------------------------------------------------- filters (apply to every tab), kept in the URL
FILTER_OPTIONS = {"skills_countries": options("residence_iso3"), "skills_region": options("region"),
                  "skills_sex": options("sex"), "skills_age": list(sk.AGE_BANDS),
                  "skills_education_filter": options("education"), "skills_field": options("field_of_study"),
                  "skills_sector": options("sector"), "skills_mode": list(ENGAGEMENT_MODES)}
for filter_key, allowed in FILTER_OPTIONS.items():
    state.seed_list_from_url(filter_key, allowed)
for _key, raw in state.take_url_notices():
    st.info(t("skills.url_notice", lang, value=raw), icon=":material/info:")

with st.expander(t("skills.filters", lang), expanded=True):
    c1, c2, c3, c4 = st.columns(4)
    countries = c1.multiselect(t("skills.filter.countries", lang), sorted(options("residence_iso3"),
                               key=lambda c: names.get(c, c)), format_func=lambda c: names.get(c, c),
                               key="skills_countries", placeholder=t("skills.filter.all", lang))
    region = c2.multiselect(t("skills.filter.region", lang), options("region"), format_func=label("region"),
                            key="skills_region", placeholder=t("skills.filter.all", lang))
    sex = c3.multiselect(t("skills.filter.sex", lang), options("sex"), format_func=label("sex"),
                         key="skills_sex", placeholder=t("skills.filter.all", lang))
    age = c4.multiselect(t("skills.filter.age_band", lang), list(sk.AGE_BANDS), key="skills_age",
                         placeholder=t("skills.filter.all", lang))
    c5, c6, c7, c8 = st.columns(4)
    education = c5.multiselect(t("skills.filter.education", lang), options("education"),
                               format_func=label("education"), key="skills_education_filter",
                               placeholder=t("skills.filter.all", lang))
    field = c6.multiselect(t("skills.filter.field", lang), options("field_of_study"), format_func=label("field"),
                           key="skills_field", placeholder=t("skills.filter.all", lang))
    sector = c7.multiselect(t("skills.filter.sector", lang), options("sector"), format_func=label("sector"),
                            key="skills_sector", placeholder=t("skills.filter.all", lang))
    mode = c8.multiselect(t("skills.filter.mode", lang), list(ENGAGEMENT_MODES), format_func=label("mode"),
                          key="skills_mode", placeholder=t("skills.filter.all", lang))

state.publish_list_to_url(*FILTER_OPTIONS)
chosen = sk.SkillsFilter(countries=tuple(countries), region=tuple(region), sex=tuple(sex), age_band=tuple(age),
                         education=tuple(education), field_of_study=tuple(field), sector=tuple(sector),
                         mode=tuple(mode))
view = chosen.apply(frame)
n_view = len(view)
left, right = st.columns(2)
left.metric(t("skills.metric.respondents", lang),
            sk.SUPPRESSED if 0 < n_view < sk.MIN_RESPONDENTS else format_number(n_view, lang, digits))
right.metric(t("skills.metric.people", lang),
             sk.SUPPRESSED if n_view < sk.MIN_RESPONDENTS else format_number(view["weight"].sum(), lang, digits))
if n_view < sk.MIN_RESPONDENTS:
    st.warning(t("skills.too_few", lang, n=sk.MIN_RESPONDENTS))
    st.stop()

COUNT_LABELS = {"respondents": t("skills.respondents", lang), "weighted": t("skills.estimated_people", lang),
                "share": t("skills.share", lang)}


def show(fig, table, stem: str, key: str) -> None:
    """Chart, then its (suppressed) table with downloads, then the source."""
    components.chart(fig, key=f"{key}_chart")
    with st.expander(t("common.show_table", lang)):
        components.table_with_downloads(table, stem, source, lang, key=key)
    components.source_caption(meta, lang)


# ---------------------------------------------------------------- sections (one at a time: st.tabs would
# compute all four on every rerun)
DIMENSIONS = {"education": "education", "field_of_study": "field", "occupation_isco": "isco", "sector": "sector",
              "years_band": None, "pyramid": None, "languages": "lang", "interest": "mode"}
FINDER_ROWS_SHOWN = 1000  # the downloads carry every match


def country(iso3: str) -> str:
    return names.get(iso3, iso3)


def distributions() -> None:
    dimension = st.selectbox(t("skills.dimension", lang), list(DIMENSIONS),
                             format_func=lambda d: t(f"skills.dim.{d}", lang), key="skills_dimension")
    title = t(f"skills.dim.{dimension}", lang)
    if dimension == "pyramid":
        dist = sk.age_sex_pyramid(view)
        fig = charts.pyramid(dist, lang, digits, title)
        dist = dist.assign(sex=dist["sex"].map(label("sex")),
                           age_band=dist["age_band"].map(lambda v: localise_digits(v, digits)))
        labels = {"age_band": t("skills.age", lang), "sex": t("skills.filter.sex", lang), **COUNT_LABELS}
    else:
        if dimension == "languages":
            dist = sk.languages_distribution(view)
        elif dimension == "interest":
            dist = sk.interest_distribution(view)
        else:
            dist = sk.weighted_distribution(view, dimension)
        kind = DIMENSIONS[dimension]
        to_label = label(kind) if kind else (lambda v: localise_digits(str(v), digits))
        axis = t("skills.share_interested", lang) if dimension == "interest" else None
        fig = charts.share_bars(dist, lang, digits, to_label, title, axis_title=axis)
        dist = dist.assign(value=dist["value"].map(to_label))
        labels = {"value": title, **COUNT_LABELS}
    if dimension in ("languages", "interest"):
        st.caption(t("skills.multi_note", lang))
    show(fig, sk.display_table(dist, lang, digits, labels), f"skills_{dimension}", f"skills_dist_{dimension}")


def compare() -> None:
    indicator = st.selectbox(t("skills.indicator", lang), list(sk.INDICATORS), key="skills_indicator",
                             format_func=lambda i: t(f"skills.indicator.{i}", lang))
    comparison = sk.compare_destinations(view, indicator)
    reliable = comparison[(comparison["respondents"] >= sk.MIN_RESPONDENTS)
                          & (comparison["matches"] >= sk.MIN_RESPONDENTS)].head(20)
    title = t("skills.compare_title", lang, indicator=t(f"skills.indicator.{indicator}", lang))
    fig = charts.share_bars(reliable.assign(respondents=reliable["matches"]), lang, digits, country, title,
                            value_column="residence_iso3")
    st.caption(t("skills.compare_note", lang, n=sk.MIN_RESPONDENTS))
    table = sk.suppress(comparison, "matches", derived=["matches_weighted", "share"])
    table = sk.display_table(table.assign(residence_iso3=table["residence_iso3"].map(country)), lang, digits, {
        "residence_iso3": t("skills.col.country", lang), "respondents": t("skills.respondents", lang),
        "weighted": t("skills.estimated_people", lang), "matches": t("skills.matches", lang),
        "share": t("skills.share", lang)})
    show(fig, table, f"skills_compare_{indicator}", "skills_compare")


def priority() -> None:
    """Priority sectors: the talent pool the scenario model uses, by engagement mode and by country."""
    p1, p2 = st.columns([3, 2])
    priorities = p1.multiselect(t("skills.priority_sectors", lang), [s for s in SECTORS if s != "other"],
                                default=list(sk.PRIORITY_SECTORS), format_func=label("sector"),
                                key="skills_priorities")
    levels = p2.multiselect(t("skills.skill_levels", lang), list(sk.SKILL_LEVELS), default=["high"],
                            format_func=label("level"), key="skills_levels")
    st.caption(t("skills.priority_note", lang))
    pool = sk.talent_pool(view, priorities)
    by_mode = sk.pool_by_mode(pool, levels)
    fig = charts.pool_grid(by_mode, lang, digits, label("sector"), label("mode"), t("skills.pool_title", lang))
    table = sk.display_table(
        by_mode.assign(sector=by_mode["sector"].map(label("sector")), mode=by_mode["mode"].map(label("mode"))),
        lang, digits, {"sector": t("skills.filter.sector", lang), "mode": t("skills.filter.mode", lang),
                       "respondents": t("skills.respondents", lang), "weighted": t("skills.estimated_people", lang)})
    show(fig, table, "skills_priority_pool", "skills_pool")

    q1, q2 = st.columns(2)
    focus_sector = q1.selectbox(t("skills.filter.sector", lang), [*priorities, "other"], format_func=label("sector"),
                                key="skills_focus_sector")
    focus_mode = q2.selectbox(t("skills.filter.mode", lang), list(ENGAGEMENT_MODES), format_func=label("mode"),
                              key="skills_focus_mode")
    where = sk.pool_by_country(pool, focus_sector, focus_mode, levels)
    title = t("skills.pool_country_title", lang, sector=label("sector")(focus_sector),
              mode=label("mode")(focus_mode))
    fig = charts.count_bars(where[where["respondents"] >= sk.MIN_RESPONDENTS].head(15), lang, digits, country,
                            title)
    table = sk.display_table(where.assign(residence_iso3=where["residence_iso3"].map(country)), lang, digits,
                             {"residence_iso3": t("skills.col.country", lang),
                              "respondents": t("skills.respondents", lang),
                              "weighted": t("skills.estimated_people", lang)})
    show(fig, table, f"skills_pool_{focus_sector}_{focus_mode}", "skills_pool_country")


def finder() -> None:
    """Talent finder: the matching respondents, listed only when it cannot single anyone out."""
    st.caption(t("skills.finder_note", lang, n=sk.MIN_RESPONDENTS))
    if not sk.can_list(view):
        st.warning(t("skills.finder_too_few", lang, n=sk.MIN_RESPONDENTS))
        return
    listing = sk.talent_list(view, lang, names)
    st.markdown(t("skills.finder_count", lang, n=format_number(len(listing), lang, digits)))
    if len(listing) > FINDER_ROWS_SHOWN:
        st.caption(t("skills.finder_first", lang, shown=format_number(FINDER_ROWS_SHOWN, lang, digits)))
    st.dataframe(listing.head(FINDER_ROWS_SHOWN), hide_index=True, width="stretch")
    components.table_with_downloads(listing, "skills_talent_finder", source, lang, key="skills_finder",
                                    show=False)
    components.source_caption(meta, lang)


SECTIONS = {"distributions": distributions, "compare": compare, "priority": priority, "finder": finder}
section = st.segmented_control(t("skills.section", lang), list(SECTIONS), default="distributions",
                               format_func=lambda s: t(f"skills.tab.{s}", lang), key="skills_section",
                               label_visibility="collapsed")
SECTIONS[section or "distributions"]()
