"""The upload pipeline end to end: read -> detect layout -> map columns -> convert -> check (-> diff, separately).

`check_table` turns a read table and the analyst's mapping into the dataset's tidy table, or lists every problem;
`check_upload` reads and checks a file in one call. Nothing here touches the store: the active data cannot change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.countries import CountryResolver
from dashboard.i18n import t
from dashboard.schemas import KINDS
from dashboard.validation.check import check
from dashboard.validation.convert import UNRESOLVED_COLUMNS, Table, convert, keep_consented_contacts
from dashboard.validation.layout import detect_layout, melt_years
from dashboard.validation.limits import MAX_UPLOAD_BYTES
from dashboard.validation.mapping import mapped_fields, suggest_mapping
from dashboard.validation.problems import Collector, Problem, UploadError, problem
from dashboard.validation.read import RawTable, read_upload


@dataclass
class Prepared:
    """The outcome of checking an upload: the tidy table (when there is no problem), problems and notes."""

    kind: str
    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unresolved: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=UNRESOLVED_COLUMNS))
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


def _missing_columns(kind_id: str, raw: RawTable, mapping: dict[str, str | None], layout: str,
                     result: Prepared) -> dict[str, str]:
    """field -> file column for the mapped fields; a problem for each required field without a column."""
    source = {}
    for f in mapped_fields(kind_id, layout):
        column = mapping.get(f.name)
        if column and column in raw.frame.columns:
            source[f.name] = column
        elif f.required:
            hint = t("data.hint_sheets", "en", sheets=", ".join(raw.sheets)) if len(raw.sheets) > 1 else ""
            result.problems.append(problem("missing_column", column=f.name, file=raw.file_name,
                                           found=", ".join(raw.frame.columns), hint=hint))
        elif f.default is not None:
            result.notes.append(problem("default_used", column=f.name, value=f.default))
    return source


def check_table(kind_id: str, raw: RawTable, mapping: dict[str, str | None], countries: pd.DataFrame,
                layout: str | None = None, country_picks: dict[str, str] | None = None) -> Prepared:
    """Map, convert and check `raw` as a `kind_id` dataset. Every problem is listed; none is dropped.

    `country_picks` maps values the analyst resolved in the app (an unknown name -> the ISO3 picked among the
    suggestions), so a corrected table is checked again without uploading the file again.
    """
    kind = KINDS[kind_id]
    layout = layout or detect_layout(list(raw.frame.columns))
    result = Prepared(kind=kind_id, frame=None, rows_read=len(raw.frame))
    if layout == "wide" and not kind.wide_value:
        result.problems = [problem("wide_not_supported", file=raw.file_name)]
        return result
    source = _missing_columns(kind_id, raw, mapping, layout, result)
    if result.problems:
        return result
    cells = pd.DataFrame({f.name: raw.frame[source[f.name]] if f.name in source else f.default
                          for f in mapped_fields(kind_id, layout) if f.name in source or f.default is not None},
                         index=raw.frame.index)
    if layout == "wide":
        order = [f.name for f in kind.fields if f.name in cells.columns or f.name in {"year", kind.wide_value}]
        cells = melt_years(cells, raw.frame, kind.wide_value or "", order)
    cells = cells.reset_index(names="_row")
    cells["_row"] += 1
    table = Table(kind=kind, cells=cells, source=source, out=Collector())
    typed, broken = convert(table, CountryResolver(countries), raw.decimal, country_picks or {})
    check(table, typed, broken)
    result.problems = table.out.finish()
    if table.unresolved:
        result.unresolved = pd.DataFrame(table.unresolved, columns=UNRESOLVED_COLUMNS)
    if result.problems:
        return result
    typed = keep_consented_contacts(typed, kind, result.notes)
    dtypes = kind.dtypes(set(typed.columns))
    frame = typed[list(dtypes)].astype(dtypes)
    result.frame = frame.sort_values(list(kind.key), kind="stable").reset_index(drop=True)
    return result


def check_upload(kind_id: str, file_name: str, data: bytes, countries: pd.DataFrame, sheet: str | None = None,
                 mapping: dict[str, str | None] | None = None, max_bytes: int | None = None,
                 country_picks: dict[str, str] | None = None) -> Prepared:
    """Read and check a file in one call (the detected mapping unless one is given); never raises for bad input."""
    try:
        raw = read_upload(file_name, data, sheet, max_bytes or MAX_UPLOAD_BYTES)
    except UploadError as exc:
        return Prepared(kind=kind_id, frame=None, problems=[exc.problem])
    layout = detect_layout(list(raw.frame.columns))
    mapping = mapping if mapping is not None else suggest_mapping(kind_id, list(raw.frame.columns), layout)
    return check_table(kind_id, raw, mapping, countries, layout, country_picks)
