"""What official statistics measured about the skills of Iraq-born people abroad.

Pure functions over three bundled real datasets (see data/manifest.json):
  - ``skills_dioc_e``: OECD/World Bank DIOC-E 2010/11, aged 15+ by residence, sex and education, with a
    reliability flag and reason per destination;
  - ``skills_oecd``: OECD DIOC 2015/16 for the OECD as a whole (tables education, duration, labour,
    occupation);
  - ``brain_drain``: IAB emigration rates by education and sex, 1980-2010.
Shares of education are of those whose education is known, as the OECD reports them. Nothing here touches
the illustrative sample: the sample is calibrated to these figures (``calibration_targets``), never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.vocabularies import EDUCATION_GROUPS, ISCO_MAJOR_GROUPS

#: Why a DIOC-E destination is flagged (codes in the `reason` column, ";"-joined); translated on the page.
REASONS: tuple[str, ...] = ("suppressed_cells", "ratio_undesa", "low_with_unknown", "territory_changed")
WORKING_AGES: tuple[str, ...] = ("15-24", "25-64", "15-64")  # DIOC 2015/16 labour table: ages 15-64
LABOUR_STATUSES: tuple[str, ...] = ("employed", "unemployed", "inactive")
OCCUPATION_SCHEMES: tuple[str, ...] = ("isco08", "us_soc2010")  # Japan's own codes are too few to show


# --------------------------------------------------------------------------------------------------
# DIOC-E 2010/11: education by destination
# --------------------------------------------------------------------------------------------------
def _shares_of_known(frame: pd.DataFrame) -> pd.DataFrame:
    known = frame[list(EDUCATION_GROUPS)].sum(axis=1)
    out = frame[list(EDUCATION_GROUPS)].div(known.where(known > 0), axis=0)
    return out.add_prefix("share_")


def tertiary_by_destination(dioc: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    """Per destination: people (aged 15+), known (education stated), high, share (high / known; NaN when
    nothing is known), reliable, reason. Largest first; flagged rows are kept, never mixed silently."""
    part = dioc[dioc["sex"] == sex].copy()
    known = part[list(EDUCATION_GROUPS)].sum(axis=1)
    out = pd.DataFrame({
        "residence_iso3": part["residence_iso3"].astype(str),
        "people": part["total"].astype("int64"),
        "known": known.astype("int64"),
        "high": part["high"].astype("int64"),
        "share": part["high"] / known.where(known > 0),
        "reliable": part["reliable"].astype(bool),
        "reason": part["reason"].fillna("").astype(str),
    })
    return out.sort_values(["people", "residence_iso3"], ascending=[False, True], ignore_index=True)


def tertiary_share_all(dioc: pd.DataFrame, sex: str = "total", reliable_only: bool = False) -> float:
    """Tertiary share of known across destinations (all of them, as the OECD sums them, by default)."""
    part = dioc[(dioc["sex"] == sex) & (dioc["reliable"].astype(bool) | (not reliable_only))]
    known = part[list(EDUCATION_GROUPS)].to_numpy().sum()
    return float(part["high"].sum() / known) if known else float("nan")


def reason_codes(reason: str) -> list[str]:
    """The reason codes of one destination ("" -> [])."""
    return [code for code in str(reason or "").split(";") if code]


def official_education(dioc: pd.DataFrame, iso3: str) -> dict[str, object] | None:
    """The DIOC-E figure of one destination (both sexes) for the map's panel, or None when DIOC has none
    (shown as "no official figure", never as zero)."""
    row = tertiary_by_destination(dioc)
    row = row[row["residence_iso3"] == iso3]
    if row.empty:
        return None
    first = row.iloc[0]
    return {"people": int(first["people"]), "share": float(first["share"]), "reliable": bool(first["reliable"]),
            "reasons": reason_codes(first["reason"])}


# --------------------------------------------------------------------------------------------------
# DIOC 2015/16: the OECD as a whole
# --------------------------------------------------------------------------------------------------
def _table(oecd: pd.DataFrame, name: str) -> pd.DataFrame:
    return oecd[oecd["table"] == name]


def oecd_education(oecd: pd.DataFrame) -> pd.DataFrame:
    """[sex (total, male, female), low, medium, high, unknown, total, share_low, share_medium, share_high]
    for the Iraq-born aged 15+ in the OECD."""
    part = _table(oecd, "education")
    part = part[part["age"] != "0-14"]
    wide = part.pivot_table(index="sex", columns="education", values="number", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[*EDUCATION_GROUPS, "unknown"], fill_value=0)
    wide.loc["total"] = wide.sum()
    wide = wide.reindex(["total", "male", "female"])
    wide["total"] = wide.sum(axis=1)
    out = pd.concat([wide, _shares_of_known(wide)], axis=1).reset_index()
    out.columns.name = None
    return out


def labour_by_education(oecd: pd.DataFrame) -> pd.DataFrame:
    """Working age (15-64): [sex (total, male, female), education (all, low, medium, high, unknown),
    employed, unemployed, inactive, employment_rate, unemployment_rate]."""
    part = _table(oecd, "labour")
    part = part[part["age"].isin(WORKING_AGES) & part["status"].isin(LABOUR_STATUSES)]
    rows = []
    for sex in ("total", "male", "female"):
        by_sex = part if sex == "total" else part[part["sex"] == sex]
        wide = by_sex.pivot_table(index="education", columns="status", values="number", aggfunc="sum",
                                  fill_value=0).reindex(columns=list(LABOUR_STATUSES), fill_value=0)
        wide = wide.reindex([*EDUCATION_GROUPS, "unknown"], fill_value=0)
        wide.loc["all"] = wide.sum()
        wide = wide.reindex(["all", *EDUCATION_GROUPS, "unknown"])
        rows.append(wide.reset_index().assign(sex=sex))
    out = pd.concat(rows, ignore_index=True)
    active = out["employed"] + out["unemployed"]
    out["employment_rate"] = out["employed"] / (active + out["inactive"]).where(lambda s: s > 0)
    out["unemployment_rate"] = out["unemployed"] / active.where(active > 0)
    return out[["sex", "education", *LABOUR_STATUSES, "employment_rate", "unemployment_rate"]]


def occupations(oecd: pd.DataFrame, scheme: str = "isco08") -> pd.DataFrame:
    """Occupations of the employed in one scheme: [occupation (code), number, share]; unknown (99) left
    out of the shares. Schemes are never summed together."""
    if scheme not in OCCUPATION_SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {OCCUPATION_SCHEMES}")
    part = _table(oecd, "occupation")
    part = part[(part["scheme"] == scheme) & (part["occupation"] != "99")]
    sums = part.groupby("occupation", sort=False)["number"].sum()
    if scheme == "isco08":
        sums = sums.reindex([str(code) for code in ISCO_MAJOR_GROUPS], fill_value=0)
    else:
        sums = sums.sort_index()
    return pd.DataFrame({"occupation": sums.index.astype(str), "number": sums.to_numpy(dtype="int64"),
                         "share": (sums / sums.sum()).to_numpy()})


def job_skill_levels(oecd: pd.DataFrame) -> pd.DataFrame:
    """Skill level of the jobs held (ISCO skill levels, all schemes): [skill_level, number, share]."""
    part = _table(oecd, "occupation")
    part = part[part["skill_level"].isin(EDUCATION_GROUPS)]
    sums = part.groupby("skill_level")["number"].sum().reindex(list(EDUCATION_GROUPS), fill_value=0)
    return pd.DataFrame({"skill_level": sums.index, "number": sums.to_numpy(dtype="int64"),
                         "share": (sums / sums.sum()).to_numpy()})


def overqualification(oecd: pd.DataFrame) -> pd.DataFrame:
    """Employed graduates in jobs below their qualification ("brain waste"): [sex (total, male, female),
    overqualified, matched, rate]; unknown left out."""
    part = _table(oecd, "occupation")
    part = part[(part["education"] == "high") & part["overqualified"].isin(["yes", "no"])]
    rows = []
    for sex in ("total", "male", "female"):
        by_sex = part if sex == "total" else part[part["sex"] == sex]
        yes = int(by_sex.loc[by_sex["overqualified"] == "yes", "number"].sum())
        no = int(by_sex.loc[by_sex["overqualified"] == "no", "number"].sum())
        rows.append((sex, yes, no, yes / (yes + no) if yes + no else float("nan")))
    return pd.DataFrame(rows, columns=["sex", "overqualified", "matched", "rate"])


def recent_arrivals_share(oecd: pd.DataFrame) -> float:
    """Share of the Iraq-born aged 15+ (duration known) in their destination 5 years or less."""
    part = _table(oecd, "duration")
    known = part[part["duration"] != "unknown"]["number"].sum()
    return float(part.loc[part["duration"] == "0-5", "number"].sum() / known)


@dataclass(frozen=True)
class OecdHeadline:
    """The figures the Skills page opens on (OECD DIOC 2015/16, Iraq-born in the OECD)."""

    people_15plus: int
    share_high: float
    employment_rate: float
    unemployment_rate: float
    overqualified: float
    recent_arrivals: float


def oecd_headline(oecd: pd.DataFrame) -> OecdHeadline:
    education = oecd_education(oecd).set_index("sex")
    labour = labour_by_education(oecd).set_index(["sex", "education"])
    return OecdHeadline(
        people_15plus=int(education.at["total", "total"]),
        share_high=float(education.at["total", "share_high"]),
        employment_rate=float(labour.at[("total", "all"), "employment_rate"]),
        unemployment_rate=float(labour.at[("total", "all"), "unemployment_rate"]),
        overqualified=float(overqualification(oecd).set_index("sex").at["total", "rate"]),
        recent_arrivals=recent_arrivals_share(oecd),
    )


# --------------------------------------------------------------------------------------------------
# IAB 1980-2010: brain drain
# --------------------------------------------------------------------------------------------------
def brain_drain(iab: pd.DataFrame, sex: str = "total") -> pd.DataFrame:
    """[year, education (all, low, medium, high), rate] (rate as a fraction) for one sex."""
    part = iab[iab["sex"] == sex]
    return pd.DataFrame({"year": part["year"].astype(int).to_numpy(), "education": part["education"].to_numpy(),
                         "rate": part["rate_pct"].astype(float).to_numpy() / 100}).sort_values(
        ["education", "year"], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Education split of each destination, and the sample's calibration targets
# --------------------------------------------------------------------------------------------------
SOURCE_DIOC_E = "dioc_e_2010"
SOURCE_OECD = "dioc_2015_oecd"


def education_split(dioc: pd.DataFrame, oecd: pd.DataFrame, destinations: list[str],
                    sex: str = "total") -> pd.DataFrame:
    """[destination_iso3, low, medium, high, source]: shares of known education per destination, from DIOC-E
    2010/11 where the row is reliable, else the OECD-wide DIOC 2015/16 shares (source says which)."""
    own = dioc[(dioc["sex"] == sex) & dioc["reliable"].astype(bool)].set_index("residence_iso3")
    own = _shares_of_known(own).dropna()
    fallback = oecd_education(oecd).set_index("sex").loc[sex, [f"share_{g}" for g in EDUCATION_GROUPS]]
    rows = []
    for iso3 in destinations:
        if iso3 in own.index:
            values, source = own.loc[iso3].to_numpy(dtype=float), SOURCE_DIOC_E
        else:
            values, source = fallback.to_numpy(dtype=float), SOURCE_OECD
        rows.append((iso3, *values, source))
    return pd.DataFrame(rows, columns=["destination_iso3", *EDUCATION_GROUPS, "source"])


def destinations_of(stock: pd.DataFrame) -> list[str]:
    """Destinations with people in the stock's latest year (those the scenario population and sample cover)."""
    latest = stock[(stock["year"] == stock["year"].max()) & (stock["migrants"] > 0)]
    return sorted(latest["destination_iso3"].astype(str).unique())


