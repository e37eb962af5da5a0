"""Deterministic generator of the ILLUSTRATIVE skills sample of Iraqi-born people abroad.

Nothing here is survey data. Where people live (and their sex split) comes from the real UN DESA migrant
stock passed in; every other attribute is drawn from the assumption tables in ``ASSUMPTIONS`` below, which
are round, plausible numbers chosen to demonstrate the dashboard, not findings. Pure numpy/pandas; never
imports streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Categories and columns: one schema for bundled and uploaded data (dashboard/schemas.py, dashboard/vocabularies.py)
from dashboard.schemas import SKILLS_COLUMNS
from dashboard.vocabularies import (  # noqa: F401
    EDUCATION_LEVELS,
    ENGAGEMENT_MODES,
    FIELDS,
    ISCO_MAJOR_GROUPS,
    LANGUAGES,
    SECTORS,
    SEXES,
)

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
AGE_BANDS: dict[str, tuple[int, int]] = {
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
        "dashboard. Only residence country and sex come from real data (UN DESA International Migrant "
        "Stock 2020)."
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
            list(AGE_BANDS),
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


def assumptions_table() -> pd.DataFrame:
    """Every assumption as one long table for display: group, variable, value, share, note."""
    rows = []
    for variable, table in ASSUMPTIONS.tables.items():
        for group, row in table.iterrows():
            for value, share in row.items():
                rows.append((str(group), variable, str(value), float(share)))
    rows.append(("all", "share_female_fallback", "female", ASSUMPTIONS.share_female_fallback))
    out = pd.DataFrame(rows, columns=["group", "variable", "value", "share"])
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


def generate_skills_sample(stock: pd.DataFrame, n: int = 5000, seed: int = 2015) -> pd.DataFrame:
    """A synthetic survey-like table of ``n`` Iraqi-born adults abroad (see ``ASSUMPTIONS``).

    ``stock`` is the tidy migrant-stock frame (destination_iso3, year, sex, migrants); residence countries
    are drawn proportional to its latest-year total, sex from that country's male/female split. ``weight``
    is stock / respondents per country, so weights sum to (about) the latest-year diaspora total.
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
    lo = np.array([b[0] for b in AGE_BANDS.values()])[band]
    hi = np.array([b[1] for b in AGE_BANDS.values()])[band]
    age = rng.integers(lo, hi + 1)

    yband = _draw(rng, tables["years_abroad_band"].loc[_GROUPS].to_numpy(), grp)
    ylo = np.array([b[0] for b in YEARS_ABROAD_BANDS.values()])[yband]
    yhi = np.array([b[1] for b in YEARS_ABROAD_BANDS.values()])[yband]
    years_abroad = np.minimum(rng.integers(ylo, yhi + 1), age - 16)

    edu = _draw(rng, tables["education"].loc[_GROUPS].to_numpy(), grp)
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
        }
    )
    return out[SKILLS_COLUMNS]
