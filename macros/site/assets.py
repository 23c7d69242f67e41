"""One copy of the theme for every language, as one stylesheet and one script per page view.

Each language is its own MkDocs build, so each language folder gets its own copy of Material's
and our assets (`en/assets/…`), and every page links four style sheets and six scripts. A reader
who switches language downloaded all of it again. After the builds are assembled, this step

1. writes one content-hashed bundle of the style sheets (`assets/stylesheets/kik.<hash>.min.css`)
   and one of the scripts (`assets/javascripts/kik.<hash>.min.js`) at the site root; the name
   changes with the content, so the servers let browsers keep them for a year (deploy.py);
2. points every page of every language at the bundles and at the root's copy of the other assets
   (logo, favicon), and removes the language folders' copies that are identical to the root's.

Which files are bundled, and in which order, is read from the root language's start page: the
order Material and overrides/main.html give them. A page is only rewritten when it links exactly
those files (the print edition, for one, has its own style sheet and is left as it is).
Plain Python on the built HTML, no MkDocs: it runs in build.py between assembling the languages
and hashing the inline scripts for the CSP (the bundles are files, the CSP allows them by origin).
"""

from __future__ import annotations

import filecmp
import hashlib
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ASSETS = "assets"
CSS_DIR = "assets/stylesheets"
JS_DIR = "assets/javascripts"

# The tags exactly as Material and overrides/main.html write them.
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?')
_SCRIPT = re.compile(r'<script src="([^"]+)"( defer)?></script>\n?')
# Only links into an assets/ folder can point at a language's copy of the theme. The pattern
# starts with a literal so the scan over the pages stays fast; the attribute name in front of it
# (href or src) is checked for each match.
_ASSET_VALUE = re.compile(r'="([^"]*assets/[^"]*)"')
_SOURCE_MAP = re.compile(r"^\s*(?://[#@] sourceMappingURL=.*|/\*[#@] sourceMappingURL=.*?\*/)\s*$", re.M)
_CHARSET = re.compile(r'^@charset "[^"]*";', re.M)


@dataclass(frozen=True)
class Bundles:
    """Site paths of the bundled files, in their order, and of the bundles made from them."""

    styles: tuple[str, ...]
    scripts: tuple[str, ...]
    css: str
    js: str


