"""Read YAML files into plain Python values while remembering where every value stood.

PyYAML's composer gives nodes with line/column marks; we construct values ourselves from those
nodes so that (a) every later validation message can name file, line and column, and (b) duplicate
keys, which PyYAML silently lets win, become errors an editor sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import rules
from .editor_files import line_column, read_into
from .problems import Position, Problem, ProblemList

try:  # libyaml is much faster and also keeps marks; fall back for machines without it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

PathKey = tuple[Any, ...]


def format_path(path: PathKey) -> str:
    """Turn ('measures', 3, 'goal') into 'measures[3].goal' as shown in messages."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Document:
    """A parsed YAML file: its value and the position of every value and key inside it."""

    file: str
    value: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    empty: bool = False  # the file holds no YAML at all (only comments or nothing)
    line_shift: int = 0  # front matter: lines of the page above the YAML

    def at(self, path: PathKey) -> Position:
        """Position of the value at path, or of its nearest parent that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.file, 1, 1))


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor used only for scalars; containers we build ourselves."""


# Deeper than any data file needs (texts.yml goes five levels deep); a limit keeps a pasted or
# generated monster from exhausting the stack or the memory.
MAX_DEPTH = 20

_PLAIN_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def load_yaml(path: Path, display_name: str, problems: ProblemList) -> Document | None:
    """Parse one YAML file. Unreadable files, syntax errors and duplicate keys become problems.

    Returns None when the file cannot be parsed at all (the problem is recorded).
    """
    text = read_into(path, display_name, problems)
    if text is None:
        return None
    return load_yaml_text(text, display_name, problems)


def load_yaml_text(
    text: str, display_name: str, problems: ProblemList, first_line: int = 1
) -> Document | None:
    """Parse YAML text (a file, or the front matter of a page starting at line first_line).

    Work stays linear in the size of the text: anchors and aliases (`&x`, `*x`), which let a few
    hundred bytes expand into gigabytes, are refused before anything is built, and so is nesting
    deeper than MAX_DEPTH.
    """
    shift = first_line - 1
    try:
        refused = _refuse_aliases_and_depth(text, display_name, shift)
        if refused is not None:
            problems.extend([refused])
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        line, column, message, rule = syntax_message(err, text)
        problems.add(Position(display_name, line + shift, column), "", message, rule)
        return None
    except yaml.reader.ReaderError as err:  # control characters; files are screened before
        line, column = line_column(text, err.position)
        problems.add(
            Position(display_name, line + shift, column),
            "",
            f"unsichtbares Steuerzeichen U+{err.character if isinstance(err.character, int) else 0:04X}; Zeichen löschen",
            rules.CONTROL_CHARACTER,
        )
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as err:  # pragma: no cover - guarded above
        problems.add(
            Position(display_name, first_line, 1),
            "",
            f"YAML kann nicht gelesen werden: {err}",
            rules.YAML_SYNTAX,
        )
        return None
    doc = Document(display_name, None)
    doc.line_shift = shift
    if node is None:
        doc.value = {}
        doc.empty = True
        return doc
    doc.value = _construct(node, (), doc, problems)
    return doc


def _refuse_aliases_and_depth(text: str, file: str, shift: int) -> Problem | None:
    """One pass over the parser's events (iterative, no tree): the first alias, anchor or too deep
    nesting as a problem, else None. Syntax errors propagate as MarkedYAMLError."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = Position(file, mark.line + 1 + shift, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            return Problem(
                where,
                "",
                f"Verweis '*{event.anchor}' auf einen Anker: Anker und Verweise (& und *) sind in "
                "Datendateien nicht erlaubt; den Inhalt ausschreiben",
                rules.YAML_ANCHOR_ALIAS,
            )
        if getattr(event, "anchor", None):
            return Problem(
                where,
                "",
                f"Anker '&{event.anchor}': Anker und Verweise (& und *) sind in Datendateien nicht "
                "erlaubt; den Inhalt ausschreiben",
                rules.YAML_ANCHOR_ALIAS,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    where,
                    "",
                    f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); so tief geht keine "
                    "Datendatei – Einrückung prüfen",
                    rules.NESTING_TOO_DEEP,
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'][^#"']*?:\s+)?(["'])""")


