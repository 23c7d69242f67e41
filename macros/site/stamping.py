"""Pages built from data, filled into one page MkDocs rendered: seconds for 5,000 pages, not minutes.

Every measure page has the same frame – header, navigation, language switcher, footer – and
differs only in its title, its address, its search facets and its article. Sending each one
through Python-Markdown and Material's template cost about 40 ms a page (8 languages × 5,000
measures: half an hour). So MkDocs renders one shell page per folder (`shell_markdown`: slots
instead of title and text), and after the build every page of that folder is the shell with
its own values filled in (`Shell.fill`).

The shell is split at its slots once; filling joins the parts with the page's values. Nothing
in a value is ever searched for slots again, so no data text can turn into a slot, and every
value is escaped here except the article, which the render stage escaped already.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# The shell's file name: never a data ID (IDs have no double hyphen), so never a real page.
SHELL_NAME = "kik--vorlage"
# Slots are words no Markdown extension rewrites (the abbreviations would turn "KIK" into <abbr>).
TITLE_SLOT = "STAMP0TITLE"
# Raw HTML, which Python-Markdown passes on as it is; an <h1>, so that Material adds none.
_BODY_BLOCK = '<h1 data-stamp-slot="body"></h1>'


class StampError(RuntimeError):
    """The rendered shell is not what filling it needs (a theme update moved a slot)."""


def facet_slot(key: str) -> str:
    return f"STAMP0FACET0{key.upper()}"


def shell_uri(folder: str) -> str:
    """Docs-relative path of the shell page of a folder of generated pages."""
    return f"{folder}/{SHELL_NAME}.md"


def shell_markdown() -> str:
    """The shell's page: its title and its text are slots."""
    return f"---\ntitle: {TITLE_SLOT}\nkik_generated: true\n---\n\n{_BODY_BLOCK}\n"


def folder_of(src_uri: str) -> str:
    return posixpath.dirname(src_uri)


@dataclass(frozen=True)
class Stamp:
    """One page's values: its site-relative URL, plain-text title, search facets and article."""

    url: str
    title: str
    body: Markup
    facets: dict[str, str] = field(default_factory=dict)


class Shell:
    """A rendered shell page, split at its slots once, filled once per page."""

    def __init__(self, html: str, shell_url: str, facet_keys: tuple[str, ...]) -> None:
        self.shell_url = shell_url
        self.facet_keys = facet_keys
        slots = [shell_url, TITLE_SLOT, _BODY_BLOCK, *(facet_slot(k) for k in facet_keys)]
        pattern = re.compile("|".join(re.escape(s) for s in slots))
        self._parts = pattern.split(html)
        self._slots = pattern.findall(html)
        missing = [s for s in (TITLE_SLOT, _BODY_BLOCK) if s not in self._slots]
        missing += [facet_slot(k) for k in facet_keys if facet_slot(k) not in self._slots]
        if missing or self._slots.count(_BODY_BLOCK) != 1:
            raise StampError(f"Seitenvorlage {shell_url}: Platzhalter fehlt oder doppelt: {missing or _BODY_BLOCK}")
        if any(SHELL_NAME in part for part in self._parts):
            # The shell's address in a form filling would not replace (escaped, encoded, cut).
            raise StampError(f"Seitenvorlage {shell_url}: ihre Adresse steht in einer unbekannten Form darin")

    def fill(self, stamp: Stamp) -> str:
        if set(stamp.facets) != set(self.facet_keys):
            raise StampError(f"{stamp.url}: Suchfacetten {sorted(stamp.facets)} statt {sorted(self.facet_keys)}")
        values = {
            self.shell_url: stamp.url,
            TITLE_SLOT: str(escape(stamp.title)),
            _BODY_BLOCK: str(stamp.body),
            **{facet_slot(k): str(escape(v)) for k, v in stamp.facets.items()},
        }
        out = [self._parts[0]]
        for slot, part in zip(self._slots, self._parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return "".join(out)
