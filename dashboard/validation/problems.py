"""What is wrong with an upload, in the analyst's words: a message key (data.problem.<code>) with its values.

Every refusal names the file, the row and column where there is one, the rule or limit broken and what to do;
the text lives in the translation table and is filled in where it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import t

MAX_PROBLEMS_PER_CHECK = 50  # per check and column; the rest are summarised in one message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload: a message template key (data.problem.<code>) and its values."""

    code: str
    row: int | None = None  # as the analyst sees it in a spreadsheet: the header is row 1
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def message(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        """The message in `lang`. Column names, values and file names come from the file: `escape` (e.g.
        dashboard.plaintext.markdown where the message is shown as Markdown) is applied to each of them."""
        values = {"column": self.column or "", "value": self.value if self.value is not None else "",
                  **dict(self.params)}
        if escape is not None:
            values = {key: escape(text) for key, text in values.items()}
        return t(f"data.problem.{self.code}", lang, row="" if self.row is None else self.row, **values)


def problem(code: str, row: int | None = None, column: str | None = None, value: object = None,
            **params: object) -> Problem:
    return Problem(code, row, column, None if value is None else str(value),
                   tuple((k, str(v)) for k, v in params.items()))


class UploadError(ValueError):
    """The file cannot be read at all; `problem` says why and what to do."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message("en"))
        self.problem = problem


class Collector:
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
        """One problem per row (`rows` are spreadsheet row numbers), capped; `values` aligned with `rows`."""
        shown = rows.iloc[:MAX_PROBLEMS_PER_CHECK]
        for i, row in enumerate(shown):
            value = None if values is None else values.iloc[i]
            self.add(problem(code, row=int(row), column=column, value=value, **params))
        self.count_at_least(code, column, len(rows))

    def count_at_least(self, code: str, column: str | None, count: int) -> None:
        """Record that `count` rows share this problem (those beyond the cap are summarised by `finish`)."""
        self._counts[(code, column)] = max(self._counts.get((code, column), 0), count)

    def finish(self) -> list[Problem]:
        for (code, column), count in self._counts.items():
            if count > MAX_PROBLEMS_PER_CHECK:
                self.problems.append(problem("more_rows", column=column, count=count - MAX_PROBLEMS_PER_CHECK,
                                             check=code))
        return self.problems


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table to show and download: row, column, value, message.

    Rows are a nullable integer column, so a table mixing row numbers and file-level problems (no row) converts
    to Arrow for display without an error.
    """
    return pd.DataFrame({
        t("data.col_row", lang): pd.array([p.row for p in problems], dtype="Int64"),
        t("data.col_column", lang): pd.array([p.column or "" for p in problems], dtype="string"),
        t("data.col_value", lang): pd.array([p.value or "" for p in problems], dtype="string"),
        t("data.col_message", lang): pd.array([p.message(lang) for p in problems], dtype="string"),
    })
