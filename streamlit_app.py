"""Entry point: page config, language, navigation. Everything else lives in pages/, ui/ and dashboard/."""

import streamlit as st

from dashboard.i18n import t
from ui import components, state

components.leave_legacy_pages_mode()
lang = state.init_language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🌍", layout="wide")
components.sidebar_language()
components.sidebar_tools(lang, state.digits())
components.apply_direction(lang)
components.stop_if_data_broken(lang)

pages = [
    st.Page("pages/overview.py", title=t("nav.overview", lang), icon="🏠", url_path="overview", default=True),
    st.Page("pages/map.py", title=t("nav.map", lang), icon="🗺️", url_path="map"),
    st.Page("pages/skills.py", title=t("nav.skills", lang), icon="🎓", url_path="skills"),
    st.Page("pages/scenarios.py", title=t("nav.scenarios", lang), icon="🧭", url_path="scenarios"),
    st.Page("pages/case_studies.py", title=t("nav.cases", lang), icon="📚", url_path="case-studies"),
    st.Page("pages/methodology.py", title=t("nav.methodology", lang), icon="📐", url_path="methodology"),
    st.Page("pages/data_sources.py", title=t("nav.data", lang), icon="🗂️", url_path="data"),
]
page = st.navigation(pages)
components.presentation_bar(lang, page.url_path)
components.run_page_safely(page, lang)
