"""Deterministic generator of the ILLUSTRATIVE skills sample of Iraqi-born people abroad.

Nothing here is survey data. Where people live (and their sex split) comes from the real UN DESA migrant
stock passed in. Given ``CalibrationTargets`` (dashboard/skills_official.py), the sample's education by
destination and sex, employment by education and occupations of the employed are drawn from and then raked
to the OECD DIOC figures; every other attribute (field of study, sector, languages, interest in engaging,
age, years abroad, the detail within an education level) is drawn from the assumption tables in
``ASSUMPTIONS`` below: round, plausible numbers chosen to demonstrate the dashboard, not findings.
``calibration_table`` says which variable rests on which. Pure numpy/pandas; never imports streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# Categories and columns: one schema for bundled and uploaded data (dashboard/schemas.py, dashboard/vocabularies.py)
from dashboard.schemas import SKILLS_COLUMNS
from dashboard.vocabularies import (
    EDUCATION_GROUPS,
    EDUCATION_LEVELS,
    ENGAGEMENT_MODES,
    FIELDS,
    ISCO_MAJOR_GROUPS,
    LANGUAGES,
    SECTORS,
    SEXES,
)

if TYPE_CHECKING:
    from dashboard.skills_official import CalibrationTargets

#: Columns only the calibrated bundled sample carries (an uploaded survey may lack them and still loads).
CALIBRATION_COLUMNS: list[str] = ["employed"]
#: Education level of the sample -> the OECD's group (low ISCED 0-2, medium 3-4, high 5+).
EDUCATION_GROUP_OF_LEVEL: dict[str, str] = {
    "primary_or_less": "low", "secondary": "medium", "post_secondary_vocational": "medium",
    "bachelor": "high", "master": "high", "doctorate": "high",
}  # fmt: skip
_GROUP_OF_LEVEL = np.array([EDUCATION_GROUPS.index(EDUCATION_GROUP_OF_LEVEL[lv]) for lv in EDUCATION_LEVELS])
#: The one-line label of the sample wherever it is shown.
SAMPLE_LABEL = "illustrative sample, calibrated to OECD DIOC; interests are assumptions"

# --------------------------------------------------------------------------------------------------
# Destination groups (the conditioning variable of most assumptions)
# --------------------------------------------------------------------------------------------------
DESTINATION_GROUPS: dict[str, str] = {
    "oecd": "OECD Europe/North America/Oceania",
    "gulf": "Gulf",
    "neighbours": "Neighbouring countries (Iran, Turkey, Jordan, Syria, Lebanon)",
    "other": "Other",
}
NEIGHBOUR_ISO3 = frozenset({"IRN", "TUR", "JOR", "SYR", "LBN"})  # checked first: Turkey is OECD too
GULF_ISO3 = frozenset({"SAU", "ARE", "KWT", "QAT", "BHR", "OMN"})
OECD_ISO3 = frozenset(
    {
        # OECD members in Europe
        "AUT", "BEL", "CHE", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HUN", "IRL",
        "ISL", "ITA", "LTU", "LUX", "LVA", "NLD", "NOR", "POL", "PRT", "SVK", "SVN", "SWE",
        # North America and Oceania
        "USA", "CAN", "MEX", "AUS", "NZL",
    }
)  # fmt: skip

# Main local language of the residence country, when it is one of LANGUAGES.
LOCAL_LANGUAGE: dict[str, str] = {
    "DEU": "de", "AUT": "de", "CHE": "de", "LIE": "de", "LUX": "fr",
    "SWE": "sv", "TUR": "tr", "IRN": "fa",
    "FRA": "fr", "BEL": "nl", "NLD": "nl",
    "USA": "en", "GBR": "en", "CAN": "en", "AUS": "en", "NZL": "en", "IRL": "en", "MLT": "en",
}  # fmt: skip


def destination_group(iso3: str) -> str:
    """Destination group key ("oecd", "gulf", "neighbours", "other") of a residence country."""
    if iso3 in NEIGHBOUR_ISO3:
        return "neighbours"
    if iso3 in GULF_ISO3:
        return "gulf"
    if iso3 in OECD_ISO3:
        return "oecd"
    return "other"


# --------------------------------------------------------------------------------------------------
# ASSUMPTIONS: the one place where every illustrative number lives
# --------------------------------------------------------------------------------------------------
def _matrix(rows: dict[str, tuple[float, ...]], columns: list[str]) -> pd.DataFrame:
    """Rows of shares -> a row-normalised frame (index = condition, columns = outcome)."""
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype(float)
    return frame.div(frame.sum(axis=1), axis=0)


_GROUPS = list(DESTINATION_GROUPS)
AGE_BAND_YEARS: dict[str, tuple[int, int]] = {
    "18-29": (18, 29),
    "30-44": (30, 44),
    "45-59": (45, 59),
    "60-80": (60, 80),
}
YEARS_ABROAD_BANDS: dict[str, tuple[int, int]] = {
    "0-5": (0, 5),
    "6-10": (6, 10),
    "11-20": (11, 20),
    "21-45": (21, 45),
}


@dataclass(frozen=True)
class SkillsAssumptions:
    """Illustrative assumption tables. Each table: index = condition, columns = outcomes, rows sum to 1
    (except ``interest`` and ``languages``: independent yes-shares per column)."""

    note: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    share_female_fallback: float = 0.45  # used only when the stock has no male/female split for a country


# fmt: off
ASSUMPTIONS = SkillsAssumptions(
    note=(
        "Illustrative assumptions, not survey findings: round, plausible shares chosen to demonstrate the "
        "dashboard. Residence country and sex come from real data (UN DESA International Migrant Stock "
        "2020); in the calibrated sample, education, employment and occupations follow OECD DIOC (see "
        "calibration_table)."
    ),
    tables={
        # Age of adult respondents, by destination group (uniform within a band).
        "age_band": _matrix(
            {
                #              18-29  30-44  45-59  60-80
                "oecd":       (0.18,  0.36,  0.28,  0.18),
                "gulf":       (0.20,  0.45,  0.27,  0.08),
                "neighbours": (0.32,  0.38,  0.20,  0.10),
                "other":      (0.25,  0.40,  0.23,  0.12),
            },
            list(AGE_BAND_YEARS),
        ),
        # Years since leaving Iraq (capped below age - 15).
        "years_abroad_band": _matrix(
            {
                #              0-5   6-10  11-20  21-45
                "oecd":       (0.15, 0.25, 0.30,  0.30),
                "gulf":       (0.25, 0.30, 0.30,  0.15),
                "neighbours": (0.30, 0.40, 0.20,  0.10),
                "other":      (0.25, 0.30, 0.30,  0.15),
            },
            list(YEARS_ABROAD_BANDS),
        ),
        # Highest education, by destination group (doctorates concentrate in OECD destinations).
        "education": _matrix(
            {
                #              primary  secondary  vocational  bachelor  master  doctorate
                "oecd":       (0.16,    0.27,      0.14,       0.24,     0.13,   0.06),
                "gulf":       (0.10,    0.24,      0.14,       0.33,     0.14,   0.05),
                "neighbours": (0.34,    0.34,      0.10,       0.16,     0.05,   0.01),
                "other":      (0.22,    0.30,      0.12,       0.23,     0.10,   0.03),
            },
            EDUCATION_LEVELS,
        ),
        # Field of study given education ("none" = no post-secondary field).
        "field_of_study": _matrix(
            {
                #                            hlth  eng   ict   nat   bus   edu   soc   hum   agri  none
                "primary_or_less":           (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 1.00),
                "secondary":                 (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 1.00),
                "post_secondary_vocational": (0.18, 0.28, 0.14, 0.02, 0.14, 0.04, 0.02, 0.04, 0.06, 0.08),
                "bachelor":                  (0.14, 0.22, 0.10, 0.08, 0.16, 0.08, 0.10, 0.08, 0.04, 0.00),
                "master":                    (0.16, 0.22, 0.10, 0.12, 0.14, 0.06, 0.10, 0.07, 0.03, 0.00),
                "doctorate":                 (0.26, 0.20, 0.06, 0.20, 0.06, 0.04, 0.08, 0.07, 0.03, 0.00),
            },
            FIELDS,
        ),
        # ISCO-08 major group (0-9) given education.
        "occupation_isco": _matrix(
            {
                #                            0     1     2     3     4     5     6     7     8     9
                "primary_or_less":           (0.01, 0.02, 0.00, 0.02, 0.04, 0.26, 0.05, 0.22, 0.16, 0.22),
                "secondary":                 (0.01, 0.04, 0.02, 0.08, 0.12, 0.30, 0.03, 0.18, 0.12, 0.10),
                "post_secondary_vocational": (0.01, 0.05, 0.08, 0.34, 0.14, 0.16, 0.02, 0.12, 0.05, 0.03),
                "bachelor":                  (0.01, 0.12, 0.42, 0.20, 0.10, 0.09, 0.01, 0.02, 0.02, 0.01),
                "master":                    (0.01, 0.18, 0.58, 0.13, 0.05, 0.03, 0.00, 0.01, 0.01, 0.00),
                "doctorate":                 (0.00, 0.14, 0.78, 0.06, 0.01, 0.01, 0.00, 0.00, 0.00, 0.00),
            },
            [str(code) for code in ISCO_MAJOR_GROUPS],
        ),
        # Sector of work given field of study (health graduates mostly work in health).
        "sector": _matrix(
            {
                #                       hlth  h_ed  eng_c ict   enrg  agri  fin   pub   trade manuf other
                "health":              (0.80, 0.06, 0.00, 0.00, 0.00, 0.00, 0.02, 0.04, 0.03, 0.01, 0.04),
                "engineering":         (0.01, 0.05, 0.45, 0.05, 0.16, 0.01, 0.03, 0.04, 0.04, 0.12, 0.04),
                "ict":                 (0.02, 0.05, 0.04, 0.65, 0.03, 0.00, 0.08, 0.03, 0.04, 0.03, 0.03),
                "natural_sciences":    (0.12, 0.30, 0.05, 0.05, 0.12, 0.06, 0.04, 0.06, 0.04, 0.08, 0.08),
                "business_economics":  (0.02, 0.04, 0.03, 0.05, 0.04, 0.01, 0.45, 0.10, 0.16, 0.04, 0.06),
                "education":           (0.01, 0.35, 0.00, 0.01, 0.00, 0.00, 0.02, 0.20, 0.06, 0.01, 0.34),
                "social_sciences_law": (0.03, 0.15, 0.01, 0.02, 0.01, 0.00, 0.20, 0.30, 0.08, 0.02, 0.18),
                "humanities_arts":     (0.02, 0.20, 0.01, 0.03, 0.00, 0.00, 0.06, 0.12, 0.20, 0.03, 0.33),
                "agriculture":         (0.01, 0.08, 0.02, 0.00, 0.02, 0.55, 0.04, 0.08, 0.08, 0.06, 0.06),
                "none":                (0.05, 0.00, 0.14, 0.02, 0.02, 0.04, 0.03, 0.03, 0.38, 0.17, 0.12),
            },
            SECTORS,
        ),
        # Share interested in each engagement mode (independent yes/no), by destination group.
        "interest": pd.DataFrame.from_dict(
            {
                #              mentoring  short_term  return  investment  philanthropy
                "oecd":       (0.42,      0.30,       0.10,   0.14,       0.26),
                "gulf":       (0.30,      0.28,       0.16,   0.24,       0.22),
                "neighbours": (0.18,      0.14,       0.38,   0.06,       0.08),
                "other":      (0.26,      0.22,       0.18,   0.12,       0.14),
            },
            orient="index",
            columns=ENGAGEMENT_MODES,
        ),
        # Share speaking each language (independent yes/no), by destination group. "local" = the residence
        # country's main language from LOCAL_LANGUAGE; Arabic is forced when nothing else is drawn.
        "languages": pd.DataFrame.from_dict(
            {
                #              ar    ku    en    local
                "oecd":       (0.95, 0.22, 0.80, 0.75),
                "gulf":       (0.99, 0.08, 0.70, 0.00),
                "neighbours": (0.96, 0.25, 0.20, 0.55),
                "other":      (0.97, 0.12, 0.45, 0.30),
            },
            orient="index",
            columns=["ar", "ku", "en", "local"],
        ),
    },
)
# fmt: on


#: What each variable of the sample rests on: (variable, basis, source). basis: real | calibrated | assumption.
CALIBRATION: list[tuple[str, str, str]] = [
    ("residence_iso3", "real", "UN DESA International Migrant Stock 2020 (Rev.2020), destinations in 2020"),
    ("sex", "real", "UN DESA International Migrant Stock 2020 (Rev.2020), each destination's male/female split"),
    ("education", "calibrated", "low/medium/high by destination and sex raked to OECD/World Bank DIOC-E "
     "2010/11 where the destination is reliable, to OECD DIOC 2015/16 (OECD as a whole, same sex) elsewhere; "
     "the split within a level (e.g. bachelor/master/doctorate) is an assumption"),
    ("employed", "calibrated", "employment rate by education raked to OECD DIOC 2015/16 (ages 15-64, OECD as "
     "a whole), applied to every destination and age: an assumption outside the OECD"),
    ("occupation_isco", "calibrated", "ISCO-08 major groups of the employed raked to OECD DIOC 2015/16 (OECD "
     "excl. USA and Japan); occupation given education, and for those not employed, is an assumption"),
    ("age", "assumption", "age bands by destination group"),
    ("years_abroad", "assumption", "years abroad by destination group"),
    ("field_of_study", "assumption", "no official statistic covers the field of study of Iraq-born people abroad"),
    ("sector", "assumption", "sector given field of study"),
    ("languages", "assumption", "languages spoken by destination group"),
    *((f"interest_{m}", "assumption", "interest in engaging by destination group") for m in ENGAGEMENT_MODES),
    ("weight", "calibrated", "raked so that each destination sums to its UN DESA 2020 stock and the margins "
     "above hold"),
]

#: Which assumption tables the calibration overrides (their numbers no longer drive the sample's margins).
_BASIS_OF_TABLE = {"education": "calibrated", "occupation_isco": "calibrated"}


def calibration_table() -> pd.DataFrame:
    """Row by row: each variable of the sample, what it rests on (real, calibrated, assumption) and the source."""
    return pd.DataFrame(CALIBRATION, columns=["variable", "basis", "source"])


def assumptions_table() -> pd.DataFrame:
    """Every assumption as one long table for display: group, variable, value, share, basis, note.

    basis says whether the row still drives the calibrated sample ("assumption") or is overridden by the
    official margins ("calibrated": only the split within a margin remains assumed)."""
    rows = []
    for variable, table in ASSUMPTIONS.tables.items():
        for group, row in table.iterrows():
            for value, share in row.items():
                rows.append((str(group), variable, str(value), float(share)))
    rows.append(("all", "share_female_fallback", "female", ASSUMPTIONS.share_female_fallback))
    out = pd.DataFrame(rows, columns=["group", "variable", "value", "share"])
    out["basis"] = out["variable"].map(_BASIS_OF_TABLE).fillna("assumption")
    out["note"] = ASSUMPTIONS.note
    return out


# --------------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------------
def _draw(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each i, draw a column index from the probability row probs[rows[i]] (vectorised)."""
    cum = np.cumsum(probs, axis=1)[rows]
    cum[:, -1] = 1.0  # guard against rounding
    u = rng.random(len(rows))[:, None]
    return (u < cum).argmax(axis=1)


