"""Checks of the built HTML without a browser: links, anchors, validity, titles, headings, alt texts.

Uses the same session build as the browser tests (tests/browser/kiksite.py): the whole site, all
languages, built once with `python -m macros build`.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser.kiksite import HERE, NODE_MODULES, BuiltSite, session_site

HTML_VALIDATE = NODE_MODULES / ".bin" / "html-validate"
HTML_VALIDATE_CONFIG = HERE / ".htmlvalidate.cjs"

# html-validate findings in markup that Material's own partials write (not overrides/, not our
# templates): (rule, pattern on "message @ selector", reason). Everything else must be clean.
MATERIAL_MARKUP: list[tuple[str, str, str]] = [
    (
        "attribute-allowed-values",
        r'"tabindex" has invalid value "" @ #__nav_[0-9_]+_label$',
        'partials/nav-item.html writes tabindex="" on section labels that are not links',
    ),
    (
        "valid-autocomplete",
        r"on <input type=\"checkbox\"> @ #__(drawer|search)$",
        "base.html's hidden drawer/search toggles carry autocomplete=off (no state kept on back)",
    ),
    (
        "wcag/h32",
        r"must have a submit button @ html > body > header > nav > (div:nth-child\(\d+\) > div > )?form$",
        "the palette toggle and the search box are <form>s run by script, never submitted",
    ),
    (
        "no-implicit-button-type",
        r"@ html > body > header > nav > div:nth-child\(\d+\) > div > button$",
        "partials/alternate.html: the language button has no type (it is in no form)",
    ),
    (
        "unique-landmark",
        r"@ html > body > div:nth-child\(\d+\) > main > div > div:nth-child\([12]\) > div > div > nav"
        r"( > ul > li:nth-child\(\d+\) > nav)*$",
        "partials/nav.html and toc.html nest a <nav> per section, named only by a visible label",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    # The session's one build (shared with the browser tests); its server thread is a daemon.
    return session_site(tmp_path_factory)


class PageParser(HTMLParser):
    """Collects what the checks need from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.html_lang: str | None = None
        self.title = ""
        self.h1 = 0
        self.description: str | None = None
        self.images_without_alt: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1 += 1
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src") or "?")
        for attr in ("href", "src"):
            if a.get(attr) and tag in {"a", "link", "script", "img", "source", "iframe"}:
                self.links.append(a[attr])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def parsed(site) -> dict[Path, PageParser]:
    return {page: parse(site.root / page) for page in site.pages}


def target_file(site: BuiltSite, url_path: str) -> Path | None:
    """The file a server answers for a URL path of the site (directory URLs -> index.html)."""
    base = urlsplit(site.base_url).path
    if not url_path.startswith(base):
        return None
    rel = unquote(url_path[len(base) :])
    candidate = site.root / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_and_anchor_resolves(site, parsed):
    broken: list[str] = []
    for page, info in parsed.items():
        page_url = site.url(page)
        if page.name == "404.html":
            # The 404 page is served at any address; its links are absolute, checked like others.
            page_url = site.base_url + page.as_posix()
        for link in info.links:
            if link.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            url = urljoin(page_url, link)
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}/" != site.base_url:
                continue  # another site: not ours to check here (the browser test forbids loading them)
            target = target_file(site, parts.path)
            if target is None:
                broken.append(f"{page}: {link} -> nothing at {parts.path}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                target_ids = parsed.get(target.relative_to(site.root)) or parse(target)
                if fragment not in target_ids.ids:
                    broken.append(
                        f"{page}: {link} -> no anchor #{fragment} in {target.relative_to(site.root)}"
                    )
    assert broken == []


def test_every_page_has_lang_title_one_h1_and_description(site, parsed):
    problems: list[str] = []
    titles: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for page, info in parsed.items():
        lang = site.lang_of(page)
        if info.html_lang != lang:
            problems.append(f"{page}: <html lang={info.html_lang!r}>, expected {lang!r}")
        title = " ".join(info.title.split())
        if not title:
            problems.append(f"{page}: empty <title>")
        titles[lang][title].append(page)
        if info.h1 != 1:
            problems.append(f"{page}: {info.h1} <h1> elements")
        if not (info.description or "").strip():
            problems.append(f"{page}: no <meta name=description>")
        if info.images_without_alt:
            problems.append(f"{page}: <img> without alt: {info.images_without_alt}")
    for lang, by_title in titles.items():
        for title, pages in by_title.items():
            if len(pages) > 1:
                problems.append(f"{lang}: title {title!r} used by {len(pages)} pages: {pages[:3]}")
    assert problems == []


def _material_reason(rule: str, text: str) -> str | None:
    for known_rule, pattern, reason in MATERIAL_MARKUP:
        if rule == known_rule and re.search(pattern, text):
            return reason
    return None


def test_html_validates(site, tmp_path):
    assert HTML_VALIDATE.exists(), "run `npm ci --prefix tests/browser` (make test does it)"
    files = [str(site.root / page) for page in site.pages]
    report = tmp_path / "html-validate.json"  # a file: node cuts long output written to a pipe
    proc = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(HTML_VALIDATE_CONFIG), "--formatter", f"json={report}", *files],
        capture_output=True,
        text=True,
    )
    assert report.is_file(), proc.stderr
    problems = []
    for result in json.loads(report.read_text(encoding="utf-8")):
        for msg in result["messages"]:
            text = f"{msg['message']} @ {msg.get('selector') or ''}"
            if _material_reason(msg["ruleId"], text) is None:
                rel = Path(result["filePath"]).relative_to(site.root)
                problems.append(f"{rel}:{msg['line']}:{msg['column']}: {msg['ruleId']}: {text}")
    assert problems == []


