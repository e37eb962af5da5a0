"""The engine stays pure: importing every dashboard module never imports streamlit."""

import re
import subprocess
import sys

from dashboard.paths import REPO_ROOT

PROBE = """
import importlib, pkgutil, sys
import dashboard
for module in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
    importlib.import_module(module.name)
leaked = sorted(name for name in sys.modules if name == "streamlit" or name.startswith("streamlit."))
print(",".join(leaked))
"""


def test_dashboard_never_imports_streamlit():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"dashboard/ imported {result.stdout.strip()}"


FILE_READS = re.compile(r"\b(read_csv|read_excel|read_parquet|open|read_text|read_bytes)\(")


def test_pages_do_not_read_files_directly():
    offenders = [path.name for path in (REPO_ROOT / "pages").glob("*.py")
                 if FILE_READS.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
