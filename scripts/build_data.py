"""Build the bundled datasets in data/ from the reference extracts (run by hand; output is committed).

    .venv/bin/python scripts/build_data.py [--reference DIR]

Inputs (read-only, never copied into the repo):
  - UN DESA International Migrant Stock 2020 and 2019 extracts (Iraq as origin), Iraq totals (IMS 2020),
  - UN DESA International Migrant Stock 2024 (mid-2024, both sexes) and World Bank WDI remittances (% of GDP),
    from the reference's skills/ folder,
  - UNHCR Refugee Data Finder extract (Iraqi origin by country of asylum),
  - Natural Earth 1:110m admin-0 countries shipped inside the pyogrio wheel (public domain),
  - ISO 3166 names (pycountry, incl. its Arabic and Central Kurdish translations; country_names_ckb.py),
    UN M49 regions (country_converter's table),
  - OECD/World Bank DIOC-E 2010/11, OECD DIOC 2015/16 and IAB 1980-2010 extracts on the skills of the
    Iraq-born (reference/skills; built by scripts/build_skills_official.py), to which the illustrative
    skills sample is calibrated.
Build-only dependencies: shapely, country_converter (scripts/requirements-build.txt).
The output is deterministic: running the script twice produces byte-identical files.
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import re
import sys
from pathlib import Path

import country_converter
import numpy as np
import pandas as pd
import pycountry
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import build_skills_official as official  # noqa: E402  (scripts/ is on sys.path when run as a script)
from country_names_ckb import catalogue_name, kurdish_names, reviewed_names  # noqa: E402  (scripts/ is on the path when run as a script)
from country_variants import ARABIC, ENGLISH  # noqa: E402

from dashboard.countries import normalise  # noqa: E402
from dashboard.skills_official import calibration_targets, destinations_of  # noqa: E402
from dashboard.skills_sample import generate_skills_sample  # noqa: E402

DATA_DIR = REPO_ROOT / "data"
ORIGIN = "IRQ"
SKILLS_N = 5000
SKILLS_SEED = 2015

# Natural Earth codes its iso_a3 as -99 for five features. Our choices:
#   France, Norway -> their ISO codes; Kosovo -> XKX (the user-assigned code used by the EU, World Bank, ...);
#   N. Cyprus -> merged into Cyprus (CYP) and Somaliland -> merged into Somalia (SOM): UN DESA and UNHCR
#   report the whole island / the whole country under these codes, so the merged polygon is what the data
#   describe, and each ISO3 keeps a single feature (plotly matches one feature per id).
NE_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}

# Countries in the data with no polygon at 1:110m: drawn as points at the capital (lon, lat, WGS84).
CAPITAL_POINTS = {
    "BHR": (50.586, 26.228),  # Manama, Bahrain
    "HKG": (114.170, 22.320),  # Hong Kong
    "LIE": (9.521, 47.141),  # Vaduz, Liechtenstein
    "MLT": (14.514, 35.899),  # Valletta, Malta
    "NRU": (166.920, -0.547),  # Yaren, Nauru
    "SGP": (103.820, 1.352),  # Singapore (not in the data today; kept for safety)
    "BVT": (3.360, -54.420),  # Bouvet Island (uninhabited: no time zone), island centre
    "HMD": (73.500, -53.100),  # Heard Island and McDonald Islands (uninhabited), Heard Island centre
}

# Hand fixes of the Arabic names (pycountry's ISO 3166 Arabic catalogue otherwise).
ARABIC_FIXES = {
    "TUR": "تركيا",  # pycountry renamed Turkey to Türkiye; the ar catalogue has no translation for it
    "XKX": "كوسوفو",  # Kosovo has no ISO 3166 code, so pycountry does not know it
    # Short common names where the ISO 3166 Arabic name is the formal one ("Iran, Islamic Republic of"),
    # to match the short English names used in name_en.
    "IRN": "إيران",
    "SYR": "سوريا",
    "RUS": "روسيا",
    "KOR": "كوريا الجنوبية",
    "PRK": "كوريا الشمالية",
    "COD": "جمهورية الكونغو الديمقراطية",
    "TZA": "تنزانيا",
    "VEN": "فنزويلا",
    "BOL": "بوليفيا",
    "LAO": "لاوس",
    "MDA": "مولدوفا",
}
# Non-ISO codes: iso2 (user-assigned) and names.
EXTRA_CODES = {"XKX": {"iso2": "XK", "name_en": "Kosovo"}}

# M49 fixes of country_converter's table.
SUBREGION_FIXES = {"NRU": "Micronesia"}  # country_converter says Polynesia; UN M49 lists Nauru in Micronesia
M49_REGIONS = {
    "Africa": ["Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa"],
    "Americas": ["Caribbean", "Central America", "South America", "Northern America"],
    "Asia": ["Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"],
    "Europe": ["Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"],
    "Oceania": ["Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"],
    "Antarctica": ["Antarctica"],  # not an M49 region; kept so the polygon has a label
}
REGION_OF_SUBREGION = {sub: reg for reg, subs in M49_REGIONS.items() for sub in subs}

# GeoJSON size control: Douglas-Peucker tolerance (degrees) and coordinate grid (2 decimals).
SIMPLIFY_TOLERANCE = 0.2
GRID = 0.01
MAX_GEOJSON_BYTES = 120_000

UNDESA_URL = "https://www.un.org/development/desa/pd/content/international-migrant-stock"
WDI_REMITTANCES_URL = "https://data.worldbank.org/indicator/BX.TRF.PWKR.DT.GD.ZS?locations=IQ"
REV2024_YEAR = 2024
REV2024_TOTAL = 2_313_028
#: Destinations the reference names as having NO Iraq row in the UN DESA 2024 table (skills/README.md,
#: section 4): not estimated, which is not zero.
REV2024_NAMED_WITHOUT_ROW = ("FRA", "ESP", "IRL", "OMN", "KWT", "QAT", "ARE")


def read_reference(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, comment="#", keep_default_na=False)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------------------------------
# Real datasets
# ------------------------------------------------------------------------------------------------------
def build_stock_rev2020(ref: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    raw = read_reference(ref / "undesa_ims2020_iraq_origin.csv")
    assert (raw["male"] + raw["female"] == raw["both_sexes"]).all(), "Rev.2020: male + female != both_sexes"
    names = dict(zip(raw["destination_iso3"], raw["destination"], strict=False))
    long = raw.rename(columns={"both_sexes": "total"}).melt(
        id_vars=["year", "destination_iso3"],
        value_vars=["total", "male", "female"],
        var_name="sex",
        value_name="migrants",
    )
    long["origin_iso3"] = ORIGIN
    long["sex"] = pd.Categorical(long["sex"], ["total", "male", "female"], ordered=True)
    long = long.sort_values(["year", "destination_iso3", "sex"]).reset_index(drop=True)
    long["sex"] = long["sex"].astype(str)
    long["migrants"] = long["migrants"].astype("int64")
    return long[["origin_iso3", "destination_iso3", "year", "sex", "migrants"]], names


def build_stock_rev2019(ref: Path) -> pd.DataFrame:
    raw = read_reference(ref / "undesa_ims2019_iraq_origin.csv")
    out = raw.rename(columns={"both_sexes": "migrants"}).assign(origin_iso3=ORIGIN, sex="total")
    out = out.sort_values(["year", "destination_iso3"]).reset_index(drop=True)
    out["migrants"] = out["migrants"].astype("int64")
    return out[["origin_iso3", "destination_iso3", "year", "sex", "migrants"]]


def build_stock_rev2024(ref: Path, iso3_of_iso2: dict[str, str]) -> pd.DataFrame:
    """UN DESA IMS 2024, mid-2024, both sexes: a revision of its own (one year), never joined to Rev.2020."""
    raw = read_reference(ref / "skills" / "iraq_origin_undesa_ims2024_2024_iso2.csv")
    unknown = sorted(set(raw["destination_iso2"]) - set(iso3_of_iso2))
    assert not unknown, f"Rev.2024: ISO2 codes with no ISO3: {unknown}"
    out = pd.DataFrame({
        "origin_iso3": ORIGIN, "destination_iso3": raw["destination_iso2"].map(iso3_of_iso2),
        "year": REV2024_YEAR, "sex": "total", "migrants": raw["stock_2024"].astype("int64"),
    })
    return out.sort_values("destination_iso3").reset_index(drop=True)


def rev2024_not_estimated(stock2024: pd.DataFrame, *earlier: pd.DataFrame) -> list[str]:
    """Destinations with no row in Rev.2024: those the reference names, and every destination an earlier
    revision estimated. Shown as "not estimated in this revision", never as zero."""
    estimated_before = set().union(*(set(f.loc[f["migrants"] > 0, "destination_iso3"]) for f in earlier))
    return sorted((estimated_before | set(REV2024_NAMED_WITHOUT_ROW)) - set(stock2024["destination_iso3"]))


def build_remittances(ref: Path) -> pd.DataFrame:
    raw = read_reference(ref / "skills" / "iraq_remittances_pct_gdp_wdi.csv")
    out = raw.assign(country_iso3=ORIGIN)[["country_iso3", "year", "remittances_pct_gdp"]]
    return out.sort_values("year").reset_index(drop=True)


def build_refugees(ref: Path) -> pd.DataFrame:
    raw = read_reference(ref / "unhcr_iraq_origin_by_asylum.csv")
    out = raw.rename(columns={"asylum_country_iso3": "asylum_iso3"}).assign(origin_iso3=ORIGIN)
    out = out.sort_values(["year", "asylum_iso3"]).reset_index(drop=True)
    return out[["origin_iso3", "asylum_iso3", "year", "refugees", "asylum_seekers"]]


def build_totals(ref: Path) -> pd.DataFrame:
    raw = read_reference(ref / "iraq_totals_ims2020.csv")
    cols = ["year", "diaspora", "population", "foreign_born_in_iraq", "refugees_in_iraq"]
    return raw[cols].sort_values("year").reset_index(drop=True)


# ------------------------------------------------------------------------------------------------------
# Boundaries
# ------------------------------------------------------------------------------------------------------
def natural_earth_path() -> Path:
    return Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"


def read_natural_earth() -> dict[str, tuple[str, shapely.Geometry]]:
    """iso3 -> (Natural Earth name, full-resolution geometry), -99 codes fixed, merges dissolved."""
    meta, _, geoms, fields = pyogrio.raw.read(natural_earth_path())
    cols = list(meta["fields"])
    names, codes = fields[cols.index("name")], fields[cols.index("iso_a3")]
    parts: dict[str, list] = {}
    ne_name: dict[str, str] = {}
    for name, code, wkb in zip(names, codes, geoms, strict=True):
        if code == "-99":
            assert name in NE_FIXES, f"Natural Earth: unexpected -99 code for {name!r}"
            code = NE_FIXES[name]
        parts.setdefault(code, []).append(shapely.from_wkb(wkb))
        if name not in NE_FIXES or NE_FIXES[name] not in ("CYP", "SOM"):
            ne_name[code] = name
    return {
        code: (ne_name[code], shapely.union_all(geoms).buffer(0)) for code, geoms in sorted(parts.items())
    }


def _polygons(geom: shapely.Geometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for sub in getattr(geom, "geoms", []) for g in _polygons(sub)]


def representative_lonlat(geom: shapely.Geometry) -> tuple[float, float]:
    """A point inside the largest part (so France's point is in Europe, not French Guiana)."""
    largest = max(_polygons(geom), key=lambda p: p.area)
    pt = largest.representative_point()
    return round(pt.x, 3), round(pt.y, 3)


def _round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float | int):
            return [round(float(v), 2) + 0.0 for v in obj]
        return [_round_coords(v) for v in obj]
    return obj


