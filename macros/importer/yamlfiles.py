"""Round-trip YAML (ruamel.yaml): change entries in place, keep comments, order, quotes and layout.

data/ writes lists as `  - id:` and long texts on one line (or folded with `>-`); ruamel then gives
back an unchanged file byte for byte (the tests check that for every file the import may write). A
file written differently (`- id:` at the margin, plain texts wrapped at 100 characters, as PyYAML
writes them) keeps its layout too: the list indent is detected, and every entry the import did not
change is copied from the original text (`stitch`), so only changed entries are written anew.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


@dataclass(frozen=True)
class Layout:
    """How a file indents lists and where it wraps long plain texts."""

    offset: int = 2  # spaces before the '-' of a list item below its key
    width: int = 4096  # 4096: never re-wrap a long line an editor wrote on one line


# A key on its own line followed by the first item of its list: the item's extra indent.
_DASH = re.compile(r"^( *)[^\s#-][^\n]*:[ \t]*\n( *)- ", re.M)


def _yaml(layout: Layout = Layout()) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = layout.width
    yaml.indent(mapping=2, sequence=layout.offset + 2, offset=layout.offset)
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
    layout: Layout = Layout()
    _text: str | None = None

    def dump(self) -> str:
        """The file's new text; computed once, when the merge has finished changing the tree."""
        if self._text is None:
            new = dump(self.tree, self.layout)
            self._text = stitch(self.original, new) if self.original and new != self.original else new
        return self._text

    @property
    def changed(self) -> bool:
        return self.dump() != self.original


def load(path: Path, display: str) -> YamlFile:
    text = path.read_text(encoding="utf-8-sig")
    tree = _yaml().load(text)
    if tree is None:
        tree = CommentedMap()
    return YamlFile(path, display, text, tree, detect_layout(text, tree))


def detect_layout(text: str, tree: Any) -> Layout:
    """How far the file indents list items below their key (data/ itself: 2)."""
    match = _DASH.search(text)
    return Layout(len(match.group(2)) - len(match.group(1)) if match else 2)


# -- keeping unchanged entries as they were written ------------------------------------------

_Span = tuple[int, int]  # first line, line after the last content line (0-based)


def stitch(original: str, new: str) -> str:
    """new, with every entry whose value did not change replaced by its original lines.

    Entries are the items of each top-level section: list items by `id`, mapping items by key
    (texts.yml: `measures: sb-m2-4:`). Blank lines and comments between entries come from new,
    which ruamel keeps in place.
    """
    old_spans, old_values = _entries(original)
    new_spans, new_values = _entries(new)
    old_lines, new_lines = original.splitlines(keepends=True), new.splitlines(keepends=True)
    result: list[str] = []
    position = 0
    for key, (first, end) in sorted(new_spans.items(), key=lambda item: item[1]):
        if key in old_spans and key in old_values and old_values[key] == new_values.get(key):
            result += new_lines[position:first]
            old_first, old_end = old_spans[key]
            result += old_lines[old_first:old_end]
            position = end
    result += new_lines[position:]
    return "".join(result)


def _entries(text: str) -> tuple[dict[tuple[str, str], _Span], dict[tuple[str, str], Any]]:
    """Line span and plain value of every entry of every top-level section."""
    import yaml as pyyaml

    tree = YAML(typ="rt").load(text)
    values = pyyaml.load(text, Loader=getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader))
    lines = text.splitlines()
    spans: dict[tuple[str, str], _Span] = {}
    plain_values: dict[tuple[str, str], Any] = {}
    if not isinstance(tree, CommentedMap) or not isinstance(values, dict):
        return spans, plain_values
    section_starts = sorted(tree.lc.key(k)[0] for k in tree)
    for section in tree:
        node = tree[section]
        after = next((line for line in section_starts if line > tree.lc.key(section)[0]), len(lines))
        starts: list[tuple[int, str]] = []
        if isinstance(node, CommentedSeq):
            for i, item in enumerate(node):
                if isinstance(item, dict) and "id" in item:
                    starts.append((node.lc.item(i)[0], str(item["id"])))
            by_id = {str(v.get("id")): v for v in values.get(section) or [] if isinstance(v, dict)}
        elif isinstance(node, CommentedMap):
            starts = [(node.lc.key(k)[0], str(k)) for k in node]
            raw = values.get(section)
            by_id = {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}
        else:
            continue
        starts.sort()
        for n, (first, item_id) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else after
            while end > first + 1 and _not_content(lines[end - 1]):
                end -= 1  # trailing blank lines and comments stay between the entries
            if (section, item_id) in spans:
                continue  # a duplicate ID: leave both to the data check
            spans[(section, item_id)] = (first, end)
            plain_values[(section, item_id)] = by_id.get(item_id)
    return spans, plain_values


def _not_content(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def dump(tree: Any, layout: Layout = Layout()) -> str:
    out = io.StringIO()
    _yaml(layout).dump(tree, out)
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
