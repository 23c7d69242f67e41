"""macros.data.loader: YAML with positions, duplicate keys as errors, BOM, errors instead of crashes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.data.loader import format_path, load_yaml
from macros.data.problems import Position, ProblemList


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    problems = ProblemList()
    return load_yaml(path, "data/x.yml", problems), problems


def test_values_remember_line_and_column(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "measures:\n  - id: sb-m1-1\n    goal: sb-z1\n")
    assert not problems
    assert doc.value == {"measures": [{"id": "sb-m1-1", "goal": "sb-z1"}]}
    assert doc.at(("measures", 0, "goal")) == Position("data/x.yml", 3, 11)
    assert doc.at(("measures", 0, "goal", "<key>")) == Position("data/x.yml", 3, 5)
    # A path that does not exist points at its nearest parent.
    assert doc.at(("measures", 0, "status")) == Position("data/x.yml", 2, 5)


def test_duplicate_key_is_an_error_and_the_first_value_wins(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert doc.value == {"a": {"b": 1, "c": 2}}
    [problem] = problems.items
    assert str(problem) == (
        "data/x.yml:4:3: a.b: Schlüssel 'b' steht doppelt (zuerst in Zeile 2); "
        "einen der beiden Einträge entfernen"
    )


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "\ufefftitle: Größe\n".encode())
    assert not problems
    assert doc.value == {"title": "Größe"}


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a:\n  b: 1\n   c: 2\n")
    assert doc is None
    [problem] = problems.items
    assert problem.position == Position("data/x.yml", 3, 5)
    assert problem.message.startswith("YAML-Syntaxfehler: ")


def test_impossible_date_stays_text_for_the_schema_to_report(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "good: 2024-02-29\nbad: 2023-02-30\n")
    assert not problems
    assert doc.value == {"good": dt.date(2024, 2, 29), "bad": "2023-02-30"}


def test_unknown_tag_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a: !unbekannt x\nb: 1\n")
    assert doc.value == {"a": "x", "b": 1}  # read as plain text: no follow-up problem
    [problem] = problems.items
    assert problem.position == Position("data/x.yml", 1, 4)
    assert problem.path == "a"


def test_file_not_in_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "a: 1\nname: Bürger\n".encode("latin-1"))
    assert doc is None
    [problem] = problems.items
    assert problem.position == Position("data/x.yml", 2, 8)
    assert "UTF-8" in problem.message


def test_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    doc, problems = load(tmp_path, "# nur ein Kommentar\n")
    assert doc.value == {}
    assert not problems


def test_missing_file_is_reported(tmp_path: Path) -> None:
    problems = ProblemList()
    assert load_yaml(tmp_path / "fehlt.yml", "data/fehlt.yml", problems) is None
    assert [str(p) for p in problems.items] == ["data/fehlt.yml: Datei fehlt"]


def test_format_path() -> None:
    assert format_path(("measures", 3, "goal")) == "measures[3].goal"
    assert format_path(("measures", "sb-m1-1", "title")) == "measures.sb-m1-1.title"
    assert format_path(()) == ""
