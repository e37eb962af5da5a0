"""Diaspora map: where Iraqi-born people live, how many, and where their numbers grow; click a country for its story.

State (revision, year, sex, measure, base year, log scale, country) lives in widgets seeded from and published to
the URL, so a link reopens the same view; an unknown value in a link falls back to the default with a notice.
"""

import streamlit as st

from dashboard import diaspora, geo, plaintext
from dashboard.charts import map as charts
from dashboard.countries import country_names
from dashboard.headline import year_text
from dashboard.i18n import format_number, join_list, keys, t
from dashboard.sources import provenance, source_line
from ui import briefing_download, cached, map_view, presenting, shell, state, widgets

lang, digits = shell.page_start()


def shown_year(year: int) -> str:
    return year_text(year, digits)   # years on widgets, in the reader's digits


countries = cached.countries()
names = country_names(countries, lang)
known_iso3 = set(countries.loc[~countries["iso3"].isin(geo.NOT_MAPPED), "iso3"])

revisions = {meta.version: meta for meta in cached.versions("migrant_stock")}  # the active one first
map_view.seed_revision(list(revisions))
stock = map_view.chosen_stock(state.value("map_rev"))
refugees = cached.dataset("refugees")
years, sexes = diaspora.available_years(stock.frame), diaspora.available_sexes(stock.frame)
if not years or not sexes:
    st.title(t("map.title", lang))
    st.info(t("map.no_data", lang))
    st.stop()
map_view.seed_view(years, sexes, known_iso3)

st.title(t("map.title", lang))
map_view.show_url_notices(lang)

state.note_page_values("map_rev", "map_sex")