def _stock_2020(stock: pd.DataFrame) -> pd.DataFrame:
    """Latest-year stock by destination: total and female share (NaN when no split)."""
    latest = stock[stock["year"] == stock["year"].max()]
    wide = latest.pivot_table(index="destination_iso3", columns="sex", values="migrants", aggfunc="sum")
    wide = wide[wide.get("total", pd.Series(dtype=float)) > 0].sort_index()
    if "female" in wide and "male" in wide:
        share = wide["female"] / (wide["female"] + wide["male"])
    else:
        share = pd.Series(np.nan, index=wide.index)
    return pd.DataFrame({"total": wide["total"].astype(float), "female_share": share})


def _education_probs(targets: CalibrationTargets, iso3: np.ndarray, group_of_dest: np.ndarray) -> np.ndarray:
    """[destination x sex (male, female), level] draw probabilities: the official low/medium/high shares,
    split within each group by the assumption table of the destination group."""
    assumed = ASSUMPTIONS.tables["education"].loc[_GROUPS, EDUCATION_LEVELS].to_numpy()
    within = assumed / np.stack([np.bincount(_GROUP_OF_LEVEL, row, len(EDUCATION_GROUPS)) for row in assumed])[
        :, _GROUP_OF_LEVEL]
    probs = np.empty((len(iso3) * 2, len(EDUCATION_LEVELS)))
    for d, code in enumerate(iso3):
        for s, sex in enumerate(SEXES):
            probs[d * 2 + s] = targets.education_shares(code, sex)[_GROUP_OF_LEVEL] * within[group_of_dest[d]]
    return probs / probs.sum(axis=1, keepdims=True)


