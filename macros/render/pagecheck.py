"""Check the macro calls in Markdown pages before anything is rendered.

The macros plugin reports a broken call with a Python traceback and stops at the first one.
Editors get this list instead: syntax errors, unknown macros, unknown IDs and unknown settings,
each with file, line and a hint — all at once.

What a page may contain is a closed set (see STYLE.md: pages hold prose and one-line macro
calls): `{{ macro("id") }}` of a known macro, `{{ config.extra.… }}`, and `{{ "literal" }}`.
Statements (`{% include %}`, `{% for %}` …), filters and any other expression are refused, and
every page is also compiled with the Jinja environment the macros plugin renders with. So what
this check accepts, the build renders.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml
from jinja2 import nodes

from ..data.editor_files import read_into
from ..data.model import SOURCE_LANGUAGE, Dataset
from ..data.problems import Position, Problem
from ..data.schema import did_you_mean

# Which collection the first argument of each macro names (None: the macro takes no argument).
MACRO_ARGUMENTS: dict[str, str | None] = {
    "fields_overview": None,
    "field_cards": None,
    "status_legend": None,
    "actors_index": None,
    "translation_status": None,
    "build_date": None,
    "pdf_download": None,
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


def page_environment(docs_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment mkdocs-macros renders pages with, for our mkdocs.yml settings
    (`on_undefined: strict`, no j2_* delimiters, no filters of our own, the docs folder as
    include path). The build passes the plugin's own environment instead (site/hooks.py); a test
    compares the two."""
    loader = jinja2.FileSystemLoader(str(docs_dir)) if docs_dir else None
    return jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined)


_ENVIRONMENT = page_environment()

# Statement nodes as editors write them, for the message.
_STATEMENTS = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
    nodes.For: "for",
    nodes.If: "if",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.Block: "block",
    nodes.With: "with",
}


@dataclass(frozen=True)
class PageSource:
    shown: str  # file name as editors see it, e.g. docs/de/index.md
    text: str


def check_page(
    page: PageSource, data: Dataset, config: dict[str, Any], env: jinja2.Environment | None = None
) -> list[Problem]:
    """Problems of the macro calls in one page."""
    env = env or _ENVIRONMENT
    try:
        tree = env.parse(page.text)
    except jinja2.TemplateSyntaxError as err:
        return [
            Problem(
                Position(page.shown, err.lineno or 1, 1),
                "",
                f'Makro-Syntaxfehler: {err.message}; Aufrufe haben die Form {{{{ name("id") }}}}',
            )
        ]
    problems: list[Problem] = _refused_constructs(tree, page)
    if not problems:
        try:
            env.compile(page.text)
        except jinja2.TemplateError as err:  # e.g. an assertion Jinja makes only when compiling
            line = getattr(err, "lineno", None) or 1
            problems.append(Problem(Position(page.shown, line, 1), "", f"Makro-Fehler: {err}"))
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


def _refused_constructs(tree: nodes.Template, page: PageSource) -> list[Problem]:
    """Everything in a page that is not text, a macro call, a config value or a literal."""
    problems: list[Problem] = []
    for node in tree.body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    continue
                problem = _refused_expression(child)
                if problem:
                    problems.append(Problem(Position(page.shown, child.lineno, 1), "", problem))
            continue
        name = next((n for kind, n in _STATEMENTS.items() if isinstance(node, kind)), None)
        keyword = name or type(node).__name__.lower()
        problems.append(
            Problem(
                Position(page.shown, node.lineno, 1),
                "",
                f"Anweisung {{% {keyword} %}} ist in Seiten nicht erlaubt; Seiten enthalten Text und "
                'einzelne Makro-Aufrufe wie {{ field_title("sb") }}',
            )
        )
    return problems


