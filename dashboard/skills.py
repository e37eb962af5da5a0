"""Skills of Iraqis abroad: weighted distributions, filters, destination comparisons and the talent pool.

Works on any table with the skills columns (the illustrative sample today, a real survey or roster later).
Every figure is weighted by the survey weight (estimated people) and carries the number of respondents it
rests on, so ``suppress`` can hide every cell built on fewer than ``MIN_RESPONDENTS`` respondents.
Vectorised pandas only (groupby on categoricals); never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from dashboard.i18n import Digits, format_number, format_percent, t
from dashboard.registry import DatasetMeta
from dashboard.skills_sample import EDUCATION_LEVELS, ENGAGEMENT_MODES, FIELDS, ISCO_MAJOR_GROUPS, SECTORS
from dashboard.sources import provenance
from dashboard.vocabularies import CONSENT_WORDS

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
    combos, distinct = pd.factorize(out["languages"].fillna("").astype(str))
    sets = [{c.strip() for c in str(v).split(";")} - {""} for v in distinct]
    for code in sorted(set().union(*sets)):
        has = np.array([code in spoken for spoken in sets] + [False])  # last: missing (-1)
        out[f"lang__{code}"] = has[combos]
    return out


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if "skill_level" in frame.columns and "age_band" in frame.columns else prepare(frame)


def present_categories(column: pd.Series) -> list[object]:
    """Categories of a categorical column that occur at least once, in category order (for filter options)."""
    codes = column.cat.codes.to_numpy()
    counts = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
    return list(column.cat.categories[counts > 0])


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
def _category_counts(column: pd.Series, weight: np.ndarray) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """(categories, respondents, weighted) of a categorical column: every category, missing values left out."""
    codes = column.cat.codes.to_numpy()
    known = codes >= 0
    size = len(column.cat.categories)
    return (column.cat.categories, np.bincount(codes[known], minlength=size),
            np.bincount(codes[known], weight[known], minlength=size))


def _share(part: pd.Series | np.ndarray, total: float) -> pd.Series | np.ndarray:
    return part / total if total > 0 else part * np.nan


def weighted_distribution(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """[value, respondents, weighted, share]: every category of `column` (zeros included, natural order);
    share = weighted / weighted total of rows where `column` is known."""
    frame = _prepared(frame)
    categories, respondents, weighted = _category_counts(frame[column], frame["weight"].to_numpy())
    return pd.DataFrame({"value": categories.astype(str), "respondents": respondents.astype(int),
                         "weighted": weighted, "share": _share(weighted, weighted.sum())})


def _flags(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Boolean columns as one (rows x columns) array, without a pandas column selection (slow on wide frames)."""
    if not columns:
        return np.zeros((len(frame), 0), dtype=bool)
    return np.column_stack([frame[c].to_numpy(dtype=bool) for c in columns])


def languages_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """[value, respondents, weighted, share] per language; a person speaks several, so shares exceed 100% in
    sum (share = weighted speakers / weighted total)."""
    frame = _prepared(frame)
    codes = language_codes(frame)
    flags = _flags(frame, [f"lang__{c}" for c in codes])
    weight = frame["weight"].to_numpy()
    weighted = weight @ flags if len(codes) else np.zeros(0)
    out = pd.DataFrame({"value": codes, "respondents": flags.sum(axis=0).astype(int), "weighted": weighted})
    out["share"] = _share(out["weighted"], float(weight.sum()))
    return out.sort_values("weighted", ascending=False, ignore_index=True)


def interest_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """[value, respondents, weighted, share] per engagement mode: respondents interested, their weight, and
    the weighted share of everyone in `frame` (modes are not exclusive)."""
    frame = _prepared(frame)
    flags = _flags(frame, INTEREST_COLUMNS)
    weight = frame["weight"].to_numpy()
    out = pd.DataFrame({"value": list(ENGAGEMENT_MODES), "respondents": flags.sum(axis=0).astype(int),
                        "weighted": weight @ flags})
    out["share"] = _share(out["weighted"], float(weight.sum()))
    return out


def age_sex_pyramid(frame: pd.DataFrame) -> pd.DataFrame:
    """[age_band, sex, respondents, weighted, share] (share of the weighted total, both sexes)."""
    frame = _prepared(frame)
    bands = frame["pyramid_band"].cat.codes.to_numpy().astype(np.int64)
    sex, categories = frame["sex"].cat.codes.to_numpy(), list(frame["sex"].cat.categories)
    female = sex == categories.index("female")
    known = (bands >= 0) & (female | (sex == categories.index("male")))
    key = bands[known] * 2 + female[known]
    size = 2 * len(PYRAMID_BANDS)
    respondents = np.bincount(key, minlength=size)
    weighted = np.bincount(key, frame["weight"].to_numpy()[known], minlength=size)
    return pd.DataFrame({"age_band": np.repeat(np.array(PYRAMID_BANDS, dtype=object), 2),
                         "sex": np.tile(np.array(["male", "female"], dtype=object), len(PYRAMID_BANDS)),
                         "respondents": respondents.astype(int), "weighted": weighted,
                         "share": _share(weighted, weighted.sum())})


