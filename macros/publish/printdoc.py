"""The whole concept of one language as one print document, assembled from the built pages.

Which pages, in which order: the navigation in mkdocs.yml (so a page added there – roll-ups,
monitoring, data – is in the print edition without code changes), minus the pages that are about
the website rather than the concept (`NOT_PRINTED`). Each page's content is the `<article>` of its
built HTML in the language's folder (German fallback pages included, marked as German), so the
print edition shows exactly what the site shows.

The document is written as `<lang root>/druckfassung/index.html` with its own stylesheet
(`druck.css`, no Material); the PDF is rendered from the same file (macros/publish/pdf.py).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from markupsafe import Markup

from ..data.edition import Edition
from ..data.model import Dataset
from ..i18n.formats import format_date
from ..i18n.languages import SiteLanguages
from ..i18n.urls import page_url
from ..render.download import PRINT_FOLDER, pdf_name
from ..render.templating import template_environment
from .article import rewrite_article

# Pages about the website, not the concept – each with its reason. Prefixes end with "/".
NOT_PRINTED: dict[str, str] = {
    "mitmachen/": "how to translate the website and the translation state of its pages",
    "leichte-sprache/": "the easy-language edition, a text of its own for other readers",
    "datenschutz.md": "privacy of the website (server logs), not part of the concept",
    "barrierefreiheit.md": "accessibility statement of the website",
}

AUTHOR = "Stadt Kempten (Allgäu)"
STYLESHEET = "druck.css"
TEMPLATES = Path(__file__).parent / "templates"
# Any host: only used to resolve relative links between built pages, never requested.
_BASE = "http://kik.invalid/"

_JINJA = template_environment(TEMPLATES)


class PrintError(Exception):
    """A print document cannot be made; the message is German and names the file."""


@dataclass(frozen=True)
class NavPage:
    section: str | None  # label key of the top-level nav section, None for a top-level page
    path: str  # docs-relative Markdown path, e.g. 'handlungsfelder/sprache-und-bildung.md'


@dataclass
class PrintPage:
    key: str
    url: str  # language-root-relative URL of the built page ('konzept/verstaendnis/')
    title: str
    body: Markup
    lang: str | None  # set when the page's text is not in the document's language


@dataclass
class PrintSection:
    key: str
    title: str | None  # None: top-level pages without a section heading
    pages: list[PrintPage] = field(default_factory=list)


@dataclass
class PrintDocument:
    lang: str
    dir: str
    title: str
    sections: list[PrintSection]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav only: MkDocs' own tags (!ENV, python objects) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages(mkdocs_yml: Path) -> list[NavPage]:
    """Pages of the nav in reading order, each with its top-level section (nested ones flattened)."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    pages: list[NavPage] = []

    def walk(items: Any, section: str | None) -> None:
        for item in items or []:
            if isinstance(item, str):
                pages.append(NavPage(section, item))
            elif isinstance(item, dict):
                for key, value in item.items():
                    if isinstance(value, list):
                        walk(value, section or key)
                    elif isinstance(value, str) and "://" not in value:
                        pages.append(NavPage(section, value))

    walk(config.get("nav"), None)
    return pages


def is_printed(path: str) -> bool:
    return not any(path == p or (p.endswith("/") and path.startswith(p)) for p in NOT_PRINTED)


def page_key(url: str) -> str:
    """Anchor of a page in the document: 'handlungsfelder/sprache-und-bildung/' -> 'p-handlungsfelder-…'."""
    slug = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")
    return f"p-{slug or 'start'}"


class LinkMap:
    """Where a link of a built page points in the print document."""

    def __init__(self, prefix: str, public_root: str, page_keys: dict[str, str]) -> None:
        self.prefix = prefix  # the language's folder below the site root ('' or 'en/')
        self.public_root = public_root  # public address of the site root, ending in '/'
        self.page_keys = page_keys  # language-root-relative page URL -> page key
        self.print_url = prefix + PRINT_FOLDER + "/"

    def _resolve(self, page: str, href: str) -> tuple[str, str] | None:
        """(site-relative path, fragment) of a link within the site, or None for other sites."""
        absolute = urljoin(_BASE + self.prefix + page, href)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}/" != _BASE:
            return None
        return parts.path.lstrip("/"), parts.fragment

    def href(self, page: str, href: str, ids_of: dict[str, set[str]]) -> str:
        if href.startswith(("mailto:", "tel:", "data:")):
            return href
        resolved = self._resolve(page, href)
        if resolved is None:
            return href  # another site: printed with its address
        path, fragment = resolved
        if path.startswith(self.prefix) and path[len(self.prefix) :] in self.page_keys:
            target = path[len(self.prefix) :]
            key = self.page_keys[target]
            if fragment and fragment in ids_of.get(target, set()):
                return f"#{key}--{fragment}"
            return f"#{key}"
        # A page or file of the site that is not in the document: its public address.
        return self.public_root + path + (f"#{fragment}" if fragment else "")

    def src(self, page: str, src: str) -> str:
        resolved = self._resolve(page, src)
        if resolved is None:
            return src  # refused when rendered: nothing is loaded from other hosts
        path, _ = resolved
        return posixpath.relpath(path, self.print_url.rstrip("/"))


def built_page(lang_root: Path, url: str) -> Path:
    return lang_root / url / "index.html"


