"""Overview: the headline figures, each with its source and year."""

import streamlit as st

from dashboard.charts.overview import diaspora_trend, top_destinations_bar
from dashboard.countries import with_names
from dashboard.diaspora import headline, stock_by_destination, total_by_year
from dashboard.headline import headline_cards, year_text
from dashboard.i18n import format_number, t
from dashboard.sources import source_line, source_lines
from ui import cached, shell, widgets

lang, digits = shell.page_start()
stock, totals, refugees = cached.dataset("migrant_stock"), cached.dataset("iraq_totals"), cached.dataset("refugees")
head = headline(stock.frame, totals.frame, refugees.frame)

st.title(t("overview.title", lang))
st.write(t("overview.intro", lang))
for column, (label, value) in zip(st.columns(4), headline_cards(head, lang, digits), strict=True):
    column.metric(label, value)
st.caption(t("overview.refugees_split", lang, refugees=format_number(head.refugees, lang, digits),
             asylum_seekers=format_number(head.asylum_seekers, lang, digits)))
st.caption(source_lines([stock.meta, totals.meta, refugees.meta], lang))

left, right = st.columns(2)
with left:
    top = with_names(stock_by_destination(stock.frame, head.year).head(10), cached.countries(), lang,
                     "destination_iso3")
    title = t("overview.top_destinations", lang, year=year_text(head.year, digits))
    widgets.chart(top_destinations_bar(top, lang, title), key="overview_top")
    widgets.source_caption(stock.meta, lang)
    table = top[["rank", "country", "migrants", "share"]].rename(columns={
        "rank": t("chart.rank", lang), "country": t("chart.destination", lang),
        "migrants": t("chart.migrants", lang), "share": t("chart.share", lang)})
    widgets.table_in_expander(table, title, source_line(stock.meta, lang), lang, "overview_top_table")
with right:
    trend = total_by_year(stock.frame)
    title = t("overview.trend", lang, start=year_text(trend["year"].min(), digits),
              end=year_text(trend["year"].max(), digits))
    widgets.chart(diaspora_trend(trend, lang, title), key="overview_trend")
    widgets.source_caption(stock.meta, lang)
    widgets.table_in_expander(
        trend.rename(columns={"year": t("chart.year", lang), "migrants": t("chart.migrants", lang)}),
        title, source_line(stock.meta, lang), lang, "overview_trend_table")
