"""Skills of Iraqis abroad: weighted distributions, filters, destination comparisons and the talent pool.

Works on any table with the skills columns (the illustrative sample today, a real survey or roster later).
Every figure is weighted by the survey weight (estimated people) and carries the number of respondents it
rests on, so ``suppress`` can hide every cell built on fewer than ``MIN_RESPONDENTS`` respondents.
Vectorised pandas only (groupby on categoricals); never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from dashboard.i18n import Digits, format_number, format_percent, t
from dashboard.skills_sample import EDUCATION_LEVELS, ENGAGEMENT_MODES, FIELDS, ISCO_MAJOR_GROUPS, SECTORS

#: Iraq's priority sectors by default (configurable on the page; the scenario model takes them as an argument).
PRIORITY_SECTORS: tuple[str, ...] = ("health", "higher_education", "engineering_construction", "ict", "energy",
                                     "agriculture")
SKILL_LEVELS: tuple[str, ...] = ("high", "medium", "low")
SKILL_LEVEL_OF_EDUCATION: dict[str, str] = {
    "doctorate": "high", "master": "high", "bachelor": "high",
    "post_secondary_vocational": "medium", "secondary": "medium",
    "primary_or_less": "low",
}  # fmt: skip
TERTIARY: tuple[str, ...] = ("bachelor", "master", "doctorate")
INTEREST_COLUMNS: tuple[str, ...] = tuple(f"interest_{m}" for m in ENGAGEMENT_MODES)

#: Cells built on fewer respondents than this are shown as SUPPRESSED (privacy and reliability).
MIN_RESPONDENTS = 10
SUPPRESSED = "<10"
ALL = "all"

#: Age bands for filters (lower bound -> label); the pyramid uses finer bands.
AGE_BANDS: tuple[str, ...] = ("18-29", "30-44", "45-59", "60+")
_AGE_EDGES = [-np.inf, 30, 45, 60, np.inf]
PYRAMID_BANDS: tuple[str, ...] = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
_PYRAMID_EDGES = [-np.inf, 25, 35, 45, 55, 65, np.inf]
YEARS_ABROAD_BANDS: tuple[str, ...] = ("0-5", "6-10", "11-20", "21+")
_YEARS_EDGES = [-np.inf, 6, 11, 21, np.inf]

#: Columns a consented roster may carry; shown by the talent finder only where ``contact_consent`` is true.
CONTACT_COLUMNS: tuple[str, ...] = ("name", "email", "phone")
CONSENT_COLUMN = "contact_consent"


# --------------------------------------------------------------------------------------------------
# Preparation: categoricals and derived bands, computed once per dataset (cached by ui/cached.py)
# --------------------------------------------------------------------------------------------------
def _categorical(values: pd.Series, order: Sequence[str]) -> pd.Series:
    """A categorical in `order`, with any unexpected values of a real dataset appended (never dropped)."""
    values = values.astype("string")
    extra = sorted(set(values.dropna().unique()) - set(order))
    return pd.Categorical(values, categories=[*order, *extra], ordered=True)


def prepare(skills: pd.DataFrame, countries: pd.DataFrame | None = None) -> pd.DataFrame:
    """The skills table with categorical columns and derived bands, so every aggregation is a fast groupby.

    Adds skill_level, tertiary, age_band, pyramid_band, years_band, region (M49, from `countries`) and one
    boolean ``lang__<code>`` column per language found in the semicolon-joined ``languages`` column.
    """
    out = skills.copy()
    out["residence_iso3"] = out["residence_iso3"].astype("string").astype("category")
    out["sex"] = _categorical(out["sex"], ["male", "female"])
    out["education"] = _categorical(out["education"], EDUCATION_LEVELS)
    out["field_of_study"] = _categorical(out["field_of_study"], FIELDS)
    out["sector"] = _categorical(out["sector"], SECTORS)
    out["occupation_isco"] = _categorical(out["occupation_isco"].astype("string"),
                                          [str(c) for c in ISCO_MAJOR_GROUPS])
    out["skill_level"] = _categorical(out["education"].astype("string").map(SKILL_LEVEL_OF_EDUCATION),
                                      SKILL_LEVELS)
    out["tertiary"] = out["education"].isin(TERTIARY).to_numpy()
    out["age_band"] = pd.cut(out["age"], _AGE_EDGES, right=False, labels=list(AGE_BANDS))
    out["pyramid_band"] = pd.cut(out["age"], _PYRAMID_EDGES, right=False, labels=list(PYRAMID_BANDS))
    out["years_band"] = pd.cut(out["years_abroad"], _YEARS_EDGES, right=False, labels=list(YEARS_ABROAD_BANDS))
    for column in INTEREST_COLUMNS:
        out[column] = out[column].fillna(0).astype(bool)
    out["weight"] = out["weight"].astype(float)
    if countries is not None:
        region = out["residence_iso3"].map(dict(zip(countries["iso3"], countries["region"], strict=True)))
        out["region"] = region.astype("string").fillna("Unknown").astype("category")
    spoken = out["languages"].fillna("").astype("string").str.split(";")
    lengths = spoken.str.len().to_numpy()
    codes = pd.Series(np.concatenate(spoken.to_numpy()) if len(out) else [], dtype="string").str.strip()
    rows = np.repeat(np.arange(len(out)), lengths)
    for code in sorted(set(codes.dropna()) - {""}):
        flag = np.zeros(len(out), dtype=bool)
        flag[rows[(codes == code).to_numpy(dtype=bool, na_value=False)]] = True
        out[f"lang__{code}"] = flag
    return out


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if "skill_level" in frame.columns and "age_band" in frame.columns else prepare(frame)


def language_codes(frame: pd.DataFrame) -> list[str]:
    """Language codes present in a prepared frame."""
    return [c.removeprefix("lang__") for c in frame.columns if c.startswith("lang__")]


# --------------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------------
Choice = str | tuple[str, ...]


def _chosen(value: Choice) -> tuple[str, ...] | None:
    """None means "no filter" ("all" or nothing chosen)."""
    if isinstance(value, str):
        return None if value == ALL else (value,)
    return tuple(value) or None


@dataclass(frozen=True)
class SkillsFilter:
    """Combinable filters; every field is "all", one value or a tuple of values. `mode` keeps respondents
    interested in that engagement mode (any of them, for a tuple)."""

    countries: Choice = ALL
    region: Choice = ALL
    sex: Choice = ALL
    age_band: Choice = ALL
    education: Choice = ALL
    field_of_study: Choice = ALL
    sector: Choice = ALL
    mode: Choice = ALL

    def is_empty(self) -> bool:
        return all(_chosen(getattr(self, f.name)) is None for f in fields(self))

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean mask of the rows that pass every filter (a prepared frame)."""
        keep = np.ones(len(frame), dtype=bool)
        columns = {"countries": "residence_iso3", "region": "region", "sex": "sex", "age_band": "age_band",
                   "education": "education", "field_of_study": "field_of_study", "sector": "sector"}
        for name, column in columns.items():
            chosen = _chosen(getattr(self, name))
            if chosen is not None:
                keep &= frame[column].isin(chosen).to_numpy()
        modes = _chosen(self.mode)
        if modes is not None:
            keep &= frame[[f"interest_{m}" for m in modes]].to_numpy().any(axis=1)
        return keep

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` that pass every filter."""
        frame = _prepared(frame)
        return frame if self.is_empty() else frame[self.mask(frame)]


# --------------------------------------------------------------------------------------------------
# Aggregations: every row carries respondents (count) and weighted (estimated people)
# --------------------------------------------------------------------------------------------------
def _counts(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    grouped = frame.groupby(by, observed=False, sort=True)["weight"]
    return pd.DataFrame({"respondents": grouped.size(), "weighted": grouped.sum()})


def _share(part: pd.Series | np.ndarray, total: float) -> pd.Series | np.ndarray:
    return part / total if total > 0 else part * np.nan


def weighted_distribution(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """[value, respondents, weighted, share]: every category of `column` (zeros included, natural order);
    share = weighted / weighted total of rows where `column` is known."""
    frame = _prepared(frame)
    out = _counts(frame, column)
    out["share"] = _share(out["weighted"], out["weighted"].sum())
    out = out.reset_index().rename(columns={column: "value"})
    out["value"] = out["value"].astype(str)
    out["respondents"] = out["respondents"].astype(int)
    return out


def languages_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """[value, respondents, weighted, share] per language; a person speaks several, so shares exceed 100% in
    sum (share = weighted speakers / weighted total)."""
    frame = _prepared(frame)
    codes = language_codes(frame)
    flags = frame[[f"lang__{c}" for c in codes]].to_numpy()
    weight = frame["weight"].to_numpy()
    weighted = weight @ flags if len(codes) else np.zeros(0)
    out = pd.DataFrame({"value": codes, "respondents": flags.sum(axis=0).astype(int), "weighted": weighted})
    out["share"] = _share(out["weighted"], float(weight.sum()))
    return out.sort_values("weighted", ascending=False, ignore_index=True)


def interest_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """[value, respondents, weighted, share] per engagement mode: respondents interested, their weight, and
    the weighted share of everyone in `frame` (modes are not exclusive)."""
    frame = _prepared(frame)
    flags = frame[list(INTEREST_COLUMNS)].to_numpy()
    weight = frame["weight"].to_numpy()
    out = pd.DataFrame({"value": list(ENGAGEMENT_MODES), "respondents": flags.sum(axis=0).astype(int),
                        "weighted": weight @ flags})
    out["share"] = _share(out["weighted"], float(weight.sum()))
    return out


def age_sex_pyramid(frame: pd.DataFrame) -> pd.DataFrame:
    """[age_band, sex, respondents, weighted, share] (share of the weighted total, both sexes)."""
    frame = _prepared(frame)
    frame = frame[frame["sex"].isin(["male", "female"])]
    out = _counts(frame, ["pyramid_band", "sex"]).reset_index().rename(columns={"pyramid_band": "age_band"})
    out = out[out["sex"].isin(["male", "female"])].reset_index(drop=True)
    out["share"] = _share(out["weighted"], out["weighted"].sum())
    out["age_band"] = out["age_band"].astype(str)
    out["sex"] = out["sex"].astype(str)
    out["respondents"] = out["respondents"].astype(int)
    return out


#: Indicators for comparing destinations: "tertiary" or an interest column.
INDICATORS: tuple[str, ...] = ("tertiary", *INTEREST_COLUMNS)


def compare_destinations(frame: pd.DataFrame, indicator: str = "tertiary") -> pd.DataFrame:
    """Per residence country: respondents, weighted, matches (respondents with the indicator),
    matches_weighted and share (weighted share with the indicator); largest communities first."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; expected one of {INDICATORS}")
    frame = _prepared(frame)
    flag = frame[indicator].to_numpy(dtype=bool)
    work = pd.DataFrame({"residence_iso3": frame["residence_iso3"].to_numpy(), "weight": frame["weight"].to_numpy(),
                         "match": flag, "match_weight": frame["weight"].to_numpy() * flag})
    grouped = work.groupby("residence_iso3", observed=True, sort=False)
    out = grouped.agg(respondents=("weight", "size"), weighted=("weight", "sum"), matches=("match", "sum"),
                      matches_weighted=("match_weight", "sum"))
    out["share"] = out["matches_weighted"] / out["weighted"].where(out["weighted"] > 0)
    out = out.reset_index()
    out["residence_iso3"] = out["residence_iso3"].astype(str)
    out[["respondents", "matches"]] = out[["respondents", "matches"]].astype(int)
    return out.sort_values(["weighted", "residence_iso3"], ascending=[False, True], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Talent pool (the scenario model's input)
# --------------------------------------------------------------------------------------------------
def talent_pool(skills: pd.DataFrame, sectors: Sequence[str] = PRIORITY_SECTORS) -> pd.DataFrame:
    """One row per (residence_iso3, sector, skill_level) with respondents, weight (estimated people) and, per
    engagement mode, interest_<mode> (weight of those interested) and n_interest_<mode> (respondents).

    Sectors outside `sectors` become "other". Rows with unknown education get skill_level "unknown". No
    suppression here: this is the input of the scenario model, and display code suppresses.
    """
    frame = _prepared(skills)
    wanted = [s for s in dict.fromkeys(sectors) if s != "other"]
    sector = frame["sector"].astype("string")
    sector = sector.where(sector.isin(wanted), "other")
    level = frame["skill_level"].astype("string").fillna("unknown")
    weight = frame["weight"].to_numpy()
    flags = frame[list(INTEREST_COLUMNS)].to_numpy()
    work = pd.DataFrame({
        "residence_iso3": frame["residence_iso3"].astype("string").to_numpy(),
        "sector": pd.Categorical(sector, categories=[*wanted, "other"]),
        "skill_level": pd.Categorical(level, categories=[*SKILL_LEVELS, "unknown"]),
        "respondents": 1,
        "weight": weight,
        **{c: weight * flags[:, i] for i, c in enumerate(INTEREST_COLUMNS)},
        **{f"n_{c}": flags[:, i].astype(int) for i, c in enumerate(INTEREST_COLUMNS)},
    })
    out = work.groupby(["residence_iso3", "sector", "skill_level"], observed=True, sort=True).sum().reset_index()
    out["sector"] = out["sector"].astype(str)
    out["skill_level"] = out["skill_level"].astype(str)
    out["residence_iso3"] = out["residence_iso3"].astype(str)
    return out


def _sector_order(sector: str) -> tuple[bool, int, str]:
    """Known sectors in their natural order, unknown ones after, "other" last."""
    return sector == "other", SECTORS.index(sector) if sector in SECTORS else len(SECTORS), sector


def pool_by_mode(pool: pd.DataFrame, skill_levels: Sequence[str] = ("high",)) -> pd.DataFrame:
    """[sector, mode, respondents, weighted] from a talent pool: professionals available per sector and mode."""
    part = pool[pool["skill_level"].isin(skill_levels)]
    sums = part.groupby("sector", sort=False)[[*INTEREST_COLUMNS, *(f"n_{c}" for c in INTEREST_COLUMNS)]].sum()
    sums = sums.loc[sorted(sums.index, key=_sector_order)]
    rows = [
        pd.DataFrame({"sector": sums.index, "mode": mode, "respondents": sums[f"n_interest_{mode}"].astype(int),
                      "weighted": sums[f"interest_{mode}"]})
        for mode in ENGAGEMENT_MODES
    ]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["sector", "mode", "respondents", "weighted"])


def pool_by_country(pool: pd.DataFrame, sector: str, mode: str,
                    skill_levels: Sequence[str] = ("high",)) -> pd.DataFrame:
    """[residence_iso3, respondents, weighted] interested in `mode`, in `sector`, most first."""
    part = pool[(pool["sector"] == sector) & pool["skill_level"].isin(skill_levels)]
    out = part.groupby("residence_iso3", sort=False).agg(respondents=(f"n_interest_{mode}", "sum"),
                                                         weighted=(f"interest_{mode}", "sum")).reset_index()
    out = out[out["respondents"] > 0]
    return out.sort_values(["weighted", "residence_iso3"], ascending=[False, True], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Suppression and display
# --------------------------------------------------------------------------------------------------
def _is_figure_column(column: pd.Series) -> bool:
    """Numeric, or numbers already partly suppressed by an earlier call (not a label column)."""
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    values = column.dropna()
    return column.dtype == object and len(values) > 0 and all(v == SUPPRESSED or _is_number(v) for v in values)


def suppress(frame: pd.DataFrame, count_column: str = "respondents", min_n: int = MIN_RESPONDENTS,
             derived: Sequence[str] | None = None) -> pd.DataFrame:
    """A display copy where `count_column` and every cell derived from it (`derived`; by default every other
    numeric column) read SUPPRESSED on rows built on fewer than `min_n` respondents. Chain calls for tables
    with several counts (e.g. matches, then the base)."""
    if derived is None:
        derived = [c for c in frame.columns if c != count_column and _is_figure_column(frame[c])]
    out = frame.copy()
    counts = pd.to_numeric(out[count_column], errors="coerce")
    small = (counts < min_n).to_numpy()
    for column in [count_column, *derived]:
        if small.any():
            out[column] = out[column].astype(object)
            out.loc[small, column] = SUPPRESSED
    return out


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _fmt_number(value: object, lang: str, digits: Digits) -> object:
    return format_number(float(value), lang, digits) if _is_number(value) else value


def _fmt_percent(value: object, lang: str, digits: Digits) -> object:
    return format_percent(float(value), lang, digits) if _is_number(value) else value


def display_table(frame: pd.DataFrame, lang: str, digits: Digits, labels: dict[str, str],
                  percent: Sequence[str] = ("share",), count_column: str = "respondents",
                  min_n: int = MIN_RESPONDENTS) -> pd.DataFrame:
    """Suppressed, formatted and translated: what a table (and its downloads) show. `labels` maps column ->
    header; columns not in `labels` are dropped."""
    shown = suppress(frame, count_column, min_n) if count_column in frame.columns else frame.copy()
    for column in [c for c in labels if c in shown.columns]:
        fmt = _fmt_percent if column in percent else _fmt_number
        shown[column] = shown[column].map(lambda v, fmt=fmt: fmt(v, lang, digits)).astype(str)
    return shown[[c for c in labels if c in shown.columns]].rename(columns=labels)


def category_label(kind: str, value: str, lang: str) -> str:
    """Translated label of a category value (kind: education, field, sector, mode, isco, sex, level, lang,
    region); an unknown value (from a real dataset) shows as is."""
    key = f"skills.{kind}.{value}"
    text = t(key, lang)
    return value if text == key else text


def country_summary(skills: pd.DataFrame, iso3: str, lang: str, digits: Digits = "western") -> pd.DataFrame:
    """A small translated table about respondents living in `iso3` (for the map's country panel):
    respondents, share with a tertiary degree, top sectors, share interested in each engagement mode.
    Every cell built on fewer than MIN_RESPONDENTS respondents reads SUPPRESSED; empty when there are none."""
    frame = _prepared(skills)
    here = frame[frame["residence_iso3"].astype("string") == iso3]
    if here.empty:
        return pd.DataFrame(columns=[t("skills.summary.indicator", lang), t("skills.summary.value", lang),
                                     t("skills.respondents", lang)])
    total_w = float(here["weight"].sum())
    n = len(here)

    def row(label: str, matches: int, weighted: float) -> tuple[str, object, object]:
        if n < MIN_RESPONDENTS or matches < MIN_RESPONDENTS:
            return label, SUPPRESSED, SUPPRESSED
        return label, format_percent(_share(weighted, total_w), lang, digits), format_number(matches, lang, digits)

    rows: list[tuple[str, object, object]] = [(
        t("skills.summary.respondents", lang),
        SUPPRESSED if n < MIN_RESPONDENTS else format_number(total_w, lang, digits),
        SUPPRESSED if n < MIN_RESPONDENTS else format_number(n, lang, digits),
    )]
    tertiary = here["tertiary"].to_numpy()
    rows.append(row(t("skills.summary.tertiary", lang), int(tertiary.sum()), float(here["weight"][tertiary].sum())))
    sectors = weighted_distribution(here, "sector")
    top = sectors[(sectors["respondents"] >= MIN_RESPONDENTS) & (sectors["value"] != "other")]
    top = top.nlargest(3, "weighted")
    if n < MIN_RESPONDENTS or top.empty:
        rows.append((t("skills.summary.top_sectors", lang), SUPPRESSED, SUPPRESSED))
    else:
        text = t("skills.list_separator", lang).join(
            f"{category_label('sector', r.value, lang)} ({format_percent(r.share, lang, digits)})"
            for r in top.itertuples())
        rows.append((t("skills.summary.top_sectors", lang), text, format_number(int(top["respondents"].sum()),
                                                                                  lang, digits)))
    for r in interest_distribution(here).itertuples():
        label = t("skills.summary.interest", lang, mode=category_label("mode", r.value, lang))
        rows.append(row(label, int(r.respondents), float(r.weighted)))
    return pd.DataFrame(rows, columns=[t("skills.summary.indicator", lang), t("skills.summary.value", lang),
                                       t("skills.respondents", lang)])


# --------------------------------------------------------------------------------------------------
# Talent finder
# --------------------------------------------------------------------------------------------------
def has_consented_contacts(frame: pd.DataFrame) -> bool:
    """True for a consented roster: a ``contact_consent`` column and at least one contact column."""
    return CONSENT_COLUMN in frame.columns and any(c in frame.columns for c in CONTACT_COLUMNS)


def can_list(matches: pd.DataFrame, min_n: int = MIN_RESPONDENTS) -> bool:
    """Individual records may be listed when there are at least `min_n` matches, or every match consented
    to be contacted (a roster): a smaller list of survey respondents could identify people."""
    if len(matches) >= min_n:
        return True
    if has_consented_contacts(matches) and len(matches):
        return bool(matches[CONSENT_COLUMN].fillna(False).astype(bool).all())
    return False


def _mapped(values: pd.Series, label: object) -> pd.Series:
    """Translate a (few-valued) column through its unique values, not row by row."""
    uniques = pd.unique(values.astype("string").fillna(""))
    return values.astype("string").fillna("").map({u: label(u) for u in uniques}).astype(str)


def talent_list(matches: pd.DataFrame, lang: str, names: dict[str, str]) -> pd.DataFrame:
    """Matches as a translated list: pseudonymous id and banded attributes (no exact age), plus contact
    columns only for rows of a consented roster whose ``contact_consent`` is true."""
    sep = t("skills.list_separator", lang)
    modes = np.zeros(len(matches), dtype=int)
    for i, column in enumerate(INTEREST_COLUMNS):
        modes |= matches[column].to_numpy(dtype=bool).astype(int) << i
    mode_text = {
        code: sep.join(category_label("mode", m, lang) for i, m in enumerate(ENGAGEMENT_MODES) if code >> i & 1)
        for code in np.unique(modes)
    }
    out = pd.DataFrame(
        {
            t("skills.col.id", lang): matches["respondent_id"].astype(str).to_numpy(),
            t("skills.col.country", lang): _mapped(matches["residence_iso3"], lambda c: names.get(c, c)).to_numpy(),
            t("skills.col.sex", lang): _mapped(matches["sex"], lambda v: category_label("sex", v, lang)).to_numpy(),
            t("skills.col.age_band", lang): matches["age_band"].astype(str).to_numpy(),
            t("skills.col.education", lang): _mapped(
                matches["education"], lambda v: category_label("education", v, lang)
            ).to_numpy(),
            t("skills.col.field", lang): _mapped(
                matches["field_of_study"], lambda v: category_label("field", v, lang)
            ).to_numpy(),
            t("skills.col.occupation", lang): _mapped(
                matches["occupation_isco"], lambda v: category_label("isco", v, lang)
            ).to_numpy(),
            t("skills.col.sector", lang): _mapped(
                matches["sector"], lambda v: category_label("sector", v, lang)
            ).to_numpy(),
            t("skills.col.languages", lang): _mapped(
                matches["languages"],
                lambda v: sep.join(category_label("lang", c.strip(), lang) for c in v.split(";") if c.strip()),
            ).to_numpy(),
            t("skills.col.modes", lang): pd.Series(modes).map(mode_text).to_numpy(),
        }
    )
    if has_consented_contacts(matches):
        consent = matches[CONSENT_COLUMN].fillna(False).astype(bool).to_numpy()
        for column in CONTACT_COLUMNS:
            if column in matches.columns:
                values = matches[column].astype("string").fillna("").to_numpy(dtype=object)
                out[t(f"skills.col.{column}", lang)] = np.where(consent, values, "")
    return out