def _unclosed_quote_line(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """The first line up to the error whose quoted value does not close on that line.

    YAML lets a quoted text run over several lines, so an unclosed quote only shows up where the
    next quote further down closes it and the rest no longer parses. Data files never need a
    quoted text spanning lines (long texts use `>-`), so the line where the quote opened is
    where the mistake is.
    """
    for number, text in enumerate(lines[:error_line], start=1):
        match = _QUOTED_VALUE.match(text)
        if not match:
            continue
        quote, rest = match.group(1), text[match.end() :]
        if quote == '"':
            closed = re.search(r'(?<!\\)"', rest) is not None
        else:
            closed = re.search(r"'(?!')", rest.replace("''", "")) is not None
        if not closed:
            return number, match.end(), quote
    return None


def syntax_message(err: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """(line, column, German message, rule ID) for a YAML syntax error, at the place the editor must fix.

    PyYAML reports an unclosed quote where the file ends, a tab as "a character that cannot start
    any token"; the editor is told where the quote opened and that a tab is a tab.
    """
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = err.context or ""
    problem = err.problem or ""
    if "quoted scalar" in context and err.context_mark is not None:
        opened = err.context_mark
        quote = text.splitlines()[opened.line][opened.column : opened.column + 1] if text else '"'
        return (
            opened.line + 1,
            opened.column + 1,
            f"Anführungszeichen {quote} wird nicht geschlossen; am Ende des Textes {quote} ergänzen",
            rules.UNCLOSED_QUOTE,
        )
    lines = text.splitlines()
    opened = _unclosed_quote_line(lines, line)
    if opened:
        quote_line, quote_column, quote = opened
        return (
            quote_line,
            quote_column,
            f"Anführungszeichen {quote} wird in dieser Zeile nicht geschlossen; am Ende des Textes {quote} ergänzen",
            rules.UNCLOSED_QUOTE,
        )
    for mark_ in (err.problem_mark, err.context_mark):
        if mark_ is not None and mark_.line < len(lines) and "\t" in lines[mark_.line]:
            tab = lines[mark_.line].index("\t")
            return (
                mark_.line + 1,
                tab + 1,
                "Tabulator-Zeichen: YAML erlaubt zum Einrücken nur Leerzeichen; Tabulator durch Leerzeichen ersetzen",
                rules.TAB_INDENTATION,
            )
    hints = {
        "mapping values are not allowed": (
            "Doppelpunkt mit Leerzeichen mitten im Wert; den Text in Anführungszeichen setzen"
        ),
        "could not find expected ':'": "Doppelpunkt fehlt; Zeilen haben die Form 'schluessel: wert'",
        "did not find expected key": "Einrückung stimmt nicht; gleich tiefe Einträge gleich weit einrücken",
        "did not find expected '-' indicator": "Einrückung stimmt nicht; Listenzeilen mit '- ' gleich weit einrücken",
        "expected ',' or ']'": "Liste in [ ] wird nicht geschlossen; ']' ergänzen",
        "expected ',' or '}'": "Einträge in { } werden nicht geschlossen; '}' ergänzen",
        "found undefined alias": "Verweis (*) ohne Anker; Anker und Verweise sind nicht erlaubt",
    }
    if "nesting depth" in problem:  # libyaml's own limit, reached before ours when scanning ahead
        return (
            line,
            column,
            f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); so tief geht keine Datendatei – Einrückung prüfen",
            rules.NESTING_TOO_DEEP,
        )
    if "flow" in context and err.context_mark is not None:
        # An unclosed [ or {: where it opened, not where the parser gave up.
        line, column = err.context_mark.line + 1, err.context_mark.column + 1
    for english, german in hints.items():
        if english in problem:
            return line, column, f"YAML-Syntaxfehler: {german}", rules.YAML_SYNTAX
    reason = problem or context or "ungültiges YAML"
    return (
        line,
        column,
        f"YAML-Syntaxfehler: {reason} (Einrückung, Doppelpunkte und Anführungszeichen prüfen)",
        rules.YAML_SYNTAX,
    )


def _position(node: yaml.Node, doc: Document) -> Position:
    return Position(doc.file, node.start_mark.line + 1 + doc.line_shift, node.start_mark.column + 1)


# Tags a data file may carry (normally implicit); `!!python/...`, `!!binary`, `!!set`, custom
# `!tags` are refused on scalars, lists and mappings alike.
_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


def _refused_tag(node: yaml.Node, path: PathKey, doc: Document, problems: ProblemList) -> bool:
    if node.tag in _ALLOWED_TAGS:
        return False
    shown = node.tag.replace("tag:yaml.org,2002:", "!!")
    problems.add(
        _position(node, doc),
        format_path(path),
        f"YAML-Markierung '{shown}' ist in Datendateien nicht erlaubt; Markierung entfernen",
        rules.YAML_TAG,
    )
    return True


def _construct(node: yaml.Node, path: PathKey, doc: Document, problems: ProblemList) -> Any:
    doc.positions[path] = _position(node, doc)
    if _refused_tag(node, path, doc, problems) and isinstance(node, yaml.ScalarNode):
        return node.value  # reported; read as plain text so no follow-up problem appears
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        previous: yaml.Node | None = None
        previous_key: Any = None
        for key_node, value_node in node.value:
            if node.flow_style and _decimal_comma(previous, key_node, value_node):
                # `{value: 38,2}` reads as value 38 and a key "2" without value.
                problems.add(
                    _position(previous, doc),
                    format_path((*path, previous_key)),
                    f"Zahl mit Komma '{previous.value},{key_node.value}': YAML schreibt Dezimalzahlen mit "
                    f"Punkt ({previous.value}.{key_node.value})",
                    rules.DECIMAL_COMMA,
                )
                previous = None
                continue
            previous = value_node
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            previous_key = key
            if key is None or isinstance(key, (list, dict)):
                problems.add(
                    _position(key_node, doc),
                    format_path(path),
                    "Schlüssel muss ein Text sein",
                    rules.KEY_NOT_TEXT,
                )
                continue
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first = doc.positions[(*path, key)]
                problems.add(
                    _position(key_node, doc),
                    format_path((*path, key)),
                    f"Schlüssel '{key}' steht doppelt (zuerst in Zeile {first.line}); "
                    "einen der beiden Einträge entfernen",
                    rules.DUPLICATE_KEY,
                )
                continue
            result[key] = _construct(value_node, (*path, key), doc, problems)
            # Keys point at their own line, which is where an editor looks for an unknown key.
            doc.positions[(*path, key, "<key>")] = _position(key_node, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except yaml.constructor.ConstructorError as err:  # pragma: no cover - tags are refused above
        problems.add(
            _position(node, doc),
            format_path(path),
            f"YAML-Wert kann nicht gelesen werden: {err.problem}",
            rules.YAML_TAG,
        )
        return None


def _decimal_comma(previous: yaml.Node | None, key: yaml.Node, value: yaml.Node) -> bool:
    """True for the key "2" of `38,2` in a flow mapping: a digits-only key without a value right
    after a plain number."""
    return (
        isinstance(previous, yaml.ScalarNode)
        and not previous.style
        and re.fullmatch(r"-?\d+", previous.value) is not None
        and isinstance(key, yaml.ScalarNode)
        and not key.style
        and key.value.isdigit()
        and isinstance(value, yaml.ScalarNode)
        and value.value == ""
        and value.tag == "tag:yaml.org,2002:null"
    )


_SCALARS = _ScalarConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    try:
        return _SCALARS.construct_object(node, deep=True)
    except ValueError:
        # Looks like a date but is none (2021-13-45): keep the text, so the schema reports
        # "erwartet ein Datum" at the right path instead of the loader crashing.
        return node.value


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a value seen twice out twice: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(value: Any, **options: Any) -> str:
    """yaml.safe_dump without anchors and aliases (the tools write files the loader accepts)."""
    return yaml.dump(value, Dumper=_NoAliasDumper, **options)
