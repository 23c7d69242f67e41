"""tests/synthetic.py: the generated data set is deterministic, full-scale and valid."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.data.dataset import load_dataset
from tests.support import REPO, subprocess_env
from tests.synthetic import write_dataset


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    write_dataset(tmp_path / "a", seed=1)
    write_dataset(tmp_path / "b", seed=1)
    write_dataset(tmp_path / "c", seed=2)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a")["measures.yml"] != tree(tmp_path / "c")["measures.yml"]


def test_scale_one_is_the_size_of_the_catalogue(tmp_path: Path) -> None:
    write_dataset(tmp_path / "data")
    data = load_dataset(tmp_path / "data")
    assert len(data.fields) == 6
    assert len(data.themes) == 4
    assert len(data.goals) == 48
    assert len(data.measures) == 144
    assert len(data.actors) == 60
    assert len(data.indicators) == 20
    assert [lg.id for lg in data.languages] == ["de", "en"]
    # Statuses spread, "no report yet" the most common; reported ones carry their date.
    counts = {s.id: sum(m.status == s.id for m in data.measures) for s in data.statuses}
    assert all(counts.values()) and max(counts, key=counts.get) == "no-report"
    assert all(m.as_of for m in data.measures if m.status != "no-report")
    # Realistic histories: several entries, status changes and notes, some old reports.
    reported = [m for m in data.measures if m.history]
    assert sum(len(m.history) >= 3 for m in reported) > len(reported) / 3
    assert any(h.status is None for m in reported for h in m.history)
    stale = [m for m in reported if m.is_stale(dt.date(2026, 12, 1), 12)]
    assert 0 < len(stale) < len(reported)
    assert all(len(i.values) >= 1 for i in data.indicators)


def test_texts_are_varied(tmp_path: Path) -> None:
    write_dataset(tmp_path / "data")
    texts = yaml.safe_load((tmp_path / "data" / "i18n" / "de" / "texts.yml").read_text(encoding="utf-8"))
    measures = texts["measures"]
    titles = [m["title"] for m in measures.values()]
    assert min(map(len, titles)) < 50 < 150 < max(map(len, titles))
    everything = (tmp_path / "data" / "i18n" / "de" / "texts.yml").read_text(encoding="utf-8")
    assert any(ch in everything for ch in "äöüßÄÖÜ")
    assert any("\u0600" <= ch <= "\u06ff" for ch in everything)  # Arabic, right-to-left
    assert sum("notes" in m for m in measures.values()) >= 10
    english = yaml.safe_load((tmp_path / "data" / "i18n" / "en" / "texts.yml").read_text(encoding="utf-8"))
    translated = [m for m in english["measures"].values() if "notes" in m]
    assert translated, "some notes are translated"
    german_only = [
        key
        for mid, m in english["measures"].items()
        for key in measures[mid].get("notes", {})
        if key not in m.get("notes", {})
    ]
    assert german_only, "some notes stay German only"
    labels = tmp_path / "data" / "i18n" / "en" / "labels.yml"
    assert labels.read_bytes() == (REPO / "data" / "i18n" / "en" / "labels.yml").read_bytes()


def test_scale_multiplies_goals_and_measures(tmp_path: Path) -> None:
    write_dataset(tmp_path / "data", scale=10)
    data = load_dataset(tmp_path / "data")
    assert (len(data.goals), len(data.measures), len(data.actors)) == (480, 1440, 60)


def test_refuses_the_real_data_folder() -> None:
    with pytest.raises(ValueError):
        write_dataset(REPO / "data")


def test_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.synthetic", str(tmp_path / "data"), "--scale", "2"],
        cwd=REPO,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(load_dataset(tmp_path / "data").measures) == 288
