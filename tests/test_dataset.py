"""macros.data.dataset and the `check` command on whole data folders: real, synthetic, broken."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from macros.data.dataset import check, load_dataset
from macros.data.problems import DataError
from macros.data.validate import used_label_keys
from tests.support import INVALID_FIXTURES, REPO, VALID_FIXTURE, compose_fixture, run_check
from tests.synthetic import write_dataset


def test_real_data_passes_the_check_command() -> None:
    result = run_check(REPO / "data")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Daten in Ordnung" in result.stdout


def test_real_data_loads() -> None:
    data = load_dataset(REPO / "data")
    assert [f.number for f in data.fields] == [1, 2, 3, 4, 5, 6]
    assert data.languages[0].id == "de"
    assert {m.status for m in data.measures} <= {s.id for s in data.statuses}


def test_valid_fixture_builds_a_dataset(tmp_path: Path) -> None:
    data = load_dataset(compose_fixture(VALID_FIXTURE, tmp_path), today=dt.date(2025, 1, 1))
    assert [m.id for m in data.measures_of("sb")] == ["sb-m1-1", "sb-m1-2", "sb-m2-1"]
    measure = next(m for m in data.measures if m.id == "sb-m1-2")
    # Status and "Stand" are derived from the history: the latest status, the latest date.
    assert [(h.date, h.status) for h in measure.history] == [
        (dt.date(2024, 3, 1), "in-progress"),
        (dt.date(2024, 9, 10), None),
    ]
    assert (measure.status, measure.as_of) == ("in-progress", dt.date(2024, 9, 10))
    assert measure.history[1].id == "sb-m1-2-2024-09-10"
    assert str(data.text("measures", "sb-m1-2", "notes", "de")["2024-09-10"]) == "Erste Kurse haben begonnen."
    no_history = next(m for m in data.measures if m.id == "sb-m1-1")
    assert (no_history.status, no_history.as_of) == ("no-report", None)


def test_status_dates_are_judged_against_today(tmp_path: Path) -> None:
    data_dir = compose_fixture(VALID_FIXTURE, tmp_path)
    # The fixture's history has 2024-03-01 and 2024-09-10: on 2024-03-01 only the second lies ahead.
    problems = check(data_dir, today=dt.date(2024, 3, 1))
    assert {p.path for p in problems} == {"measures[1].history[1].date"}


def test_errors_raise_data_error_with_the_sorted_list(tmp_path: Path) -> None:
    data_dir = compose_fixture(INVALID_FIXTURES / "malformed_id", tmp_path)
    with pytest.raises(DataError) as err:
        load_dataset(data_dir)
    lines = str(err.value).splitlines()
    assert lines[:-1] == sorted(lines[:-1], key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert lines[-1].startswith("3 Probleme")


def test_an_unreadable_file_does_not_cause_follow_up_errors(tmp_path: Path) -> None:
    """A syntax error in goals.yml must not turn every measure into 'unknown goal'."""
    data_dir = compose_fixture(VALID_FIXTURE, tmp_path)
    (data_dir / "goals.yml").write_text("goals:\n  - id: sb-z1\n   number: 1\n", encoding="utf-8")
    problems = check(data_dir)
    assert len(problems) == 1
    assert str(problems[0]).startswith("data/goals.yml:3:")


def test_edits_are_seen_without_restarting(tmp_path: Path) -> None:
    """The preview server keeps the process; a changed file must be validated again."""
    data_dir = compose_fixture(VALID_FIXTURE, tmp_path)
    assert check(data_dir) == []
    measures = data_dir / "measures.yml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("status: done", "status: dnoe"), encoding="utf-8"
    )
    stat = measures.stat()
    os.utime(measures, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [p.message for p in check(data_dir)] == ["unbekannte ID 'dnoe' in statuses (meinten Sie 'done'?)"]


def test_missing_collection_file_is_reported(tmp_path: Path) -> None:
    data_dir = compose_fixture(VALID_FIXTURE, tmp_path)
    (data_dir / "themes.yml").unlink()
    messages = [str(p) for p in check(data_dir)]
    assert "data/themes.yml: Datei fehlt" in messages


def test_synthetic_data_at_scale_passes(tmp_path: Path) -> None:
    write_dataset(tmp_path / "data", scale=3, seed=7)
    assert check(tmp_path / "data") == []


def test_label_keys_the_site_uses_are_found_in_code_templates_and_nav() -> None:
    keys = used_label_keys(REPO)
    assert {"fields_caption", "measure_status", "status_as_of", "date_pattern"} <= keys  # templates, render
    assert {"site_name", "german_version_link"} <= keys  # hooks, overrides/main.html
    assert {"unit_percent", "unit_persons", "unit_count"} <= keys  # built at run time
    assert "nav_fields" in keys  # mkdocs.yml navigation sections
    assert not any(key.endswith("_") for key in keys)  # prefixes of computed keys are no keys