class _Page:
    """One built HTML file and how its links resolve to site paths ('en/assets/x.css')."""

    def __init__(self, site: Path, path: Path, base: str) -> None:
        self.path = path
        self.rel = path.relative_to(site).as_posix()
        self.folder = posixpath.dirname(self.rel)
        self.base = base

    def resolve(self, link: str) -> str | None:
        """The site path a link of this page points to, or None for other hosts, anchors, data."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        if parts.path.startswith("/"):
            return parts.path[len(self.base) :] if parts.path.startswith(self.base) else None
        return posixpath.normpath(posixpath.join(self.folder, parts.path))

    def link_to(self, site_path: str, like: str) -> str:
        """A link to site_path in the form of the link it replaces (path-absolute or relative)."""
        if like.startswith("/"):
            return self.base + site_path
        return posixpath.relpath(site_path, self.folder or ".")


def _hash8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _css_bundle(site: Path, members: tuple[str, ...]) -> bytes:
    parts = []
    for i, member in enumerate(members):
        text = _SOURCE_MAP.sub("", (site / member).read_text(encoding="utf-8"))
        # @charset is only valid as the very first rule of a style sheet.
        parts.append(text if i == 0 else _CHARSET.sub("", text))
    return "\n".join(part.strip() for part in parts).encode("utf-8") + b"\n"


def _js_bundle(site: Path, members: tuple[str, ...]) -> bytes:
    # Each file in its own function: a leading "use strict" keeps applying to that file only, and
    # nothing a file declares at its top level meets another file's names.
    parts = [
        f"(function () {{\n{_SOURCE_MAP.sub('', (site / member).read_text(encoding='utf-8')).strip()}\n}})();"
        for member in members
    ]
    return "\n".join(parts).encode("utf-8") + b"\n"


def _write_bundle(site: Path, folder: str, suffix: str, data: bytes) -> str:
    site_path = f"{folder}/kik.{_hash8(data)}.min.{suffix}"
    (site / site_path).write_bytes(data)
    return site_path


def plan_bundles(site: Path, base: str) -> Bundles | None:
    """Read the bundled files from the root start page and write the bundles (None: no theme)."""
    start = _Page(site, site / "index.html", base)
    html = start.path.read_text(encoding="utf-8")
    styles = tuple(p for p in (start.resolve(m.group(1)) for m in _STYLESHEET.finditer(html)) if p)
    found = [(start.resolve(m.group(1)), bool(m.group(2))) for m in _SCRIPT.finditer(html)]
    # Deferred scripts ran after the page was parsed; in the bundle at the end of the body they
    # come after the others.
    scripts = tuple(p for p, deferred in sorted(found, key=lambda item: item[1]) if p)
    local = [p for p in (*styles, *scripts) if p.startswith(ASSETS + "/") and (site / p).is_file()]
    if not styles or not scripts or len(local) != len(styles) + len(scripts):
        return None
    css = _write_bundle(site, CSS_DIR, "css", _css_bundle(site, styles))
    js = _write_bundle(site, JS_DIR, "js", _js_bundle(site, scripts))
    return Bundles(styles, scripts, css, js)


def _root_copy(site: Path, site_path: str, prefixes: list[str]) -> str:
    """The root's copy of a language folder's asset when both are the same file, else the path."""
    if f"{ASSETS}/" not in site_path:
        return site_path
    for prefix in prefixes:
        if site_path.startswith(prefix + ASSETS + "/"):
            shared = site_path[len(prefix) :]
            if (site / shared).is_file() and filecmp.cmp(site / site_path, site / shared, shallow=False):
                return shared
    return site_path


def _replace_group(html: str, pattern: re.Pattern[str], page: _Page, members: tuple[str, ...], tag: str) -> str:
    """Replace the tags linking exactly `members` by one tag; keep the page as it is otherwise."""
    matches = list(pattern.finditer(html))
    linked = [page.resolve(m.group(1)) for m in matches]
    if sorted(p for p in linked if p in members) != sorted(members):
        return html
    ours = [m for m, p in zip(matches, linked) if p in members]
    # Styles go where the first style sheet was (head); the script where the last script was
    # (end of the body, after the content it works on).
    keep = ours[0] if pattern is _STYLESHEET else ours[-1]
    out, last = [], 0
    for match in ours:
        out.append(html[last : match.start()])
        if match is keep:
            out.append(tag)
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def rewrite_page(html: str, page: _Page, bundles: Bundles, root_copy) -> str:
    """One page with root copies instead of its language's own, then the bundles instead of their
    members. `root_copy(site_path)` names the root's copy of an asset (or the path itself)."""

    def shared(match: re.Match[str]) -> str:
        before = html[max(match.start() - 5, 0) : match.start()]
        if not before.endswith((" href", " src")):
            return match.group(0)
        link = match.group(1)
        target = page.resolve(link)
        root = root_copy(target) if target else None
        if root is None or root == target:
            return match.group(0)
        parts = urlsplit(link)
        rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        return f'="{page.link_to(root, like=link)}{rest}"'

    html = _ASSET_VALUE.sub(shared, html)
    css_link = page.link_to(bundles.css, like=_first_link(html, _STYLESHEET))
    js_link = page.link_to(bundles.js, like=_first_link(html, _SCRIPT))
    html = _replace_group(html, _STYLESHEET, page, bundles.styles, f'<link rel="stylesheet" href="{css_link}">\n')
    return _replace_group(html, _SCRIPT, page, bundles.scripts, f'<script src="{js_link}"></script>\n')


def _first_link(html: str, pattern: re.Pattern[str]) -> str:
    match = pattern.search(html)
    return match.group(1) if match else ""


def share_assets(site: Path, prefixes: list[str], base: str = "/") -> Bundles | None:
    """Bundle the theme at the site root and point every language's pages at it.

    `prefixes` are the folders of the languages other than the root one ('en/', 'ar/', …);
    `base` is the URL path the site is published under ('/' or '/kik/').
    """
    bundles = plan_bundles(site, base)
    if bundles is None:
        return None
    known: dict[str, str] = {}

    def root_copy(site_path: str) -> str:
        if site_path not in known:
            known[site_path] = _root_copy(site, site_path, prefixes)
        return known[site_path]

    for path in sorted(site.rglob("*.html")):
        page = _Page(site, path, base)
        html = path.read_text(encoding="utf-8")
        rewritten = rewrite_page(html, page, bundles, root_copy)
        if rewritten != html:
            path.write_text(rewritten, encoding="utf-8")
    for prefix in prefixes:
        _remove_shared_copies(site, prefix)
    return bundles


def _remove_shared_copies(site: Path, prefix: str) -> None:
    """Delete a language folder's assets that the root has byte for byte (what the pages use now)."""
    folder = site / prefix / ASSETS
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            shared = site / path.relative_to(site / prefix)
            if shared.is_file() and filecmp.cmp(path, shared, shallow=False):
                path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        shutil.rmtree(folder)
