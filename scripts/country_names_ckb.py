"""Central Kurdish (Sorani, `ckb`) country names: pycountry's ISO 3166 `ckb` catalogue, then a reviewed table.

    .venv/bin/python scripts/country_names_ckb.py        # (re)writes the name_ckb column of data/countries.csv

pycountry translates about 179 of the 249 ISO 3166 names into Sorani; `data/country_names_ckb.csv` gives the
others the data need (and a few short common names where the catalogue has the formal one), each with why.
The script fails, naming the codes, when a country in the data has neither, so no English name reaches a
Kurdish page. It also refreshes the table's sha256 in data/manifest.json. Called by build_data.py as well.
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import json
from pathlib import Path

import pycountry

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
REVIEWED_TABLE = DATA_DIR / "country_names_ckb.csv"


def reviewed_names() -> dict[str, str]:
    """ISO3 -> Sorani name from the reviewed table (names pycountry lacks or has only in the formal form)."""
    with open(REVIEWED_TABLE, encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row["name_ckb"].strip() for row in csv.DictReader(handle)}


def catalogue_name(iso3: str, catalogue: gettext.NullTranslations, fixes: dict[str, str]) -> str:
    """Name of `iso3` from `fixes`, else pycountry's translated catalogue, else "" (any language)."""
    if iso3 in fixes:
        return fixes[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return ""
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if value and catalogue.gettext(value) != value:
            return catalogue.gettext(value)
    return ""


def kurdish_names(codes: list[str]) -> list[str]:
    """Sorani names for `codes`, or ValueError naming every code without one."""
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ckb"])
    reviewed = reviewed_names()
    names = [catalogue_name(code, catalogue, reviewed) for code in codes]
    missing = [code for code, name in zip(codes, names, strict=True) if not name]
    if missing:
        raise ValueError(f"no Kurdish (ckb) name for {missing}; add them to {REVIEWED_TABLE.name}")
    return names


def main() -> None:
    import pandas as pd

    path = DATA_DIR / "countries.csv"
    table = pd.read_csv(path, keep_default_na=False, dtype=str)
    names = kurdish_names(table["iso3"].tolist())
    if "name_ckb" in table:
        table["name_ckb"] = names
    else:
        table.insert(table.columns.get_loc("name_ar") + 1, "name_ckb", names)
    table.to_csv(path, index=False, lineterminator="\n")
    manifest_path = DATA_DIR / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        if entry["file"] == "data/countries.csv":
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(names)} Kurdish names, {len(reviewed_names())} from {REVIEWED_TABLE.name}")


if __name__ == "__main__":
    main()