@st.fragment
def map_with_controls() -> map_view.MapView:
    """The controls, the map and the country panel. A change here reruns only this part (a year change is most
    of a workshop's clicks), or the whole page when it also changes the trends below."""
    # --- controls (on a projector the intro and the second row are folded, so that the map fits the screen) -----
    more = presenting.aside(lang)
    more.write(t("map.intro", lang))
    first = st.columns([3, 2, 2], vertical_alignment="bottom")
    first[0].select_slider(t("map.year", lang), options=years, key="map_year", format_func=shown_year)
    first[1].segmented_control(t("map.sex", lang), sexes, key="map_sex", required=True,
                               format_func=lambda s: t(f"map.sex.{s}", lang))
    first[2].selectbox(t("map.measure", lang), diaspora.MEASURES, key="map_measure",
                       format_func=lambda m: t(f"map.measure.{m}", lang))
    is_change = state.value("map_measure") in ("change", "change_pct")
    second = more.columns([3, 2, 2], vertical_alignment="bottom")
    second[0].selectbox(t("map.revision", lang), list(revisions), key="map_rev",
                        format_func=lambda v: t(f"map.revision.{v}", lang) if f"map.revision.{v}" in keys(lang)
                        else revisions[v].revision)
    second[1].selectbox(t("map.base_year", lang), years, key="map_base", disabled=not is_change, format_func=shown_year)
    second[2].toggle(t("map.log_scale", lang), key="map_log", disabled=is_change, help=t("map.log_help", lang))
    map_view.publish()
    state.rerun_page_if_changed("map_rev", "map_sex")  # they shape the trends below too: the whole page reruns
    briefing_download.refresh_choices()

    year, sex, measure = state.value("map_year"), state.value("map_sex"), state.value("map_measure")
    base_year = state.value("map_base") if is_change else None
    log_scale = state.value("map_log") and not is_change
    selected = state.value("map_country")
    sex_label, measure_label = t(f"map.sex.{sex}", lang), t(f"map.measure.{measure}", lang)
    if len(sexes) == 1:
        st.info(t("map.one_sex_note", lang, revision=provenance(stock.meta, "revision", lang, plaintext.markdown)),
                icon=":material/wc:")
    gaps, gaps_revision = map_view.coverage_gaps(stock)

    # --- the map ------------------------------------------------------------------------------------------------------
    measures = cached.destination_measures((stock.meta.version, stock.meta.sha256), year, sex, base_year, stock.frame)
    present_now = measures[measures["migrants"] > 0]

    def headline_figures() -> None:
        if present_now.empty:
            return
        top_row = present_now.iloc[0]
        headline = st.columns(3)
        headline[0].metric(t("map.metric_total", lang, year=year, sex=sex_label),
                           format_number(int(present_now["migrants"].sum()), lang, digits))
        headline[1].metric(t("map.metric_top", lang, year=year, country=names.get(top_row["destination_iso3"])),
                           format_number(int(top_row["migrants"]), lang, digits))
        headline[2].metric(t("map.metric_count", lang, year=year), format_number(len(present_now), lang, digits))

    if not state.presenting():   # on a projector they follow the map, so that the map fits the screen
        headline_figures()
    title = (t("map.map_title_change", lang, measure=measure_label, base=base_year, year=year, sex=sex_label)
             if is_change else t("map.map_title", lang, measure=measure_label, year=year, sex=sex_label))
    fig = charts.world_map(measures, cached.boundaries(), countries, measure, lang, digits, title,
                           log_scale=log_scale, base_year=base_year, selected=selected, gaps=gaps,
                           geojson_url=widgets.boundaries_url())
    widgets.chart(fig, key="map_chart", selection_mode="points",
                  on_select=state.select_from_chart("map_chart", "map_country",
                                                    lambda selection: geo.selected_iso3(selection, known_iso3),
                                                    scroll_to=map_view.PANEL_KEY))
    # the download's line has the revision as typed; the caption's shows a published name as text
    filters, filters_shown = (t("map.filters_line", lang, year=year, sex=sex_label, measure=measure_label,
                                revision=revision) for revision in
                              (provenance(stock.meta, "revision", lang),
                               provenance(stock.meta, "revision", lang, plaintext.markdown)))
    widgets.source_caption(stock.meta, lang)
    if state.presenting():
        headline_figures()
    points = geo.point_locations(countries, charts.map_values(measures, measure, log_scale)["destination_iso3"],
                                 geo.polygon_iso3(cached.boundaries()))
    notes = [filters_shown]
    if not points.empty:
        notes.append(t("map.points_note", lang,
                       countries=join_list((names.get(c, c) for c in points["iso3"]), lang)))
    if measure == "change_pct":
        notes.append(t("map.pct_note", lang))
    if gaps:
        notes.append(map_view.gaps_note(gaps, gaps_revision, names, lang))
    st.caption(" ".join(notes))
    widgets.table_when_open(charts.destinations_table(measures, countries, measure, lang, log_scale, base_year, gaps),
                            f"iraqi_born_by_destination_{stock.meta.version}_{year}_{sex}_{measure}",
                            f"{source_line(stock.meta, lang)} {filters}", lang, "map_table")
    with st.container(border=True):
        st.markdown(f"**{t('map.caveats_title', lang)}**\n\n{t('map.caveats', lang)}")

    # --- the country panel ---------------------------------------------------------------------------
    view = map_view.MapView(lang, digits, stock, refugees, countries, names, measures, year, sex, sex_label, gaps)
    by_name = sorted(known_iso3, key=lambda code: names.get(code, code))
    st.selectbox(t("map.country", lang), [None, *by_name], key="map_country", help=t("map.click_hint", lang),
                 format_func=lambda code: t("map.country_none", lang) if code is None else names.get(code, code))
    if selected:
        map_view.country_panel(view, selected)
    return view


view = map_with_controls()
st.header(t("map.trends", lang))
if len(years) == 1:
    st.info(t("map.one_year_note", lang, revision=provenance(stock.meta, "revision", lang, plaintext.markdown),
              year=years[0]))
else:
    map_view.trend_tabs(view, years)