def simplified_geometry(geom: shapely.Geometry) -> dict:
    simple = shapely.simplify(geom, SIMPLIFY_TOLERANCE, preserve_topology=True)
    snapped = shapely.set_precision(simple, GRID)
    polys = [p for p in _polygons(snapped) if not p.is_empty and p.area > 0]
    if not polys:  # too small for the grid: keep the simplified shape, only rounded
        polys = _polygons(simple)
    # Clockwise exterior rings (the shapefile / d3-geo convention used by plotly's geo maps).
    polys = [orient(p, sign=-1.0) for p in polys]
    geo = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    gj = mapping(geo)
    return {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"])}


def write_geojson(ne: dict[str, tuple[str, shapely.Geometry]], names_en: dict[str, str], path: Path) -> int:
    features = []
    for code, (_, geom) in sorted(ne.items()):
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": code, "name": names_en[code]},
                "geometry": simplified_geometry(geom),
            }
        )
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return len(features)


# ------------------------------------------------------------------------------------------------------
# Countries reference table
# ------------------------------------------------------------------------------------------------------
def coco_table() -> pd.DataFrame:
    # country_converter's own class is broken under pandas 3; its TSV is read directly.
    tsv = Path(country_converter.__file__).parent / "country_data.tsv"
    return pd.read_csv(tsv, sep="\t", keep_default_na=False, dtype=str).set_index("ISO3")