def test_deploy_files_match_the_build(site):
    """The shipped .htaccess and nginx block carry the CSP the browser tests were served with."""
    from macros.site.deploy import nginx_path

    htaccess = (site.root / ".htaccess").read_text(encoding="utf-8")
    nginx = nginx_path(site.root).read_text(encoding="utf-8")
    for name, value in site.headers.items():
        assert f'Header always set {name} "{value}"' in htaccess
        assert f'add_header {name} "{value}" always;' in nginx
    for prefix in ["", *(site.prefix(lang) for lang in site.languages[1:])]:
        assert (site.root / prefix / "404.html").is_file()
        assert f"{prefix}404.html" in htaccess and f"{prefix}404.html" in nginx
    # Never inside the public folder: it names server paths.
    assert not list(site.root.rglob("*.nginx.conf"))


# -- open data ---------------------------------------------------------------------------------

_DOWNLOAD_ROW = re.compile(
    r'<th scope="row">(?:<span class="kik-cell-label">[^<]*</span>)?<a href="(?P<href>[^"]+)" download>.*?<td class="kik-downloads__size">(?:<span class="kik-cell-label">[^<]*</span>)?(?P<size>[^<]+)</td>',
    re.S,
)
# The size as the reader sees it, per language: decimal separator, unit words.
_SIZE_FORMAT = {"de": (",", "Byte", "kB"), "en": (".", "bytes", "kB")}


def test_data_page_lists_every_data_file_with_its_real_size(site):
    for lang in site.languages:
        page = site.root / site.prefix(lang) / "daten" / "index.html"
        rows = _DOWNLOAD_ROW.findall(page.read_text(encoding="utf-8"))
        folder = page.parent
        on_disk = {p.name for p in folder.iterdir() if p.suffix in (".csv", ".json", ".zip")}
        assert {href for href, _ in rows} == on_disk, lang
        if lang not in _SIZE_FORMAT:
            continue
        decimal, byte_word, kilo_word = _SIZE_FORMAT[lang]
        for href, shown in rows:
            size = (folder / href).stat().st_size
            want = f"{size} {byte_word}" if size < 1000 else f"{round(size / 1000, 1):g} {kilo_word}"
            assert " ".join(shown.split()).replace(decimal, ".") == want.replace(",", "."), (lang, href)


def test_no_catalogue_without_a_public_address(site):
    """The session build is served from 127.0.0.1: a DCAT catalogue would name this machine."""
    assert not (site.root / "daten" / "katalog.rdf").exists()
    assert "katalog.rdf" not in (site.root / "daten" / "index.html").read_text(encoding="utf-8")


