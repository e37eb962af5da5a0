"""Reading an analyst's file: now step 1 of the upload pipeline (dashboard/validation/read.py and excel.py).

Kept as the import path pages/ and ui/ use until the Data page moves into ui/ (issue 12).
"""

from dashboard.validation.limits import MAX_UPLOAD_BYTES
from dashboard.validation.problems import Problem, UploadError, problem
from dashboard.validation.read import SEPARATORS, RawTable, read_upload, sheet_names

__all__ = ["MAX_UPLOAD_BYTES", "SEPARATORS", "Problem", "RawTable", "UploadError", "problem", "read_upload",
           "sheet_names"]