def zone_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lon, lat) of the first place the IANA time zone table (zone.tab, shipped by the tzdata package)
    lists for the country: the point for every small country or territory without a 1:110m polygon."""
    import tzdata

    points: dict[str, tuple[float, float]] = {}
    for line in (Path(tzdata.__file__).parent / "zoneinfo" / "zone.tab").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, coords = line.split("\t")[:2]
        lat, lon = re.fullmatch(r"([+-]\d+)([+-]\d+)", coords).groups()
        points.setdefault(code, (_iso6709(lon), _iso6709(lat)))
    return points


def _iso6709(value: str) -> float:
    """"+10351" (DDDMM) or "-690022" (DDMMSS) -> decimal degrees, rounded to 3 places."""
    sign, digits = (-1 if value[0] == "-" else 1), value[1:]
    degree_digits = 3 if len(digits) in (5, 7) else 2
    degrees, rest = int(digits[:degree_digits]), digits[degree_digits:]
    minutes, seconds = int(rest[:2]), int(rest[2:] or 0)
    return round(sign * (degrees + minutes / 60 + seconds / 3600), 3)


def country_aliases(iso3: str, cc: pd.Series | None, translation: gettext.NullTranslations) -> list[str]:
    """Every other name of a country: pycountry's (and their Arabic translations), country_converter's, the
    World Bank / UN / IMF and Arabic variants of scripts/country_variants.py; each English one is checked
    against country_converter's regular expression for the country."""
    pc = pycountry.countries.get(alpha_3=iso3)
    names = [getattr(pc, attr, "") or "" for attr in ("name", "official_name", "common_name")] if pc else []
    names += [translation.gettext(n) for n in names if n and translation.gettext(n) != n]
    if cc is not None:
        names += [cc["name_short"], cc["name_official"]]
    names += [*ENGLISH.get(iso3, ()), *ARABIC.get(iso3, ())]
    if cc is not None and cc["regex"]:
        pattern = re.compile(cc["regex"], re.IGNORECASE)
        for name in ENGLISH.get(iso3, ()):
            if len(name) > 3 and not name.isupper() and not pattern.search(name):
                print(f"  note: {iso3} variant {name!r} is not matched by country_converter's regex")
    return sorted({n for n in names if n}, key=lambda n: (normalise(n), n))  # ties in a fixed order


