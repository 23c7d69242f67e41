"""Class 2 of issue 9, as a property: whatever `check` accepts, the build renders.

Hypothesis mutates a valid mini project the way editors slip — a value replaced by something
else (a number, a date, text with braces, quotes, Markdown, control characters), a key deleted
or misspelt, a character typed into the YAML, a line of template syntax in a page — and asserts:
either the check reports a problem (in the compiler-style form), or the German build succeeds.
Nothing else is allowed: no crash of the check, no build that fails after the check said yes.

Kept small so it runs in well under a minute: 30 examples, a mini site, one language, built in
process. Examples are derandomized (the same on every run) and no example database is written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from macros.data.dataset import check, load_dataset
from macros.data.loader import dump_yaml
from macros.render.pagecheck import check_all_pages
from tests.support import make_project, stamp_translations
from tests.synthetic import write_dataset

PROBLEM = re.compile(r"^(data/|docs/|mkdocs\.yml)[^\s:]*(:\d+:\d+)?: \S")

# What editors paste: empty text, numbers that look like text, braces of labels and templates,
# HTML, Markdown, quotes, control characters from Word, line breaks, snippet syntax.
HOSTILE = [
    "",
    " ",
    "9.4",
    "8.30",
    "{}",
    "{shown}",
    "{x}",
    "{0}",
    "{{ x }}",
    "{% include 'a.md' %}",
    "<b>fett</b>",
    "<img src=x onerror=alert(1)",
    "[x](javascript:alert(1))",
    "- Liste",
    "1. Punkt",
    "**b**",
    "Zeile\x0bmit Tab",
    "a\nb",
    "'",
    '"',
    "Grüße",
    "#",
    "&amp;",
    '--8<-- "mkdocs.yml"',
    "2024-02-30",
    "null",
]
SCALARS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=8),
    st.integers(min_value=-2, max_value=3000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.lists(st.sampled_from(["sb", "stadt", "gibt-es-nicht"]), max_size=2),
)
TYPED = ["\t", '"', "'", ":", "[", "{", "&", "*", "!", "#", "-", "\x0b", "|", ">", "%", "\\"]
PAGE_SNIPPETS = [
    '{{ field_title("sb") }}',
    '{{ field_title("zz") }}',
    '{{ field_summary("sb") }}',
    "{{ field_cards(1) }}",
    '{% include "index.md" %}',
    "{{ field_cards() | upper }}",
    "{{ config.extra.nope }}",
    "{{ config.extra.operator.hosting_provider }}",
    '{{ "{{ wörtlich }}" }}',
    "{{ now() }}",
    "{{ unbekannt }}",
    '{{ indicator_latest("kennzahl-01") }}',
    "{#",
    "{{",
    "{% raw %}{{ x }}{% endraw %}",
    "[Link](gibt-es-nicht.md)",
]


class Base(tuple):
    """(project, snapshot); a short repr keeps Hypothesis' failure report readable."""

    def __repr__(self) -> str:
        return f"Base({self[0]})"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A valid mini project and a snapshot of its editable files (data/ and docs/)."""
    project = make_project(tmp_path_factory.mktemp("property") / "project")
    write_dataset(project / "data", scale=1, seed=3)
    stamp_translations(project)
    snapshot = {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("data", "docs")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }
    return Base((project, snapshot))


def restore(project: Path, snapshot: dict[str, bytes]) -> None:
    for folder in ("data", "docs"):
        shutil.rmtree(project / folder)
    for rel, raw in snapshot.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths_in(item, (*prefix, i))
    return found


def mutate_value(value: Any, path: tuple[Any, ...], operation: str, new: Any) -> None:
    parent = value
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if operation == "replace":
        parent[last] = new
    elif operation == "delete" and isinstance(parent, dict):
        del parent[last]
    elif operation == "rename" and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    elif operation == "delete" and isinstance(parent, list):
        parent.pop(last)


def build_in_process(project: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build --strict` of the German site, in this process (fast enough for 30 examples)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("KIK_LANG", "de")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("KIK_SITE_URL", raising=False)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(dest), strict=True)
    build(config)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: each step would build again; the failing draws are printed as they are.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_check_accepts_the_build_renders(
    data: st.DataObject, base: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, snapshot = base
    restore(project, snapshot)
    kind = data.draw(st.sampled_from(["value", "value", "value", "typed", "page"]), label="kind")
    if kind == "page":
        pages = sorted(rel for rel in snapshot if rel.startswith("docs/de/") and "/_" not in rel)
        rel = data.draw(st.sampled_from(pages), label="page")
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        at = data.draw(st.integers(min_value=0, max_value=len(lines)), label="line")
        snippet = data.draw(st.sampled_from(PAGE_SNIPPETS), label="snippet")
        (project / rel).write_text("\n".join([*lines[:at], snippet, *lines[at:]]) + "\n", encoding="utf-8")
    else:
        files = sorted(rel for rel in snapshot if rel.startswith("data/") and rel.endswith(".yml"))
        rel = data.draw(st.sampled_from(files), label="file")
        path = project / rel
        if kind == "typed":
            text = path.read_text(encoding="utf-8")
            at = data.draw(st.integers(min_value=0, max_value=len(text)), label="offset")
            char = data.draw(st.sampled_from(TYPED), label="char")
            path.write_text(text[:at] + char + text[at:], encoding="utf-8")
        else:
            value = yaml.safe_load(path.read_text(encoding="utf-8"))
            candidates = paths_in(value)
            if candidates:
                where = data.draw(st.sampled_from(candidates), label="path")
                operation = data.draw(st.sampled_from(["replace", "replace", "delete", "rename"]), label="op")
                mutate_value(value, where, operation, data.draw(SCALARS, label="new"))
                path.write_text(dump_yaml(value, allow_unicode=True, sort_keys=False), encoding="utf-8")

    problems = [str(p) for p in check(project / "data")]
    if not problems:
        dataset = load_dataset(project / "data")
        problems = [str(p) for p in check_all_pages(project, dataset, ["de"])]
    if problems:
        for line in problems:
            assert PROBLEM.match(line), line
        return
    build_in_process(project, tmp_path / f"site-{data.draw(st.integers(0, 10**9), label='n')}", monkeypatch)
