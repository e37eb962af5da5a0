"""Skills: what Iraqis abroad know and how they want to help."""

import streamlit as st

from dashboard.i18n import t
from ui import cached, components

lang, digits = components.page_start()
skills = cached.dataset("skills")
st.title(t("skills.title", lang))
if skills.meta.is_synthetic:
    components.synthetic_label(lang)
counts = skills.frame.groupby("education", as_index=False).size().rename(
    columns={"education": t("skills.education", lang), "size": t("skills.respondents", lang)})
components.table_with_downloads(counts, "skills_education", components.source_line(skills.meta, lang), lang,
                                key="skills_education")
components.source_caption(skills.meta, lang)
