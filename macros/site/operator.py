"""Values only the operator of the site knows (mkdocs.yml `extra.operator`), and whether they
are still placeholders.

The legal pages read them (e.g. the privacy page names the hosting provider). Until the operator
fills them in they read "[vom Betrieb einzutragen: …]"; a production build (with a public
address) and `make deploy-check` refuse while any of them is left, naming each one. Every key
below `extra.operator` is covered, whatever keys the legal pages use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

PLACEHOLDER_MARK = "[vom Betrieb einzutragen"


@dataclass(frozen=True)
class Placeholder:
    key: str  # e.g. extra.operator.hosting_provider
    what: str  # what to fill in, from the placeholder text
    line: int = 0  # in mkdocs.yml, when known

    def __str__(self) -> str:
        where = f"mkdocs.yml:{self.line}:1: " if self.line else "mkdocs.yml: "
        return f"{where}{self.key}: Platzhalter noch nicht ersetzt – eintragen: {self.what}"


def placeholders(extra: Any, config_text: str = "") -> list[Placeholder]:
    """Every value below extra.operator that is still a placeholder, in file order."""
    operator = extra.get("operator") if isinstance(extra, Mapping) else None
    found = []
    for path, value in _strings(operator, ("extra", "operator")):
        if value.strip().startswith(PLACEHOLDER_MARK):
            what = value.strip()[len(PLACEHOLDER_MARK) :].lstrip(" :").rstrip("]").strip() or value
            found.append(Placeholder(".".join(path), what, _line_of(config_text, path[-1])))
    return found


def refusal(found: list[Placeholder]) -> str:
    """The message a production build or the deploy check gives for placeholders."""
    lines = [str(p) for p in found]
    lines.append(
        f"{len(found)} Betriebsangabe(n) fehlen: in mkdocs.yml unter extra.operator eintragen, "
        "dann neu bauen. (Die Datenschutzerklärung zeigt sonst „[vom Betrieb einzutragen …]“.)"
    )
    return "\n".join(lines)


def _strings(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, str(i)))


def _line_of(config_text: str, key: str) -> int:
    """Line of `key:` below `operator:` in mkdocs.yml (0 when not found)."""
    lines = config_text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+operator:\s*$", line)), None)
    if start is None:
        return 0
    for i in range(start + 1, len(lines)):
        if re.match(rf"^\s+{re.escape(key)}\s*:", lines[i]):
            return i + 1
        if lines[i].strip() and not lines[i].startswith(" "):
            break
    return 0
