"""Data & sources: every dataset and version with its provenance."""

import streamlit as st

from dashboard.i18n import t
from ui import cached, components

lang, digits = components.page_start()
st.title(t("data.title", lang))
st.write(t("data.catalogue", lang))
st.dataframe(cached.registry().catalogue(), hide_index=True, width="stretch")
