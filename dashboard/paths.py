"""Where the bundled files live, resolved from the package so the app runs from any working directory."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
