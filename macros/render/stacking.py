"""Column labels inside every cell of a data table, for the stacked layout on phones.

On narrow screens the tables of the site turn into stacked blocks (kik.css); the column headers
are then out of sight, and a bare "1" means nothing. So every body cell gets its column's header
as a label at its start: hidden on wide screens, where the table layout and `th scope` say it,
visible (and read out, as the same text) in the stacked layout. One mechanism for every table the
templates render, so a new table cannot forget it.

The input is the renderers' own template output (escaped, well-formed), not editor HTML.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import Markup

_LABEL = '<span class="kik-cell-label">{}</span>'


class _Cells(HTMLParser):
    """Finds, per `kik-table`, the header texts and the offset right after each body cell's tag."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._lines = [0]
        for line in source.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.inserts: list[tuple[int, str]] = []
        self._table_depth = 0
        self._in_head = False
        self._in_body = False
        self._headers: list[str] = []
        self._header_start: int | None = None
        self._column = 0
        self._source = source

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _end_of_tag(self) -> int:
        return self._offset() + len(self.get_starttag_text() or "")

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self._table_depth += 1
            if self._table_depth == 1 and "kik-table" in classes:
                self._headers, self._in_head, self._in_body = [], False, False
        elif self._table_depth != 1:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr":
            self._column = 0
        elif tag == "th" and self._in_head:
            self._header_start = self._end_of_tag()
        elif tag in ("th", "td") and self._in_body:
            if self._column < len(self._headers) and self._headers[self._column]:
                self.inserts.append((self._end_of_tag(), _LABEL.format(self._headers[self._column])))
            self._column += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self._table_depth -= 1
        elif self._table_depth != 1:
            return
        elif tag == "thead":
            self._in_head = False
        elif tag == "tbody":
            self._in_body = False
        elif tag == "th" and self._in_head and self._header_start is not None:
            self._headers.append(self._source[self._header_start : self._offset()].strip())
            self._header_start = None


def label_cells(html: str) -> Markup:
    """The same HTML with each body cell of a `kik-table` starting with its column's label."""
    if "kik-table" not in html:
        return Markup(html)
    parser = _Cells(html)
    parser.feed(html)
    parser.close()
    out, last = [], 0
    for offset, label in parser.inserts:
        out.append(html[last:offset])
        out.append(label)
        last = offset
    out.append(html[last:])
    return Markup("".join(out))
