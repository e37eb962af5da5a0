"""The Overview as an official reads it: the newest figure first with its own source, then the Rev.2020 series,
each caveat beside the figure it qualifies, and the remittances context with its caveat."""

from __future__ import annotations

import base64

import numpy as np

from tests.app.conftest import plotly_figures


def values(array) -> list:
    """A plotly array from the figure spec (plain list, or typed array encoded as base64)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def captions_of(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_overview_leads_with_mid_2024_from_un_desa_2024(open_page):
    at = open_page()
    assert not at.exception, [e.message for e in at.exception]
    first = at.metric[0]
    assert (first.label, first.value) == ("Iraqi-born living abroad in mid-2024", "2,313,028")
    captions = captions_of(at)
    assert "2,313,028 in mid-2024, UN DESA 2024: the newest estimate, for 62 countries of residence" in captions
    assert "Not estimated in this revision (not zero):" in captions and "France" in captions
    assert "Rev.2024" in captions  # its own source line
    assert "use Rev.2020, whose series runs 1990–2020" in captions
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Iraqi-born living abroad, 2020"] == "2,077,976"  # the series keeps Rev.2020


def test_growth_says_it_depends_on_the_revision_and_refugees_are_inside_the_stock(open_page):
    captions = captions_of(open_page())
    assert ("Depends on the revision: Rev.2019 gives +35% for 1990–2019, because it puts the Iraqi-born in Iran "
            "in 1990 at 1,153,969, against 290,278 in Rev.2020.") in captions
    assert "Refugees born in Iraq are part of the Iraqi-born figure above, not in addition to it." in captions


def test_remittances_context_chart_with_source_and_informal_caveat(open_page):
    at = open_page()
    chart = next(f for f in plotly_figures(at) if "Remittances received by Iraq" in f["layout"]["title"]["text"])
    years, shares = values(chart["data"][0]["x"]), values(chart["data"][0]["y"])
    assert years == list(range(2005, 2021)) and round(shares[-1], 2) == 0.39
    captions = captions_of(at)
    assert "informal channels" in captions and "World Bank" in captions and "BX.TRF.PWKR.DT.GD.ZS" in captions


def test_with_rev2024_active_the_one_year_revision_claims_no_growth(open_page, tmp_path, monkeypatch):
    import streamlit as st

    from dashboard.registry import Registry
    from dashboard.store import Store

    monkeypatch.setenv("DASHBOARD_HOME", str(tmp_path / "home"))
    st.cache_resource.clear()
    Registry(store=Store(tmp_path / "home")).activate("migrant_stock", "rev2024", "Analyst A")
    try:
        at = open_page()
        assert not at.exception, [e.message for e in at.exception]
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Iraqi-born living abroad, 2024"] == "2,313,028"
        assert metrics["Growth since 2024"] == "–"
    finally:
        st.cache_resource.clear()
