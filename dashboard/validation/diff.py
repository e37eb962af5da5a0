"""Step 6, diff: what publishing a checked table would change compared with the active version."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.schemas import KINDS, Kind


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


