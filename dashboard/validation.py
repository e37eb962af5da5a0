"""From an analyst's table to a dataset version: column mapping, country codes, types, checks, preview and diff.

`KINDS` says what each uploadable dataset needs. `suggest_mapping` proposes which file column feeds which field
(the analyst confirms it), `prepare` turns the mapped table into the dataset's tidy schema and lists every
problem as a `Problem` with its row and column (checks run through a pandera schema built from `KINDS`), and
`diff` compares a candidate with the active version. Pure pandas/pandera; nothing here touches the store.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pandera.pandas as pa

from dashboard.exports import FORMULA
from dashboard.i18n import t
from dashboard.ingest import Problem, RawTable, problem
from dashboard.registry import SCHEMAS
from dashboard.skills_sample import EDUCATION_LEVELS, FIELDS, SECTORS

MAX_COUNT = 100_000_000  # no count of Iraqi-born people in one place and year can be larger (Iraq: ~45 million)
FIRST_YEAR = 1950
MAX_PROBLEMS_PER_CHECK = 50  # per check and column; the rest are summarised in one message
YEAR_HEADER = re.compile(r"^(?:y|year\s*)?((?:19|20)\d\d)$", re.IGNORECASE)
_FORMULA = FORMULA  # the product's one formula rule: "=SUM(A1)", "+A1", "@x", "-A1", tab/CR (but not "-5")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.IGNORECASE)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class Field:
    """One column of a dataset kind: how to read it, whether it is required, and names it often has."""

    name: str
    type: str  # country | year | count | int | float | sex | category | binary | text
    required: bool = True
    default: str | None = None  # used when the column is absent and not required
    synonyms: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Kind:
    id: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # one row per key: a repeated key is a duplicate
    country: str  # the country column used by the diff
    values: tuple[str, ...]  # the counts summed by the diff
    wide_value: str | None = None  # the field that year columns hold in a wide table

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


_COUNTRY_WORDS = ("country", "البلد", "الدولة", "البلد المضيف", "country name", "iso3", "iso")
KINDS: dict[str, Kind] = {
    "migrant_stock": Kind(
        id="migrant_stock",
        fields=(
            Field("origin_iso3", "country", required=False, default="IRQ",
                  synonyms=("origin", "country of origin", "origin country", "country of birth", "بلد المنشأ",
                            "بلد الأصل", "بلد الميلاد")),
            Field("destination_iso3", "country",
                  synonyms=("destination", "country of destination", "destination country", "host country",
                            "country of residence", "residence", *_COUNTRY_WORDS, "بلد المقصد", "دولة المقصد",
                            "بلد الإقامة", "دولة الإقامة")),
            Field("year", "year", synonyms=("year", "السنة", "العام", "سنة")),
            Field("sex", "sex", required=False, default="total", synonyms=("sex", "gender", "الجنس", "النوع")),
            Field("migrants", "count", maximum=MAX_COUNT,
                  synonyms=("migrants", "migrant stock", "stock", "number", "count", "value", "persons",
                            "international migrant stock", "المهاجرون", "عدد المهاجرين", "العدد", "القيمة")),
        ),
        key=("origin_iso3", "destination_iso3", "year", "sex"),
        country="destination_iso3", values=("migrants",), wide_value="migrants",
    ),
    "refugees": Kind(
        id="refugees",
        fields=(
            Field("origin_iso3", "country", required=False, default="IRQ",
                  synonyms=("origin", "country of origin", "origin country", "بلد المنشأ", "بلد الأصل")),
            Field("asylum_iso3", "country",
                  synonyms=("asylum", "country of asylum", "asylum country", "host country", *_COUNTRY_WORDS,
                            "بلد اللجوء", "دولة اللجوء")),
            Field("year", "year", synonyms=("year", "السنة", "العام")),
            Field("refugees", "count", maximum=MAX_COUNT,
                  synonyms=("refugees", "refugees under unhcr mandate", "اللاجئون", "عدد اللاجئين")),
            Field("asylum_seekers", "count", maximum=MAX_COUNT,
                  synonyms=("asylum seekers", "asylum-seekers", "asylumseekers", "طالبو اللجوء", "طالبي اللجوء")),
        ),
        key=("origin_iso3", "asylum_iso3", "year"),
        country="asylum_iso3", values=("refugees", "asylum_seekers"),
    ),
    "skills": Kind(
        id="skills",
        fields=(
            Field("respondent_id", "text", synonyms=("id", "respondent", "respondent id", "person id", "رقم",
                                                     "المعرف", "رقم المستجيب")),
            Field("residence_iso3", "country",
                  synonyms=("residence", "country of residence", *_COUNTRY_WORDS, "بلد الإقامة")),
            Field("sex", "category", allowed=("male", "female"), synonyms=("sex", "gender", "الجنس")),
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
            Field("languages", "text", required=False, default="", synonyms=("languages", "اللغات")),
            *(Field(f"interest_{mode}", "binary", synonyms=(f"interest {mode.replace('_', ' ')}",))
              for mode in ("mentoring", "short_term", "return", "investment", "philanthropy")),
            Field("weight", "float", required=False, default="1", minimum=0,
                  synonyms=("weight", "survey weight", "الوزن")),
        ),
        key=("respondent_id",),
        country="residence_iso3", values=("weight",),
    ),
}

_SEX = {"total": "total", "both": "total", "both sexes": "total", "all": "total", "t": "total", "b": "total",
        "المجموع": "total", "الجنسين": "total", "كلا الجنسين": "total", "الكل": "total",
        "male": "male", "males": "male", "m": "male", "men": "male", "ذكور": "male", "ذكر": "male",
        "female": "female", "females": "female", "f": "female", "women": "female", "إناث": "female",
        "انثى": "female", "أنثى": "female", "اناث": "female"}


# -- names ------------------------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Lower case, no accents, Arabic letters unified (hamza forms, taa marbuta, diacritics), single spaces."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # Latin accents, Arabic harakat
    text = text.replace("\u0640", "")  # tatweel
    text = text.translate(str.maketrans("أإآٱىة", "اااايه"))
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


_ALIASES = {
    "USA": ("united states of america", "america", "us", "u s", "u s a", "أمريكا", "الولايات المتحدة الأمريكية"),
    "GBR": ("uk", "u k", "great britain", "britain", "england", "united kingdom of great britain and northern "
            "ireland", "بريطانيا", "المملكة المتحدة"),
    "NLD": ("holland", "the netherlands", "netherlands kingdom of the"),
    "IRN": ("iran islamic republic of", "islamic republic of iran"),
    "SYR": ("syrian arab republic", "سورية", "الجمهورية العربية السورية"),
    "RUS": ("russian federation",),
    "KOR": ("republic of korea", "korea republic of", "korea", "korea south"),
    "PRK": ("democratic people s republic of korea", "korea north"),
    "TUR": ("turkiye", "republic of turkiye"),
    "CZE": ("czech republic",),
    "ARE": ("uae", "emirates", "الإمارات", "الامارات العربية المتحدة"),
    "PSE": ("state of palestine", "palestine state of", "فلسطين"),
    "VNM": ("viet nam",),
    "BOL": ("bolivia plurinational state of",),
    "VEN": ("venezuela bolivarian republic of",),
    "TZA": ("united republic of tanzania", "tanzania united republic of"),
    "MDA": ("republic of moldova",),
    "LAO": ("lao people s democratic republic",),
    "COD": ("democratic republic of the congo", "congo democratic republic of the"),
    "COG": ("congo", "republic of the congo"),
    "CIV": ("cote d ivoire", "ivory coast"),
    "DEU": ("federal republic of germany",),
    "SAU": ("kingdom of saudi arabia", "المملكة العربية السعودية"),
    "JOR": ("الاردن",),
    "SWE": ("السويد",),
    "AUS": ("استراليا",),
}


class CountryResolver:
    """ISO3, ISO2, English or Arabic names (and common variants) -> ISO3, from the bundled reference table."""

    def __init__(self, countries: pd.DataFrame) -> None:
        self._names = dict(zip(countries["iso3"], countries["name_en"], strict=True))
        self._lookup: dict[str, str] = {}
        for row in countries.itertuples(index=False):
            for name in (row.iso3, row.iso2, row.name_en, row.name_ar, row.name_ckb):
                if isinstance(name, str) and name:
                    self._lookup.setdefault(normalise(name), row.iso3)
        for iso3, aliases in _ALIASES.items():
            if iso3 in self._names:
                for alias in aliases:
                    self._lookup.setdefault(normalise(alias), iso3)

    def resolve(self, value: str) -> str | None:
        key = normalise(value)
        found = self._lookup.get(key)
        if found is None and "(" in value:
            found = self._lookup.get(normalise(re.sub(r"\(.*?\)", "", value)))
        if found is None and key.startswith("the "):
            found = self._lookup.get(key[4:])
        return found

    def suggest(self, value: str, n: int = 3) -> list[str]:
        """Close names, as "Germany (DEU)"."""
        matches = difflib.get_close_matches(normalise(value), list(self._lookup), n=n * 3, cutoff=0.75)
        out: list[str] = []
        for match in matches:
            iso3 = self._lookup[match]
            label = f"{self._names[iso3]} ({iso3})"
            if label not in out:
                out.append(label)
        return out[:n]


# -- mapping ----------------------------------------------------------------------------------------------
def year_columns(columns: list[str]) -> dict[str, int]:
    """Columns whose header is a year (1990, "2020", Y2015): column -> year."""
    found = {c: int(m.group(1)) for c in columns if (m := YEAR_HEADER.match(c.strip()))}
    return found if len(found) >= 2 else {}


def detect_layout(columns: list[str]) -> str:
    """"wide" when two or more columns are years (one column per year), else "long"."""
    return "wide" if year_columns(columns) else "long"


def mapped_fields(kind_id: str, layout: str) -> list[Field]:
    """The fields the analyst maps to file columns (in a wide table, the year columns give year and value)."""
    kind = KINDS[kind_id]
    skip = {"year", kind.wide_value} if layout == "wide" and kind.wide_value else set()
    return [f for f in kind.fields if f.name not in skip]


def suggest_mapping(kind_id: str, columns: list[str], layout: str | None = None) -> dict[str, str | None]:
    """field -> the file column that looks like it (exact name, then a synonym, in English or Arabic)."""
    layout = layout or detect_layout(columns)
    normalised = {normalise(c): c for c in columns}
    taken: set[str] = set()
    mapping: dict[str, str | None] = {}
    fields = mapped_fields(kind_id, layout)
    for pass_ in ("name", "synonym"):
        for f in fields:
            if mapping.get(f.name):
                continue
            names = (f.name, f.name.replace("_", " ")) if pass_ == "name" else f.synonyms
            column = next((normalised[normalise(n)] for n in names
                           if normalise(n) in normalised and normalised[normalise(n)] not in taken), None)
            mapping[f.name] = column
            if column:
                taken.add(column)
    return {f.name: mapping.get(f.name) for f in fields}


# -- prepare ----------------------------------------------------------------------------------------------
@dataclass
class Prepared:
    """The outcome of checking an upload: the tidy table (when there is no problem), problems and notes."""

    kind: str
    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unresolved: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["column", "value", "rows", "first_row", "suggestions"]))
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


class _Collector:
    """Problems, at most MAX_PROBLEMS_PER_CHECK per (code, column), the rest counted in one summary."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._counts: dict[tuple[str, str | None], int] = {}

    def add(self, item: Problem) -> None:
        key = (item.code, item.column)
        self._counts[key] = self._counts.get(key, 0) + 1
        if self._counts[key] <= MAX_PROBLEMS_PER_CHECK:
            self.problems.append(item)

    def add_rows(self, code: str, column: str, rows: pd.Series, values: pd.Series | None = None,
                 **params: object) -> None:
        """One problem per row (index + 1 is the spreadsheet row), capped; `values` aligned with `rows`."""
        shown = rows.iloc[:MAX_PROBLEMS_PER_CHECK]
        for i, row in enumerate(shown):
            value = None if values is None else values.iloc[i]
            self.add(problem(code, row=int(row), column=column, value=value, **params))
        self._counts[(code, column)] = max(self._counts.get((code, column), 0), len(rows))

    def finish(self) -> list[Problem]:
        for (code, column), count in self._counts.items():
            if count > MAX_PROBLEMS_PER_CHECK:
                self.problems.append(problem("more_rows", column=column, count=count - MAX_PROBLEMS_PER_CHECK,
                                             check=code))
        return self.problems


