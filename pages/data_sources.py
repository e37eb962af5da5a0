"""Data & sources: the catalogue with downloads, uploading an analyst's own data, and version history."""

import streamlit as st

from dashboard.i18n import t
from ui import data_page, shell, store_status

lang, digits = shell.page_start()
st.title(t("data.title", lang))
store_status.data_page_problem(lang)
data_page.session_uploads(lang)
sources_tab, upload_tab, versions_tab = st.tabs([t("data.tab_sources", lang), t("data.tab_upload", lang),
                                                 t("data.tab_versions", lang)])
with sources_tab:
    data_page.sources_tab(lang)
with upload_tab:
    data_page.upload_tab(lang, digits)
with versions_tab:
    data_page.versions_tab(lang)
