"""Diaspora map: where Iraqi-born people live, by destination and year."""

import streamlit as st

from dashboard.countries import with_names
from dashboard.diaspora import stock_by_destination
from dashboard.i18n import t
from ui import cached, components

lang, digits = components.page_start()
stock = cached.dataset("migrant_stock")
st.title(t("map.title", lang))
years = sorted(stock.frame["year"].unique().tolist())
year = st.select_slider(t("map.year", lang), options=years, value=years[-1])
table = with_names(stock_by_destination(stock.frame, year), cached.countries(), lang, "destination_iso3")
components.table_with_downloads(table, f"iraqi_born_by_destination_{year}", components.source_line(stock.meta, lang),
                                lang, key="map_table")
components.source_caption(stock.meta, lang)
