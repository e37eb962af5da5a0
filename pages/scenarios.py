"""Policy scenarios: test engagement strategies drawn from five case studies."""

import streamlit as st

from dashboard.i18n import t
from ui import components

lang, digits = components.page_start()
st.title(t("scenario.title", lang))
st.info(t("scenario.disclaimer", lang))
