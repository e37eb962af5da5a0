"""The facilitator's sequence as data: which step the bar shows for the page on screen."""

import pytest

from dashboard.presentation import STEPS, step_index, step_param_keys


def _key(index: int) -> str:
    return STEPS[index].key


def test_the_step_follows_the_case_the_page_shows():
    assert step_param_keys("case_studies") == ("case",)
    assert _key(step_index("case_china", "case_studies", {"case": "korea"})) == "case_korea"
    assert _key(step_index(None, "case_studies", {"case": "taiwan"})) == "case_taiwan"


def test_a_named_step_stands_when_the_page_agrees_or_has_no_parameters():
    assert _key(step_index("case_india", "case_studies", {"case": "india"})) == "case_india"
    assert _key(step_index("case_india", "case_studies", {})) == "case_india"
    assert _key(step_index("case_india", "overview", {})) == "today"
    assert _key(step_index("scenarios", None)) == "scenarios"


# --- figures on a projector (issue 17: every text at 18 px or more and at 4.5:1 or better) -----------------------
def test_contrast_is_wcags_ratio():
    from dashboard.presentation import contrast

    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)   # the lightest grey that passes
    assert contrast("#0b6e4f", "#0b6e4f") == pytest.approx(1)


def _contrast(fg: str, bg: str) -> float:
    from dashboard.presentation import contrast

    return contrast(fg, bg)


def _every_text_font(fig) -> list[tuple[str, object]]:
    """(where, font) of every text a figure draws: axis ticks and titles, colour bars, legend, annotations,
    value labels."""
    layout = fig.layout
    fonts = [("font", layout.font), ("legend", layout.legend.font), ("title", layout.title.font)]
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        fonts += [("ticks", axis.tickfont), ("axis title", axis.title.font)]
    fonts += [("colour bar", c.colorbar.tickfont) for c in fig.select_coloraxes()]
    fonts += [("annotation", a.font) for a in layout.annotations]
    fonts += [("value labels", trace.textfont) for trace in fig.data if trace.text is not None]
    return fonts


def test_every_text_of_a_projected_figure_is_large_and_dark():
    import plotly.graph_objects as go

    from dashboard.charts.common import apply_layout
    from dashboard.presentation import PROJECTOR, for_projector

    fig = go.Figure([go.Bar(x=[1, 2], y=["a", "b"], text=["1", "2"], textfont={"size": 13, "color": "#999999"},
                            orientation="h"),
                     go.Choropleth(locations=["IRQ"], z=[1], coloraxis="coloraxis")])
    fig.update_layout(coloraxis={"colorbar": {"title": {"text": "people"}, "tickfont": {"size": 13}}})
    fig.add_annotation(text="note", font={"size": 12, "color": "#aaaaaa"})
    projected = for_projector(apply_layout(fig, "ar", title="A title", height=600))
    for where, font in _every_text_font(projected):
        assert font.size is None or font.size >= 18, where
        assert font.color is None or _contrast(font.color, "#ffffff") >= 4.5, where
    assert projected.layout.font.size >= 18 and _contrast(projected.layout.font.color, "#ffffff") >= 4.5
    assert projected.layout.height <= PROJECTOR.height        # fits under the step bar at 1280x720
    assert fig.layout.annotations[0].font.size == 12          # the builder's figure is untouched


def test_labels_inside_bars_read_at_4_5_to_1_on_every_palette_colour():
    import plotly.graph_objects as go

    from dashboard.charts.common import PALETTE
    from dashboard.presentation import for_projector

    fig = go.Figure(go.Bar(x=list(range(len(PALETTE))), y=[1] * len(PALETTE), marker_color=PALETTE,
                           text=PALETTE, textposition="inside"))
    colours = for_projector(fig).data[0].insidetextfont.color
    assert all(_contrast(text, bar) >= 4.5 for text, bar in zip(colours, PALETTE, strict=True)), colours


def test_every_chart_step_names_a_main_chart_and_only_it_gets_the_steps_height():
    from dashboard.presentation import PROJECTOR, projector_style

    chart_steps = [step for step in STEPS if step.page != "case_studies"]
    assert all(step.main_chart for step in chart_steps)
    assert projector_style("since_1990", "map_chart").height > PROJECTOR.height
    assert projector_style("since_1990", "map_trend_total") == PROJECTOR == projector_style(None, "map_chart")