def prepare(kind_id: str, raw: RawTable, mapping: dict[str, str | None], countries: pd.DataFrame,
            layout: str | None = None) -> Prepared:
    """Map, resolve, type and check `raw` as a `kind_id` dataset. Every problem is listed; none is dropped."""
    kind = KINDS[kind_id]
    layout = layout or detect_layout(list(raw.frame.columns))
    result = Prepared(kind=kind_id, frame=None, rows_read=len(raw.frame))
    out = _Collector()

    if layout == "wide" and not kind.wide_value:
        result.problems = [problem("wide_not_supported", file=raw.file_name)]
        return result
    # 1. Required columns.
    for f in mapped_fields(kind_id, layout):
        column = mapping.get(f.name)
        if column and column not in raw.frame.columns:
            column = None
        if column is None and f.required:
            out.add(problem("missing_column", column=f.name, file=raw.file_name,
                            found=", ".join(raw.frame.columns),
                            hint=t("data.hint_sheets", "en", sheets=", ".join(raw.sheets))
                            if len(raw.sheets) > 1 else ""))
        elif column is None:
            result.notes.append(problem("default_used", column=f.name, value=f.default))
    if out.problems:
        result.problems = out.finish()
        return result

    # 2. One string column per field; a wide table is melted (an empty year cell means "no figure").
    table = pd.DataFrame(index=raw.frame.index)
    for f in mapped_fields(kind_id, layout):
        column = mapping.get(f.name)
        table[f.name] = raw.frame[column] if column else f.default
    source_column = {f.name: mapping.get(f.name) or f.name for f in mapped_fields(kind_id, layout)}
    if layout == "wide":
        years = year_columns(list(raw.frame.columns))
        value = kind.wide_value or ""
        parts = []
        for column, year in years.items():
            part = table.assign(year=str(year), **{value: raw.frame[column]}, _col=column)
            parts.append(part[part[value] != ""])
        table = pd.concat(parts)[[*(f.name for f in kind.fields), "_col"]]

    def where(name: str) -> str:
        return source_column.get(name, name)

    # 3. Formulas and markup in any cell: refused before anything else reads them.
    bad = pd.Series(False, index=range(len(table)))
    positional = table.reset_index(names="_row")
    for f in kind.fields:
        series = positional[f.name]
        uniques = pd.Series(series.unique())
        formula = set(uniques[uniques.str.match(_FORMULA)])
        markup = set(uniques[uniques.str.contains(_MARKUP)]) - formula
        for code, values in (("formula", formula), ("markup", markup)):
            if values:
                hit = series.isin(values)
                bad |= hit.to_numpy()
                column = _col_of(positional, hit, f.name, where, layout, kind)
                out.add_rows(code, column, positional.loc[hit, "_row"] + 1, series[hit])
    # 4. Types and country codes.
    typed = pd.DataFrame(index=positional.index)
    broken = bad.to_numpy().copy()
    for f in kind.fields:
        series = positional[f.name].where(~bad.to_numpy(), "")
        column_name = where(f.name)
        empty = (series == "") & ~bad.to_numpy()
        if (f.type != "text" or f.required) and empty.any():
            column = _col_of(positional, empty, f.name, where, layout, kind)
            out.add_rows("missing_value", column, positional.loc[empty, "_row"] + 1)
        if f.type == "country":
            typed[f.name] = _countries(series, positional, f, column_name, countries, out, result)
        elif f.type in {"year", "count", "int", "binary"}:
            typed[f.name], invalid = _numbers(series, positional, f, where, layout, kind, out, whole=True)
            broken |= invalid
        elif f.type == "float":
            typed[f.name], invalid = _numbers(series, positional, f, where, layout, kind, out, whole=False)
            broken |= invalid
        elif f.type == "sex":
            typed[f.name] = _map_uniques(series, lambda v: _SEX.get(normalise(v), v) if v else v)
        elif f.type == "category":
            typed[f.name] = _map_uniques(series, lambda v: re.sub(r"[\s\-]+", "_", v.lower()) if v else v)
        else:
            typed[f.name] = series
        broken |= empty.to_numpy()
        if f.type == "country":
            broken |= ((typed[f.name] == "") & (series != "")).to_numpy()
    # Rows with a problem so far are left out of the checks below, which see only readable values.
    checked = typed[~broken]
    if checked.empty:
        result.problems = out.finish()
        return result

    # 5. Checks (pandera): ranges, allowed values, positive weights.
    schema_cols: dict[str, pa.Column] = {}
    for f in kind.fields:
        checks = []
        # Each check is named after the message it produces (data.problem.<name>).
        if f.type == "year":
            checks.append(pa.Check(lambda s: s.between(FIRST_YEAR, date.today().year), name="unknown_year"))
        if f.type in {"count", "int"} and f.minimum is None:
            checks.append(pa.Check(lambda s: s >= 0, name="negative"))
        if f.type == "float" and f.minimum is not None:
            checks.append(pa.Check(lambda s, low=f.minimum: s > low, name="not_positive"))
        elif f.minimum is not None:
            checks.append(pa.Check(lambda s, low=f.minimum, high=f.maximum: s.between(low, high),
                                   name="out_of_range"))
        if f.type == "count" and f.maximum is not None:
            checks.append(pa.Check(lambda s, high=f.maximum: s <= high, name="implausibly_large"))
        if f.type == "binary":
            checks.append(pa.Check(lambda s: s.isin([0, 1]), name="not_binary"))
        if f.type in {"sex", "category"}:
            allowed = ["total", "male", "female"] if f.type == "sex" else list(f.allowed)
            checks.append(pa.Check(lambda s, allowed=allowed: s.isin(allowed), name="not_allowed"))
        schema_cols[f.name] = pa.Column(checks=checks, nullable=False)
    try:
        pa.DataFrameSchema(schema_cols).validate(checked, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        for (column, check), group in cases.groupby(["column", "check"], sort=False):
            f = kind.field(column)
            idx = group["index"].astype(int)
            hit = pd.Series(False, index=positional.index)
            hit.iloc[idx.to_numpy()] = True
            label = _col_of(positional, hit, column, where, layout, kind)
            params = {"allowed": ", ".join(f.allowed or ("total", "male", "female")), "minimum": _fmt(f.minimum),
                      "maximum": _fmt(f.maximum), "first": FIRST_YEAR, "last": date.today().year}
            out.add_rows(str(check), label, positional["_row"].iloc[idx.to_numpy()] + 1,
                         positional[column].iloc[idx.to_numpy()], **params)

    # 6. Duplicates and male + female against total.
    key = list(kind.key)
    dup = checked.duplicated(key, keep=False)
    if dup.any():
        rows = (positional["_row"] + 1)[dup[dup].index]
        first = rows.groupby([checked.loc[rows.index, k] for k in key]).transform("min")
        later = first[rows != first]
        out.add_rows("duplicate", ", ".join(where(k) for k in key), rows[later.index], later)
    if kind_id == "migrant_stock":
        _sex_totals(checked, positional, out)
    result.problems = out.finish()
    if result.problems:
        return result
    frame = typed[list(SCHEMAS[kind_id])].astype(SCHEMAS[kind_id])
    result.frame = frame.sort_values(key, kind="stable").reset_index(drop=True)
    return result


def _map_uniques(series: pd.Series, func) -> pd.Series:
    """`func` applied once per distinct value (columns of a million rows hold a handful of values)."""
    return series.map({v: func(v) for v in series.unique()})


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _col_of(positional: pd.DataFrame, hit: pd.Series, name: str, where, layout: str, kind: Kind) -> str:
    """The file column a problem sits in (in a wide table, the year column of the first hit)."""
    if layout == "wide" and name in {"year", kind.wide_value} and "_col" in positional and hit.any():
        return str(positional.loc[hit.to_numpy(), "_col"].iloc[0])
    return where(name)


def _numbers(series: pd.Series, positional: pd.DataFrame, f: Field, where, layout: str, kind: Kind,
             out: _Collector, whole: bool) -> tuple[pd.Series, object]:
    """Numbers from text, and which cells are not valid numbers (Arabic-Indic digits and thousands separators
    are accepted; text, fractions where whole numbers are due, and numbers beyond 2**53 are problems)."""
    numbers = pd.to_numeric(series, errors="coerce")
    retry = numbers.isna() & (series != "")
    if retry.any():  # only cells that are not plain numbers: Arabic-Indic digits, thousands separators
        cleaned = series[retry].str.translate(_ARABIC_DIGITS).str.replace(r"[,\s\u00a0\u066c'’]", "", regex=True)
        numbers = numbers.astype("float64")
        numbers[retry] = pd.to_numeric(cleaned, errors="coerce")
    present = series != ""
    text = present & numbers.isna()
    if text.any():
        out.add_rows("not_a_number", _col_of(positional, text, f.name, where, layout, kind),
                     positional.loc[text, "_row"] + 1, series[text])
    if whole:
        fraction = present & numbers.notna() & (numbers % 1 != 0)
        huge = present & numbers.notna() & (numbers.abs() >= 2**53)
        if fraction.any():
            out.add_rows("not_whole", _col_of(positional, fraction, f.name, where, layout, kind),
                         positional.loc[fraction, "_row"] + 1, series[fraction])
        if huge.any():
            out.add_rows("implausibly_large", _col_of(positional, huge, f.name, where, layout, kind),
                         positional.loc[huge, "_row"] + 1, series[huge], maximum=_fmt(f.maximum or MAX_COUNT))
        return numbers.where(~(fraction | huge)).fillna(0).astype("int64"), (text | fraction | huge).to_numpy()
    return numbers.fillna(0).astype("float64"), text.to_numpy()


def _countries(series: pd.Series, positional: pd.DataFrame, f: Field, column: str, countries: pd.DataFrame,
               out: _Collector, result: Prepared) -> pd.Series:
    """ISO3 codes; every value that does not resolve is listed once, with its rows and suggestions."""
    resolver = CountryResolver(countries)
    uniques = [v for v in series.unique() if v]
    codes = {v: resolver.resolve(v) for v in uniques}
    unknown = [v for v, code in codes.items() if code is None]
    rows_found = []
    for value in unknown:
        hit = series == value
        rows = positional.loc[hit, "_row"] + 1
        suggestions = resolver.suggest(value)
        rows_found.append({"column": column, "value": value, "rows": int(hit.sum()), "first_row": int(rows.iloc[0]),
                           "suggestions": "; ".join(suggestions)})
        out.add(problem("unknown_country" if suggestions else "unknown_country_no_suggestion", row=int(rows.iloc[0]),
                        column=column, value=value, count=int(hit.sum()), suggestions=", ".join(suggestions)))
    if rows_found:
        result.unresolved = pd.DataFrame(rows_found)
    return series.map({"": "", **{v: code or "" for v, code in codes.items()}})


def _sex_totals(typed: pd.DataFrame, positional: pd.DataFrame, out: _Collector) -> None:
    """Where male, female and total are all given, male + female must equal total (to within 1, for rounding)."""
    key = ["origin_iso3", "destination_iso3", "year"]
    if not {"male", "female", "total"} <= set(typed["sex"].unique()):
        return
    wide = typed.assign(_row=positional["_row"] + 1).pivot_table(
        index=key, columns="sex", values=["migrants", "_row"], aggfunc="first")
    if not {"male", "female", "total"} <= set(wide["migrants"].columns):
        return
    m = wide["migrants"].dropna(subset=["male", "female", "total"])
    off = m[(m["male"] + m["female"] - m["total"]).abs() > 1]
    rows = wide["_row"].loc[off.index, "total"]
    for idx, row in rows.iloc[:MAX_PROBLEMS_PER_CHECK].items():
        out.add(problem("sex_sum", row=int(row), column="migrants", value=_fmt(off.loc[idx, "total"]),
                        male=_fmt(off.loc[idx, "male"]), female=_fmt(off.loc[idx, "female"]),
                        sum=_fmt(off.loc[idx, "male"] + off.loc[idx, "female"])))
    if len(rows) > MAX_PROBLEMS_PER_CHECK:
        out._counts[("sex_sum", "migrants")] = len(rows)


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table to show and download: row, column, value, message."""
    return pd.DataFrame({
        t("data.col_row", lang): [p.row if p.row is not None else "" for p in problems],
        t("data.col_column", lang): [p.column or "" for p in problems],
        t("data.col_value", lang): [p.value or "" for p in problems],
        t("data.col_message", lang): [p.message(lang) for p in problems],
    })


# -- preview and diff ----------------------------------------------------------------------------------------
@dataclass
class Diff:
    rows_active: int
    rows_new: int
    totals: pd.DataFrame  # year (or "all"), active, new, change
    added: list[str]
    removed: list[str]
    largest: pd.DataFrame  # country, year, active, new, change (largest absolute changes first)


def _measure(kind: Kind, frame: pd.DataFrame) -> pd.DataFrame:
    """country, year, value: the figure the diff compares (totals only for migrant stock)."""
    if kind.id == "migrant_stock":
        frame = frame[frame["sex"] == "total"]
    year = frame["year"] if "year" in frame.columns else pd.Series("all", index=frame.index)
    return pd.DataFrame({"country": frame[kind.country], "year": year.astype(str),
                         "value": frame[list(kind.values)].sum(axis=1)}).groupby(
        ["country", "year"], as_index=False)["value"].sum()


def diff(kind_id: str, active: pd.DataFrame, new: pd.DataFrame, top: int = 10) -> Diff:
    """What publishing `new` would change compared with `active`."""
    kind = KINDS[kind_id]
    old_m, new_m = _measure(kind, active), _measure(kind, new)
    totals = pd.concat([old_m.groupby("year")["value"].sum().rename("active"),
                        new_m.groupby("year")["value"].sum().rename("new")], axis=1).fillna(0)
    totals["change"] = totals["new"] - totals["active"]
    totals = totals.reset_index().rename(columns={"index": "year"})
    both = old_m.merge(new_m, on=["country", "year"], how="outer", suffixes=("_active", "_new")).fillna(0)
    both["change"] = both["value_new"] - both["value_active"]
    largest = both.reindex(both["change"].abs().sort_values(ascending=False, kind="stable").index).head(top)
    largest = largest.rename(columns={"value_active": "active", "value_new": "new"})
    largest = largest[largest["change"] != 0][["country", "year", "active", "new", "change"]].reset_index(drop=True)
    old_c, new_c = set(active[kind.country]), set(new[kind.country])
    return Diff(rows_active=len(active), rows_new=len(new), totals=totals, added=sorted(new_c - old_c),
                removed=sorted(old_c - new_c), largest=largest)


# -- templates ----------------------------------------------------------------------------------------------
def template(kind_id: str) -> pd.DataFrame:
    """A small example table in the tidy layout, to download, fill in and upload."""
    if kind_id == "migrant_stock":
        return pd.DataFrame({"origin_iso3": ["IRQ"] * 6, "destination_iso3": ["DEU"] * 3 + ["SWE"] * 3,
                             "year": [2020] * 6, "sex": ["total", "male", "female"] * 2,
                             "migrants": [100, 60, 40, 200, 110, 90]})
    if kind_id == "refugees":
        return pd.DataFrame({"origin_iso3": ["IRQ", "IRQ"], "asylum_iso3": ["DEU", "TUR"], "year": [2020, 2020],
                             "refugees": [100, 200], "asylum_seekers": [10, 20]})
    columns = [f.name for f in KINDS[kind_id].fields]
    example = {"respondent_id": "R1", "residence_iso3": "SWE", "sex": "female", "age": 35, "years_abroad": 10,
               "education": "master", "field_of_study": "health", "occupation_isco": 2, "sector": "health",
               "languages": "ar;en;sv", "interest_mentoring": 1, "interest_short_term": 0, "interest_return": 0,
               "interest_investment": 0, "interest_philanthropy": 1, "weight": 1.0}
    return pd.DataFrame([example])[columns]


# -- what the analyst types when publishing ----------------------------------------------------------------
METADATA_LIMIT = 1000  # characters per field
REQUIRED_METADATA = ("title", "publisher", "citation", "published_by")


def check_metadata(values: dict[str, str], labels: dict[str, str] | None = None) -> list[Problem]:
    """Problems with the provenance an analyst entered: required fields, markup, length.

    `labels` gives the name of each field as the form shows it (the messages use it).
    """
    labels = labels or {}
    found = []
    for name, value in values.items():
        value, label = (value or "").strip(), labels.get(name, name)
        if not value and name in REQUIRED_METADATA:
            found.append(problem("meta_required", column=label))
        elif _MARKUP.search(value):
            found.append(problem("meta_markup", column=label, value=value))
        elif len(value) > METADATA_LIMIT:
            found.append(problem("meta_too_long", column=label, limit=METADATA_LIMIT))
    return found


def check_upload(kind_id: str, file_name: str, data: bytes, countries: pd.DataFrame, sheet: str | None = None,
                 mapping: dict[str, str | None] | None = None, max_bytes: int | None = None) -> Prepared:
    """Read and check a file in one call (the detected mapping unless one is given); never raises for bad input."""
    from dashboard.ingest import MAX_UPLOAD_BYTES, UploadError, read_upload

    try:
        raw = read_upload(file_name, data, sheet, max_bytes or MAX_UPLOAD_BYTES)
    except UploadError as exc:
        return Prepared(kind=kind_id, frame=None, problems=[exc.problem])
    layout = detect_layout(list(raw.frame.columns))
    mapping = mapping if mapping is not None else suggest_mapping(kind_id, list(raw.frame.columns), layout)
    return prepare(kind_id, raw, mapping, countries, layout)
