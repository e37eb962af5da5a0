"""Entry point: page config, language, navigation. Everything else lives in pages/, ui/ and dashboard/."""

import streamlit as st

from dashboard.i18n import t
from ui import components, state, store_status

components.leave_legacy_pages_mode()
lang = state.init_language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🌍", layout="wide")
components.sidebar_language()
components.sidebar_tools(lang, state.digits())
components.apply_direction(lang)
components.stop_if_data_broken(lang)
store_status.stop_if_misconfigured(lang)

PAGES = [  # (file, title key, Material icon bundled with Streamlit (works offline), url path)
    ("pages/overview.py", "nav.overview", "home", "overview"),
    ("pages/map.py", "nav.map", "public", "map"),
    ("pages/skills.py", "nav.skills", "school", "skills"),
    ("pages/scenarios.py", "nav.scenarios", "tune", "scenarios"),
    ("pages/case_studies.py", "nav.cases", "menu_book", "case-studies"),
    ("pages/methodology.py", "nav.methodology", "functions", "methodology"),
    ("pages/data_sources.py", "nav.data", "database", "data"),
]
pages = [st.Page(file, title=t(key, lang), icon=f":material/{icon}:", url_path=path, default=i == 0)
         for i, (file, key, icon, path) in enumerate(PAGES)]
page = st.navigation(pages)
components.presentation_bar(lang, page.url_path)
components.run_page_safely(page, lang)
