"""Every rule of the data check (macros/data/rules.py) has its golden invalid fixture.

The rules a fixture triggers are not declared by hand: each fixture of tests/fixtures/invalid/ is
validated in-process and the `rule` of every problem collected. A rule without a fixture, a
problem without a registered rule, and a registered rule no code emits all fail here.
"""

from __future__ import annotations

import ast

import pytest

from macros.data import dataset, rules
from macros.data.dataset import check
from macros.data.label_uses import label_uses
from tests.support import INVALID_FIXTURES, REPO, compose_fixture

DATA_PACKAGE = REPO / "macros" / "data"
FIXTURES = sorted(p for p in INVALID_FIXTURES.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def triggered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """fixture name -> the problems the check reports for it."""
    # The label keys the code uses are the same for every fixture (none has overrides/ or a
    # mkdocs.yml): read them once instead of scanning the package 70 times.
    uses = label_uses(tmp_path_factory.mktemp("project"))
    result = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dataset, "label_uses", lambda project: uses)
        for rule_dir in FIXTURES:
            data = compose_fixture(rule_dir, tmp_path_factory.mktemp(rule_dir.name))
            result[rule_dir.name] = check(data)
    return result


def test_registry_is_well_formed() -> None:
    assert rules.REGISTRY
    for rule_id, description in rules.REGISTRY.items():
        assert rule_id == rule_id.lower() and " " not in rule_id and "_" not in rule_id, rule_id
        assert description.strip() and "\n" not in description, rule_id
    assert set(rules.NO_FIXTURE) <= set(rules.REGISTRY)
    assert set(rules.UNKNOWN_REFERENCE.values()) <= set(rules.REGISTRY)


def test_every_rule_is_triggered_by_a_fixture(triggered: dict[str, list]) -> None:
    seen = {p.rule for problems in triggered.values() for p in problems}
    without = sorted(set(rules.REGISTRY) - set(rules.NO_FIXTURE) - seen)
    assert not without, f"rules without a golden invalid fixture: {without}"


def test_rules_without_fixture_are_really_not_triggered(triggered: dict[str, list]) -> None:
    """A rule excused from having a fixture that a fixture does trigger needs no excuse."""
    seen = {p.rule for problems in triggered.values() for p in problems}
    assert not set(rules.NO_FIXTURE) & seen


def test_every_problem_names_a_registered_rule(triggered: dict[str, list]) -> None:
    unnamed = [
        f"{name}: {problem} (rule {problem.rule!r})"
        for name, problems in triggered.items()
        for problem in problems
        if problem.rule not in rules.REGISTRY
    ]
    assert not unnamed, "\n".join(unnamed)


def test_every_fixture_reports_a_problem(triggered: dict[str, list]) -> None:
    assert not [name for name, problems in triggered.items() if not problems]


def _rule_constants() -> dict[str, str]:
    """Constant name -> rule ID for every rule constant of rules.py."""
    return {
        name: value
        for name, value in vars(rules).items()
        if name.isupper() and isinstance(value, str) and value in rules.REGISTRY
    }


def _used_names() -> set[str]:
    """Names X used as `rules.X` in macros/data, plus rule constants inside a used mapping."""
    used: set[str] = set()
    for path in sorted(DATA_PACKAGE.rglob("*.py")):
        if path.name == "rules.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "rules"
            ):
                used.add(node.attr)
    tree = ast.parse((DATA_PACKAGE / "rules.py").read_text(encoding="utf-8"))
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id in used and isinstance(node.value, ast.Dict):
            used |= {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    return used


def test_every_rule_is_used_in_the_code() -> None:
    used = _used_names()
    unused = sorted(name for name in _rule_constants() if name not in used)
    assert not unused, f"registered rules no code emits: {unused}"
    unknown = sorted(name for name in used if not hasattr(rules, name))
    assert not unknown, f"rules.X used in the code but not registered: {unknown}"


def test_every_rule_has_one_constant() -> None:
    assert sorted(_rule_constants().values()) == sorted(rules.REGISTRY)
