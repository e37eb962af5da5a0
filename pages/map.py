"""Diaspora map: where Iraqi-born people live, how many, and where their numbers grow; click a country for its story.

State (revision, year, sex, measure, base year, log scale, country) lives in widgets seeded from and published to
the URL, so a link reopens the same view; an unknown value in a link falls back to the default with a notice.
"""

import streamlit as st

from dashboard import diaspora, geo
from dashboard.charts import map as charts
from dashboard.countries import country_names, with_names
from dashboard.i18n import format_number, format_percent, keys, t
from ui import cached, components, state

lang, digits = components.page_start()
countries = cached.countries()
names = country_names(countries, lang)
mapped = countries[~countries["iso3"].isin(geo.NOT_MAPPED)]
known_iso3 = set(mapped["iso3"])


def table_with_downloads_when_open(key: str, *args, **kwargs) -> None:
    """The table behind a chart, with its downloads, in an expander whose content runs only while it is open
    (the Excel file is the costliest part of a rerun)."""
    expander = st.expander(t("common.show_table", lang), key=f"{key}_open", on_change="rerun")
    if expander.open:
        with expander:
            components.table_with_downloads(*args, key=key, lazy=False, **kwargs)  # only while open anyway


# --- state: seeded from the URL, options that depend on the revision kept valid ---------------------------------
revisions = {meta.version: meta for meta in cached.versions("migrant_stock")}  # the active one first
state.seed_from_url("map_rev", list(revisions), next(iter(revisions)))
state.keep_within("map_rev", list(revisions), next(iter(revisions)))
stock = cached.dataset("migrant_stock", state.value("map_rev"))
refugees = cached.dataset("refugees")
years, sexes = diaspora.available_years(stock.frame), diaspora.available_sexes(stock.frame)
if not years or not sexes:
    st.title(t("map.title", lang))
    st.info(t("map.no_data", lang))
    st.stop()
state.seed_from_url("map_year", years, years[-1], cast=int)
state.seed_from_url("map_sex", sexes, sexes[0])
state.seed_from_url("map_measure", list(diaspora.MEASURES), "people")
state.seed_from_url("map_base", years, years[0], cast=int)
state.seed_from_url("map_log", [True, False], False, cast=lambda raw: {"true": True, "false": False}.get(raw.lower()))
state.seed_from_url("map_country", sorted(known_iso3), None)
state.keep_within("map_year", years, years[-1])
state.keep_within("map_base", years, years[0])
state.keep_within("map_sex", sexes, sexes[0])

st.title(t("map.title", lang))
st.write(t("map.intro", lang))
labels = {"map_rev": "map.revision", "map_year": "map.year", "map_sex": "map.sex", "map_measure": "map.measure",
          "map_base": "map.base_year", "map_log": "map.log_scale", "map_country": "map.country"}
for key, value in state.take_url_notices():
    st.info(t("map.url_notice", lang, field=t(labels[key], lang) if key in labels else key, value=value),
            icon=":material/info:")

# --- controls ---------------------------------------------------------------------------------------------------
first = st.columns([3, 2, 2], vertical_alignment="bottom")
first[0].select_slider(t("map.year", lang), options=years, key="map_year")
first[1].segmented_control(t("map.sex", lang), sexes, key="map_sex", required=True,
                           format_func=lambda s: t(f"map.sex.{s}", lang))
first[2].selectbox(t("map.measure", lang), diaspora.MEASURES, key="map_measure",
                   format_func=lambda m: t(f"map.measure.{m}", lang))
is_change = state.value("map_measure") in ("change", "change_pct")
second = st.columns([3, 2, 2], vertical_alignment="bottom")
second[0].selectbox(t("map.revision", lang), list(revisions), key="map_rev",
                    format_func=lambda v: t(f"map.revision.{v}", lang) if f"map.revision.{v}" in keys(lang)
                    else revisions[v].revision)
second[1].selectbox(t("map.base_year", lang), years, key="map_base", disabled=not is_change)
second[2].toggle(t("map.log_scale", lang), key="map_log", disabled=is_change, help=t("map.log_help", lang))
state.publish_to_url("map_rev", "map_year", "map_sex", "map_measure", "map_base", "map_log", "map_country")

