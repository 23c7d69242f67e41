"""The site build validates the data once and its language builds read that result
(macros/data/dataset.py, share_dataset): the same dataset, and never a stale one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data import dataset
from macros.data.dataset import CACHE_ENV, load_dataset, share_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def as_a_language_build(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """A fresh process of a language build: empty memory cache, CACHE_ENV set; records every
    full validation it does."""
    validated: list[Path] = []
    original = dataset._load_uncached

    def counting(data_dir, today):
        validated.append(data_dir)
        return original(data_dir, today)

    monkeypatch.setattr(dataset, "_cache", {})
    monkeypatch.setattr(dataset, "_load_uncached", counting)
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return validated


def test_a_language_build_reads_the_shared_dataset_instead_of_validating(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    shared = share_dataset(data_dir, folder)
    validated = as_a_language_build(monkeypatch, folder)
    assert load_dataset(data_dir) == shared
    assert validated == []


def test_data_edited_after_sharing_is_validated_again(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    share_dataset(data_dir, folder)
    measures = data_dir / "measures.yml"
    measures.write_text(measures.read_text(encoding="utf-8") + "\n# bearbeitet\n", encoding="utf-8")
    validated = as_a_language_build(monkeypatch, folder)
    load_dataset(data_dir)
    assert validated == [data_dir.resolve()]


def test_without_the_shared_folder_a_build_validates_itself(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated = as_a_language_build(monkeypatch, tmp_path / "nowhere")
    load_dataset(data_dir)
    assert validated == [data_dir.resolve()]