@dataclass(frozen=True)
class CalibrationTargets:
    """Official margins the illustrative sample is raked to (see dashboard/skills_sample.py)."""

    education: pd.DataFrame  # index (destination_iso3, sex); columns low, medium, high (shares), source
    employment_rate: pd.Series  # by education group, working age 15-64, OECD 2015/16
    isco_shares: pd.Series  # ISCO-08 major group (int) -> share of the employed, OECD 2015/16 (excl. USA, JPN)

    def education_shares(self, iso3: str, sex: str) -> np.ndarray:
        return self.education.loc[(iso3, sex), list(EDUCATION_GROUPS)].to_numpy(dtype=float)


def calibration_targets(dioc: pd.DataFrame, oecd: pd.DataFrame, destinations: list[str]) -> CalibrationTargets:
    """Targets for every destination x sex: DIOC-E where reliable, else OECD-wide 2015/16 of the same sex."""
    parts = [education_split(dioc, oecd, destinations, sex).assign(sex=sex) for sex in ("male", "female")]
    education = pd.concat(parts, ignore_index=True).set_index(["destination_iso3", "sex"]).sort_index()
    labour = labour_by_education(oecd).set_index(["sex", "education"])
    rates = pd.Series({g: float(labour.at[("total", g), "employment_rate"]) for g in EDUCATION_GROUPS})
    isco = occupations(oecd, "isco08")
    shares = pd.Series(isco["share"].to_numpy(), index=isco["occupation"].astype(int))
    return CalibrationTargets(education=education, employment_rate=rates, isco_shares=shares)