def test_every_page_links_to_the_data_page_in_its_footer(site, parsed):
    missing = []
    for page in site.pages:
        html = (site.root / page).read_text(encoding="utf-8")
        legal = re.search(r'<nav class="kik-legal.*?</nav>', html, re.S)
        links = re.findall(r'href="([^"]+)"', legal.group()) if legal else []
        target = site.root / site.prefix(site.lang_of(page)) / "daten" / "index.html"
        base = site.url(page) if page.name == "index.html" else site.url(page.parent) + "/"
        resolved = [urljoin(base if page.name != "404.html" else site.base_url, link) for link in links]
        # The print page (druckfassung/) is a document of its own, without the site's footer.
        printed = "druckfassung" in page.parts
        if (
            site.url(target.relative_to(site.root)) not in resolved
            and page.name != "404.html"
            and not printed
        ):
            missing.append(str(page))
    assert missing == []


def test_server_configs_serve_data_files_with_their_types(site):
    from macros.site.deploy import nginx_path

    htaccess = (site.root / ".htaccess").read_text(encoding="utf-8")
    nginx = nginx_path(site.root).read_text(encoding="utf-8")
    for ext, mime in {
        "csv": "text/csv",
        "ttl": "text/turtle",
        "rdf": "application/rdf+xml",
        "zip": "application/zip",
    }.items():
        assert f"AddType {mime} .{ext}" in htaccess
        assert f"{mime} {ext};" in nginx
    for ext in ("csv", "ttl", "rdf"):
        assert f"AddCharset utf-8 .{ext}" in htaccess


def _theme_files(site: BuiltSite, page: Path, info: PageParser) -> tuple[set[str], set[str]]:
    """Site paths of the style sheets and scripts a page loads from this site."""
    page_url = site.base_url + page.as_posix()
    styles, scripts = set(), set()
    for link in info.links:
        path = urlsplit(urljoin(page_url, link)).path
        local = target_file(site, path)
        if local is not None and local.suffix in (".css", ".js"):
            (styles if local.suffix == ".css" else scripts).add(local.relative_to(site.root).as_posix())
    return styles, scripts


def test_every_language_loads_the_same_one_style_sheet_and_one_script(site, parsed):
    # Issue #17: one copy of the theme, at the root, with its content hash in the name (cached for
    # a year); switching language costs only the HTML.
    themed = [page for page in parsed if page.parts[-2:-1] != ("druckfassung",)]
    loaded = {page: _theme_files(site, page, parsed[page]) for page in themed}
    bundles = {(tuple(styles), tuple(scripts)) for styles, scripts in loaded.values()}
    assert len(bundles) == 1, {page: files for page, files in loaded.items() if len(files[0]) != 1}
    ((style,), (script,)) = bundles.pop()
    assert re.fullmatch(r"assets/stylesheets/kik\.[0-9a-f]{8}\.min\.css", style)
    assert re.fullmatch(r"assets/javascripts/kik\.[0-9a-f]{8}\.min\.js", script)
    # No language folder keeps a copy of the theme.
    assert [lang for lang in site.languages[1:] if (site.root / lang / "assets").exists()] == []


# Issue #17, on a phone: what a first visit of a page downloads (page, theme bundles, logo,
# favicon) and what every further page costs once the theme is cached, gzip-compressed as nginx
# sends the build's .gz twins.
FIRST_VIEW_BUDGET = 90_000
NEXT_PAGE_BUDGET = 15_000
WEIGHED_PAGES = [
    "index.html",
    "handlungsfelder/sprache-und-bildung/index.html",
    "umsetzung/massnahmen/index.html",
]


def _sent_bytes(path: Path) -> int:
    twin = path.with_name(path.name + ".gz")
    return (twin if twin.is_file() else path).stat().st_size


@pytest.mark.parametrize("page", WEIGHED_PAGES)
def test_a_page_stays_within_the_phone_budget_in_every_language(site, page):
    theme = [
        *(site.root / p for p in site.theme_bundles),
        site.root / "assets" / "images" / "logo.svg",
        site.root / "assets" / "images" / "favicon.svg",
    ]
    cached = sum(_sent_bytes(p) for p in theme)
    weights = {lang: _sent_bytes(site.root / site.prefix(lang) / page) for lang in site.languages}
    assert {lang: w for lang, w in weights.items() if w > NEXT_PAGE_BUDGET} == {}
    assert {lang: w + cached for lang, w in weights.items() if w + cached > FIRST_VIEW_BUDGET} == {}
