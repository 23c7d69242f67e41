"""Full-text search of the built site: one Pagefind index per language, no lunr left behind.

Plain Python, no MkDocs. `build_site` calls `index_site` once every language is assembled (and
before the server configuration is hashed). Pagefind (PyPI `pagefind[bin]`, the binary inside
the wheel) reads every built page and writes one bundle to `<site>/pagefind/`; inside it one index
per `<html lang>`, each with its language's stemmer (uk has none: exact and prefix matches). A
reader's browser fetches only the reader's language, and only once they open the search.

What is indexed is decided in the templates: the article (`data-pagefind-body` in
overrides/main.html), with meta (section, German fallback) and filters (page type, action field)
from overrides/partials/kik-search.html, fed by `search_facets` (called from the hooks). Pages
without `data-pagefind-body` (404) are not indexed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Bundle folder below the site root (the search script and the CSP expect it there).
BUNDLE = "pagefind"
# "." stays inside a word: measure numbers such as "2.4" are one token and found first, not
# "24" or "2,4"; a full stop at a sentence end is still dropped (measured, ECOSYSTEM.md).
INCLUDE_CHARACTERS = "."
# Inside the article but not the page's own words: permalink signs, Material's edit/date
# footers, the provenance notices and the measure status badges' icons.
EXCLUDE_SELECTORS = [".headerlink", ".md-source-file", ".kik-notice", ".md-content__button"]

# Material's own search (lunr) ships with every build of the theme; nothing of it may stay.
_LUNR_LEFTOVERS = ["assets/javascripts/lunr", "assets/javascripts/workers", "search"]
# Pagefind's ready-made UIs: the site has its own dialog (kik-search.js); their stylesheets would
# also need data: images. Only pagefind.js, its worker, the WebAssembly and the index stay.
_UNUSED_BUNDLE_FILES = ["pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js"]


@dataclass
class IndexResult:
    ok: bool
    output: str


def search_facets(src_uri: str, data: Any, lang: str) -> dict[str, str]:
    """Page type and action field of a page, as the reader's search filters show them.

    src_uri is the page's Markdown path relative to its docs folder ("handlungsfelder/x.md").
    Measure pages are `massnahmen/<measure id>.md` (or `…/<id>/index.md`); indicator pages
    `kennzahlen/…`. Pages of other kinds get no type: the filter then simply leaves them out.
    """
    parts = src_uri.removesuffix(".md").removesuffix("/index").split("/")
    facets: dict[str, str] = {}
    label = lambda key: data.label(key, lang).text  # noqa: E731 - one-line lookup

    def field_title(field_id: str) -> str:
        title = data.text("fields", field_id, "title", lang)
        return str(title) if title is not None else field_id

    if parts[0] == "konzept":
        facets["type"] = label("search_type_concept")
    elif parts[0] == "handlungsfelder" and len(parts) > 1 and parts[1] != "index":
        facets["type"] = label("search_type_field")
        field = next((f for f in data.fields if f.slug == parts[1]), None)
        if field is not None:
            facets["field"] = field_title(field.id)
    elif parts[0] == "massnahmen" and len(parts) > 1:
        facets["type"] = label("search_type_measure")
        try:
            facets["field"] = field_title(data.field_of_measure(data.measure(parts[1])).id)
        except KeyError:
            pass  # a page in the folder that is no measure's (the stamping shell)
    elif parts[0] == "kennzahlen" and len(parts) > 1:
        facets["type"] = label("search_type_indicator")
    return facets


def pagefind_command(site: Path) -> list[str]:
    """The Pagefind CLI call for a built site (the binary from the `pagefind[bin]` wheel)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
    command += ["--include-characters", INCLUDE_CHARACTERS, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def remove_lunr(lang_root: Path) -> None:
    """Delete Material's search worker, lunr and any search_index.json of one language folder."""
    for pattern in _LUNR_LEFTOVERS:
        for path in lang_root.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def index_site(site: Path) -> IndexResult:
    """Index every built page of the assembled site into site/pagefind/ (all languages at once)."""
    shutil.rmtree(site / BUNDLE, ignore_errors=True)  # a rebuilt index never keeps stale chunks
    try:
        proc = subprocess.run(pagefind_command(site), capture_output=True, text=True)
    except OSError as err:  # the binary is missing or not executable on this machine
        return IndexResult(False, f"Pagefind lässt sich nicht starten: {err}")
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        return IndexResult(False, output or f"Pagefind endete mit Code {proc.returncode}")
    if not (site / BUNDLE / "pagefind.js").is_file():
        return IndexResult(False, f"Pagefind hat kein {BUNDLE}/pagefind.js geschrieben:\n{output}")
    for pattern in _UNUSED_BUNDLE_FILES:
        for path in (site / BUNDLE).glob(pattern):
            path.unlink()
    return IndexResult(True, output)
