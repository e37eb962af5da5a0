"""Official skills figures for data/: OECD/World Bank DIOC-E 2010/11, OECD DIOC 2015/16 and IAB 1980-2010.

Called by scripts/build_data.py; reads the Iraq-born extracts in ../shared/reference/skills (see its README)
and writes tidy tables, values unchanged, with a reliability flag and reason per DIOC-E destination.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SKILLS_REF = "skills"

#: DIOC-E residence codes for territories that changed: source code -> today's ISO3 (or the source code kept).
DIOC_TERRITORIES = {"USSR-ARM": "ARM", "USSR-BLR": "BLR", "FYUG-HRV": "HRV", "FYUG-YUG": "SRB"}
#: A DIOC-E total (aged 15+) below half or above twice the UN DESA Rev.2020 stock of all ages in 2010 is far
#: from the adult share (about 0.86 across the OECD): a different registration or a partial count.
RATIO_MIN, RATIO_MAX = 0.5, 2.0
#: Finland's register cannot separate low education from unknown (all unknown is counted as low).
LOW_WITH_UNKNOWN = frozenset({"FIN"})

EDUCATION_CODES = {"low (ISCED 0-2)": "low", "medium (ISCED 3-4)": "medium", "high (ISCED 5-8)": "high",
                   "unknown": "unknown"}
AGE_CODES = {"0-14": "0-14", "15-24": "15-24", "25-64": "25-64", "65+": "65+", "15-64 (no detail)": "15-64",
             "unknown": "unknown"}
SCHEME_CODES = {"ISCO-08 (OECD excl. USA, JPN)": "isco08", "US SOC 2010 (United States)": "us_soc2010",
                "Japan census codes": "japan"}
SKILL_CODES = {"low (ISCO skill 1)": "low", "medium (skill 2)": "medium", "high (skill 3-4)": "high",
               "unknown": "unknown"}
OVERQUALIFIED_CODES = {0: "no", 1: "yes", 99: "unknown"}
DURATION_CODES = {"<=5 years": "0-5", "5-10 years": "6-10", ">10 years": "11+", "unknown": "unknown"}

DIOC_E_COLUMNS = ["residence_iso3", "source_code", "sex", "low", "medium", "high", "unknown", "total",
                  "ratio_undesa_2010", "reliable", "reason"]
OECD_COLUMNS = ["table", "sex", "age", "education", "nationality", "duration", "status", "scheme", "occupation",
                "skill_level", "overqualified", "number"]
BRAIN_DRAIN_COLUMNS = ["sex", "year", "education", "rate_pct"]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, comment="#", keep_default_na=False)


def build_dioc_e(ref: Path, stock: pd.DataFrame) -> pd.DataFrame:
    """Iraq-born aged 15+ by residence, sex (total, male, female) and education, with a reliability flag.

    reason (empty when reliable; several joined by ";"): suppressed_cells (some sex x education cells are
    missing in the source), ratio_undesa (the count is far from the adult share of the UN DESA stock),
    low_with_unknown (Finland).
    """
    raw = _read(ref / SKILLS_REF / "iraq_born_education_dioc_e_2010_11.csv")
    out = raw.rename(columns={"residence_iso3": "source_code"})
    out["residence_iso3"] = out["source_code"].map(lambda c: DIOC_TERRITORIES.get(c, c))
    complete = out["all_6_sex_x_level_cells_present"].astype(str).str.lower() == "true"
    suppressed = set(out.loc[~complete, "residence_iso3"])
    undesa = stock[(stock["year"] == 2010) & (stock["sex"] == "total")].set_index("destination_iso3")["migrants"]
    totals = out[out["sex"] == "total"].set_index("residence_iso3")["total"]
    ratio = (totals / undesa.reindex(totals.index)).round(3)

    def reasons(iso3: str) -> str:
        found = []
        if iso3 in suppressed:
            found.append("suppressed_cells")
        r = ratio.get(iso3, np.nan)
        if pd.notna(r) and not RATIO_MIN <= r <= RATIO_MAX:
            found.append("ratio_undesa")
        if iso3 in LOW_WITH_UNKNOWN:
            found.append("low_with_unknown")
        if iso3 in DIOC_TERRITORIES.values():
            found.append("territory_changed")
        return ";".join(found)

    out["reason"] = out["residence_iso3"].map(reasons)
    out["reliable"] = out["reason"] == ""
    out["ratio_undesa_2010"] = out["residence_iso3"].map(ratio)
    sex_order = {"total": 0, "male": 1, "female": 2}
    out = out.assign(_sex=out["sex"].map(sex_order), _total=out["residence_iso3"].map(totals))
    out = out.sort_values(["_total", "residence_iso3", "_sex"], ascending=[False, True, True])
    for column in ["low", "medium", "high", "unknown", "total"]:
        out[column] = out[column].astype("int64")
    return out[DIOC_E_COLUMNS].reset_index(drop=True)


def build_oecd_2015(ref: Path) -> pd.DataFrame:
    """The four DIOC 2015/16 tables (Iraq-born, OECD total) in one long frame; `table` names each."""
    folder = ref / SKILLS_REF
    a = _read(folder / "iraq_born_oecd_2015_16_A_age_edu_nationality.csv")
    a = a.assign(table="education", age=a["age"].map(AGE_CODES), nationality=a["national"])
    b = _read(folder / "iraq_born_oecd_2015_16_B_duration_edu.csv")
    b = b.assign(table="duration", age="15+", duration=b["duration"].map(DURATION_CODES))
    c = _read(folder / "iraq_born_oecd_2015_16_C_labour_status.csv")
    c = c.assign(table="labour", age=c["age"].map(AGE_CODES), status=c["lfs"])
    d = _read(folder / "iraq_born_oecd_2015_16_D_occupation.csv")
    d = d.assign(table="occupation", age="15+", education=d["edu"], scheme=d["scheme"].map(SCHEME_CODES),
                 occupation=d["code"].astype(str), skill_level=d["skill_level"].map(SKILL_CODES),
                 overqualified=d["overqualified"].astype(int).map(OVERQUALIFIED_CODES))
    out = pd.concat([a, b, c, d], ignore_index=True)
    out["education"] = out["education"].map(EDUCATION_CODES)
    for column in OECD_COLUMNS:
        if column not in out:
            out[column] = ""
    out = out[OECD_COLUMNS].fillna("")
    out["sex"] = out["sex"].replace("", "unknown")  # a few occupation rows have no sex in the source
    assert (out[["table", "sex", "age", "education"]] != "").all().all(), "DIOC 2015/16: unmapped codes"
    out["number"] = out["number"].astype("int64")
    return out


def build_brain_drain(ref: Path) -> pd.DataFrame:
    """IAB emigration rates of Iraq's population aged 25+ (share living in 20 OECD countries), long form."""
    raw = _read(ref / SKILLS_REF / "iraq_emigration_rates_by_skill_iab_1980_2010.csv")
    raw = raw.assign(sex=raw["gender"].map({"Male and Female": "total", "Male": "male", "Female": "female"}))
    long = raw.melt(id_vars=["sex", "year"], value_vars=["tot_rate_pct", "low_rate_pct", "med_rate_pct",
                                                          "high_rate_pct"], var_name="education",
                    value_name="rate_pct")
    long["education"] = long["education"].map({"tot_rate_pct": "all", "low_rate_pct": "low",
                                               "med_rate_pct": "medium", "high_rate_pct": "high"})
    order = {"total": 0, "male": 1, "female": 2}
    long = long.assign(_s=long["sex"].map(order)).sort_values(["_s", "year", "education"])
    return long[BRAIN_DRAIN_COLUMNS].reset_index(drop=True)


