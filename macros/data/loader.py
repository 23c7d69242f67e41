"""Read YAML files into plain Python values while remembering where every value stood.

PyYAML's composer gives nodes with line/column marks; we construct values ourselves from those
nodes so that (a) every later validation message can name file, line and column, and (b) duplicate
keys, which PyYAML silently lets win, become errors an editor sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Position, ProblemList

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

    def at(self, path: PathKey) -> Position:
        """Position of the value at path, or of its nearest parent that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.file, 1, 1))


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor used only for scalars; containers we build ourselves."""


def load_yaml(path: Path, display_name: str, problems: ProblemList) -> Document | None:
    """Parse one YAML file. Syntax errors and duplicate keys are added to problems.

    Returns None when the file cannot be parsed at all (the problem is recorded).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.add(Position(display_name), "", "Datei fehlt")
        return None
    except UnicodeDecodeError as err:
        # Point at the first byte that is not UTF-8 (typically an umlaut saved as Latin-1).
        raw = path.read_bytes()
        line = raw.count(b"\n", 0, err.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        problems.add(
            Position(display_name, line, column),
            "",
            f"Datei ist nicht in UTF-8 gespeichert ({err.reason}); bitte als UTF-8 speichern",
        )
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = err.problem or err.context or "ungültiges YAML"
        problems.add(
            Position(display_name, line, column),
            "",
            f"YAML-Syntaxfehler: {reason} (Einrückung, Doppelpunkte und Anführungszeichen prüfen)",
        )
        return None
    doc = Document(display_name, None)
    if node is None:
        doc.value = {}
        return doc
    doc.value = _construct(node, (), doc, problems)
    return doc


def _position(node: yaml.Node, file: str) -> Position:
    return Position(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node: yaml.Node, path: PathKey, doc: Document, problems: ProblemList) -> Any:
    doc.positions[path] = _position(node, doc.file)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                problems.add(_position(key_node, doc.file), format_path(path), "Schlüssel muss ein Text sein")
                continue
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first = doc.positions[(*path, key)]
                problems.add(
                    _position(key_node, doc.file),
                    format_path((*path, key)),
                    f"Schlüssel '{key}' steht doppelt (zuerst in Zeile {first.line}); "
                    "einen der beiden Einträge entfernen",
                )
                continue
            result[key] = _construct(value_node, (*path, key), doc, problems)
            # Keys point at their own line, which is where an editor looks for an unknown key.
            doc.positions[(*path, key, "<key>")] = _position(key_node, doc.file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except yaml.constructor.ConstructorError as err:  # e.g. a `!tag` SafeLoader does not know
        problems.add(
            _position(node, doc.file),
            format_path(path),
            f"YAML-Wert kann nicht gelesen werden: {err.problem}",
        )
        return None


_SCALARS = _ScalarConstructor()


def _scalar(node: yaml.ScalarNode) -> Any:
    try:
        return _SCALARS.construct_object(node, deep=True)
    except ValueError:
        # Looks like a date but is none (2021-13-45): keep the text, so the schema reports
        # "erwartet ein Datum" at the right path instead of the loader crashing.
        return node.value