def check_aliases(countries: pd.DataFrame) -> None:
    """No variant may name two countries (after normalisation)."""
    owner: dict[str, str] = {}
    for iso3, aliases in zip(countries["iso3"], countries["aliases"], strict=True):
        for name in [iso3, *filter(None, aliases.split("|"))]:
            key = normalise(name)
            assert owner.setdefault(key, iso3) == iso3, f"{name!r} names both {owner[key]} and {iso3}"


def kurdish_or_arabic(codes: list[str], arabic: list[str], data_codes: set[str]) -> list[str]:
    """Sorani names (scripts/country_names_ckb.py). A territory in no dataset that neither pycountry's catalogue
    nor the reviewed table names keeps its Arabic name, so a Kurdish page stays in Arabic script; the build
    lists them, and a Sorani name added to data/country_names_ckb.csv replaces it."""
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ckb"])
    reviewed = reviewed_names()
    names = [catalogue_name(code, catalogue, reviewed) for code in codes]
    missing = [code for code, name in zip(codes, names, strict=True) if not name]
    kurdish_names(sorted(set(codes) & data_codes))  # every country in the data must have a Kurdish name
    if missing:
        print(f"  note: no Kurdish name for {missing} (in no dataset): their Arabic name is used")
    return [name or ar for name, ar in zip(names, arabic, strict=True)]


