"""Methodology: the scenario model's equations and every parameter, generated from the definitions it runs on."""

import streamlit as st

from dashboard.i18n import format_number, t
from dashboard.scenario import tables
from dashboard.scenario.model import DRAWS, SEED
from dashboard.scenario.params import EUR_USD
from ui import shell, widgets

lang, digits = shell.page_start()
st.title(t("method.title", lang))
st.warning(t("scenario.disclaimer", lang), icon=":material/explore:")
st.markdown(t("method.intro", lang))

st.header(t("method.equations", lang))
st.markdown(t("method.equations_intro", lang))
st.latex(r"m_c(t) = \left(\tfrac{S}{50}\right)^{e_{S,c}} \left(\tfrac{E}{50}\right)^{e_{E,c}}"
         r"\left(\tfrac{T(t)}{50}\right)^{e_T}")
# Symbols only (no words), so the equations read the same in every language; method.symbols names them.
st.latex(r"O_c(t) = P_c \cdot r^{0}_c \cdot m_c(t)")
st.latex(r"\rho_\ell(t) = \min\left(1, \tfrac{t}{\lambda_\ell}\right)")
st.latex(r"d_{\ell,c}(t) = \Big(\sum_{s \in R_\ell} P_{c,s}\Big) \cdot r_{\ell,c} \cdot m_c(t) \cdot \rho_\ell(t)")
st.latex(r"u_\ell(t) = \min\big(K_\ell \cdot \rho_\ell(t),\ d_{\ell,c^*}(t)\big)")
st.latex(r"y_c(t) = \min\Big(P_c,\ O_c(t) + \sum_\ell d_{\ell,c}(t)\Big)")
st.latex(r"C(t) = \sum_\ell \big(F_\ell + k_\ell \cdot q_\ell(t)\big)")
st.markdown(t("method.symbols", lang))
st.markdown(t("method.uncertainty", lang, draws=format_number(DRAWS, lang, digits), seed=SEED))
st.markdown(t("method.money", lang, rate=format_number(EUR_USD, lang, digits, decimals=4)))
st.markdown(t("method.limits", lang))

st.header(t("method.levers", lang))
lever_frame = tables.lever_table(lang, digits)
widgets.table_with_downloads(lever_frame, "scenario_levers", t("scenario.source_line", lang), lang,
                             key="method_levers", whole=True)

st.header(t("method.parameters", lang))
st.caption(t("method.parameters_note", lang))
param_frame = tables.parameter_table(lang, digits)
widgets.table_with_downloads(param_frame, "scenario_parameters_all", t("scenario.source_line", lang), lang,
                             key="method_params", whole=True,
                             shown=tables.parameter_table_for_reading(param_frame, lang))
