"""Rendered HTML kept away from Python-Markdown: a token goes into the page, the HTML comes back after.

Python-Markdown reads every raw HTML block of a page twice (MkDocs looks for anchor IDs, the
HTML block parser looks for the block's end) and then passes it on unchanged. For the tables of
a field with hundreds of measures that reading was most of a page's build time, for nothing.
A block macro's output is therefore put aside and a one-line token stands in its place; after
Markdown the token is replaced by the HTML, and the IDs in it are reported so that MkDocs can
still check links to its anchors.
"""

from __future__ import annotations

import itertools
import re
import secrets

# Raw HTML that Python-Markdown passes on as a block when it starts a line.
_BLOCK_START = re.compile(r"\s*<(?:div|table|section|figure|h[1-6]|dl|ol|ul|p|details|nav|aside|form)\b")
_ID = re.compile(r'\sid="([^"]+)"')


class HtmlStash:
    """Rendered blocks of the pages being built, each behind a token until its page is restored."""

    def __init__(self) -> None:
        # The tokens name a random number of this process: nothing an editor writes into a page
        # can ask for a block (an unknown token stays as it is).
        self._nonce = secrets.token_hex(6)
        self._blocks: dict[str, str] = {}
        self._keys = itertools.count(1)
        self._token = re.compile(rf'<div data-kik-stash="{self._nonce}-(\d+)"></div>')

    def put(self, html: str) -> str:
        """The token for html if it is a block Markdown would pass on unchanged, else html."""
        if not _BLOCK_START.match(html):
            return html
        key = str(next(self._keys))
        self._blocks[key] = html
        return f'<div data-kik-stash="{self._nonce}-{key}"></div>'

    def restore(self, html: str) -> tuple[str, set[str]]:
        """html with every token replaced by its block, and the IDs those blocks contain."""
        ids: set[str] = set()

        def block(match: re.Match[str]) -> str:
            stored = self._blocks.pop(match.group(1), None)
            if stored is None:
                return match.group(0)
            ids.update(_ID.findall(stored))
            return stored

        return self._token.sub(block, html), ids
