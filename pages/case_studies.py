"""Case studies: China, India, Ireland, Korea and Taiwan."""

import streamlit as st

from dashboard.i18n import t
from ui import components

lang, digits = components.page_start()
st.title(t("cases.title", lang))
