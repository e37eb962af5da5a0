"""Overview: the headline figures, each with its source and year."""

import streamlit as st

from dashboard import diaspora, plaintext
from dashboard.charts.overview import diaspora_trend, remittances_table, remittances_trend, top_destinations_bar
from dashboard.countries import country_names, with_names
from dashboard.diaspora import headline, stock_by_destination, total_by_year
from dashboard.i18n import format_number, format_percent, localise_digits, t, t_optional
from dashboard.registry import DatasetMeta
from dashboard.sources import provenance, source_line, source_lines
from ui import cached, shell, widgets

lang, digits = shell.page_start()
stock, totals, refugees = cached.dataset("migrant_stock"), cached.dataset("iraq_totals"), cached.dataset("refugees")
head = headline(stock.frame, totals.frame, refugees.frame)


def revision(meta: DatasetMeta) -> str:
    """A revision's name for a caption (a published version's name is shown as typed)."""
    return provenance(meta, "revision", lang, plaintext.markdown)


def yr(year: int) -> str:
    """A year in the reader's digits, never grouped (2020, not 2,020)."""
    return localise_digits(str(int(year)), digits)


st.title(t("overview.title", lang))
st.write(t("overview.intro", lang))

# --- the newest estimate first (its own revision and source), then the series the cards and trends use ---------
newest = diaspora.newest_version(cached.versions("migrant_stock"))
if newest is not None and newest.year_max != head.year:
    latest = diaspora.latest_estimate(cached.dataset("migrant_stock", newest.version).frame, newest.not_estimated)
    names = country_names(cached.countries(), lang)
    st.metric(t("overview.latest", lang, year=yr(latest.year)), format_number(latest.people, lang, digits))
    st.caption(t("overview.latest_caption", lang, people=format_number(latest.people, lang, digits),
                 year=yr(latest.year), count=format_number(latest.destinations, lang, digits),
                 source=t_optional(f"dataset.migrant_stock.{newest.version}.short", lang) or revision(newest),
                 missing=", ".join(sorted(names.get(c, c) for c in latest.not_estimated)) or "–")
               + " " + source_line(newest, lang, plaintext.markdown))
    st.caption(t("overview.series_note", lang, revision=revision(stock.meta), start=yr(head.base_year),
                 end=yr(head.year)))

cols = st.columns(4)
cols[0].metric(t("overview.metric_diaspora", lang, year=yr(head.year)), format_number(head.diaspora, lang, digits))
share_label = (t("overview.metric_share", lang, year=yr(head.year)) if head.population_year == head.year else
               t("overview.metric_share_mixed", lang, year=yr(head.year), population_year=yr(head.population_year)))
cols[1].metric(share_label,
               format_percent(head.share_of_population, lang, digits))
cols[2].metric(t("overview.metric_growth", lang, base=yr(head.base_year)),
               format_percent(head.growth, lang, digits, decimals=0, signed=True) if head.base_year < head.year
               else "–")  # a one-year revision (Rev.2024) has no growth to show
for other in cached.versions("migrant_stock"):
    elsewhere = diaspora.growth_in_other_revision(stock.frame, cached.dataset("migrant_stock", other.version).frame) \
        if other.is_bundled and other.version != stock.meta.version else None
    if elsewhere is not None:
        cols[2].caption(t("overview.growth_caveat", lang, other=revision(other), start=yr(elsewhere.base_year),
                          end=yr(elsewhere.year), revision=revision(stock.meta),
                          growth=format_percent(elsewhere.growth, lang, digits, decimals=0, signed=True),
                          country=country_names(cached.countries(), lang).get(elsewhere.destination),
                          there=format_number(elsewhere.base_there, lang, digits),
                          here=format_number(elsewhere.base_here, lang, digits)))
cols[3].metric(t("overview.metric_refugees", lang, year=yr(head.refugee_year)),
               format_number(head.refugees + head.asylum_seekers, lang, digits))
cols[3].caption(t("overview.refugees_inside", lang))
st.caption(t("overview.refugees_split", lang, refugees=format_number(head.refugees, lang, digits),
             asylum_seekers=format_number(head.asylum_seekers, lang, digits)))
st.caption(source_lines((stock.meta, totals.meta, refugees.meta), lang, plaintext.markdown))

left, right = st.columns(2)
with left:
    top = with_names(stock_by_destination(stock.frame, head.year).head(10), cached.countries(), lang,
                     "destination_iso3")
    title = t("overview.top_destinations", lang, year=yr(head.year))
    widgets.chart(top_destinations_bar(top, lang, title), key="overview_top")
    widgets.source_caption(stock.meta, lang)
    table = top[["rank", "country", "migrants", "share"]].rename(columns={
        "rank": t("chart.rank", lang), "country": t("chart.destination", lang),
        "migrants": t("chart.migrants", lang), "share": t("chart.share", lang)})
    with st.expander(t("common.show_table", lang)):
        widgets.table_with_downloads(table, title, source_line(stock.meta, lang), lang,
                                        key="overview_top_table")
with right:
    trend = total_by_year(stock.frame)
    title = t("overview.trend", lang, start=yr(trend["year"].min()), end=yr(trend["year"].max()))
    widgets.chart(diaspora_trend(trend, lang, title), key="overview_trend")
    widgets.source_caption(stock.meta, lang)
    with st.expander(t("common.show_table", lang)):
        widgets.table_with_downloads(
            trend.rename(columns={"year": t("chart.year", lang), "migrants": t("chart.migrants", lang)}),
            title, source_line(stock.meta, lang), lang, key="overview_trend_table")

remittances = cached.dataset("remittances")
title = t("overview.remittances_title", lang, start=yr(remittances.frame["year"].min()),
          end=yr(remittances.frame["year"].max()))
widgets.chart(remittances_trend(remittances.frame, lang, title), key="overview_remittances")
st.caption(f"{t('overview.remittances_caveat', lang)} {source_line(remittances.meta, lang, plaintext.markdown)}")
with st.expander(t("common.show_table", lang)):
    widgets.table_with_downloads(remittances_table(remittances.frame, lang), title,
                                 f"{source_line(remittances.meta, lang)} {t('overview.remittances_caveat', lang)}",
                                 lang, key="overview_remittances_table")