year, sex, measure = state.value("map_year"), state.value("map_sex"), state.value("map_measure")
base_year = state.value("map_base") if is_change else None
log_scale = state.value("map_log") and not is_change
selected = state.value("map_country")
sex_label, measure_label = t(f"map.sex.{sex}", lang), t(f"map.measure.{measure}", lang)
if len(sexes) == 1:
    st.caption(t("map.rev2019_sex_note", lang))

# --- the map ------------------------------------------------------------------------------------------------------
stock_key = (stock.meta.version, stock.meta.sha256)
measures = cached.destination_measures(stock_key, year, sex, base_year, stock.frame)
present_now = measures[measures["migrants"] > 0]
if not present_now.empty:
    top_row = present_now.iloc[0]
    headline = st.columns(3)
    headline[0].metric(t("map.metric_total", lang, year=year, sex=sex_label),
                       format_number(int(present_now["migrants"].sum()), lang, digits))
    headline[1].metric(t("map.metric_top", lang, year=year, country=names.get(top_row["destination_iso3"])),
                       format_number(int(top_row["migrants"]), lang, digits))
    headline[2].metric(t("map.metric_count", lang, year=year), format_number(len(present_now), lang, digits))
title = (t("map.map_title_change", lang, measure=measure_label, base=base_year, year=year, sex=sex_label)
         if is_change else t("map.map_title", lang, measure=measure_label, year=year, sex=sex_label))
fig = charts.world_map(measures, cached.boundaries(), countries, measure, lang, digits, title,
                       log_scale=log_scale, base_year=base_year, selected=selected,
                       geojson_url=components.boundaries_url())
components.chart(fig, key="map_chart", selection_mode="points",
                 on_select=state.select_from_chart("map_chart", "map_country",
                                                   lambda selection: geo.selected_iso3(selection, known_iso3)))
stock_source = components.source_line(stock.meta, lang)
filters = t("map.filters_line", lang, year=year, sex=sex_label, measure=measure_label, revision=stock.meta.revision)
components.source_caption(stock.meta, lang)
points = geo.point_locations(countries, charts.map_values(measures, measure, log_scale)["destination_iso3"],
                             geo.polygon_iso3(cached.boundaries()))
notes = [filters]
if not points.empty:
    notes.append(t("map.points_note", lang, countries=", ".join(names.get(c, c) for c in points["iso3"])))
if measure == "change_pct":
    notes.append(t("map.pct_note", lang))
st.caption(" ".join(notes))
table_with_downloads_when_open(
    "map_table", charts.destinations_table(measures, countries, measure, lang, log_scale, base_year),
    f"iraqi_born_by_destination_{stock.meta.version}_{year}_{sex}_{measure}", f"{stock_source} {filters}", lang)
with st.container(border=True):
    st.markdown(f"**{t('map.caveats_title', lang)}**\n\n{t('map.caveats', lang)}")

# --- the country panel ------------------------------------------------------------------------------------------
by_name = sorted(known_iso3, key=lambda code: names.get(code, code))
st.selectbox(t("map.country", lang), [None, *by_name], key="map_country", help=t("map.click_hint", lang),
             format_func=lambda code: t("map.country_none", lang) if code is None else names.get(code, code))