def rake(weight: np.ndarray, margins: list[tuple[np.ndarray, np.ndarray]], iterations: int = 200,
         tolerance: float = 1e-10) -> np.ndarray:
    """Iterative proportional fitting: scale weights until each margin's weighted totals meet its targets.

    Each margin is (codes, targets): codes[i] is respondent i's cell (-1 = not in this margin); a cell with
    no respondents is left out (its target cannot be met and is not forced onto the others)."""
    w = weight.astype(float).copy()
    for _ in range(iterations):
        worst = 0.0
        for codes, targets in margins:
            inside = codes >= 0
            current = np.bincount(codes[inside], w[inside], minlength=len(targets))
            factor = np.divide(targets, current, out=np.ones_like(current), where=current > 0)
            worst = max(worst, float(np.abs(factor[current > 0] - 1).max(initial=0.0)))
            w[inside] *= factor[codes[inside]]
        if worst < tolerance:
            break
    return w


def _calibrated_weights(targets: CalibrationTargets, by_dest: pd.DataFrame, dest_idx: np.ndarray,
                        sex: np.ndarray, edu: np.ndarray, employed: np.ndarray, isco: np.ndarray) -> np.ndarray:
    """Raked weights: destination x sex x education group to stock x official shares, employment by
    education group to the official rates, occupations of the employed to the official ISCO shares."""
    n_dest, n_grp = len(by_dest), len(EDUCATION_GROUPS)
    grp = _GROUP_OF_LEVEL[edu]
    sex_i = (sex == "female").astype(int)
    # destination x sex totals from the stock; a sex with no respondents hands its people to the other
    female = by_dest["female_share"].fillna(ASSUMPTIONS.share_female_fallback).to_numpy()
    totals = by_dest["total"].to_numpy()[:, None] * np.column_stack([1 - female, female])
    present = np.bincount(dest_idx * 2 + sex_i, minlength=n_dest * 2).reshape(n_dest, 2) > 0
    totals = np.where(present, totals, 0) * (totals.sum(axis=1) / np.where(present, totals, 0).sum(axis=1)
                                             .clip(min=1e-12))[:, None]
    cell = (dest_idx * 2 + sex_i) * n_grp + grp
    cell_present = np.bincount(cell, minlength=n_dest * 2 * n_grp).reshape(n_dest * 2, n_grp) > 0
    shares = np.array([targets.education_shares(code, s) for code in by_dest.index for s in SEXES])
    shares = np.where(cell_present, shares, 0)
    shares = shares / shares.sum(axis=1, keepdims=True).clip(min=1e-12)
    edu_targets = (totals.reshape(-1)[:, None] * shares).reshape(-1)

    by_group = edu_targets.reshape(-1, n_grp).sum(axis=0)
    rate = targets.employment_rate.reindex(list(EDUCATION_GROUPS)).to_numpy(dtype=float)
    work_targets = np.column_stack([by_group * (1 - rate), by_group * rate]).reshape(-1)
    work_cell = grp * 2 + employed

    isco_share = targets.isco_shares.reindex(list(ISCO_MAJOR_GROUPS), fill_value=0).to_numpy(dtype=float)
    isco_present = np.bincount(isco[employed == 1], minlength=len(isco_share)) > 0
    isco_share = np.where(isco_present, isco_share, 0)
    isco_targets = (by_group * rate).sum() * isco_share / isco_share.sum()
    isco_cell = np.where(employed == 1, isco, -1)
    start = np.ones(len(dest_idx))
    return rake(start, [(cell, edu_targets), (work_cell, work_targets), (isco_cell, isco_targets)])


