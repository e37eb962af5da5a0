"""Overview: the headline figures, each with its source and year."""

import streamlit as st

from dashboard import plaintext
from dashboard.charts.overview import diaspora_trend, top_destinations_bar
from dashboard.countries import with_names
from dashboard.diaspora import headline, stock_by_destination, total_by_year
from dashboard.i18n import format_number, format_percent, localise_digits, t
from dashboard.sources import source_line, source_lines
from ui import cached, shell, widgets

lang, digits = shell.page_start()
stock, totals, refugees = cached.dataset("migrant_stock"), cached.dataset("iraq_totals"), cached.dataset("refugees")
head = headline(stock.frame, totals.frame, refugees.frame)


def yr(year: int) -> str:
    """A year in the reader's digits, never grouped (2020, not 2,020)."""
    return localise_digits(str(int(year)), digits)


st.title(t("overview.title", lang))
st.write(t("overview.intro", lang))

cols = st.columns(4)
cols[0].metric(t("overview.metric_diaspora", lang, year=yr(head.year)), format_number(head.diaspora, lang, digits))
share_label = (t("overview.metric_share", lang, year=yr(head.year)) if head.population_year == head.year else
               t("overview.metric_share_mixed", lang, year=yr(head.year), population_year=yr(head.population_year)))
cols[1].metric(share_label,
               format_percent(head.share_of_population, lang, digits))
cols[2].metric(t("overview.metric_growth", lang, base=yr(head.base_year)),
               format_percent(head.growth, lang, digits, decimals=0, signed=True))
cols[3].metric(t("overview.metric_refugees", lang, year=yr(head.refugee_year)),
               format_number(head.refugees + head.asylum_seekers, lang, digits))
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
