"""Golden-file tests: one invalid fixture per validation rule, named after the rule.

Each `tests/fixtures/invalid/<rule>/` holds only the files that differ from the valid base
`tests/fixtures/valid/`, and `expected.txt`: the exact error output of
`python -m macros check --data <fixture>/data`. After an intended change of a message, rewrite
the golden files with `KIK_UPDATE_GOLDEN=1 python -m pytest tests/test_check_fixtures.py` and
review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import (
    ACCEPTED_FIXTURES,
    INVALID_FIXTURES,
    PROBLEM_LINE,
    SUMMARY_LINE,
    VALID_FIXTURE,
    compose_fixture,
    run_check,
)

# The rules the issue names; every one must have its fixture (more may exist).
REQUIRED_RULES = {
    "yaml_syntax",
    "duplicate_key",
    "unknown_key",
    "missing_required",
    "wrong_type",
    "unknown_status",
    "malformed_id",
    "duplicate_id_across_files",
    "dangling_goal_field",
    "dangling_measure_goal",
    "dangling_measure_actor",
    "dangling_measure_indicator",
    "number_collision",
    "number_goal_mismatch",
    "invalid_date",
    "future_history_date",
    "history_entry_without_date",
    "history_out_of_order",
    "history_duplicate_date",
    "history_first_without_status",
    "history_no_report_status",
    "note_without_german_text",
    "note_for_unknown_date",
    "note_key_not_date",
    "translated_note_not_in_german",
    "html_in_text",
    "template_syntax_in_text",
    "text_for_unknown_id",
    "missing_german_text",
    "label_unknown_key",
    "label_placeholder_mismatch",
    "unknown_language_folder",
}
RULES = sorted(p.name for p in INVALID_FIXTURES.iterdir() if p.is_dir())
UPDATE_GOLDEN = os.environ.get("KIK_UPDATE_GOLDEN") == "1"


def test_every_rule_of_the_issue_has_a_fixture() -> None:
    assert REQUIRED_RULES <= set(RULES), f"fixtures missing: {sorted(REQUIRED_RULES - set(RULES))}"


def test_valid_base_fixture_passes(tmp_path: Path) -> None:
    result = run_check(compose_fixture(VALID_FIXTURE, tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("rule", RULES)
def test_invalid_fixture_prints_exactly_the_expected_problems(rule: str, tmp_path: Path) -> None:
    rule_dir = INVALID_FIXTURES / rule
    result = run_check(compose_fixture(rule_dir, tmp_path))

    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1, f"{rule}: the check accepted the data\n{result.stdout}"
    golden = rule_dir / "expected.txt"
    if UPDATE_GOLDEN:
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == golden.read_text(encoding="utf-8")

    *problems, summary = result.stderr.splitlines()
    assert problems, "no problem reported"
    assert SUMMARY_LINE.match(summary), summary
    assert summary.startswith(f"{len(problems)} ")
    for line in problems:
        match = PROBLEM_LINE.match(line)
        assert match, f"not in the form file:line:col: path: message: {line!r}"
        assert not Path(match["file"]).is_absolute()
        assert str(tmp_path) not in line


@pytest.mark.parametrize("case", sorted(p.name for p in ACCEPTED_FIXTURES.iterdir()))
def test_accepted_variants_pass(case: str, tmp_path: Path) -> None:
    """Valid data written differently: a byte order mark (bom_and_utf8), a split collection."""
    result = run_check(compose_fixture(ACCEPTED_FIXTURES / case, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Daten in Ordnung" in result.stdout


def test_problems_of_several_files_are_reported_in_one_run(tmp_path: Path) -> None:
    """An editor sees every problem at once, sorted by file and line, not only the first."""
    data = compose_fixture(INVALID_FIXTURES / "unknown_status", tmp_path)
    for rule in ("dangling_goal_field", "html_in_text", "label_unknown_key"):
        compose_overlay = INVALID_FIXTURES / rule / "data"
        for source in compose_overlay.rglob("*.yml"):
            target = data / source.relative_to(compose_overlay)
            target.write_bytes(source.read_bytes())
    result = run_check(data)
    assert result.returncode == 1
    lines = result.stderr.splitlines()[:-1]
    assert [line.split(":")[0] for line in lines] == [
        "data/goals.yml",
        "data/i18n/de/texts.yml",
        "data/i18n/en/labels.yml",
        "data/measures.yml",
    ]
    assert result.stderr.splitlines()[-1].startswith("4 Probleme")
