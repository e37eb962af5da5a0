"""The upload pipeline, one module per step: read (read.py, excel.py) -> detect layout (layout.py) -> map columns
(mapping.py) -> convert (convert.py, numbers.py) -> check (check.py) -> diff (diff.py); pipeline.py runs them in
order, limits.py holds the limits and the worker process, problems.py the messages.

The schema each dataset is checked against is in dashboard/schemas.py. Pure pandas/pandera; nothing here touches
the store or imports streamlit.
"""

from dashboard.countries import CountryResolver, normalise
from dashboard.schemas import KINDS, UPLOAD_KINDS, Field, Kind
from dashboard.validation.diff import Diff, diff
from dashboard.validation.layout import detect_layout, year_columns
from dashboard.validation.limits import MAX_CELLS, MAX_COLUMNS, MAX_UNKNOWN_SHOWN, MAX_UPLOAD_BYTES
from dashboard.validation.mapping import mapped_fields, suggest_mapping
from dashboard.validation.metadata import check_metadata, template
from dashboard.validation.pipeline import Prepared, check_table, check_upload
from dashboard.validation.problems import Problem, UploadError, problem, problems_table
from dashboard.validation.read import SEPARATORS, RawTable, read_upload, sheet_names

__all__ = [
    "KINDS", "MAX_CELLS", "MAX_COLUMNS", "MAX_UNKNOWN_SHOWN", "MAX_UPLOAD_BYTES", "SEPARATORS", "UPLOAD_KINDS",
    "CountryResolver", "Diff", "Field", "Kind", "Prepared", "Problem", "RawTable", "UploadError", "check_metadata",
    "check_table", "check_upload", "detect_layout", "diff", "mapped_fields", "normalise", "problem",
    "problems_table", "read_upload", "sheet_names", "suggest_mapping", "template", "year_columns",
]
