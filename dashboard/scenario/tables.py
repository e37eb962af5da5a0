"""Display tables of the scenario model, generated from the same definitions the model runs on.

The Methodology page's parameter table and the scenario page's Assumptions tab both come from here, so what a
reader sees cannot drift from what the model uses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.i18n import Digits, format_number, format_percent, join_list, t
from dashboard.scenario.model import HEADLINES, ORGANIC, OUTCOMES, SEGMENT_OUTCOMES
from dashboard.scenario.params import LEVERS, PARAMETERS, Param
from dashboard.scenario.population import Population
from dashboard.scenario.presets import PRESETS
from dashboard.table_cells import declare_kinds

MONEY = {"usd", "usd_per_year", "investment_usd", "remittances_usd", "cost_usd", "cum_investment",
         "cum_remittances", "cum_cost", "cost_per_outcome"}


def format_quantity(value: float, unit: str, lang: str, digits: Digits) -> str:
    """A parameter or outcome value in its unit's natural form (shares as %, money grouped)."""
    if unit in ("share_per_year", "share"):
        return format_percent(value, lang, digits, decimals=2 if value < 0.01 else 1)
    if unit in ("elasticity", "jobs_per_return", "points_per_usd"):
        return format_number(value, lang, digits, decimals=2)
    if unit in MONEY and value is not None and abs(value) >= 1e6:
        return t("scenario.millions", lang, value=format_number(value / 1e6, lang, digits, decimals=1))
    return format_number(value, lang, digits)


#: Significant digits of every modelled figure shown or downloaded: the model's ranges are wide (assumed
#: parameters, a synthetic sample), so "55,194" would claim a precision it does not have; "55,000" does not.
#: The saved scenario (JSON) and the model's own frames keep full precision.
MODEL_SIGNIFICANT = 2


def modelled(value: float | None) -> float | None:
    """A modelled figure rounded to MODEL_SIGNIFICANT significant digits (0, missing and infinite unchanged)."""
    if value is None or pd.isna(value) or value == 0 or not math.isfinite(value):
        return value
    places = MODEL_SIGNIFICANT - 1 - math.floor(math.log10(abs(value)))
    return float(round(float(value), places))


def modelled_series(values: Iterable[float]) -> pd.Series | np.ndarray:
    """`modelled` over a column (tables and downloads) or an array (chart values), same type back."""
    if isinstance(values, pd.Series):
        return values.map(modelled).astype(float)
    return np.array([modelled(v) for v in values], dtype=float)


def format_modelled(value: float, unit: str, lang: str, digits: Digits) -> str:
    """How a modelled figure is shown everywhere (cards, tables, briefing): rounded, then in its unit's form
    ("1,100 million", "2.7 million": no decimal that the rounding already removed)."""
    value = modelled(value)
    if unit in MONEY and value is not None and abs(value) >= 1e6:
        millions = value / 1e6
        decimals = 0 if abs(millions) >= 10 ** (MODEL_SIGNIFICANT - 1) else MODEL_SIGNIFICANT - 1
        return t("scenario.millions", lang, value=format_number(millions, lang, digits, decimals=decimals))
    return format_quantity(value, unit, lang, digits)


def package_label(slot: str, name: str, lang: str) -> str:
    """How a package is named on the page and in the briefing: its letter in the reader's script (A -> أ), then
    the case study it started from or the name it was given."""
    letter = t(f"scenario.slot.{slot}", lang)
    if name in PRESETS:
        name = t(f"cases.{name}.name", lang)
    return letter if name in ("", slot) else f"{letter}: {name}"


def lever_name(lever_id: str, lang: str) -> str:
    return t(f"scenario.lever.{lever_id}", lang) if lever_id != ORGANIC else t("scenario.organic", lang)


def parameter_table(lang: str, digits: Digits, levers: Iterable[str] | None = None) -> pd.DataFrame:
    """Every parameter (or the global ones plus those of `levers`): label, lever, range, unit, evidence, source."""
    wanted = None if levers is None else set(levers)
    rows = []
    for p in PARAMETERS.values():
        if wanted is not None and p.lever is not None and p.lever not in wanted:
            continue
        rows.append(_param_row(p, lang, digits))
    return pd.DataFrame(rows)


