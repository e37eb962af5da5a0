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


def _python_modules() -> list:
    """Every Python file of the project (the virtual environment and caches aside)."""
    skip = {".venv", "venv", "node_modules", "__pycache__", ".git"}
    return [path for path in REPO_ROOT.rglob("*.py") if not skip.intersection(path.relative_to(REPO_ROOT).parts)]


def test_a_page_file_is_named_in_one_module_only():
    """The page table (dashboard/pages.py) is the one place that knows where a page's script lives."""
    from dashboard.pages import PAGES

    texts = {path.relative_to(REPO_ROOT).as_posix(): path.read_text(encoding="utf-8") for path in _python_modules()}
    for page in PAGES:
        naming = sorted(name for name, text in texts.items() if page.file in text)
        assert naming == ["dashboard/pages.py"], f"{page.file} is named in {naming}"


def test_every_page_file_in_pages_is_in_the_page_table():
    from dashboard.pages import PAGES

    on_disk = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "pages").glob("*.py"))
    assert on_disk == sorted(page.file for page in PAGES)


def test_source_line_is_defined_once():
    definitions = sorted(path.relative_to(REPO_ROOT).as_posix() for path in _python_modules()
                         if re.search(r"^\s*def source_line\(", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert definitions == ["dashboard/sources.py"]


PAGE_MAX_LINES = 150


def test_pages_are_layout_only_and_short():
    long_pages = {path.name: n for path in (REPO_ROOT / "pages").glob("*.py")
                  if (n := len(path.read_text(encoding="utf-8").splitlines())) > PAGE_MAX_LINES}
    assert long_pages == {}, f"pages over {PAGE_MAX_LINES} lines: {long_pages}"


#: Cached functions that take a language but translate no text with numbers in it (names only).
_CACHED_WITHOUT_DIGITS = {"country_labels"}


def test_every_cached_function_that_takes_a_language_also_takes_the_digits():
    """st.cache_data keys a language by its code alone (i18n.LanguageWithDigits hashes as "ar"): a cached function
    that translates must take the digits choice as its own argument, or one reader's digits reach another."""
    import ast

    tree = ast.parse((REPO_ROOT / "ui" / "cached.py").read_text(encoding="utf-8"))
    missing = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name in _CACHED_WITHOUT_DIGITS:
            continue
        if not any("cache_" in ast.unparse(d) for d in node.decorator_list):
            continue
        names = {a.arg for a in node.args.args}
        if "lang" in names and "digits" not in names:
            missing.append(node.name)
    assert missing == []