if selected:
    country = names.get(selected, selected)
    st.subheader(t("map.panel_heading", lang, country=country))
    here = measures[measures["destination_iso3"] == selected]
    series = diaspora.country_series(stock.frame, selected)
    asylum = diaspora.refugees_in(refugees.frame, selected)
    present = here[here["migrants"] > 0]
    ranked = int(measures["rank"].notna().sum())
    metrics = st.columns(4)
    people = int(present["migrants"].iloc[0]) if not present.empty else 0
    metrics[0].metric(t("map.panel_people", lang, year=year, sex=sex_label), format_number(people, lang, digits))
    if not present.empty:
        metrics[1].metric(t("map.panel_rank", lang, n=format_number(ranked, lang, digits)),
                          format_number(int(present["rank"].iloc[0]), lang, digits))
        metrics[2].metric(t("map.panel_share", lang, year=year),
                          format_percent(float(present["share"].iloc[0]), lang, digits, decimals=2))
    earlier = asylum[asylum["year"] <= year]
    if not earlier.empty:
        latest = earlier.iloc[-1]
        metrics[3].metric(t("map.panel_refugees", lang, year=int(latest["year"])),
                          format_number(int(latest["refugees"] + latest["asylum_seekers"]), lang, digits))
    if int(series.drop(columns="year").to_numpy().sum()) == 0:
        st.info(t("map.panel_no_stock", lang, revision=stock.meta.revision, country=country))
    if asylum.empty:
        st.caption(t("map.panel_no_refugees", lang, country=country, years=refugees.meta.years))
    panel_title = t("map.panel_trend_title", lang, country=country)
    components.chart(charts.country_trend(series, asylum, lang, panel_title), key="map_country_trend")
    both_sources = f"{stock_source} {components.source_line(refugees.meta, lang)}"
    st.caption(f"{both_sources} {t('map.panel_refugees_inside', lang)}")
    table_with_downloads_when_open("map_country_table", charts.country_table(series, asylum, lang),
                                   f"iraqi_born_in_{selected}_{stock.meta.version}", both_sources, lang)
    skills = cached.dataset("skills")
    summary = cached.skills_country_summary(skills.meta.version, skills.meta.sha256, selected, lang, digits)
    st.markdown(f"**{t('map.panel_skills', lang, country=country)}**")
    if summary.empty:
        st.caption(t("map.panel_no_skills", lang, country=country))
    else:
        components.table_with_downloads(summary, f"skills_in_{selected}", components.source_line(skills.meta, lang),
                                        lang, key="map_skills_table")
    components.source_caption(skills.meta, lang)

# --- trends -------------------------------------------------------------------------------------------------------
st.header(t("map.trends", lang))
start, end = years[0], years[-1]
# Only the open tab is built (on_change="rerun" makes tabs report which one is open).
tab_total, tab_top, tab_region = st.tabs([t("map.tab_total", lang), t("map.tab_top", lang),
                                          t("map.tab_region", lang)], key="map_trend_tab", on_change="rerun")
if tab_total.open:
    with tab_total:
        whole = cached.diaspora_with_refugees(stock_key, (refugees.meta.version, refugees.meta.sha256), sex,
                                              stock.frame, refugees.frame)
        title = t("map.trend_total_title", lang, start=start, end=end, sex=sex_label)
        components.chart(charts.diaspora_trend_with_refugees(whole, lang, title), key="map_trend_total")
        both_sources = f"{stock_source} {components.source_line(refugees.meta, lang)}"
        st.caption(f"{both_sources} {t('map.panel_refugees_inside', lang)}")
        table_with_downloads_when_open("map_trend_total_table", charts.diaspora_table(whole, lang),
                                       f"diaspora_and_refugees_{stock.meta.version}_{sex}", both_sources, lang)
if tab_top.open:
    with tab_top:
        top = with_names(diaspora.top_destinations_over_time(stock.frame, sex), countries, lang, "destination_iso3")
        title = t("map.trend_top_title", lang, start=start, end=end, sex=sex_label)
        components.chart(charts.top_destinations_trend(top, lang, title), key="map_trend_top")
        components.source_caption(stock.meta, lang)
        table_with_downloads_when_open("map_trend_top_table", charts.long_table(top, "country", lang),
                                       f"largest_destinations_{stock.meta.version}_{sex}", stock_source, lang)
if tab_region.open:
    with tab_region:
        regions = diaspora.by_region(stock.frame, countries, sex)
        regions["region"] = [t(f"map.region.{r}", lang) for r in regions["region"]]
        title = t("map.trend_region_title", lang, start=start, end=end, sex=sex_label)
        components.chart(charts.regional_trend(regions, lang, title), key="map_trend_region")
        components.source_caption(stock.meta, lang)
        table_with_downloads_when_open("map_trend_region_table", charts.long_table(regions, "region", lang),
                                       f"by_region_{stock.meta.version}_{sex}", stock_source, lang)
