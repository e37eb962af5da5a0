"""Write static/world_boundaries.json: the bundled country boundaries (data/, via the registry) in the compact
form the live map asks the browser to fetch (dashboard.geo.BOUNDARIES_FILE). Run after data/ changes;
tests/test_geo.py fails while the two differ.

    python scripts/build_static_boundaries.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from dashboard import geo  # noqa: E402
from dashboard.registry import Registry  # noqa: E402


def main() -> int:
    target = REPO_ROOT / "static" / geo.BOUNDARIES_FILE
    target.write_text(geo.boundaries_file_text(Registry().boundaries()), encoding="utf-8")
    print(f"wrote {target.relative_to(REPO_ROOT)} ({target.stat().st_size / 1000:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
