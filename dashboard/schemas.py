"""One schema per kind of dataset: its columns, types, ranges, vocabularies, optional fields and key.

Used alike for bundled data (dashboard.registry reads every file into `dtypes(kind)`) and uploads (the pipeline
in dashboard/validation maps, converts and checks a file against the same `Kind`). Vocabularies live in
dashboard/vocabularies.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.vocabularies import EDUCATION_LEVELS, ENGAGEMENT_MODES, FIELDS, SECTORS, SEXES, STOCK_SEXES

MAX_COUNT = 100_000_000  # no count of Iraqi-born people in one place and year can be larger (Iraq: ~45 million)
MAX_WEIGHT = 10_000_000  # one survey respondent cannot stand for more people than this
FIRST_YEAR = 1950

#: field type -> pandas dtype of the tidy table
DTYPES = {"country": "string", "year": "int64", "count": "int64", "int": "int64", "float": "float64",
          "sex": "string", "category": "string", "binary": "int64", "text": "string", "languages": "string",
          "consent": "bool", "bool": "bool"}


@dataclass(frozen=True)
class Field:
    """One column: how to read it, whether it is required, the names it often has, and its allowed values."""

    name: str
    type: str  # a key of DTYPES
    required: bool = True
    default: str | None = None  # filled in when the column is absent (None: the column is simply left out)
    synonyms: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False  # the value must be strictly greater than `minimum`
    contact: bool = False  # personal contact detail: kept only for rows with consent


@dataclass(frozen=True)
class Kind:
    """A kind of dataset: its fields and how rows are identified and compared."""

    id: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()  # one row per key: a repeated key is a duplicate
    country: str = ""  # the country column the diff groups by
    values: tuple[str, ...] = ()  # the figures the diff sums
    wide_value: str | None = None  # the field that year columns hold in a wide table
    uploadable: bool = True

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def columns(self, present: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Columns of the tidy table: every field with a default or required, and optional ones that are present."""
        return [f.name for f in self.fields if f.required or f.default is not None or f.name in present]

    def dtypes(self, present: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
        return {name: DTYPES[self.field(name).type] for name in self.columns(present)}


_COUNTRY_WORDS = ("country", "البلد", "الدولة", "البلد المضيف", "country name", "iso3", "iso")
_ORIGIN = Field("origin_iso3", "country", required=False, default="IRQ",
                synonyms=("origin", "country of origin", "origin country", "country of birth", "بلد المنشأ",
                          "بلد الأصل", "بلد الميلاد"))
_YEAR = Field("year", "year", minimum=FIRST_YEAR, synonyms=("year", "السنة", "العام", "سنة"))


def _count(name: str, *synonyms: str) -> Field:
    return Field(name, "count", minimum=0, maximum=MAX_COUNT, synonyms=synonyms)


MIGRANT_STOCK = Kind(
    id="migrant_stock",
    fields=(
        _ORIGIN,
        Field("destination_iso3", "country",
              synonyms=("destination", "country of destination", "destination country", "host country",
                        "country of residence", "residence", *_COUNTRY_WORDS, "بلد المقصد", "دولة المقصد",
                        "بلد الإقامة", "دولة الإقامة")),
        _YEAR,
        Field("sex", "sex", required=False, default="total", allowed=tuple(STOCK_SEXES),
              synonyms=("sex", "gender", "الجنس", "النوع")),
        _count("migrants", "migrants", "migrant stock", "stock", "number", "count", "value", "persons",
               "international migrant stock", "المهاجرون", "عدد المهاجرين", "العدد", "القيمة"),
    ),
    key=("origin_iso3", "destination_iso3", "year", "sex"),
    country="destination_iso3", values=("migrants",), wide_value="migrants",
)
REFUGEES = Kind(
    id="refugees",
    fields=(
        _ORIGIN,
        Field("asylum_iso3", "country",
              synonyms=("asylum", "country of asylum", "asylum country", "host country", *_COUNTRY_WORDS,
                        "بلد اللجوء", "دولة اللجوء")),
        _YEAR,
        _count("refugees", "refugees", "refugees under unhcr mandate", "اللاجئون", "عدد اللاجئين"),
        _count("asylum_seekers", "asylum seekers", "asylum-seekers", "asylumseekers", "طالبو اللجوء",
               "طالبي اللجوء"),
    ),
    key=("origin_iso3", "asylum_iso3", "year"),
    country="asylum_iso3", values=("refugees", "asylum_seekers"),
)

#: The optional columns of a consented roster (names as dashboard.skills expects them).
CONTACT_COLUMNS = ("name", "email", "phone")
CONSENT_COLUMN = "contact_consent"



def without_contacts(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` without a roster's contact details: what anyone may see or download (contacts are shown only to
    a session holding the publish right)."""
    return frame.drop(columns=[c for c in CONTACT_COLUMNS if c in frame.columns])


SKILLS = Kind(
    id="skills",
    fields=(
        Field("respondent_id", "text", synonyms=("id", "respondent", "respondent id", "person id", "رقم",
                                                 "المعرف", "رقم المستجيب")),
        Field("residence_iso3", "country",
              synonyms=("residence", "country of residence", *_COUNTRY_WORDS, "بلد الإقامة")),
        Field("sex", "category", allowed=tuple(SEXES), synonyms=("sex", "gender", "الجنس")),
        Field("age", "int", minimum=15, maximum=100, synonyms=("age", "العمر")),
        Field("years_abroad", "int", minimum=0, maximum=90,
              synonyms=("years abroad", "years outside iraq", "سنوات في الخارج")),
        Field("education", "category", allowed=tuple(EDUCATION_LEVELS),
              synonyms=("education", "education level", "highest education", "التعليم", "المستوى التعليمي")),
        Field("field_of_study", "category", allowed=tuple(FIELDS),
              synonyms=("field", "field of study", "discipline", "التخصص", "مجال الدراسة")),
        Field("occupation_isco", "int", minimum=0, maximum=9,
              synonyms=("occupation", "isco", "isco major group", "المهنة")),
        Field("sector", "category", allowed=tuple(SECTORS), synonyms=("sector", "القطاع")),
        Field("languages", "languages", synonyms=("languages", "language", "اللغات", "اللغة")),
        *(Field(f"interest_{mode}", "binary", synonyms=(f"interest {mode.replace('_', ' ')}",))
          for mode in ENGAGEMENT_MODES),
        Field("weight", "float", required=False, default="1", minimum=0, exclusive_minimum=True,
              maximum=MAX_WEIGHT, synonyms=("weight", "survey weight", "الوزن")),
        Field("name", "text", required=False, contact=True, synonyms=("full name", "contact name", "الاسم")),
        Field("email", "text", required=False, contact=True,
              synonyms=("e-mail", "e mail", "email address", "البريد الإلكتروني", "البريد")),
        Field("phone", "text", required=False, contact=True,
              synonyms=("telephone", "mobile", "phone number", "الهاتف", "رقم الهاتف", "الجوال")),
        Field(CONSENT_COLUMN, "consent", required=False,
              synonyms=("consent", "contact consent", "consent to contact", "الموافقة", "الموافقة على التواصل")),
        # the bundled sample's calibration column (dashboard/skills_sample.py); a survey may leave it out
        Field("employed", "binary", required=False, synonyms=("employed", "in employment", "يعمل")),
    ),
    key=("respondent_id",),
    country="residence_iso3", values=("weight",),
)
IRAQ_TOTALS = Kind(
    id="iraq_totals", uploadable=False,
    fields=(_YEAR, *(_count(name) for name in ("diaspora", "population", "foreign_born_in_iraq", "refugees_in_iraq"))),
    key=("year",),
)
REMITTANCES = Kind(
    id="remittances", uploadable=False,
    fields=(Field("country_iso3", "country"), _YEAR, Field("remittances_pct_gdp", "float", minimum=0)),
    key=("country_iso3", "year"),
)
COUNTRIES = Kind(
    id="countries", uploadable=False,
    fields=(*(Field(name, "text") for name in ("iso3", "iso2", "m49", "name_en", "name_ar", "name_ckb", "region",
                                                "subregion")),
            Field("lon", "float"), Field("lat", "float"), Field("has_polygon", "bool"),
            Field("aliases", "text", required=False)),
    key=("iso3",),
)

# The official skills figures (dashboard/skills_official.py), bundled only.
SKILLS_DIOC_E = Kind(
    id="skills_dioc_e", uploadable=False,
    fields=(Field("residence_iso3", "text"), Field("source_code", "text"), Field("sex", "text"),
            *(Field(name, "int") for name in ("low", "medium", "high", "unknown", "total")),
            Field("ratio_undesa_2010", "float"), Field("reliable", "bool"), Field("reason", "text")),
    key=("residence_iso3", "sex"),
)
SKILLS_OECD = Kind(
    id="skills_oecd", uploadable=False,
    fields=(*(Field(name, "text") for name in ("table", "sex", "age", "education", "nationality", "duration",
                                                "status", "scheme", "occupation", "skill_level", "overqualified")),
            Field("number", "int")),
)
BRAIN_DRAIN = Kind(
    id="brain_drain", uploadable=False,
    fields=(Field("sex", "text"), _YEAR, Field("education", "text"), Field("rate_pct", "float")),
    key=("sex", "year", "education"),
)

KINDS: dict[str, Kind] = {k.id: k for k in (MIGRANT_STOCK, REFUGEES, SKILLS, IRAQ_TOTALS, REMITTANCES, COUNTRIES,
                                            SKILLS_DIOC_E, SKILLS_OECD, BRAIN_DRAIN)}
UPLOAD_KINDS: dict[str, Kind] = {k: v for k, v in KINDS.items() if v.uploadable}
#: dataset id -> column -> dtype of the columns every version has (optional columns are added when present).
SCHEMAS: dict[str, dict[str, str]] = {k: v.dtypes() for k, v in KINDS.items()}
SKILLS_COLUMNS: list[str] = SKILLS.columns()