def build_countries(codes: set[str], undesa_names: dict[str, str], ne: dict) -> pd.DataFrame:
    """Every ISO 3166 country (pycountry) and every other code in the data, with names, region and aliases."""
    data_codes = set(codes)
    codes = codes | {c.alpha_3 for c in pycountry.countries}
    coco = coco_table()
    zones = zone_points()
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows = []
    for iso3 in sorted(codes):
        pc = pycountry.countries.get(alpha_3=iso3)
        cc = coco.loc[iso3] if iso3 in coco.index else None
        extra = EXTRA_CODES.get(iso3, {})
        iso2 = pc.alpha_2 if pc else extra.get("iso2", "")
        m49 = (cc["UNcode"] if cc is not None else "") or (pc.numeric if pc else "")
        name_en = (
            undesa_names.get(iso3)
            or (cc["name_short"] if cc is not None else "")
            or extra.get("name_en")
            or (getattr(pc, "common_name", None) or pc.name)
        )
        subregion = SUBREGION_FIXES.get(iso3) or (cc["UNregion"] if cc is not None else "")
        region = REGION_OF_SUBREGION.get(subregion, "")
        if cc is not None and region:
            coco_region = "Americas" if cc["continent"] == "America" else cc["continent"]
            if coco_region != region:
                print(f"  note: {iso3} continent {cc['continent']!r} vs M49 region {region!r} (using M49)")
        if iso3 in ne:
            lon, lat = representative_lonlat(ne[iso3][1])
        elif iso3 in CAPITAL_POINTS:
            lon, lat = CAPITAL_POINTS[iso3]
        elif iso2 in zones:
            lon, lat = zones[iso2]
        else:
            lon, lat = np.nan, np.nan
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "m49": f"{int(m49):03d}" if m49 else "",
                "name_en": name_en,
                "name_ar": catalogue_name(iso3, ar, ARABIC_FIXES),
                "region": region,
                "subregion": subregion,
                "lon": lon,
                "lat": lat,
                "has_polygon": iso3 in ne,
                "aliases": "|".join(a for a in country_aliases(iso3, cc, ar)
                                    if a not in (name_en, iso3, catalogue_name(iso3, ar, ARABIC_FIXES))),
            }
        )
    out = pd.DataFrame(rows)
    out.insert(out.columns.get_loc("name_ar") + 1, "name_ckb",
               kurdish_or_arabic(out["iso3"].tolist(), out["name_ar"].tolist(), data_codes))
    check_aliases(out)
    missing_ar = out.loc[out["name_ar"] == "", "iso3"].tolist()
    assert not missing_ar, f"countries: no Arabic name for {missing_ar}; add them to ARABIC_FIXES"
    missing_region = out.loc[out["region"] == "", "iso3"].tolist()
    assert not missing_region, f"countries: no M49 region for {missing_region}"
    return out


