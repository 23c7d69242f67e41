"""Round-trip YAML (ruamel.yaml): change entries in place, keep comments, order, quotes and layout.

The settings match how data/ is written (`  - id:` lists, `{from: 57, to: 62}` flow maps, one line
per text), so a file the import does not change comes out byte for byte as it went in; the tests
check that for every file the import may write.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line an editor wrote on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    # `declared_goals: null` stays `null` (ruamel would write an empty value).
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


@dataclass
class YamlFile:
    """One data file: where it lives, its text before the import, and its editable tree."""

    path: Path
    display: str  # 'data/measures.yml' as messages show it
    original: str
    tree: Any
    _text: str | None = None

    def dump(self) -> str:
        """The file's new text; computed once, when the merge has finished changing the tree."""
        if self._text is None:
            self._text = dump(self.tree)
        return self._text

    @property
    def changed(self) -> bool:
        return self.dump() != self.original


def load(path: Path, display: str) -> YamlFile:
    text = path.read_text(encoding="utf-8-sig")
    tree = _yaml().load(text)
    if tree is None:
        tree = CommentedMap()
    return YamlFile(path, display, text, tree)


def dump(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def flow_list(items: list[Any]) -> CommentedSeq:
    """A list written on one line, `[a, b]`, as data/ writes references."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_map(mapping: dict[str, Any]) -> CommentedMap:
    result = CommentedMap(mapping)
    result.fa.set_flow_style()
    return result


def insert_key(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set mapping[key]; a new key goes where the documented key order puts it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = len(mapping)
    for i, existing in enumerate(mapping):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    mapping.insert(position, key, value)


def plain(value: Any) -> Any:
    """A ruamel value as plain Python (for comparing before and after)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# -- blank lines between sections ------------------------------------------------------------
# ruamel keeps the blank line (or comment) that follows a section as a comment token on the very
# last value inside it. A new entry appended to that section would land *below* the blank line
# and glue itself to the next section; so the token moves to the new last value.


def append_entry(container: CommentedMap | CommentedSeq, key: Any, value: Any) -> None:
    """Add value at the end of container (key ignored for lists), keeping the section's trailer."""
    trailer = _take_trailer(container)
    if isinstance(container, CommentedSeq):
        container.append(value)
    else:
        container[key] = value
    if trailer is not None:
        _put_trailer(container, trailer)


def insert_entry(seq: CommentedSeq, index: int, value: Any) -> None:
    """Insert into a list; at the end the section's trailer moves along (see append_entry)."""
    if index >= len(seq):
        append_entry(seq, None, value)
    else:
        seq.insert(index, value)


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, token index) of the deepest last value: where a trailer is stored."""
    while True:
        if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
            key = list(node)[-1]
            child = node[key]
            if _is_block(child) and key not in node.ca.items:
                node = child
                continue
            return node, key, 2
        if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
            index = len(node) - 1
            child = node[index]
            if _is_block(child) and index not in node.ca.items:
                node = child
                continue
            return node, index, 0
        return None


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _ends_line(value: Any) -> bool:
    """A block scalar (>- or |) ends its own line; after a plain value the token carries the EOL."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _take_trailer(container: Any) -> tuple[str, Any] | None:
    slot = _last_slot(container)
    if slot is None:
        return None
    node, key, index = slot
    tokens = node.ca.items.get(key)
    if not tokens or len(tokens) <= index or tokens[index] is None:
        return None
    token = tokens[index]
    text = token.value
    if not _ends_line(node[key]):
        if not text.startswith("\n"):
            return None  # an end-of-line comment belongs to its value, not to the section
        text = text[1:]
    if not text:
        return None
    tokens[index] = None
    if not any(t is not None for t in tokens):
        del node.ca.items[key]
    return text, token


def _put_trailer(container: Any, trailer: tuple[str, Any]) -> None:
    slot = _last_slot(container)
    if slot is None:
        return
    node, key, index = slot
    text, token = trailer
    token.value = text if _ends_line(node[key]) else "\n" + text
    tokens = node.ca.items.setdefault(key, [None, None, None, None])
    tokens[index] = token


def blank_line_after(container: CommentedMap | CommentedSeq) -> None:
    """Give a new section the blank line that separates sections in data/."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    existing = _take_trailer(container)
    _put_trailer(container, existing or ("\n", CommentToken("\n", CommentMark(0), None)))
