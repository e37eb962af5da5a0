"""Remittances received by Iraq (World Bank WDI, % of GDP): a registered dataset with its source and caveat."""

from dashboard.charts.overview import remittances_table, remittances_trend
from dashboard.i18n import t


def test_remittances_are_the_wdi_series_2005_2020_with_source(registry):
    data = registry.get("remittances")
    assert data.meta.publisher.startswith("World Bank") and data.meta.nature == "real"
    assert "BX.TRF.PWKR.DT.GD.ZS" in data.meta.citation and "informal" in data.meta.citation
    assert data.meta.years == "2005–2020" and data.meta.licence == "CC BY 4.0"
    by_year = data.frame.set_index("year")["remittances_pct_gdp"]
    assert round(by_year[2020], 2) == 0.39 and round(by_year[2005], 2) == 1.42


def test_remittances_chart_and_table_show_the_series_as_given(registry):
    frame = registry.get("remittances").frame
    fig = remittances_trend(frame, "en", "title")
    assert list(fig.data[0].x) == list(range(2005, 2021))
    assert list(fig.data[0].y) == frame["remittances_pct_gdp"].tolist()
    table = remittances_table(frame, "en")
    assert table.iloc[-1].tolist() == [2020, 0.39]
    assert "informal channels" in t("overview.remittances_caveat", "en")
    assert "غير الرسمية" in t("overview.remittances_caveat", "ar")
