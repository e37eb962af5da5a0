"""Entry point: page config, language, the sidebar tools, navigation. Pages live in pages/, listed in
dashboard/pages.py; everything else lives in ui/ and dashboard/."""

import streamlit as st

from dashboard.i18n import t
from ui import briefing_download, cached, presenting, shell, state, store_status

shell.leave_legacy_pages_mode()
lang = state.init_language()
st.set_page_config(page_title=t("app.title", lang), page_icon="🌍", layout="wide")
store_status.stop_if_misconfigured(lang)  # before anything opens the store
shell.sidebar_language()
shell.language_notices(lang)
presenting.sidebar_toggle(lang)
briefing_download.sidebar_download(lang, state.digits())
state.publish_presentation()
shell.apply_direction(lang)
shell.stop_if_data_broken(lang)
store_status.banner(lang)
page = shell.navigation(lang)
presenting.presentation_bar(lang, shell.current_page_id(page))
shell.run_page_safely(page, lang)
cached.freeze_long_lived_objects()
