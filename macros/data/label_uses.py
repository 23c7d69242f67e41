"""Which UI labels the site's code asks for, and with which {placeholders} — read from the code.

A label the templates look up but German lacks would stop the build in the middle of a page; a
label with a placeholder the code does not fill would, too. Instead of a hand-kept list, the
lookups are found in the code itself: Python calls `label("key", name=…)`, `labels["key"]`
(with `.format(name=…)`), Jinja `ctx.label("key", name=…)` and `kik.labels.key`, and the
`nav_*` sections of mkdocs.yml. Keys computed at run time are resolved where the code shows all
their values: a conditional (`"a" if x else "b"`), a local variable assigned such values, or a
prefix from COMPUTED_KEYS. A lookup nothing resolves is listed in `unresolved`, and a test keeps
that list empty, so a new kind of lookup cannot slip past the check.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import nodes

from .specs import COLLECTIONS

# Label families whose key is built from a value ("unit_" + indicator unit). The values are the
# complete set the code can produce; tests check them against their sources.
COMPUTED_KEYS: dict[str, tuple[str, ...]] = {
    "unit_": tuple(getattr(COLLECTIONS["indicators"].keys["unit"].type, "values", ())),
    # templates/translation_status.html lists only the open pages: states MISSING and OUTDATED
    # of macros/i18n/translations.py.
    "translations_state_": ("missing", "outdated"),
}

_NAV_SECTION = re.compile(r"^\s*-\s*(nav_[a-z0-9_]+):", re.M)
_PARSER = jinja2.Environment()


@dataclass
class LabelUses:
    """keys: every label key the site uses -> the placeholder names the code fills in."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)  # "file:line: expression" of unknown lookups

    def use(self, key: str, placeholders: set[str]) -> None:
        self.keys.setdefault(key, set()).update(placeholders)

    def use_all(self, found: set[str] | None, placeholders: set[str], where: str) -> None:
        if found is None:
            self.unresolved.append(where)
            return
        for key in found:
            if key.endswith("*"):
                prefix = key[:-1]
                if prefix not in COMPUTED_KEYS:
                    self.unresolved.append(f"{where} (Präfix {prefix!r} nicht in COMPUTED_KEYS)")
                    continue
                for value in COMPUTED_KEYS[prefix]:
                    self.use(prefix + value, placeholders)
            else:
                self.use(key, placeholders)


@lru_cache(maxsize=4)
def label_uses(project: Path) -> LabelUses:
    """Label lookups of the macros package, the project's overrides/ and its navigation."""
    uses = LabelUses()
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*.py")):
        _python_uses(path.read_text(encoding="utf-8"), path.name, uses)
    templates = [*sorted(package.rglob("templates/*.html")), *sorted((project / "overrides").rglob("*.html"))]
    for path in templates:
        _jinja_uses(path.read_text(encoding="utf-8"), path.name, uses)
    config = project / "mkdocs.yml"
    if config.is_file():
        for key in _NAV_SECTION.findall(config.read_text(encoding="utf-8")):
            uses.use(key, set())
    return uses


# -- Python ------------------------------------------------------------------------------------

_FORWARD = object()  # a parameter of the function: the caller's lookup is the real one


def _python_uses(source: str, name: str, uses: LabelUses) -> None:
    tree = ast.parse(source)
    _annotate_parents(tree)
    for function in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda)))]:
        for node in _own_nodes(function):
            key_expr, placeholders = _lookup(node)
            if key_expr is None:
                continue
            found = _resolve(key_expr, function)
            if found is _FORWARD:
                continue
            uses.use_all(found, placeholders, f"{name}:{node.lineno}: {ast.unparse(key_expr)}")


