"""Arabic-Indic digits inside plotly figures: ticks, hover labels, colour bars and titles."""

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.digits import localise_figure, localise_numbers, nice_ticks
from dashboard.charts.overview import diaspora_trend, top_destinations_bar


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0, 2_077_976) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]
    assert nice_ticks(5, 5) == [5]


def test_numbers_in_text_are_localised_but_punctuation_is_not():
    assert localise_numbers("Top 10, 1990–2020 (Rev.2020).", "arabic") == "Top ١٠, ١٩٩٠–٢٠٢٠ (Rev.٢٠٢٠)."
    assert localise_numbers("2,077,976", "arabic") == "٢٬٠٧٧٬٩٧٦"


def test_western_digits_leave_the_figure_alone():
    fig = diaspora_trend(pd.DataFrame({"year": [1990, 2020], "migrants": [1, 2]}), "ar", "t")
    assert localise_figure(fig, "western") is fig


def test_trend_axes_and_hover_use_arabic_indic_digits():
    trend = pd.DataFrame({"year": [1990, 2000, 2020], "migrants": [643_000, 1_200_000, 2_077_976]})
    fig = diaspora_trend(trend, "ar", "المولودون في العراق، 1990–2020")
    out = localise_figure(fig, "arabic")
    assert out.layout.xaxis.ticktext[0] == "١٩٩٠" and "٢٠٢٠" in out.layout.xaxis.ticktext
    assert "٢٬٠٠٠٬٠٠٠" in out.layout.yaxis.ticktext
    assert out.data[0].hovertemplate == "%{customdata[0]}: %{customdata[1]}<extra></extra>"
    assert list(out.data[0].customdata[2]) == ["٢٠٢٠", "٢٬٠٧٧٬٩٧٦"]
    assert out.layout.title.text == "المولودون في العراق، ١٩٩٠–٢٠٢٠"
    assert fig.layout.xaxis.ticktext is None, "the builder's figure was changed"


def test_bar_ticks_start_at_zero_and_categories_are_untouched():
    top = pd.DataFrame({"country": ["الأردن", "تركيا"], "migrants": [206_047, 233_288]})
    out = localise_figure(top_destinations_bar(top, "ar", "t"), "arabic")
    assert out.layout.xaxis.tickvals[0] == 0 and out.layout.xaxis.ticktext[0] == "٠"
    assert out.layout.yaxis.ticktext is None


def test_existing_custom_data_and_colour_bar_ticks_are_kept_and_localised():
    fig = go.Figure(go.Choropleth(locations=["JOR", "TUR"], z=[10, 20], customdata=[["الأردن", 3], ["تركيا", 4]],
                                  hovertemplate="%{customdata[0]}: %{customdata[1]:,} %{z:.1f}<extra></extra>",
                                  colorbar={"tickvals": [10, 20], "ticktext": ["10", "20"]}))
    out = localise_figure(fig, "arabic")
    assert out.data[0].colorbar.ticktext == ("١٠", "٢٠")
    assert out.data[0].hovertemplate == "%{customdata[0]}: %{customdata[2]} %{customdata[3]}<extra></extra>"
    assert list(out.data[0].customdata[0]) == ["الأردن", 3, "٣", "١٠٫٠"]


def test_outside_english_axes_use_no_si_letters():
    fig = diaspora_trend(pd.DataFrame({"year": [1990, 2020], "migrants": [643_000, 2_077_976]}), "ar", "t")
    out = localise_figure(fig, "western", "ar")
    assert out.layout.yaxis.exponentformat == "none" and out.layout.yaxis.separatethousands
    assert not out.layout.xaxis.separatethousands            # years stay 1990, not 1,990
    assert localise_figure(fig, "western", "en") is fig


def test_ready_made_hover_labels_are_localised_where_they_are_and_sent_once():
    """A hover label shown as is (%{hovertext}) gets Arabic-Indic digits in place, not a copy in customdata:
    the world map's Arabic hover text would otherwise travel to the browser twice."""
    labels = ["<b>St. Lucia</b>: 1,250 (10.5%)", "<b>Jordan</b>: 206,047"]
    fig = go.Figure(go.Choropleth(locations=["LCA", "JOR"], z=[1, 2], hovertext=labels,
                                  hovertemplate="%{hovertext}<extra></extra>"))
    out = localise_figure(fig, "arabic", "ar")
    assert out.data[0].hovertemplate == "%{hovertext}<extra></extra>"
    assert out.data[0].customdata is None
    assert list(out.data[0].hovertext) == ["<b>St. Lucia</b>: ١٬٢٥٠ (١٠٫٥٪)", "<b>Jordan</b>: ٢٠٦٬٠٤٧"]
    assert out.to_json().count("٢٠٦٬٠٤٧") == 1


def test_a_figure_that_went_through_a_cache_is_localised_too():
    """st.cache_data pickles figures, and plotly gives their numbers back as typed arrays ({"bdata": ...}): the
    colour bar, axes and hover labels must still read in Arabic-Indic digits (the skills map's did not)."""
    import pickle

    import numpy as np

    fig = go.Figure([go.Choropleth(locations=["JOR", "TUR"], z=np.array([0.1, 0.6]), zmin=0, zmax=0.6,
                                   colorbar={"tickformat": ".0%"}),
                     go.Bar(x=np.array([1990.0, 2020.0]), y=np.array([5.0, 7.0]),
                            hovertemplate="%{x}: %{y:.1f}<extra></extra>")])
    cached = pickle.loads(pickle.dumps(fig))
    assert isinstance(cached.data[0].z, dict)                 # what a cache hands back
    out = localise_figure(cached, "arabic", "ar")
    assert out.data[0].colorbar.ticktext[:2] == ("٠٪", "١٠٪")
    assert "١٩٩٠" in out.layout.xaxis.ticktext
    assert list(out.data[1].customdata[0]) == ["١٩٩٠", "٥٫٠"]


def test_percent_ticks_between_whole_percents_keep_their_decimal():
    fig = go.Figure(go.Bar(x=[1990, 2000], y=[0.02, 0.14]))
    fig.update_yaxes(tickformat=".0%")
    ticks = localise_figure(fig, "arabic", "ar").layout.yaxis.ticktext
    assert "٢٫٥٪" in ticks and "٨٪" not in ticks