def generate_skills_sample(stock: pd.DataFrame, n: int = 5000, seed: int = 2015,
                           targets: CalibrationTargets | None = None) -> pd.DataFrame:
    """A synthetic survey-like table of ``n`` Iraqi-born adults abroad (see ``ASSUMPTIONS``).

    ``stock`` is the tidy migrant-stock frame (destination_iso3, year, sex, migrants); residence countries
    are drawn proportional to its latest-year total, sex from that country's male/female split. Without
    ``targets``, ``weight`` is stock / respondents per country. With ``targets`` (the official figures),
    education is drawn from them, an ``employed`` column is added, and the weights are raked so that the
    sample's education by destination and sex, employment by education and occupations of the employed
    equal the official figures; weights still sum to each destination's stock.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    by_dest = _stock_2020(stock)
    if by_dest.empty:
        raise ValueError("stock has no positive totals for its latest year")
    tables = ASSUMPTIONS.tables
    rng = np.random.default_rng(seed)

    iso3 = by_dest.index.to_numpy(dtype=object)
    dest_idx = rng.choice(len(iso3), size=n, p=(by_dest["total"] / by_dest["total"].sum()).to_numpy())
    residence = iso3[dest_idx]
    group_of_dest = np.array([_GROUPS.index(destination_group(c)) for c in iso3])
    grp = group_of_dest[dest_idx]

    female_share = by_dest["female_share"].fillna(ASSUMPTIONS.share_female_fallback).to_numpy()[dest_idx]
    sex = np.where(rng.random(n) < female_share, "female", "male")

    band = _draw(rng, tables["age_band"].loc[_GROUPS].to_numpy(), grp)
    lo = np.array([b[0] for b in AGE_BAND_YEARS.values()])[band]
    hi = np.array([b[1] for b in AGE_BAND_YEARS.values()])[band]
    age = rng.integers(lo, hi + 1)

    yband = _draw(rng, tables["years_abroad_band"].loc[_GROUPS].to_numpy(), grp)
    ylo = np.array([b[0] for b in YEARS_ABROAD_BANDS.values()])[yband]
    yhi = np.array([b[1] for b in YEARS_ABROAD_BANDS.values()])[yband]
    years_abroad = np.minimum(rng.integers(ylo, yhi + 1), age - 16)

    if targets is None:
        edu = _draw(rng, tables["education"].loc[_GROUPS].to_numpy(), grp)
    else:
        sex_i = (sex == "female").astype(int)
        edu = _draw(rng, _education_probs(targets, iso3, group_of_dest), dest_idx * 2 + sex_i)
    fld = _draw(rng, tables["field_of_study"].loc[EDUCATION_LEVELS].to_numpy(), edu)
    isco = _draw(rng, tables["occupation_isco"].loc[EDUCATION_LEVELS].to_numpy(), edu)
    sec = _draw(rng, tables["sector"].loc[FIELDS].to_numpy(), fld)

    lang_p = tables["languages"].loc[_GROUPS].to_numpy()[grp]
    spoken = rng.random((n, lang_p.shape[1])) < lang_p
    local = np.array([LOCAL_LANGUAGE.get(c, "") for c in residence], dtype=object)
    flags = {code: np.zeros(n, dtype=bool) for code in LANGUAGES}
    flags["ar"] |= spoken[:, 0]
    flags["ku"] |= spoken[:, 1]
    flags["en"] |= spoken[:, 2]
    for code in LANGUAGES:
        flags[code] |= spoken[:, 3] & (local == code)
    none_spoken = ~np.logical_or.reduce([flags[c] for c in LANGUAGES])
    flags["ar"] |= none_spoken
    lang_matrix = np.column_stack([flags[c] for c in LANGUAGES])
    codes = np.array(LANGUAGES, dtype=object)
    languages = [";".join(codes[row]) for row in lang_matrix]

    interest_p = tables["interest"].loc[_GROUPS, ENGAGEMENT_MODES].to_numpy()[grp]
    interest = (rng.random((n, len(ENGAGEMENT_MODES))) < interest_p).astype(int)

    counts = np.bincount(dest_idx, minlength=len(iso3))
    weight = by_dest["total"].to_numpy()[dest_idx] / counts[dest_idx]
    extra: dict[str, np.ndarray] = {}
    if targets is not None:
        rate = targets.employment_rate.reindex(list(EDUCATION_GROUPS)).to_numpy(dtype=float)
        employed = (rng.random(n) < rate[_GROUP_OF_LEVEL[edu]]).astype(int)
        weight = _calibrated_weights(targets, by_dest, dest_idx, sex, edu, employed, isco)
        extra["employed"] = employed

    out = pd.DataFrame(
        {
            "respondent_id": [f"R{i:05d}" for i in range(1, n + 1)],
            "residence_iso3": residence.astype(str),
            "sex": sex.astype(str),
            "age": age.astype(int),
            "years_abroad": years_abroad.astype(int),
            "education": np.array(EDUCATION_LEVELS, dtype=object)[edu].astype(str),
            "field_of_study": np.array(FIELDS, dtype=object)[fld].astype(str),
            "occupation_isco": isco.astype(int),
            "sector": np.array(SECTORS, dtype=object)[sec].astype(str),
            "languages": languages,
            **{f"interest_{m}": interest[:, j] for j, m in enumerate(ENGAGEMENT_MODES)},
            "weight": weight.astype(float),
            **extra,
        }
    )
    return out[[*SKILLS_COLUMNS, *extra]]
