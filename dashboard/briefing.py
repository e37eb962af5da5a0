"""The briefing: one self-contained HTML file, in the reader's language, that opens offline and prints to A4.

`build_briefing` is pure: it takes finished sections (text, headline figures, plotly figures, tables, notes,
sources) and returns the HTML. plotly.js is inlined from the installed plotly package, and geo charts find an
empty base topology in `window.PlotlyGeoAssets` (defined before plotly.js), so nothing is fetched when the file is
opened from disk. `overview_sections` assembles the standard sections from the bundled datasets.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.charts.digits import localise_figure, localise_numbers
from dashboard.headline import growth_caveats, headline_cards, year_text
from dashboard.i18n import Digits, format_number, format_percent, is_rtl, t, translation_note, with_digits
from dashboard.sources import isolate, provenance, source_line, source_lines

#: Printable width of A4 with 15 mm margins (180 mm at 96 dpi): figures are drawn at exactly this width.
A4_CONTENT_PX = 680
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": False}


@dataclass(frozen=True)
class BriefingSection:
    """One section of the briefing; every field is optional except the title. Text is plain (escaped)."""

    title: str
    text: str = ""
    metrics: Sequence[tuple[str, str]] = ()          # (label, formatted value) headline cards
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    notes: Sequence[str] = ()                        # bullet points: assumptions, caveats, sources
    source: str = ""
    synthetic: bool = False                          # shows the synthetic-data label


@cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _script_json(value: object) -> str:
    """JSON safe to embed inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


#: One number as written in any digit choice: an optional sign (not a range's dash), digits, group and decimal marks.
_NUMBER = re.compile(r"(?<![\d٠-٩۰-۹])[-−]?[\d٠-٩۰-۹](?:[\d٠-٩۰-۹]|[,.٬٫](?=[\d٠-٩۰-۹]))*")


def _whole_numbers(text: str) -> str:
    """`text` escaped, each number in it a left-to-right isolate that never wraps: a range "P50 (P10–P90)" keeps
    its order in Arabic and Kurdish, and no cell breaks inside "25,000"."""
    parts = _NUMBER.split(text)
    numbers = _NUMBER.findall(text)
    return "".join(html.escape(part) + (f"<bdi dir='ltr' class='n'>{html.escape(numbers[i])}</bdi>"
                                        if i < len(numbers) else "") for i, part in enumerate(parts))


def _cell(value: object, lang: str, digits: Digits) -> tuple[str, bool]:
    """(markup, is_number) of one table cell: escaped text with its numbers kept whole."""
    if isinstance(value, bool) or value is None:
        return html.escape("" if value is None else str(value)), False
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(type(value))):
        return _whole_numbers(format_number(int(value), lang, digits)), True
    if isinstance(value, float):
        return _whole_numbers(format_number(value, lang, digits, decimals=1)), True
    return _whole_numbers(localise_numbers(str(value), digits)), False


def _table_html(frame: pd.DataFrame, lang: str, digits: Digits) -> str:
    head = "".join(f"<th scope='col'>{_whole_numbers(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for value in record:
            text, number = _cell(value.item() if hasattr(value, "item") else value, lang, digits)
            cells.append(f"<td class='num'>{text}</td>" if number else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figure_html(fig: go.Figure, index: int, lang: str, digits: Digits) -> str:
    fig = localise_figure(fig, digits, lang)
    fig = go.Figure(fig)
    height = int(fig.layout.height or 420)
    fig.update_layout(width=A4_CONTENT_PX, height=height, autosize=False)
    # tick labels push the margins out rather than fall off the drawing ("2.5M" shown as "M", years cut in half)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(margin={"b": max(fig.layout.margin.b or 0, 40), "l": max(fig.layout.margin.l or 0, 10),
                              "r": max(fig.layout.margin.r or 0, 10)})
    spec = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    div_id = f"figure-{index}"
    return (f"<div class='figure' id='{div_id}' style='width:{A4_CONTENT_PX}px;height:{height}px'></div>"
            f"<script>(function(){{var f={_script_json(spec)};"
            f"Plotly.newPlot('{div_id}', f.data, f.layout, {_script_json(PLOTLY_CONFIG)});}})();</script>")