# ------------------------------------------------------------------------------------------------------
# Manifest
# ------------------------------------------------------------------------------------------------------
def manifest_entries(files: dict[str, Path], frames: dict[str, pd.DataFrame], n_features: int,
                     not_estimated_2024: list[str]) -> list[dict]:
    def span(key: str) -> tuple[int | None, int | None]:
        frame = frames.get(key)
        if frame is None or "year" not in frame:
            return None, None
        return int(frame["year"].min()), int(frame["year"].max())

    undesa_2020 = (
        "United Nations, Department of Economic and Social Affairs, Population Division (2020). "
        "International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020)."
    )
    undesa_2019 = (
        "United Nations, Department of Economic and Social Affairs, Population Division (2019). "
        "International Migrant Stock 2019 (United Nations database, POP/DB/MIG/Stock/Rev.2019)."
    )
    undesa_2024 = (
        "United Nations, Department of Economic and Social Affairs, Population Division (2024). "
        "International Migrant Stock 2024 (POP/DB/MIG/Stock/Rev.2024), Table 1, mid-2024, both sexes."
    )
    specs = [
        dict(
            id="migrant_stock",
            version="rev2020",
            default=True,
            key="stock2020",
            title="Iraq-born international migrant stock by country of destination and sex",
            publisher="United Nations DESA, Population Division",
            revision="Rev.2020",
            licence="CC BY 3.0 IGO",
            citation=undesa_2020,
            url=UNDESA_URL,
            nature="real",
            built_by="scripts/build_data.py: reshaped the UN DESA Rev.2020 extract (Iraq as origin) to long "
            "form with sex in total/male/female; values unchanged.",
        ),
        dict(
            id="migrant_stock",
            version="rev2019",
            default=False,
            key="stock2019",
            title="Iraq-born international migrant stock by country of destination (earlier revision)",
            publisher="United Nations DESA, Population Division",
            revision="Rev.2019",
            licence="CC BY 3.0 IGO",
            citation=undesa_2019,
            url=UNDESA_URL,
            nature="real",
            built_by="scripts/build_data.py: reshaped the UN DESA Rev.2019 extract (both sexes only) to the "
            "same long form; kept separate from Rev.2020, never mixed in one series.",
        ),
        dict(
            id="migrant_stock",
            version="rev2024",
            default=False,
            key="stock2024",
            title="Iraq-born international migrant stock by country of destination, mid-2024 (latest revision)",
            publisher="United Nations DESA, Population Division",
            revision="Rev.2024",
            licence="CC BY 3.0 IGO",
            citation=undesa_2024,
            url=UNDESA_URL,
            nature="real",
            built_by="scripts/build_data.py: mapped the Rev.2024 Iraq-origin extract (ISO2, both sexes, mid-2024) "
            "to ISO3 and the same long form; values unchanged; a revision of its own, never joined to Rev.2020 "
            "or Rev.2019. Destinations with no Iraq row are listed in not_estimated (not zero).",
            not_estimated=not_estimated_2024,
        ),
        dict(
            id="refugees",
            version="unhcr2020",
            default=True,
            key="refugees",
            title="Refugees and asylum-seekers of Iraqi origin by country of asylum",
            publisher="UNHCR",
            revision="Refugee Data Finder, 2020 release",
            licence="Free to use with attribution (source: UNHCR Refugee Data Finder)",
            citation="UNHCR Refugee Data Finder, population statistics (2020 release): refugees and "
            "asylum-seekers of Iraqi origin by country of asylum, end-year, 1995-2019.",
            url="https://www.unhcr.org/refugee-statistics/",
            nature="real",
            built_by="scripts/build_data.py: renamed columns of the UNHCR extract and added origin_iso3=IRQ; "
            "values unchanged.",
        ),
        dict(
            id="iraq_totals",
            version="ims2020",
            default=True,
            key="totals",
            title="Iraq totals: diaspora, population, foreign-born and refugees in Iraq",
            publisher="United Nations DESA, Population Division",
            revision="IMS 2020 (Rev.2020)",
            licence="CC BY 3.0 IGO",
            citation=undesa_2020 + " Population from United Nations, DESA, Population Division, "
            "World Population Prospects, as used in International Migrant Stock 2020.",
            url=UNDESA_URL,
            nature="real",
            built_by="scripts/build_data.py: copied the UN DESA Iraq totals and checked that diaspora equals "
            "the per-year sum of the Rev.2020 destinations.",
        ),
        dict(
            id="remittances",
            version="wdi2022",
            default=True,
            key="remittances",
            title="Personal remittances received by Iraq, % of GDP",
            publisher="World Bank, World Development Indicators",
            revision="WDI BX.TRF.PWKR.DT.GD.ZS, vintage early 2022",
            licence="CC BY 4.0",
            citation="World Bank, World Development Indicators: Personal remittances, received (% of GDP), "
            "BX.TRF.PWKR.DT.GD.ZS, Iraq. Counts recorded transfers only: money sent through informal "
            "channels (hawala, carried cash) is not included.",
            url=WDI_REMITTANCES_URL,
            nature="real",
            built_by="scripts/build_data.py: copied the WDI series for Iraq (no values before 2005 in this "
            "vintage) and added country_iso3=IRQ; values unchanged.",
        ),
        dict(
            id="skills",
            version="sample2015",
            default=True,
            key="skills",
            title="Illustrative skills sample (synthetic, not survey data; calibrated to OECD DIOC)",
            publisher="This project (synthetic)",
            revision=f"seed {SKILLS_SEED}, n={SKILLS_N}",
            licence="Same as the project code (synthetic, no third-party data beyond the UN DESA stock)",
            citation="Synthetic sample generated by dashboard/skills_sample.py: residence countries and sex "
            "from UN DESA International Migrant Stock 2020 (Rev.2020); education by destination and sex, "
            "employment by education and occupations of the employed calibrated to OECD/World Bank DIOC-E "
            "2010/11 and OECD DIOC 2015/16; field of study, sector, languages and interest in engaging are "
            "illustrative assumptions.",
            url="",
            nature="synthetic",
            built_by=f"scripts/build_data.py: called dashboard.skills_sample.generate_skills_sample on the "
            f"Rev.2020 stock (n={SKILLS_N}, seed={SKILLS_SEED}) with the calibration targets of "
            "dashboard.skills_official (raked weights; see calibration_table).",
        ),
        dict(
            id="countries",
            version="iso3166",
            default=True,
            key="countries",
            title="Country reference table (ISO codes, English and Arabic names, UN M49 regions, points)",
            publisher="ISO 3166 via pycountry; UN M49 via country_converter; Natural Earth points",
            revision="pycountry " + getattr(pycountry, "__version__", "") + "; M49 as in country_converter",
            licence="Facts from ISO 3166 and UN M49 (pycountry LGPL-2.1 and country_converter GPL-3.0 "
            "used at build time only); Natural Earth public domain",
            citation="ISO 3166-1 codes and Arabic names (iso-codes, via pycountry); UN Statistics Division, "
            "Standard country or area codes for statistical use (M49), via country_converter; English names "
            "as in UN DESA International Migrant Stock 2020 where available.",
            url="https://unstats.un.org/unsd/methodology/m49/",
            nature="derived",
            built_by="scripts/build_data.py: all 249 ISO 3166 countries (pycountry) and every other code in the "
            "datasets and boundaries, names from UN DESA / pycountry, M49 regions from country_converter, points "
            "from Natural Earth, capital cities or the IANA time-zone table; aliases: pycountry and "
            "country_converter names with the World Bank, UN and IMF variants and Arabic names of "
            "scripts/country_variants.py.",
        ),
        dict(
            id="boundaries",
            version="ne110m",
            default=True,
            key="boundaries",
            title="World country boundaries, 1:110m (simplified)",
            publisher="Natural Earth",
            revision="Admin-0 countries 1:110m (naturalearth_lowres, pyogrio fixture)",
            licence="Public domain",
            citation="Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com. "
            "Admin-0 countries, 1:110m.",
            url="https://www.naturalearthdata.com/",
            nature="derived",
            built_by="scripts/build_data.py: fixed the -99 codes (FRA, NOR, XKX; N. Cyprus into CYP, "
            f"Somaliland into SOM), simplified (tolerance {SIMPLIFY_TOLERANCE} deg, topology preserved) "
            "and rounded to 2 decimals.",
        ),
        *official.manifest_specs(),
    ]
    entries = []
    for spec in specs:
        key = spec.pop("key")
        path = files[key]
        year_min, year_max = span(key)
        rows = n_features if key == "boundaries" else len(frames[key])
        entries.append(
            {
                "id": spec["id"],
                "version": spec["version"],
                "default": spec["default"],
                "file": path.relative_to(REPO_ROOT).as_posix(),
                "title": spec["title"],
                "publisher": spec["publisher"],
                "revision": spec["revision"],
                "year_min": year_min,
                "year_max": year_max,
                "licence": spec["licence"],
                "citation": spec["citation"],
                "url": spec["url"],
                "built_by": spec["built_by"],
                "nature": spec["nature"],
                "rows": rows,
                "sha256": sha256(path),
                **({"not_estimated": spec["not_estimated"]} if "not_estimated" in spec else {}),
            }
        )
    return entries