#: Indicators for comparing destinations: "tertiary" or an interest column.
INDICATORS: tuple[str, ...] = ("tertiary", *INTEREST_COLUMNS)


def compare_destinations(frame: pd.DataFrame, indicator: str = "tertiary") -> pd.DataFrame:
    """Per residence country: respondents, weighted, matches (respondents with the indicator),
    matches_weighted and share (weighted share with the indicator); largest communities first."""
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; expected one of {INDICATORS}")
    frame = _prepared(frame)
    country = frame["residence_iso3"]
    codes, size = country.cat.codes.to_numpy(), len(country.cat.categories)
    flag = frame[indicator].to_numpy(dtype=bool)
    weight = frame["weight"].to_numpy()
    out = pd.DataFrame({
        "residence_iso3": country.cat.categories.astype(str),
        "respondents": np.bincount(codes, minlength=size),
        "weighted": np.bincount(codes, weight, minlength=size),
        "matches": np.bincount(codes, flag, minlength=size).astype(int),
        "matches_weighted": np.bincount(codes, weight * flag, minlength=size),
    })
    out = out[out["respondents"] > 0]
    out["share"] = out["matches_weighted"] / out["weighted"].where(out["weighted"] > 0)
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
    sector_names = [*wanted, "other"]
    levels = [*SKILL_LEVELS, "unknown"]
    # Category codes -> pool codes, on the (few) categories rather than on every row.
    sector_map = np.array(
        [sector_names.index(c) if c in wanted else len(wanted) for c in frame["sector"].cat.categories]
        + [len(wanted)]  # last entry: a missing sector (code -1) counts as other
    )
    level_map = np.array([levels.index(c) if c in levels else len(SKILL_LEVELS)
                          for c in frame["skill_level"].cat.categories] + [len(SKILL_LEVELS)])
    country = frame["residence_iso3"]
    n_sector, n_level = len(sector_names), len(levels)
    key = (country.cat.codes.to_numpy().astype(np.int64) * n_sector
           + sector_map[frame["sector"].cat.codes.to_numpy()]) * n_level + level_map[
        frame["skill_level"].cat.codes.to_numpy()]
    size = len(country.cat.categories) * n_sector * n_level
    weight = frame["weight"].to_numpy()
    respondents = np.bincount(key, minlength=size)
    cells = np.flatnonzero(respondents)
    columns: dict[str, np.ndarray] = {
        "residence_iso3": np.asarray(country.cat.categories.astype(str))[cells // (n_sector * n_level)],
        "sector": np.array(sector_names, dtype=object)[(cells // n_level) % n_sector],
        "skill_level": np.array(levels, dtype=object)[cells % n_level],
        "respondents": respondents[cells],
        "weight": np.bincount(key, weight, minlength=size)[cells],
    }
    flags = {c: frame[c].to_numpy(dtype=bool) for c in INTEREST_COLUMNS}
    for column, flag in flags.items():
        columns[column] = np.bincount(key, weight * flag, minlength=size)[cells]
    for column, flag in flags.items():
        columns[f"n_{column}"] = np.bincount(key, flag, minlength=size)[cells].astype(int)
    return pd.DataFrame(columns)


def _sector_order(sector: str) -> tuple[bool, int, str]:
    """Known sectors in their natural order, unknown ones after, "other" last."""
    return sector == "other", SECTORS.index(sector) if sector in SECTORS else len(SECTORS), sector


def _sum_by(keys: np.ndarray, values: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Sums of each value array per distinct key (the pool is small; numpy beats a pandas groupby here)."""
    codes, distinct = pd.factorize(keys)
    return np.asarray(distinct, dtype=object), {
        name: np.bincount(codes, array, minlength=len(distinct)) for name, array in values.items()
    }


def pool_by_mode(pool: pd.DataFrame, skill_levels: Sequence[str] = ("high",)) -> pd.DataFrame:
    """[sector, mode, respondents, weighted] from a talent pool: professionals available per sector and mode."""
    part = pool[pool["skill_level"].isin(skill_levels)]
    columns = [*INTEREST_COLUMNS, *(f"n_{c}" for c in INTEREST_COLUMNS)]
    sectors, sums = _sum_by(part["sector"].to_numpy(dtype=object),
                            {c: part[c].to_numpy(dtype=float) for c in columns})
    order = sorted(range(len(sectors)), key=lambda i: _sector_order(sectors[i]))
    n = len(order)
    return pd.DataFrame({
        "sector": np.tile(sectors[order], len(ENGAGEMENT_MODES)) if n else np.array([], dtype=object),
        "mode": np.repeat(np.array(ENGAGEMENT_MODES, dtype=object), n),
        "respondents": np.concatenate([sums[f"n_interest_{m}"][order] for m in ENGAGEMENT_MODES]).astype(int),
        "weighted": np.concatenate([sums[f"interest_{m}"][order] for m in ENGAGEMENT_MODES]),
    })


def pool_by_country(pool: pd.DataFrame, sector: str, mode: str,
                    skill_levels: Sequence[str] = ("high",)) -> pd.DataFrame:
    """[residence_iso3, respondents, weighted] interested in `mode`, in `sector`, most first."""
    part = pool[(pool["sector"] == sector) & pool["skill_level"].isin(skill_levels)]
    countries, sums = _sum_by(part["residence_iso3"].to_numpy(dtype=object), {
        "respondents": part[f"n_interest_{mode}"].to_numpy(dtype=float),
        "weighted": part[f"interest_{mode}"].to_numpy(dtype=float),
    })
    out = pd.DataFrame({"residence_iso3": countries, "respondents": sums["respondents"].astype(int),
                        "weighted": sums["weighted"]})
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


def sample_note(meta: DatasetMeta, lang: str, escape: Callable[[str], str] = str) -> str:
    """The one line beside every figure that depends on the skills data (`meta`: its DatasetMeta): the
    illustrative sample says so; a real survey (published or explored) is named, its typed title passed through
    `escape` (`dashboard.plaintext.markdown` where the line is shown as Markdown, as for source_line)."""
    if meta.is_synthetic:
        return t("common.sample_note", lang)
    return t("common.survey_note", lang, title=provenance(meta, "title", lang, escape) or escape(meta.source_file))


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


def _mapped(values: pd.Series | np.ndarray, label: Callable[[str], str]) -> pd.Categorical:
    """Translate a few-valued column through its distinct values, not row by row; a categorical result, so
    100,000 rows need no string copies."""
    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        codes, distinct = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, distinct = pd.factorize(values)
    labels, label_codes = pd.factorize(pd.Series([label(str(v)) for v in distinct], dtype=object))
    remap = np.append(labels, -1)  # code -1 (missing) stays missing
    return pd.Categorical.from_codes(remap[codes], categories=pd.Index(label_codes, dtype=object))


def talent_list(matches: pd.DataFrame, lang: str, names: dict[str, str], with_contacts: bool = False) -> pd.DataFrame:
    """Matches as a translated list: pseudonymous id and banded attributes (no exact age), plus, when asked
    (`with_contacts`: a session holding the publish right), contact columns only for rows of a consented roster
    whose ``contact_consent`` is yes (read strictly: the text "false" is no)."""
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
            t("skills.col.country", lang): _mapped(matches["residence_iso3"], lambda c: names.get(c, c)),
            t("skills.col.sex", lang): _mapped(matches["sex"], lambda v: category_label("sex", v, lang)),
            t("skills.col.age_band", lang): _mapped(matches["age_band"], str),
            t("skills.col.education", lang): _mapped(
                matches["education"], lambda v: category_label("education", v, lang)
            ),
            t("skills.col.field", lang): _mapped(
                matches["field_of_study"], lambda v: category_label("field", v, lang)
            ),
            t("skills.col.occupation", lang): _mapped(
                matches["occupation_isco"], lambda v: category_label("isco", v, lang)
            ),
            t("skills.col.sector", lang): _mapped(
                matches["sector"], lambda v: category_label("sector", v, lang)
            ),
            t("skills.col.languages", lang): _mapped(
                matches["languages"],
                lambda v: sep.join(category_label("lang", c.strip(), lang) for c in v.split(";") if c.strip()),
            ),
            t("skills.col.modes", lang): _mapped(modes, lambda code: mode_text[int(code)]),
        }
    )
    if with_contacts and has_consented_contacts(matches):
        consent = matches[CONSENT_COLUMN].map(lambda v: CONSENT_WORDS.get(str(v).strip().casefold()) is True)
        consent = consent.to_numpy(dtype=bool)
        for column in CONTACT_COLUMNS:
            if column in matches.columns:
                values = matches[column].astype("string").fillna("").to_numpy(dtype=object)
                out[t(f"skills.col.{column}", lang)] = np.where(consent, values, "")
    return out