def _refused_expression(node: nodes.Node) -> str | None:
    """Why an expression in {{ }} is not allowed, or None if it is one the check understands."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return None
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if (
            all(isinstance(arg, nodes.Const) for arg in node.args)
            and not node.dyn_args
            and not node.dyn_kwargs
        ):
            return None
        return f"'{node.node.name}': Angaben in Klammern müssen feste Texte in Anführungszeichen sein"
    if isinstance(node, nodes.Getattr) and _attribute_path(node)[:1] == ["config"]:
        return None
    if isinstance(node, nodes.Name):
        return None  # reported as unknown name (or accepted as a page variable) below
    filters = [f.name for f in node.find_all(nodes.Filter)] + (
        [node.name] if isinstance(node, nodes.Filter) else []
    )
    if filters:
        return (
            f"Filter '|{filters[0]}' ist in Seiten nicht erlaubt; nur Makro-Aufrufe wie "
            '{{ field_title("sb") }} verwenden'
        )
    return 'Ausdruck ist in Seiten nicht erlaubt; nur Makro-Aufrufe wie {{ field_title("sb") }} verwenden'


def check_pages(
    pages: Iterable[PageSource], data: Dataset, config: dict[str, Any], env: jinja2.Environment | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    for page in pages:
        problems += check_page(page, data, config, env)
    return problems


def pages_in(root: Path, lang: str, problems: list[Problem] | None = None) -> list[PageSource]:
    """Every page of a language, read through the guarded path; unreadable pages and broken
    front matter go to problems (the pages are left out)."""
    from ..i18n.translations import parse_page

    problems = [] if problems is None else problems
    docs = root / "docs" / lang
    pages = []
    for path in sorted(docs.rglob("*.md")):
        shown = f"docs/{lang}/{path.relative_to(docs).as_posix()}"
        text = read_into(path, shown, problems)
        if text is None:
            continue
        _, _, front = parse_page(text, shown)
        problems += front
        pages.append(PageSource(shown, text))
    return pages


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


# Inline Markdown links to another page: [text](target.md) or [text](target.md#anchor).
_PAGE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+?\.md)(#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


def link_problems(page: PageSource, docs: Path, source_docs: Path) -> list[Problem]:
    """Links to pages that do not exist: MkDocs warns, and `--strict` stops the build.

    A translation may link to a page that only exists in German (it is built as a fallback)."""
    problems = []
    rel = page.shown.split("/", 2)[2]
    folder = PurePosixPath(rel).parent
    for match in _PAGE_LINK.finditer(page.text):
        target = match.group(1)
        if "://" in target or target.startswith(("mailto:", "/")):
            continue
        resolved = posixpath.normpath((folder / target).as_posix())
        if resolved.startswith("..") or not (
            (docs / resolved).is_file() or (source_docs / resolved).is_file()
        ):
            line = page.text.count("\n", 0, match.start()) + 1
            column = match.start() - (page.text.rfind("\n", 0, match.start()) + 1) + 1
            problems.append(
                Problem(
                    Position(page.shown, line, column),
                    "",
                    f"Verweis auf eine Seite, die es nicht gibt: {target}",
                )
            )
    return problems


def nav_pages(config: Any) -> list[str]:
    """The pages the navigation of mkdocs.yml names, in order."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            found.append(item)
        elif isinstance(item, Mapping):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.get("nav") if isinstance(config, Mapping) else getattr(config, "nav", None))
    return found


def nav_problems(root: Path, config: Any) -> list[Problem]:
    """Every German page is in the navigation and every navigation entry exists (MkDocs warns
    otherwise, and `--strict` stops the build)."""
    source_docs = root / "docs" / SOURCE_LANGUAGE
    listed = nav_pages(config)
    if not listed:
        return []
    problems = []
    for rel in listed:
        if not (source_docs / rel).is_file():
            problems.append(
                Problem(
                    Position("mkdocs.yml"),
                    "nav",
                    f"die Navigation nennt docs/{SOURCE_LANGUAGE}/{rel}, die Seite gibt es nicht",
                )
            )
    for path in sorted(source_docs.rglob("*.md")):
        rel = path.relative_to(source_docs).as_posix()
        if not rel.startswith("_") and rel not in listed:
            problems.append(
                Problem(
                    Position(f"docs/{SOURCE_LANGUAGE}/{rel}"),
                    "",
                    "die Seite steht nicht in der Navigation: in mkdocs.yml unter nav: eintragen",
                )
            )
    return problems


def check_all_pages(
    root: Path,
    data: Dataset,
    languages: Iterable[str],
    config: Any = None,
    env: jinja2.Environment | None = None,
) -> list[Problem]:
    """Every page of the given languages (German first: it is the source of the others), plus the
    translation rules. A German page with a problem is reported once: its translations are not
    compared with it."""
    from ..i18n.translations import check_pages as check_translations

    config = site_config(root) if config is None else config
    env = env or page_environment(root / "docs" / SOURCE_LANGUAGE)
    problems: list[Problem] = []
    broken: set[str] = set()
    for lang in sorted(set(languages), key=lambda lg: lg != SOURCE_LANGUAGE):
        docs = root / "docs" / lang
        if not docs.is_dir():
            problems.append(
                Problem(
                    Position(f"docs/{lang}/"),
                    "",
                    f"Ordner fehlt für die Sprache '{lang}' aus data/languages.yml; "
                    f"'python -m macros i18n add {lang} <Name>' legt ihn an",
                )
            )
            continue
        found: list[Problem] = []
        pages = pages_in(root, lang, found)
        found += check_pages(pages, data, config, env)
        for page in pages:
            found += link_problems(page, docs, root / "docs" / SOURCE_LANGUAGE)
        if lang == SOURCE_LANGUAGE:
            found += nav_problems(root, config)
        if lang == SOURCE_LANGUAGE:
            prefix = f"docs/{SOURCE_LANGUAGE}/"
            broken = {p.position.file.removeprefix(prefix) for p in found}
        else:
            found += check_translations(root, lang, frozenset(broken))
        problems += found
    return sorted(set(problems))