# ------------------------------------------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------------------------------------------
def check(
    stock: pd.DataFrame,
    totals: pd.DataFrame,
    countries: pd.DataFrame,
    refugees: pd.DataFrame,
    stock2019: pd.DataFrame,
) -> None:
    total = stock[stock["sex"] == "total"].groupby("year")["migrants"].sum()
    expected = totals.set_index("year")["diaspora"]
    diff = (total - expected).dropna()
    assert set(total.index) == set(expected.index), (
        f"years differ: {sorted(total.index)} vs {sorted(expected.index)}"
    )
    assert (diff == 0).all(), (
        f"Rev.2020 per-year sums differ from iraq_totals diaspora: {diff[diff != 0].to_dict()}"
    )
    assert total[2020] == 2_077_976 and total[1990] == 642_933, (
        "Rev.2020 totals for 1990/2020 are not the UN DESA ones"
    )

    wide = stock.pivot_table(index=["year", "destination_iso3"], columns="sex", values="migrants")
    bad = wide[wide["male"] + wide["female"] != wide["total"]]
    assert bad.empty, f"male + female != total in rows: {bad.index.tolist()[:5]}"

    known = set(countries["iso3"])
    for name, codes in [
        ("Rev.2020 destination", stock["destination_iso3"]),
        ("Rev.2019 destination", stock2019["destination_iso3"]),
        ("UNHCR asylum", refugees["asylum_iso3"]),
    ]:
        missing = sorted(set(codes) - known)
        assert not missing, f"{name} codes not in countries.csv: {missing}"

    with_migrants = set(stock.loc[stock["migrants"] > 0, "destination_iso3"]) | set(
        refugees.loc[(refugees["refugees"] + refugees["asylum_seekers"]) > 0, "asylum_iso3"]
    )
    c = countries.set_index("iso3")
    unplaceable = sorted(
        code
        for code in with_migrants
        if not c.at[code, "has_polygon"] and (pd.isna(c.at[code, "lon"]) or pd.isna(c.at[code, "lat"]))
    )
    assert not unplaceable, (
        f"countries with migrants but neither polygon nor point: {unplaceable}; add to CAPITAL_POINTS"
    )


