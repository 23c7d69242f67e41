"""Check the macro calls in Markdown pages before anything is rendered.

The macros plugin reports a broken call with a Python traceback and stops at the first one.
Editors get this list instead: syntax errors, unknown macros, unknown IDs and unknown settings,
each with file, line and a hint — all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2 import nodes

from ..data.model import Dataset
from ..data.problems import Position, Problem
from ..data.schema import did_you_mean

# Which collection the first argument of each macro names (None: the macro takes no argument).
MACRO_ARGUMENTS: dict[str, str | None] = {
    "fields_overview": None,
    "field_cards": None,
    "status_legend": None,
    "actors_index": None,
    "translation_status": None,
    "data_downloads": None,
    "data_licence": None,
    "progress_overview": None,
    "whats_new": None,
    "measure_explorer": None,
    "completeness": "fields",
    "goals_table": "fields",
    "measures_by_goal": "fields",
    "field_title": "fields",
    "field_summary": "fields",
    "indicator_table": "indicators",
    "indicator_latest": "indicators",
    "indicator_page": "indicators",
    "indicator_chart": "indicators",
    "indicators_overview": None,
}

# Variables a page may read besides the macros: the site configuration (e.g. config.extra.operator).
PAGE_VARIABLES = ("config",)

_PARSER = jinja2.Environment()


@dataclass(frozen=True)
class PageSource:
    shown: str  # file name as editors see it, e.g. docs/de/index.md
    text: str


def check_page(page: PageSource, data: Dataset, config: dict[str, Any]) -> list[Problem]:
    """Problems of the macro calls in one page."""
    try:
        tree = _PARSER.parse(page.text)
    except jinja2.TemplateSyntaxError as err:
        return [
            Problem(
                Position(page.shown, err.lineno or 1, 1),
                "",
                f'Makro-Syntaxfehler: {err.message}; Aufrufe haben die Form {{{{ name("id") }}}}',
            )
        ]
    problems: list[Problem] = []
    ids = {
        "fields": [f.id for f in data.fields],
        "indicators": [i.id for i in data.indicators],
    }
    called: set[int] = set()
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        called.add(id(call.node))
        name = call.node.name
        where = Position(page.shown, call.lineno, 1)
        if name not in MACRO_ARGUMENTS:
            problems.append(
                Problem(where, "", f"unbekanntes Makro '{name}'{did_you_mean(name, MACRO_ARGUMENTS)}")
            )
            continue
        collection = MACRO_ARGUMENTS[name]
        expected = 0 if collection is None else 1
        if len(call.args) != expected or call.kwargs:
            problems.append(
                Problem(
                    where,
                    "",
                    f"'{name}' erwartet {expected} Angabe(n) in Klammern, gefunden {len(call.args)}",
                )
            )
            continue
        if collection and isinstance(call.args[0], nodes.Const):
            value = call.args[0].value
            if value not in ids[collection]:
                problems.append(
                    Problem(
                        where,
                        "",
                        f"'{name}': unbekannte ID {value!r} in {collection}{did_you_mean(value, ids[collection])}",
                    )
                )
    for name in tree.find_all(nodes.Name):
        if id(name) in called or name.ctx != "load":
            continue
        if name.name not in PAGE_VARIABLES:
            problems.append(
                Problem(
                    Position(page.shown, name.lineno, 1),
                    "",
                    f"unbekannter Name '{name.name}'{did_you_mean(name.name, [*MACRO_ARGUMENTS, *PAGE_VARIABLES])}",
                )
            )
    for getattr_node in _outermost_getattrs(tree):
        path = _attribute_path(getattr_node)
        if path and path[0] == "config" and not _has_path(config, path[1:]):
            problems.append(
                Problem(
                    Position(page.shown, getattr_node.lineno, 1),
                    "",
                    f"Einstellung '{'.'.join(path)}' gibt es in mkdocs.yml nicht",
                )
            )
    return problems


def check_pages(pages: Iterable[PageSource], data: Dataset, config: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for page in pages:
        problems += check_page(page, data, config)
    return problems


def pages_in(root: Path, lang: str) -> list[PageSource]:
    docs = root / "docs" / lang
    return [
        PageSource(f"docs/{lang}/{p.relative_to(docs).as_posix()}", p.read_text(encoding="utf-8-sig"))
        for p in sorted(docs.rglob("*.md"))
    ]


def _outermost_getattrs(tree: nodes.Node) -> list[nodes.Getattr]:
    inner = {id(n.node) for n in tree.find_all(nodes.Getattr) if isinstance(n.node, nodes.Getattr)}
    return [n for n in tree.find_all(nodes.Getattr) if id(n) not in inner]


def _attribute_path(node: nodes.Node) -> list[str]:
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name):
        return [node.name, *reversed(parts)]
    return []


def _has_path(value: Any, path: list[str]) -> bool:
    for part in path:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif not isinstance(value, Mapping) and hasattr(value, part):
            value = getattr(value, part)
        else:
            return False
    return True


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV become None, we only need `extra`."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_config(root: Path) -> dict[str, Any]:
    """The parts of mkdocs.yml pages may read (config.extra …), without importing MkDocs."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def check_all_pages(root: Path, data: Dataset, languages: Iterable[str]) -> list[Problem]:
    """Macro calls of every page of the given languages, plus the translation rules."""
    from ..i18n.translations import check_pages as check_translations

    config = site_config(root)
    problems: list[Problem] = []
    for lang in languages:
        if (root / "docs" / lang).is_dir():
            problems += check_pages(pages_in(root, lang), data, config)
            problems += check_translations(root, lang)
    return problems
