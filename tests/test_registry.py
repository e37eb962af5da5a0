"""The registry: one way to get a dataset, and a clear message naming the file when bundled data is broken."""

import shutil

import pytest

from dashboard import paths
from dashboard.registry import DataFileError, Registry


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def test_active_migrant_stock_is_rev2020_with_provenance(registry):
    stock = registry.get("migrant_stock")
    assert stock.meta.version == "rev2020"
    assert "UN DESA" in stock.meta.publisher or "United Nations" in stock.meta.publisher
    assert stock.meta.nature == "real"
    assert list(stock.frame.columns) == ["origin_iso3", "destination_iso3", "year", "sex", "migrants"]
    assert [m.version for m in registry.versions("migrant_stock")] == ["rev2020", "rev2019", "rev2024"]


def test_skills_default_is_labelled_synthetic(registry):
    assert registry.get("skills").meta.is_synthetic


def test_bundled_data_passes_check(registry):
    registry.check()


def test_missing_file_is_named(data_copy):
    (data_copy / "refugees_unhcr.csv").unlink()
    with pytest.raises(DataFileError, match=r"refugees_unhcr\.csv is missing"):
        Registry(data_copy).check()


def test_edited_file_is_named(data_copy):
    path = data_copy / "iraq_totals.csv"
    path.write_text(path.read_text() + "2025,1,2,3,4\n")
    with pytest.raises(DataFileError, match=r"iraq_totals\.csv does not match the checksum"):
        Registry(data_copy).check()


def test_missing_column_is_named(data_copy):
    path = data_copy / "iraq_totals.csv"
    path.write_text("year,diaspora\n2020,5\n")
    with pytest.raises(DataFileError, match=r"iraq_totals\.csv lacks the column\(s\) population"):
        Registry(data_copy).get("iraq_totals")


def test_text_in_number_column_is_named(data_copy):
    path = data_copy / "iraq_totals.csv"
    path.write_text("year,diaspora,population,foreign_born_in_iraq,refugees_in_iraq\n2020,many,1,2,3\n")
    with pytest.raises(DataFileError, match=r"iraq_totals\.csv, column diaspora"):
        Registry(data_copy).get("iraq_totals")


def test_missing_manifest_is_named(data_copy):
    (data_copy / "manifest.json").unlink()
    with pytest.raises(DataFileError, match=r"manifest\.json is missing"):
        Registry(data_copy)