def _own_nodes(function: ast.AST):
    """Nodes of a function body, not of functions nested in it (those are visited on their own)."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _lookup(node: ast.AST) -> tuple[ast.expr | None, set[str]]:
    """(key expression, placeholder names) if node looks a label up."""
    if isinstance(node, ast.Call):
        func = node.func
        # label(…), ctx.label(…), data.label(…) and local helpers such as html_label(…)
        called = (
            func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        )
        named = called == "label" or called.endswith("_label")
        if named and node.args:
            return node.args[0], {k.arg for k in node.keywords if k.arg} | _text_format_names(node)
        # labels["key"].format(name=…)
        if isinstance(func, ast.Attribute) and func.attr == "format" and _is_labels_subscript(func.value):
            return None, set()  # the subscript itself is visited and takes the names below
    if _is_labels_subscript(node):
        return node.slice, _format_names(node)
    return None, set()


def _text_format_names(call: ast.Call) -> set[str]:
    """Names of `data.label("key", lang).text.format(name=…)`: the plain text filled in later."""
    text = getattr(call, "_kik_parent", None)
    if not (isinstance(text, ast.Attribute) and text.attr == "text"):
        return set()
    fmt = getattr(text, "_kik_parent", None)
    if not (isinstance(fmt, ast.Attribute) and fmt.attr == "format"):
        return set()
    outer = getattr(fmt, "_kik_parent", None)
    return {k.arg for k in outer.keywords if k.arg} if isinstance(outer, ast.Call) else set()


def _is_labels_subscript(node: ast.AST) -> bool:
    # `labels[key]` on a name: the labels of one language. `data.labels[lang]` picks a language.
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "labels"


def _format_names(subscript: ast.Subscript) -> set[str]:
    parent = getattr(subscript, "_kik_parent", None)
    if isinstance(parent, ast.Attribute) and parent.attr == "format":
        call = getattr(parent, "_kik_parent", None)
        if isinstance(call, ast.Call):
            return {k.arg for k in call.keywords if k.arg}
    return set()


def _resolve(expr: ast.expr, function: ast.AST):
    """The set of keys expr can be ('prefix*' for a computed family), _FORWARD, or None."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        a, b = _resolve(expr.body, function), _resolve(expr.orelse, function)
        if a is None or b is None or a is _FORWARD or b is _FORWARD:
            return None
        return a | b
    if isinstance(expr, ast.JoinedStr) and expr.values and isinstance(expr.values[0], ast.Constant):
        return {f"{expr.values[0].value}*"}
    if isinstance(expr, ast.Name):
        if isinstance(function, (ast.FunctionDef, ast.Lambda)) and expr.id in {
            a.arg for a in function.args.args + function.args.kwonlyargs
        }:
            return _FORWARD
        scope = getattr(expr, "_kik_parent", None)
        while scope is not None and scope is not function:
            if isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                for generator in scope.generators:
                    if isinstance(generator.target, ast.Name) and generator.target.id == expr.id:
                        # every key that exists (`for key in data.labels[lang]`): not a requirement
                        return _FORWARD if _iterates_all_labels(generator.iter) else None
            scope = getattr(scope, "_kik_parent", None)
        found: set[str] = set()
        for node in _own_nodes(function):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == expr.id for t in node.targets
            ):
                value = _resolve(node.value, function)
                if value is None or value is _FORWARD:
                    return None
                found |= value
        return found or None
    return None


def _iterates_all_labels(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "labels"
    )


def _annotate_parents(tree: ast.AST) -> None:
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child._kik_parent = parent  # type: ignore[attr-defined]


# -- Jinja -------------------------------------------------------------------------------------


def _jinja_uses(source: str, name: str, uses: LabelUses) -> None:
    tree = _PARSER.parse(source)
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Getattr) and call.node.attr == "label" and call.args:
            placeholders = {k.key for k in call.kwargs}
            uses.use_all(_jinja_key(call.args[0]), placeholders, f"{name}:{call.lineno}")
    for getattr_node in tree.find_all(nodes.Getattr):
        if isinstance(getattr_node.node, nodes.Getattr) and getattr_node.node.attr == "labels":
            uses.use(getattr_node.attr, set())
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.node, nodes.Getattr) and item.node.attr == "labels":
            uses.use_all(_jinja_key(item.arg), set(), f"{name}:{item.lineno}")


def _jinja_key(expr: nodes.Node) -> set[str] | None:
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, nodes.Concat) and expr.nodes and isinstance(expr.nodes[0], nodes.Const):
        return {f"{expr.nodes[0].value}*"}
    if isinstance(expr, nodes.CondExpr):
        a, b = _jinja_key(expr.expr1), _jinja_key(expr.expr2) if expr.expr2 is not None else None
        return a | b if a is not None and b is not None else None
    return None
