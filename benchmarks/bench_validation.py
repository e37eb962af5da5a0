"""Validate and preview uploads of 100,000 and 1,000,000 migrant-stock rows; print time and peak memory.

Targets (issue 6): 100k rows in at most 2 s; 1M rows in at most 15 s with peak memory under 1.5 GB.
"Validate and preview" = read the CSV bytes, suggest the mapping, prepare (map, resolve countries, type, pandera
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
from dashboard.ingest import read_upload
from dashboard.registry import Registry
from dashboard.validation import diff, prepare, suggest_mapping

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
prepared = prepare("migrant_stock", raw, mapping, countries)
prepare_s = time.perf_counter() - start - read_s
assert prepared.ok, [p.message() for p in prepared.problems[:3]]
change = diff("migrant_stock", active, prepared.frame)
total_s = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "file_mb": round(len(data) / 1e6, 1), "read_s": round(read_s, 2),
                  "prepare_s": round(prepare_s, 2), "total_s": round(total_s, 2), "peak_rss_mb": round(peak_mb),
                  "years_in_diff": len(change.totals)}))
"""

TARGETS = {100_000: (2.0, None), 1_000_000: (15.0, 1536)}


def main(argv: list[str]) -> int:
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
