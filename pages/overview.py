"""Overview: the headline figures, each with its source and year."""

import streamlit as st

from dashboard import diaspora, plaintext
from dashboard.charts.overview import diaspora_trend, remittances_table, remittances_trend, top_destinations_bar
from dashboard.countries import country_names, with_names
from dashboard.diaspora import headline, stock_by_destination, total_by_year
from dashboard.headline import growth_caveats, headline_cards, year_text
from dashboard.i18n import format_number, join_list, t, t_optional
from dashboard.registry import DatasetMeta
from dashboard.sources import provenance, source_line, source_lines
from ui import cached, presenting, shell, state, widgets

lang, digits = shell.page_start()
stock, totals, refugees = cached.dataset("migrant_stock"), cached.dataset("iraq_totals"), cached.dataset("refugees")
head = headline(stock.frame, totals.frame, refugees.frame)


def revision(meta: DatasetMeta) -> str:
    """A revision's name for a caption (a published version's name is shown as typed)."""
    return provenance(meta, "revision", lang, plaintext.markdown)


st.title(t("overview.title", lang))
detail = presenting.aside(lang)  # on a projector: folded, so the cards and charts fit the screen
detail.write(t("overview.intro", lang))

# --- the newest estimate first (its own revision and source), then the series the cards and trends use ---------
newest = diaspora.newest_version(cached.versions("migrant_stock"))
if newest is not None and newest.year_max != head.year:
    latest = diaspora.latest_estimate(cached.dataset("migrant_stock", newest.version).frame, newest.not_estimated)
    names = country_names(cached.countries(), lang)
    detail.metric(t("overview.latest", lang, year=year_text(latest.year, digits)),
                  format_number(latest.people, lang, digits))
    detail.caption(t("overview.latest_caption", lang, people=format_number(latest.people, lang, digits),
                 year=year_text(latest.year, digits), count=format_number(latest.destinations, lang, digits),
                 source=t_optional(f"dataset.migrant_stock.{newest.version}.short", lang) or revision(newest),
                 missing=join_list(sorted(names.get(c, c) for c in latest.not_estimated), lang) or "–")
               + " " + source_line(newest, lang, plaintext.markdown))
    detail.caption(t("overview.series_note", lang, revision=revision(stock.meta),
                 start=year_text(head.base_year, digits), end=year_text(head.year, digits)))

cols = st.columns(4)
for column, (label, value) in zip(cols, headline_cards(head, lang, digits), strict=True):
    column.metric(label, value)
on_projector = state.presenting()
charts = st.container() if on_projector else st  # on a projector the cards' notes follow the charts (to fit)
notes = [st] * 4 if on_projector else cols
bundled = [cached.dataset("migrant_stock", m.version) for m in cached.versions("migrant_stock") if m.is_bundled]
for caveat in growth_caveats(stock, bundled, country_names(cached.countries(), lang), lang, digits, plaintext.markdown):
    notes[2].caption(caveat)
notes[3].caption(t("overview.refugees_inside", lang))
st.caption(t("overview.refugees_split", lang, refugees=format_number(head.refugees, lang, digits),
             asylum_seekers=format_number(head.asylum_seekers, lang, digits)))
st.caption(source_lines([stock.meta, totals.meta, refugees.meta], lang, plaintext.markdown))

left, right = charts.columns(2)
with left:
    top = with_names(stock_by_destination(stock.frame, head.year).head(10), cached.countries(), lang,
                     "destination_iso3")
    title = t("overview.top_destinations", lang, year=year_text(head.year, digits))
    widgets.chart(top_destinations_bar(top, lang, title), key="overview_top")
    widgets.source_caption(stock.meta, lang)
    table = top[["rank", "country", "migrants", "share"]].rename(columns={
        "rank": t("chart.rank", lang), "country": t("chart.destination", lang),
        "migrants": t("chart.migrants", lang), "share": t("chart.share", lang)})
    widgets.table_when_open(table, title, source_line(stock.meta, lang), lang, "overview_top_table")
with right:
    trend = total_by_year(stock.frame)
    title = t("overview.trend", lang, start=year_text(trend["year"].min(), digits),
              end=year_text(trend["year"].max(), digits))
    widgets.chart(diaspora_trend(trend, lang, title), key="overview_trend")
    widgets.source_caption(stock.meta, lang)
    widgets.table_when_open(
        trend.rename(columns={"year": t("chart.year", lang), "migrants": t("chart.migrants", lang)}),
        title, source_line(stock.meta, lang), lang, "overview_trend_table")

remittances = cached.dataset("remittances")
title = t("overview.remittances_title", lang, start=year_text(remittances.frame["year"].min(), digits),
          end=year_text(remittances.frame["year"].max(), digits))
widgets.chart(remittances_trend(remittances.frame, lang, title), key="overview_remittances")
st.caption(f"{t('overview.remittances_caveat', lang)} {source_line(remittances.meta, lang, plaintext.markdown)}")
widgets.table_when_open(remittances_table(remittances.frame, lang), title,
                        f"{source_line(remittances.meta, lang)} {t('overview.remittances_caveat', lang)}", lang,
                        "overview_remittances_table")
