"""Validate and preview uploads of 100,000 and 1,000,000 migrant-stock rows, and refuse hostile files; print time
and peak memory of each.

Targets (issue 6): 100k rows in at most 2 s; 1M rows in at most 15 s with peak memory under 1.5 GB.
Targets (issue 14): every hostile file (tests/bad_files and generated ones) refused in under 2 s and 300 MB peak
(the process and its parsing worker), measured after the checking code is imported, as in a running server.
The CPU time (process and worker) is printed too: on a machine shared with other work, wall-clock time grows
with the load, CPU time much less.
"Validate and preview" = read the CSV bytes, suggest the mapping, check_table (map, resolve countries, type, pandera
checks, duplicates, male + female against total) and diff against the active version. Each size runs in a
fresh subprocess so peak RSS is that run's own. Usage: .venv/bin/python benchmarks/bench_validation.py [rows...]
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHILD = """
import json, resource, sys, time
import numpy as np, pandas as pd
from dashboard.registry import Registry
from dashboard.validation import check_table, diff, read_upload, suggest_mapping

rows = int(sys.argv[1])
registry = Registry()
countries = registry.get("countries").frame
active = registry.get("migrant_stock").frame
# Every (destination, year) cell gets total, male and female rows whose sums agree; years cycle 1950-2024 and
# the origin cycles through all countries so keys stay unique at a million rows.
cells = -(-rows // 3)
rng = np.random.default_rng(6)
iso = countries["iso3"].to_numpy()
idx = np.arange(cells)
dest = iso[idx % len(iso)]
origin = iso[(idx // len(iso)) % len(iso)]
year = 1950 + (idx // (len(iso) * len(iso))) % 75
male = rng.integers(0, 50_000, cells)
female = rng.integers(0, 50_000, cells)
frame = pd.DataFrame({
    "Country of origin": np.repeat(origin, 3), "Country": np.repeat(dest, 3), "Year": np.repeat(year, 3),
    "Sex": np.tile(["total", "male", "female"], cells),
    "Migrants": np.column_stack([male + female, male, female]).ravel(),
}).head(rows)
data = frame.to_csv(index=False).encode("utf-8")
start = time.perf_counter()
raw = read_upload("bench.csv", data)
read_s = time.perf_counter() - start
mapping = suggest_mapping("migrant_stock", list(raw.frame.columns))
prepared = check_table("migrant_stock", raw, mapping, countries)
prepare_s = time.perf_counter() - start - read_s
assert prepared.ok, [p.message() for p in prepared.problems[:3]]
change = diff("migrant_stock", active, prepared.frame)
total_s = time.perf_counter() - start
peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
print(json.dumps({"rows": rows, "file_mb": round(len(data) / 1e6, 1), "read_s": round(read_s, 2),
                  "prepare_s": round(prepare_s, 2), "total_s": round(total_s, 2), "peak_rss_mb": round(peak_mb),
                  "years_in_diff": len(change.totals)}))
"""

TARGETS = {100_000: (2.0, None), 1_000_000: (15.0, 1536)}

HOSTILE_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dashboard.registry import Registry
from dashboard.validation import check_upload

name, kind = sys.argv[1], sys.argv[2]
countries = Registry().get("countries").frame
if name == "cells_25m.csv":  # 50 MB: 500 columns x 50,000 rows of single digits
    data = (",".join(f"c{i}" for i in range(500)) + "\\n" + ("1," * 499 + "1\\n") * 50_000)[: 50 * 2**20 - 1].encode()
elif name == "rows_1m_xlsx_dimension.xlsx":  # a sheet that declares A1:Z1048576
    import io, zipfile
    src = Path("tests/bad_files/formula_cells.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = body.replace(b'dimension ref="A1:E3"', b'dimension ref="A1:Z1048576"')
            zout.writestr(item, body)
    data = out.getvalue()
else:
    data = Path("tests/bad_files", name).read_bytes()
def cpu():
    usage = map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(r.ru_utime + r.ru_stime for r in usage)
start, cpu_start = time.perf_counter(), cpu()
prepared = check_upload(kind, name, data, countries)
seconds, cpu_seconds = time.perf_counter() - start, cpu() - cpu_start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
first = prepared.problems[0].message()[:90] if prepared.problems else ""
print(json.dumps({"name": name, "kb": len(data) // 1024, "seconds": round(seconds, 2), "cpu": round(cpu_seconds, 2),
                  "peak_mb": round(peak / 1024),
                  "problems": len(prepared.problems), "first": first}))
"""
HOSTILE = [("xfd1_a20000.xlsx", "migrant_stock"), ("columns_100000.csv", "migrant_stock"),
           ("unknown_names_20000.csv", "migrant_stock"), ("zip_bomb.xlsx", "migrant_stock"),
           ("skills_empty_languages.csv", "skills"), ("skills_inf_weights.csv", "skills"),
           ("only_quotes.csv", "migrant_stock"), ("cells_25m.csv", "migrant_stock"),
           ("rows_1m_xlsx_dimension.xlsx", "migrant_stock")]
HOSTILE_TARGET = (2.0, 300)


def hostile() -> int:
    """Each hostile file in a fresh process: time to refuse it and peak memory (process and worker)."""
    limit_s, limit_mb = HOSTILE_TARGET
    for name, kind in HOSTILE:
        out = subprocess.run([sys.executable, "-c", HOSTILE_CHILD, name, kind], cwd=REPO, capture_output=True,
                             text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ok = "OK" if r["seconds"] < limit_s and r["peak_mb"] < limit_mb and r["problems"] else "OVER"
        print(f"{name:<30} {r['kb']:>7,} kB  refused in {r['seconds']:.2f} s (CPU {r['cpu']:.2f} s), "
              f"peak {r['peak_mb']} MB  {ok} "
              f"(target < {limit_s:g} s, < {limit_mb} MB)  {r['first']}")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["hostile"]:
        return hostile()
    if not argv and hostile():
        return 1
    sizes = [int(a) for a in argv] or list(TARGETS)
    for rows in sizes:
        out = subprocess.run([sys.executable, "-c", CHILD, str(rows)], cwd=REPO, capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        result = json.loads(out.stdout.strip().splitlines()[-1])
        limit_s, limit_mb = TARGETS.get(rows, (None, None))
        verdict = []
        if limit_s is not None:
            verdict.append(f"time {'OK' if result['total_s'] <= limit_s else 'OVER'} (target {limit_s:g} s)")
        if limit_mb is not None:
            verdict.append(f"memory {'OK' if result['peak_rss_mb'] <= limit_mb else 'OVER'} (target {limit_mb} MB)")
        print(f"{rows:>9,} rows ({result['file_mb']} MB CSV): read {result['read_s']} s, "
              f"validate {result['prepare_s']} s, total with diff {result['total_s']} s, "
              f"peak RSS {result['peak_rss_mb']} MB  {'; '.join(verdict)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