def collect_ids(page_html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page_html))


def assemble(root: Path, site_root: Path, data: Dataset, lang: str, public_root: str) -> PrintDocument:
    """The print document of lang from the built site at site_root (all languages assembled)."""
    prefix = SiteLanguages.prefix(lang)
    lang_root = site_root / prefix
    entries = [p for p in nav_pages(root / "mkdocs.yml") if is_printed(p.path)]
    urls = {p.path: page_url(p.path) for p in entries}
    keys = {urls[p.path]: page_key(urls[p.path]) for p in entries}
    sources: dict[str, str] = {}
    for entry in entries:
        file = built_page(lang_root, urls[entry.path])
        if not file.is_file():
            raise PrintError(f"{file.relative_to(site_root)}: gebaute Seite fehlt für die Druckfassung")
        sources[urls[entry.path]] = file.read_text(encoding="utf-8")
    # Anchors that exist per page: a link to an anchor elsewhere in the document stays exact.
    ids_of = {url: collect_ids(text) for url, text in sources.items()}
    links = LinkMap(prefix, public_root, keys)
    sections: list[PrintSection] = []
    for entry in entries:
        url = urls[entry.path]
        section_key = entry.section or ""
        if not sections or sections[-1].key != section_key:
            title = _section_title(data, entry.section, lang) if entry.section else None
            sections.append(PrintSection(section_key, title))
        # Below the document title (h1): section headings are h2, their pages start at h3.
        shift = 2 if entry.section else 1
        try:
            article = rewrite_article(
                sources[url],
                keys[url],
                shift,
                lambda href, url=url: links.href(url, href, ids_of),
                lambda src, url=url: links.src(url, src),
            )
        except ValueError as err:
            raise PrintError(f"{built_page(lang_root, url).relative_to(site_root)}: {err}") from None
        if not article.title:
            raise PrintError(f"{built_page(lang_root, url).relative_to(site_root)}: Seite ohne Überschrift")
        sections[-1].pages.append(PrintPage(keys[url], url, article.title, Markup(article.body), None))
    title = data.label("print_title", lang).text
    return PrintDocument(lang, data.language(lang).dir, title, sections)


def _section_title(data: Dataset, key: str, lang: str) -> str:
    """A navigation section's title: its nav_* label (the labels check knows them from mkdocs.yml)."""
    return data.label(key, lang).text


def css_string(text: str) -> str:
    """A CSS string literal for any text: every character outside [A-Za-z0-9] hex-escaped.

    Always six hex digits; spaces are escaped too, since CSS swallows one space after an escape.
    """
    return '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text) + '"'


def stylesheet(data: Dataset, lang: str, edition: Edition) -> str:
    """The shared print CSS plus this language's page margin texts (page numbers, running title)."""
    base = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    # Filled with markers, then split: CSS puts its page counters where the placeholders were
    # (and the label check sees which placeholders the code fills).
    page_label = data.label("print_page_of", lang).text.format(page="\0", pages="\1")
    before, _, rest = page_label.partition("\0")
    between, _, after = rest.partition("\1")
    counter = " ".join(
        part
        for part in (
            css_string(before) if before else "",
            "counter(page)",
            css_string(between) if between else "",
            "counter(pages)",
            css_string(after) if after else "",
        )
        if part
    )
    running = css_string(data.label("site_name", lang).text)
    return base + (
        "\n/* Generated per language (macros/publish/printdoc.py): page numbers and running title. */\n"
        "@page {\n"
        f"  @bottom-center {{ content: {counter}; }}\n"
        f"  @top-center {{ content: {running}; }}\n"
        "}\n"
        "@page :first {\n  @top-center { content: none; }\n}\n"
    )


def render_document(doc: PrintDocument, data: Dataset, edition: Edition, public_lang_root: str) -> str:
    """The HTML of the print page (also the PDF's source)."""
    lang = doc.lang

    def label(key: str, **values: Any) -> str:
        text = data.label(key, lang).text
        return text.format(**values) if values else text

    date = format_date(edition.date, lang, data.label("date_pattern", lang).text) if edition.date else "–"
    page = _JINJA.get_template("print.html").render(
        doc=doc,
        label=label,
        date=date,
        iso_date=edition.date.isoformat() if edition.date else None,
        version=edition.version,
        author=AUTHOR,
        pdf=pdf_name(lang),
        public_lang_root=public_lang_root,
        stylesheet=STYLESHEET,
    )
    # The print page repeats every page: the site search indexes the pages themselves, never it
    # (the copied articles carry the pages' data-pagefind-body marks).
    return page.replace(" data-pagefind-body", "")


def write_print_page(
    root: Path, site_root: Path, data: Dataset, lang: str, public_root: str, edition: Edition
) -> Path:
    """Write <lang root>/druckfassung/index.html and its stylesheet; returns the HTML file."""
    doc = assemble(root, site_root, data, lang, public_root)
    folder = site_root / SiteLanguages.prefix(lang) / PRINT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STYLESHEET).write_text(stylesheet(data, lang, edition), encoding="utf-8")
    target = folder / "index.html"
    public_lang_root = public_root + SiteLanguages.prefix(lang)
    target.write_text(render_document(doc, data, edition, public_lang_root), encoding="utf-8")
    return target