def check_rev2024(stock2024: pd.DataFrame, countries: pd.DataFrame) -> None:
    assert len(stock2024) == 63 and stock2024["destination_iso3"].is_unique, "Rev.2024: expected 63 destinations"
    assert int(stock2024["migrants"].sum()) == REV2024_TOTAL, "Rev.2024 total is not UN DESA's 2,313,028"
    missing = sorted(set(stock2024["destination_iso3"]) - set(countries["iso3"]))
    assert not missing, f"Rev.2024 destination codes not in countries.csv: {missing}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=REPO_ROOT.parent / "shared" / "reference",
        help="directory with the reference CSV extracts (default: ../shared/reference)",
    )
    args = parser.parse_args(argv)
    ref = args.reference.resolve()
    DATA_DIR.mkdir(exist_ok=True)

    stock, undesa_names = build_stock_rev2020(ref)
    stock2019 = build_stock_rev2019(ref)
    refugees = build_refugees(ref)
    remittances = build_remittances(ref)
    totals = build_totals(ref)
    ne = read_natural_earth()
    dioc = official.build_dioc_e(ref, stock)

    codes = (
        set(stock["destination_iso3"])
        | set(stock2019["destination_iso3"])
        | set(refugees["asylum_iso3"])
        | set(ne)
        | set(dioc["residence_iso3"])
        | {ORIGIN}
    )
    iso3_of_iso2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    stock2024 = build_stock_rev2024(ref, iso3_of_iso2)
    codes |= set(stock2024["destination_iso3"])
    countries = build_countries(codes, undesa_names, ne)
    check(stock, totals, countries, refugees, stock2019)
    check_rev2024(stock2024, countries)
    not_estimated_2024 = rev2024_not_estimated(stock2024, stock, stock2019)
    oecd = official.build_oecd_2015(ref)
    iab = official.build_brain_drain(ref)
    official.check(dioc, oecd, iab)

    files = {
        "stock2020": DATA_DIR / "migrant_stock_rev2020.csv",
        "stock2019": DATA_DIR / "migrant_stock_rev2019.csv",
        "stock2024": DATA_DIR / "migrant_stock_rev2024.csv",
        "refugees": DATA_DIR / "refugees_unhcr.csv",
        "remittances": DATA_DIR / "remittances_wdi.csv",
        "totals": DATA_DIR / "iraq_totals.csv",
        "countries": DATA_DIR / "countries.csv",
        "boundaries": DATA_DIR / "world_110m.geojson",
        "skills": DATA_DIR / "skills_sample.csv",
        "skills_dioc_e": DATA_DIR / "skills_dioc_e_2010.csv",
        "skills_oecd": DATA_DIR / "skills_oecd_2015.csv",
        "brain_drain": DATA_DIR / "brain_drain_iab.csv",
    }
    targets = calibration_targets(dioc, oecd, destinations_of(stock))
    skills = generate_skills_sample(stock, n=SKILLS_N, seed=SKILLS_SEED, targets=targets)
    frames = {
        "stock2020": stock,
        "stock2019": stock2019,
        "stock2024": stock2024,
        "refugees": refugees,
        "remittances": remittances,
        "totals": totals,
        "countries": countries,
        "skills": skills,
        "skills_dioc_e": dioc,
        "skills_oecd": oecd,
        "brain_drain": iab,
    }
    for key, frame in frames.items():
        if key == "skills":
            frame.to_csv(files[key], index=False, lineterminator="\n", float_format="%.4f")
        elif key == "remittances":  # the WDI figures as published, every digit
            frame.to_csv(files[key], index=False, lineterminator="\n")
        else:
            write_csv(frame, files[key])
    frames["skills"] = skills.assign(year=2020)  # the stock year the sample is drawn from
    frames["skills_dioc_e"] = dioc.assign(year=2010)  # census round 2010/11
    frames["skills_oecd"] = oecd.assign(year=2015)  # census round 2015/16

    names_en = dict(zip(countries["iso3"], countries["name_en"], strict=True))
    n_features = write_geojson(ne, names_en, files["boundaries"])
    size = files["boundaries"].stat().st_size
    assert size <= MAX_GEOJSON_BYTES, f"world_110m.geojson is {size} bytes > {MAX_GEOJSON_BYTES}"

    manifest = {"datasets": manifest_entries(files, frames, n_features, not_estimated_2024)}
    (DATA_DIR / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    no_polygon = countries.loc[~countries["has_polygon"], "iso3"].tolist()
    print(f"wrote {len(files)} files + manifest.json to {DATA_DIR}")
    print(f"  world_110m.geojson: {size:,} bytes, {n_features} features")
    print(f"  countries: {len(countries)} rows; without polygon (points): {no_polygon}")


if __name__ == "__main__":
    main()