def _param_row(p: Param, lang: str, digits: Digits) -> dict[str, str]:
    return {
        t("method.col_param", lang): t(f"scenario.param.{p.id}", lang),
        t("method.col_lever", lang): lever_name(p.lever, lang) if p.lever else t("method.global", lang),
        t("method.col_low", lang): format_quantity(p.low, p.unit, lang, digits),
        t("method.col_central", lang): format_quantity(p.central, p.unit, lang, digits),
        t("method.col_high", lang): format_quantity(p.high, p.unit, lang, digits),
        t("method.col_unit", lang): t(f"scenario.unit.{p.unit}", lang),
        t("method.col_evidence", lang): t(f"method.evidence_{p.evidence}", lang),
        t("method.col_source", lang): t(f"scenario.param.{p.id}.note", lang),
        t("method.col_links", lang): " ".join(p.urls),
        t("method.col_id", lang): p.id,
    }


def parameter_table_for_reading(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`parameter_table` as read on a page at 1280 px: the links follow the source and reasoning in its column,
    and the identifiers (for analysts matching a saved scenario) stay in the download, so every column, the
    source above all, fits the page's width."""
    source, links = t("method.col_source", lang), t("method.col_links", lang)
    with_links = [f"{note} {urls}".strip() for note, urls in zip(table[source], table[links], strict=True)]
    return table.drop(columns=[links, t("method.col_id", lang)]).assign(**{source: with_links})


def lever_table(lang: str, digits: Digits) -> pd.DataFrame:
    """Every lever: pillar, analogue, ramp-up, reach, what a user sizes (default and range)."""
    rows = []
    for lv in LEVERS.values():
        skills = join_list((t(f"scenario.skill.{s}", lang) for s in lv.skills), lang) if lv.skills else \
            t("scenario.everyone", lang)
        sectors = join_list((t(f"scenario.sector.{s}", lang) for s in lv.sectors), lang) if lv.sectors else \
            t("scenario.all_sectors", lang)
        size = lv.size
        rows.append({
            t("method.col_lever", lang): lever_name(lv.id, lang),
            t("method.col_pillar", lang): t(f"scenario.pillar.{lv.pillar}", lang),
            t("method.col_case", lang): t(f"cases.{lv.case}.name", lang) if lv.case else t("method.no_case", lang),
            t("method.col_lag", lang): format_number(lv.lag, lang, digits),
            t("method.col_reach", lang): f"{skills}; {sectors}",
            t("method.col_size", lang): t(f"scenario.size.{size.unit}", lang) if size else "–",
            t("method.col_default", lang): format_number(size.default, lang, digits) if size else "–",
            t("method.col_range", lang): (f"{format_number(size.minimum, lang, digits)}–"
                                          f"{format_number(size.maximum, lang, digits)}") if size else "–",
            t("method.col_size_note", lang): t(f"scenario.lever.{lv.id}.size_note", lang) if size else "–",
        })
    return pd.DataFrame(rows)


def headline_table(frames: Iterable[pd.DataFrame], lang: str, digits: Digits) -> pd.DataFrame:
    """Scenarios side by side: one row per headline figure, "P50 (P10–P90)" per scenario."""
    table = pd.concat(list(frames), ignore_index=True)
    out = pd.DataFrame({t("scenario.col_metric", lang): [t(f"scenario.headline.{m}", lang) for m in HEADLINES]})
    for name, part in table.groupby("scenario", sort=False):
        part = part.set_index("metric")
        out[str(name)] = [band_text(part.loc[m], m, lang, digits) for m in HEADLINES]
    return out


def band_text(row: pd.Series, unit: str, lang: str, digits: Digits, bands: bool = True) -> str:
    """"P50 (P10–P90)", or "–" where there is no value (e.g. cost per outcome with no added outcome)."""
    if pd.isna(row["p50"]):
        return "–"
    mid = format_modelled(row["p50"], unit, lang, digits)
    if not bands or abs(row["p90"] - row["p10"]) < 1e-9 * max(abs(row["p50"]), 1):
        return mid
    low, high = (format_modelled(row[p], unit, lang, digits) for p in ("p10", "p90"))
    return f"{mid} ({low}–{high})"


def bands_table(bands: pd.DataFrame, lang: str, digits: Digits) -> pd.DataFrame:
    """Outcome bands for download: scenario, year, P10, P50, P90 (numbers rounded as modelled figures are)."""
    ends = {t(f"scenario.col_{p}", lang): modelled_series(bands[p]) for p in ("p10", "p50", "p90")}
    table = pd.DataFrame({t("scenario.col_scenario", lang): bands["scenario"], t("chart.year", lang): bands["year"],
                          **ends})
    money = "outcome" in bands and not bands.empty and bands["outcome"].isin(MONEY).all()
    return declare_kinds(table, dict.fromkeys(ends, "modelled_usd" if money else "modelled"))


def contributions_table(frame: pd.DataFrame, lang: str, digits: Digits) -> pd.DataFrame:
    """Where each cumulative number comes from: organic engagement and each lever (mean over draws)."""
    wide = frame.pivot(index="source", columns="outcome", values="mean")
    wide = wide.loc[[ORGANIC, *[s for s in wide.index if s != ORGANIC]]]
    out = pd.DataFrame({t("scenario.col_source", lang): [lever_name(s, lang) for s in wide.index]})
    for name in OUTCOMES:
        out[t(f"scenario.outcome.{name}", lang)] = [format_modelled(v, name, lang, digits) for v in wide[name]]
    return out


def segments_table(frame: pd.DataFrame, lang: str, digits: Digits) -> pd.DataFrame:
    """Cumulative outcomes by destination group, sector and skill level (mean over draws)."""
    out = pd.DataFrame({
        t("scenario.col_dest_group", lang): [t(f"scenario.group.{g}", lang) for g in frame["dest_group"]],
        t("scenario.col_sector", lang): [t(f"scenario.sector.{s}", lang) for s in frame["sector"]],
        t("scenario.col_skill", lang): [t(f"scenario.skill.{s}", lang) for s in frame["skill_level"]],
    })
    for name in SEGMENT_OUTCOMES:
        out[t(f"scenario.outcome.{name}", lang)] = modelled_series(frame[name]).to_numpy()
    return declare_kinds(out, {t(f"scenario.outcome.{name}", lang): "modelled_usd" if name in MONEY else "modelled"
                               for name in SEGMENT_OUTCOMES})


def tornado_table(frame: pd.DataFrame, lang: str, metric: str | None = None) -> pd.DataFrame:
    """The sensitivity chart's table: each parameter's result (`metric`'s) at its low, central and high value
    (rounded as modelled figures are). `frame` has label, param, low_value, central_value, high_value."""
    ends = {t(f"scenario.at_{end}", lang): modelled_series(frame[f"{end}_value"]) for end in ("low", "central", "high")}
    table = pd.DataFrame({t("method.col_param", lang): frame["label"], **ends,
                          t("method.col_id", lang): frame["param"]})
    return declare_kinds(table, dict.fromkeys(ends, "modelled_usd" if metric in MONEY else "modelled"))


def coverage_table(population: Population, lang: str, digits: Digits, names: dict[str, str]) -> pd.DataFrame:
    """How each destination's people were split: its own respondents, or its group's, or everyone's (and,
    when the skill levels come from the official figures, which ones)."""
    cov = population.coverage
    table = pd.DataFrame({
        t("chart.destination", lang): [names.get(c, c) for c in cov["destination_iso3"]],
        t("scenario.col_dest_group", lang): [t(f"scenario.group.{g}", lang) for g in cov["dest_group"]],
        t("chart.migrants", lang): cov["people"],
        t("scenario.col_respondents", lang): cov["respondents"],
        t("scenario.col_rule", lang): [t(f"scenario.rule.{r}", lang) for r in cov["rule"]],
    })
    if "education_source" in cov:
        table[t("scenario.col_education_source", lang)] = [t(f"scenario.education_source.{s}", lang)
                                                           for s in cov["education_source"]]
    return table
