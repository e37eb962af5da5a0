"""Skills: what official statistics measured about Iraqis abroad, then what they studied and how they want to help."""

import streamlit as st

from dashboard import plaintext
from dashboard import skills as sk
from dashboard.countries import country_names
from dashboard.i18n import format_number, t
from dashboard.skills_sample import ENGAGEMENT_MODES
from dashboard.sources import provenance, source_line
from ui import cached, presenting, shell, skills_official, skills_sections, state, widgets

lang, digits = shell.page_start()
data = cached.dataset("skills")
meta = data.meta
frame = cached.skills_prepared(meta.version, meta.sha256, data.frame)
names = country_names(cached.countries(), lang)
source = source_line(meta, lang)

st.title(t("skills.title", lang))
notes = presenting.aside(lang)  # folded on a projector, so that the first map fits the screen
notes.caption(t("skills.intro", lang))
skills_official.official_section(lang, digits, notes if state.presenting() else None)

st.header(t("official.detail_section", lang))
if meta.is_synthetic:
    widgets.synthetic_label(lang)
    skills_official.sample_basis(lang)
else:
    provenance_fields = {name: provenance(meta, name, lang, plaintext.markdown)
                         for name in ("title", "publisher", "revision")}
    st.info(t("skills.active_dataset", lang, years=meta.years, **provenance_fields), icon=":material/description:")
st.caption(t("skills.privacy_note", lang, n=sk.MIN_RESPONDENTS))


def label(kind: str):
    """Translator for one kind of category, for the widgets."""
    return skills_sections.label(kind, lang)


def options(column: str) -> list[str]:
    """Values present in the active dataset, in their natural order."""
    return [str(c) for c in sk.present_categories(frame[column])]


# ---------------------------------------------------------------- filters (apply to every tab), kept in the URL
FILTER_OPTIONS = {"skills_countries": options("residence_iso3"), "skills_region": options("region"),
                  "skills_sex": options("sex"), "skills_age": list(sk.AGE_BANDS),
                  "skills_education_filter": options("education"), "skills_field": options("field_of_study"),
                  "skills_sector": options("sector"), "skills_mode": list(ENGAGEMENT_MODES)}
for filter_key, allowed in FILTER_OPTIONS.items():
    state.seed_list_from_url(filter_key, allowed)
for _key, raw in state.take_url_notices():
    st.info(t("skills.url_notice", lang, value=raw), icon=":material/info:")

with st.expander(t("skills.filters", lang), expanded=True):
    c1, c2, c3, c4 = st.columns(4)
    countries = c1.multiselect(t("skills.filter.countries", lang), sorted(options("residence_iso3"),
                               key=lambda c: names.get(c, c)), format_func=lambda c: names.get(c, c),
                               key="skills_countries", placeholder=t("skills.filter.all", lang))
    region = c2.multiselect(t("skills.filter.region", lang), options("region"), format_func=label("region"),
                            key="skills_region", placeholder=t("skills.filter.all", lang))
    sex = c3.multiselect(t("skills.filter.sex", lang), options("sex"), format_func=label("sex"),
                         key="skills_sex", placeholder=t("skills.filter.all", lang))
    age = c4.multiselect(t("skills.filter.age_band", lang), list(sk.AGE_BANDS), key="skills_age",
                         placeholder=t("skills.filter.all", lang))
    c5, c6, c7, c8 = st.columns(4)
    education = c5.multiselect(t("skills.filter.education", lang), options("education"),
                               format_func=label("education"), key="skills_education_filter",
                               placeholder=t("skills.filter.all", lang))
    field = c6.multiselect(t("skills.filter.field", lang), options("field_of_study"), format_func=label("field"),
                           key="skills_field", placeholder=t("skills.filter.all", lang))
    sector = c7.multiselect(t("skills.filter.sector", lang), options("sector"), format_func=label("sector"),
                            key="skills_sector", placeholder=t("skills.filter.all", lang))
    mode = c8.multiselect(t("skills.filter.mode", lang), list(ENGAGEMENT_MODES), format_func=label("mode"),
                          key="skills_mode", placeholder=t("skills.filter.all", lang))

state.publish_list_to_url(*FILTER_OPTIONS)
chosen = sk.SkillsFilter(countries=tuple(countries), region=tuple(region), sex=tuple(sex), age_band=tuple(age),
                         education=tuple(education), field_of_study=tuple(field), sector=tuple(sector),
                         mode=tuple(mode))
view = chosen.apply(frame)
n_view = len(view)
left, right = st.columns(2)
left.metric(t("skills.metric.respondents", lang),
            sk.SUPPRESSED if 0 < n_view < sk.MIN_RESPONDENTS else format_number(n_view, lang, digits))
right.metric(t("skills.metric.people", lang),
             sk.SUPPRESSED if n_view < sk.MIN_RESPONDENTS else format_number(view["weight"].sum(), lang, digits))
if n_view < sk.MIN_RESPONDENTS:
    st.warning(t("skills.too_few", lang, n=sk.MIN_RESPONDENTS))
    st.stop()

section = st.segmented_control(t("skills.section", lang), list(skills_sections.SECTIONS), default="distributions",
                               format_func=lambda s: t(f"skills.tab.{s}", lang), key="skills_section",
                               label_visibility="collapsed")


@st.fragment
def section_charts(shown: skills_sections.SkillsView) -> None:
    """The chosen section's charts with their own choices: a change there reruns only this part."""
    skills_sections.SECTIONS[section or "distributions"](shown)


section_charts(skills_sections.SkillsView(lang, digits, meta, view, names, source))
