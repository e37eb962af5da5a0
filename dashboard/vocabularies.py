"""The words a dataset may hold: the category codes of the skills schema and the ways people write sex and consent.

One place for the vocabularies, read alike by the schemas (dashboard/schemas.py), the upload checks, the charts
and the synthetic generator (dashboard/skills_sample.py imports them from here, never the other way round).
"""

from __future__ import annotations

EDUCATION_LEVELS: list[str] = [
    "primary_or_less",
    "secondary",
    "post_secondary_vocational",
    "bachelor",
    "master",
    "doctorate",
]
FIELDS: list[str] = [
    "health",
    "engineering",
    "ict",
    "natural_sciences",
    "business_economics",
    "education",
    "social_sciences_law",
    "humanities_arts",
    "agriculture",
    "none",
]
SECTORS: list[str] = [
    "health",
    "higher_education",
    "engineering_construction",
    "ict",
    "energy",
    "agriculture",
    "finance_business",
    "public_administration",
    "trade_hospitality",
    "manufacturing",
    "other",
]
ENGAGEMENT_MODES: list[str] = ["mentoring", "short_term", "return", "investment", "philanthropy"]
LANGUAGES: list[str] = ["ar", "ku", "en", "de", "sv", "tr", "fa", "fr", "nl"]
SEXES: list[str] = ["male", "female"]
#: Educational attainment as the OECD reports it (DIOC): low = ISCED 0-2, medium = ISCED 3-4, high = ISCED 5+.
EDUCATION_GROUPS: tuple[str, ...] = ("low", "medium", "high")
STOCK_SEXES: list[str] = ["total", "male", "female"]
ISCO_MAJOR_GROUPS: dict[int, str] = {
    0: "Armed forces occupations",
    1: "Managers",
    2: "Professionals",
    3: "Technicians and associate professionals",
    4: "Clerical support workers",
    5: "Service and sales workers",
    6: "Skilled agricultural, forestry and fishery workers",
    7: "Craft and related trades workers",
    8: "Plant and machine operators, and assemblers",
    9: "Elementary occupations",
}

#: How sex is written in real files (English and Arabic), normalised (see dashboard.countries.normalise).
SEX_WORDS: dict[str, str] = {
    "total": "total", "both": "total", "both sexes": "total", "all": "total", "t": "total", "b": "total",
    "المجموع": "total", "الجنسين": "total", "كلا الجنسين": "total", "الكل": "total",
    "male": "male", "males": "male", "m": "male", "men": "male", "ذكور": "male", "ذكر": "male",
    "female": "female", "females": "female", "f": "female", "women": "female", "اناث": "female",
    "انثي": "female",
}  # fmt: skip

#: Consent is read strictly: only these words (normalised) count; anything else is a row problem, never a guess.
CONSENT_WORDS: dict[str, bool] = {
    "yes": True, "no": False, "true": True, "false": False, "1": True, "0": False,
    "y": True, "n": False, "نعم": True, "لا": False, "بەڵێ": True, "نەخێر": False,
}  # fmt: skip