_CSS = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
       color: #1b1f24; margin: 0 auto; padding: 24px; max-width: 760px; line-height: 1.5; font-size: 11pt; }
header { border-bottom: 3px solid #0b6e4f; margin-bottom: 16px; padding-bottom: 8px; }
h1 { font-size: 20pt; margin: 0 0 4px; color: #0b6e4f; }
h2 { font-size: 14pt; margin: 20px 0 8px; color: #0b6e4f; break-after: avoid; page-break-after: avoid; }
.meta { color: #555; font-size: 9.5pt; margin: 2px 0; }
section { margin-bottom: 12px; }
.metrics { display: grid; grid-template-columns: repeat(2, 1fr); gap: 8px; }
.metric { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
.metric .label { font-size: 9.5pt; color: #555; }
.metric .value { font-size: 18pt; font-weight: 700; }
.figure { break-inside: avoid; page-break-inside: avoid; margin: 6px 0; }
/* plotly mirrors its own layout for RTL; its text measurements (and drawing) must run left-to-right */
.figure, #js-plotly-tester { direction: ltr; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 6px 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #d0d7de; padding: 3px 6px; text-align: start; overflow-wrap: anywhere; }
/* a number never wraps inside itself ("25, 00 0"), a header word never splits ("Lo w") */
.n { white-space: nowrap; unicode-bidi: isolate; }
th { overflow-wrap: normal; }
th { background: #f1f4f6; }
td.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.source { color: #555; font-size: 9pt; }
.synthetic { border: 1px solid #e0a800; background: #fff8e1; padding: 6px 10px; border-radius: 6px; }
ul { margin: 4px 0; padding-inline-start: 20px; }
@media print { body { padding: 0; max-width: none; } section { break-inside: auto; }
  /* the headline figures in one row, so the whole map still fits beneath them on page 1 */
  .metrics { grid-template-columns: repeat(4, 1fr); gap: 6px; } .metric { padding: 6px 8px; }
  .metric .value { font-size: 15pt; white-space: nowrap; } }
"""


def build_briefing(lang: str, digits: Digits, sections: Sequence[BriefingSection], *,
                   generated: str = "") -> str:
    """The briefing as one HTML document (string), in `lang`, numbers in `digits`."""
    lang = with_digits(lang, digits)   # every text it translates writes numbers and years in `digits`
    direction = "rtl" if is_rtl(lang) else "ltr"
    title = t("briefing.title", lang)
    parts: list[str] = []
    figure_count = 0
    for section in sections:
        body = [f"<h2>{html.escape(section.title)}</h2>"]
        if section.synthetic:
            body.append(f"<p class='synthetic'>{html.escape(t('common.synthetic_label', lang))}</p>")
        if section.text:
            body.extend(f"<p>{html.escape(p)}</p>" for p in section.text.split("\n\n") if p.strip())
        if section.metrics:
            cards = "".join(f"<div class='metric'><div class='label'>{html.escape(label)}</div>"
                            f"<div class='value'>{html.escape(value)}</div></div>" for label, value in section.metrics)
            body.append(f"<div class='metrics'>{cards}</div>")
        if section.figure is not None:
            body.append(_figure_html(section.figure, figure_count, lang, digits))
            figure_count += 1
        if section.table is not None and not section.table.empty:
            body.append(_table_html(section.table, lang, digits))
        if section.notes:
            body.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in section.notes) + "</ul>")
        if section.source:
            body.append(f"<p class='source'>{html.escape(section.source)}</p>")
        parts.append("<section>" + "".join(body) + "</section>")
    generated_text = t("briefing.generated", lang, date=isolate(localise_numbers(generated, digits)))
    generated_line = f"<p class='meta'>{html.escape(generated_text)}</p>" if generated else ""
    note = translation_note(lang)   # a first translation says so, on paper too
    generated_line += f"<p class='meta'>{html.escape(note)}</p>" if note else ""
    return (
        f"<!DOCTYPE html>\n<html lang='{html.escape(lang)}' dir='{direction}'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n<title>{html.escape(title)}</title>\n"
        f"<style>{_CSS}</style>\n"
        f"<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {_script_json(EMPTY_TOPOLOGY)}}}}};</script>\n"
        f"<script>{_plotly_js()}</script>\n</head>\n<body>\n"
        f"<header><h1>{html.escape(title)}</h1>"
        f"<p class='meta'>{html.escape(t('app.title', lang))}</p>{generated_line}</header>\n"
        + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def headline_section(stock, totals, refugees, lang: str, digits: Digits,
                     caveats: Sequence[str] = ()) -> BriefingSection:
    """The Overview's headline cards (dashboard.headline), from the same datasets the rest of the briefing uses,
    with the Overview's notes beside them (`caveats`: dashboard.headline.growth_caveats). Arguments are registry
    Datasets (meta + frame)."""
    lang = with_digits(lang, digits)   # every text it translates writes numbers and years in `digits`
    from dashboard.diaspora import headline

    head = headline(stock.frame, totals.frame, refugees.frame)
    return BriefingSection(title=t("briefing.headline", lang), text=t("overview.intro", lang),
                           metrics=headline_cards(head, lang, digits),
                           notes=[*caveats, t("overview.refugees_inside", lang)],
                           source=source_lines([d.meta for d in (stock, totals, refugees)], lang))


def sources_section(datasets: Sequence, lang: str) -> BriefingSection:
    """Every dataset the briefing draws on, with its full citation and licence, as the publishers wrote them
    (their own digits too, whatever the reader's choice)."""
    lang = str(lang)
    notes = []
    for dataset in datasets:
        meta = dataset.meta
        notes.append(f"{meta.citation or source_line(meta, lang)} ({meta.licence})" if meta.licence
                     else meta.citation or source_line(meta, lang))
    return BriefingSection(title=t("briefing.sources", lang), notes=list(dict.fromkeys(notes)))


@dataclass(frozen=True)
class MapView:
    """What the map shows (the map page's current choices, or its defaults)."""

    year: int | None = None                 # None: the latest year
    sex: str = "total"
    measure: str = "people"
    log_scale: bool = False
    base_year: int | None = None


def map_section(stock, countries: pd.DataFrame, boundaries: dict, lang: str, digits: Digits,
                view: MapView = MapView()) -> BriefingSection:
    """The diaspora map (dashboard.charts.map.world_map) for `view`, with its top destinations as a table."""
    lang = with_digits(lang, digits)   # every text it translates writes numbers and years in `digits`
    from dashboard.charts.map import world_map
    from dashboard.countries import country_names, with_names
    from dashboard.diaspora import coverage_gaps, destination_measures

    year = view.year or int(stock.frame["year"].max())
    measures = destination_measures(stock.frame, year, view.sex, view.base_year)
    title = localise_numbers(t("briefing.map_title", lang, year=year), digits)
    gaps = coverage_gaps(stock.frame, stock.meta.not_estimated)  # no figure in this revision: never zero
    fig = world_map(measures, boundaries, countries, view.measure, lang, digits, title, log_scale=view.log_scale,
                    base_year=view.base_year, gaps=gaps)
    # 360 px lets the whole map follow the headline figures on page 1 of the printed A4: at 460 it did not fit
    # beneath them, went to page 2 whole and left page 1 half empty
    fig.update_layout(height=360)
    top = with_names(measures.dropna(subset=["rank"]).head(10), countries, lang, "destination_iso3")
    table = pd.DataFrame({
        t("chart.rank", lang): top["rank"].astype(int),
        t("chart.destination", lang): top["country"],
        t("chart.migrants", lang): top["migrants"].astype(int),
        t("chart.share", lang): [format_percent(v, lang, digits) for v in top["share"]],
    })
    names = country_names(countries, lang)
    notes = [t("map.gaps_note", lang, revision=provenance(stock.meta, "revision", lang),
               countries=", ".join(sorted(names.get(c, c) for c in gaps)))] if gaps else []
    return BriefingSection(title=t("briefing.map", lang), figure=fig, table=table, notes=notes,
                           source=source_line(stock.meta, lang))


def trend_section(stock, lang: str, digits: Digits) -> BriefingSection:
    lang = with_digits(lang, digits)
    from dashboard.charts.overview import diaspora_trend
    from dashboard.diaspora import total_by_year

    trend = total_by_year(stock.frame)
    title = t("overview.trend", lang, start=int(trend["year"].min()), end=int(trend["year"].max()))
    heading = localise_numbers(t("briefing.trend", lang, start=int(trend["year"].min())), digits)
    return BriefingSection(title=heading, figure=diaspora_trend(trend, lang, title),
                           source=source_line(stock.meta, lang))


def standard_sections(stock, totals, refugees, countries: pd.DataFrame, boundaries: dict, lang: str,
                      digits: Digits, view: MapView = MapView(), scenario: Sequence[BriefingSection] = (),
                      other_revisions: Sequence = ()) -> list[BriefingSection]:
    """The briefing's sections: headline figures, the map, the trend since 1990, the scenarios, the sources.
    `other_revisions` (registry Datasets of the same dataset) say beside the growth figure that it depends on
    its revision."""
    lang = with_digits(lang, digits)   # every text it translates writes numbers and years in `digits`
    from dashboard.countries import country_names

    caveats = growth_caveats(stock, other_revisions, country_names(countries, lang), lang, digits)
    sections = [headline_section(stock, totals, refugees, lang, digits, caveats),
                map_section(stock, countries, boundaries, lang, digits, view)]
    if stock.frame["year"].nunique() > 1:  # a one-year revision (Rev.2024) has no trend to draw
        sections.append(trend_section(stock, lang, digits))
    sections.extend(scenario)
    sections.append(sources_section([stock, totals, refugees], lang))
    return sections


def scenario_sections(scenarios: dict[str, object], population, lang: str, digits: Digits,
                      metric: str = "cum_returns", data: Sequence = (), pools=None,
                      sample_note: str = "") -> list[BriefingSection]:
    """The scenario comparison and its assumptions: each package's headline figures (P50 with P10–P90) beside
    the baseline, a chart of `metric`, then every parameter the packages use with its range and source.
    `scenarios` maps a display label to a dashboard.scenario.spec.Scenario (all share one horizon and context);
    `data` are the datasets `population` was built from (registry Datasets), named in the section's source;
    `pools` are the model's pools of `population` when the caller has them already (built here otherwise);
    `sample_note` (dashboard.skills.sample_note) says what skills data the figures rest on, under each section."""
    lang = with_digits(lang, digits)   # every text it translates writes numbers and years in `digits`
    from dashboard.charts.scenario import compare_bars
    from dashboard.scenario import tables
    from dashboard.scenario.model import Pools, summarise

    baseline = t("scenario.baseline", lang)
    pools = pools or Pools.of(population)
    summaries = [summarise(scenario, pools, label, baseline) for label, scenario in scenarios.items()]
    frames = [summaries[0].baseline_headlines, *(s.headlines for s in summaries)]
    picked = pd.concat(frames, ignore_index=True)
    picked = picked[picked["metric"] == metric].fillna(0)
    fig = compare_bars(picked, lang, t(f"scenario.headline.{metric}", lang), t(f"scenario.unit_of.{metric}", lang),
                       baseline)
    levers = sorted({lever for scenario in scenarios.values() for lever in scenario.levers})
    assumptions = tables.parameter_table(lang, digits, levers)
    keep = [t(f"method.col_{c}", lang) for c in ("param", "low", "central", "high", "unit", "source")]
    assumptions = assumptions[[c for c in keep if c in assumptions.columns]]
    model_source = " · ".join(part for part in (t("scenario.source_line", lang), sample_note) if part)
    notes = [t("briefing.scenario_data", lang, year=year_text(population.year, digits),
               sources=source_lines([d.meta for d in data], lang))] if data else []
    return [
        BriefingSection(title=t("briefing.scenario", lang), text=t("scenario.disclaimer", lang), figure=fig,
                        table=tables.headline_table(frames, lang, digits), notes=notes, source=model_source),
        BriefingSection(title=t("briefing.assumptions", lang), table=assumptions, source=model_source),
    ]
