"""Take the article of one built page and make it a part of the one-page print document.

The built page is Material's screen layout; only its `<article>` is the page's content. Each
article is re-serialised token by token (stdlib HTMLParser) so that, inside one document:

- ids stay unique: every id gets the page's key as prefix (`sb-m2-4` → `p-…--sb-m2-4`), and so do
  the attributes that point at ids (`aria-labelledby`, `for`, `headers`, …);
- headings move down below the document's own title and section headings (h1 → h3 …, at most h6);
- links are resolved by the caller (to an anchor in the document or an absolute address);
- screen-only parts go: permalink anchors, the PDF download block, scripts, styles, comments;
  collapsed `<details>` are opened.

Every text and attribute value is escaped again on output, so the result is safe to insert as
markup whatever the built page contained.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never have an end tag (HTMLParser reports them as start tags only).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Classes of elements that belong to the screen: permalinks, the download block (a PDF does not
# link to itself), Material's page actions.
DROP_CLASSES = {"headerlink", "kik-pdf-download", "md-content__button", "md-source-file"}
DROP_TAGS = {"script", "style", "template", "noscript", "form", "button"}  # forms: screen filters
# Attributes that hold one or more ids of the same page.
ID_REFERENCES = {
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "for",
    "headers",
    "list",
}
HEADING = re.compile(r"^h([1-6])$")
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")

_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)


class NoArticle(ValueError):
    """The built page has no <article> (not a Material content page)."""


def article_html(page_html: str) -> str:
    """The inner HTML of the page's <article> element."""
    match = _ARTICLE.search(page_html)
    if not match:
        raise NoArticle("kein <article> in der gebauten Seite")
    return match.group(1)


@dataclass
class RewrittenArticle:
    body: str
    title: str  # text of the page's first heading (its <h1>), without the permalink sign
    ids: set[str] = field(default_factory=set)  # the page's own ids, before prefixing


class ArticleRewriter(HTMLParser):
    """Streams one article into print markup (see the module docstring)."""

    def __init__(
        self,
        key: str,
        heading_shift: int,
        resolve_href: Callable[[str], str],
        resolve_src: Callable[[str], str],
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.key = key
        self.shift = heading_shift
        self.resolve_href = resolve_href
        self.resolve_src = resolve_src
        self.out: list[str] = []
        self.stack: list[str] = []
        self.drop_depth: int | None = None  # stack depth where a dropped element started
        self.title_parts: list[str] | None = None
        self.title = ""
        self.ids: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------------

    def local_id(self, value: str) -> str:
        return f"{self.key}--{value}"

    def tag_name(self, tag: str) -> str:
        match = HEADING.match(tag)
        return f"h{min(int(match.group(1)) + self.shift, 6)}" if match else tag

    def attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = []
        for name, value in attrs:
            if name.startswith("on") or name == "style":  # never carried into the document
                continue
            if value is not None:
                if name == "id":
                    self.ids.add(value)
                    value = self.local_id(value)
                elif name in ID_REFERENCES:
                    value = " ".join(self.local_id(v) for v in value.split())
                elif name == "href" and tag in {"a", "area"}:
                    value = self.resolve_href(value)
                elif name in {"href", "xlink:href"} and value.startswith("#"):  # SVG <use>, gradients
                    value = "#" + self.local_id(value[1:])
                elif name in {"src", "srcset", "poster"}:
                    value = self.resolve_src(value)
                if "url(#" in value:  # SVG paint servers and clip paths: fill="url(#pattern)"
                    value = _URL_REF.sub(lambda m: f"url(#{self.local_id(m.group(1))})", value)
            parts.append(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"')
        if tag == "details" and not any(name == "open" for name, _ in attrs):
            parts.append(" open")  # collapsed text would be missing on paper
        return "".join(parts)

    def dropped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        classes = set((dict(attrs).get("class") or "").split())
        return tag in DROP_TAGS or bool(classes & DROP_CLASSES)

    # -- parser callbacks ------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if self.drop_depth is not None:
            if tag not in VOID:
                self.stack.append(tag)
            return
        if self.dropped(tag, attrs):
            if tag not in VOID:
                self.drop_depth = len(self.stack)
                self.stack.append(tag)
            return
        if tag == "h1" and not self.title and self.title_parts is None:
            self.title_parts = []
        self.out.append(f"<{self.tag_name(tag)}{self.attributes(tag, attrs)}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if self.drop_depth is None and not self.dropped(tag, attrs):
            start = f"<{self.tag_name(tag)}{self.attributes(tag, attrs)}>"
            # `<path/>` in SVG: written out as an empty element, since in HTML only void elements
            # close themselves – a bare `<path>` would swallow the rest of the chart.
            self.out.append(start if tag in VOID else f"{start}</{self.tag_name(tag)}>")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching open element (tolerates a missing </p> or </li>).
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.drop_depth is not None:
                if len(self.stack) == self.drop_depth:
                    self.drop_depth = None
            else:
                self.out.append(f"</{self.tag_name(open_tag)}>")
                if open_tag == "h1" and self.title_parts is not None:
                    self.title = " ".join("".join(self.title_parts).split())
                    self.title_parts = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.drop_depth is not None:
            return
        if self.title_parts is not None:
            self.title_parts.append(data)
        self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data):  # build markers and Material's comments stay out
        pass

    def result(self) -> RewrittenArticle:
        self.close()
        while self.stack:  # unclosed elements at the end: close them
            self.handle_endtag(self.stack[-1])
        return RewrittenArticle("".join(self.out).strip(), self.title, self.ids)


def rewrite_article(
    page_html: str,
    key: str,
    heading_shift: int,
    resolve_href: Callable[[str], str],
    resolve_src: Callable[[str], str],
) -> RewrittenArticle:
    """The article of a built page, ready to go into the print document under `key`."""
    rewriter = ArticleRewriter(key, heading_shift, resolve_href, resolve_src)
    rewriter.feed(article_html(page_html))
    return rewriter.result()