def check(dioc: pd.DataFrame, oecd: pd.DataFrame, iab: pd.DataFrame) -> None:
    """The headline figures of ../shared/reference/skills/README.md, recomputed from the built tables."""
    total = dioc[dioc["sex"] == "total"].set_index("residence_iso3")
    high = 100 * total["high"] / total[["low", "medium", "high"]].sum(axis=1)
    assert round(high["USA"], 1) == 31.9 and round(high["GBR"], 1) == 43.1 and round(high["SWE"], 1) == 29.9
    flagged = set(total.index[~total["reliable"]])
    assert {"DEU", "CHE", "TUR", "GRC", "IRN", "FIN"} <= flagged, flagged
    assert not {"USA", "SWE", "GBR", "CAN", "AUS", "NLD"} & flagged, flagged
    adults = oecd[(oecd["table"] == "education") & (oecd["age"] != "0-14")]["number"].sum()
    assert adults == 918_615, adults
    assert float(iab.query("sex == 'total' and year == 2010 and education == 'high'")["rate_pct"].iloc[0]) == 12.6


def manifest_specs() -> list[dict]:
    """Manifest entries (without file facts) for the three official datasets; keys match build_data's files."""
    oecd_url = "https://www.oecd.org/en/data/datasets/database-on-immigrants-in-oecd-and-non-oecd-countries.html"
    return [
        dict(
            id="skills_dioc_e",
            version="dioc_e_2010",
            default=True,
            key="skills_dioc_e",
            title="Iraq-born aged 15+ by country of residence, sex and education (low, medium, high, unknown)",
            publisher="OECD and World Bank",
            revision="DIOC-E 2010/11 (File 1, Age)",
            licence="OECD terms and conditions: reuse with attribution",
            citation="OECD/World Bank, Database on Immigrants in OECD and non-OECD Countries (DIOC-E), "
            "2010/11 census round, File 1 (Age): persons born in Iraq aged 15+ by country of residence, sex "
            "and educational attainment (ISCED 0-2, 3-4, 5-6, unknown).",
            url=oecd_url,
            nature="real",
            built_by="scripts/build_data.py (scripts/build_skills_official.py): "
            "aged 15+ summed by residence x sex x education level; "
            "values unchanged. Each destination carries reliable/reason: suppressed_cells (sex x education "
            f"cells missing in the source), ratio_undesa (15+ count outside {RATIO_MIN}-{RATIO_MAX} x the UN "
            "DESA Rev.2020 stock of 2010, all ages), low_with_unknown (Finland), territory_changed (former "
            "USSR / Yugoslavia codes mapped to today's country).",
        ),
        dict(
            id="skills_oecd",
            version="dioc_2015",
            default=True,
            key="skills_oecd",
            title="Iraq-born in the OECD as a whole: education, duration of stay, labour-force status, "
            "occupations, over-qualification",
            publisher="OECD",
            revision="DIOC 2015/16, release 1.0 (files A_2, B_2, C_2, D_2)",
            licence="OECD terms and conditions: reuse with attribution",
            citation="OECD, Database on Immigrants in OECD Countries (DIOC) 2015/16, release 1.0, public files "
            "A-D by country of birth for the OECD total: persons born in Iraq. Occupations in ISCO-08 for OECD "
            "countries except the United States (US SOC 2010 major groups) and Japan (national codes). Turkey, "
            "Austria, Belgium, Czechia, Estonia, Iceland and Poland raked from 2010/11; random rounding in some "
            "countries.",
            url=oecd_url,
            nature="real",
            built_by="scripts/build_data.py (scripts/build_skills_official.py): "
            "the four tables in one long file (column `table`), "
            "codes spelt out (education low/medium/high/unknown, scheme isco08/us_soc2010/japan); values "
            "unchanged. Never summed across occupation schemes.",
        ),
        dict(
            id="brain_drain",
            version="iab2013",
            default=True,
            key="brain_drain",
            title="Emigration rates of Iraq's population aged 25+ by education and sex (20 OECD destinations)",
            publisher="IAB (Institute for Employment Research)",
            revision="IAB brain-drain data 1980-2010 (Brücker, Capuano and Marfouk 2013)",
            licence="Free to use with citation",
            citation="Brücker H., Capuano S. and Marfouk A. (2013), Education, gender and international "
            "migration: insights from a panel-dataset 1980-2010, IAB: emigration rates of persons born in Iraq "
            "aged 25+ living in 20 OECD countries, by education and sex, every five years.",
            url="https://iab.de/en/iab-brain-drain-data/",
            nature="real",
            built_by="scripts/build_data.py (scripts/build_skills_official.py): "
            "rates reshaped to long form (education all/low/medium/"
            "high); values unchanged.",
        ),
    ]
