"""Which pages exist, known before the build (for test ids): every page of docs/de in every language.

Every language has every URL (missing translations fall back to the German page), so the German
source tree lists them all. `test_every_built_page_is_checked` fails if the build ever has a
page this list does not know about.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.i18n.languages import SiteLanguages
from tests.browser.kiksite import ROOT

# Only data/languages.yml is read here (at collection time): a mistake elsewhere in data/ makes
# the build – and so every test using it – fail with the validator's message, not the collection.
LANGUAGES: list[str] = [
    lang["id"] for lang in yaml.safe_load((ROOT / "data" / "languages.yml").read_text("utf-8"))["languages"]
]


def _page_paths() -> list[str]:
    """Built file of each Markdown page, relative to a language root ('konzept/index.html')."""
    paths = []
    for md in sorted((ROOT / "docs" / LANGUAGES[0]).rglob("*.md")):
        rel = md.relative_to(ROOT / "docs" / LANGUAGES[0])
        if rel.parts[0].startswith("_"):  # snippets are included into pages, not pages
            continue
        stem = rel.with_suffix("")
        out = Path(*stem.parts[:-1]) if stem.name == "index" else stem
        paths.append((out / "index.html").as_posix())
    return paths + ["404.html"]


def _generated_paths() -> list[str]:
    """Built file of each page made from data (measure and indicator pages), e.g.
    'kennzahlen/einwohner/index.html'. With broken data the list is empty: the build then fails
    with the validator's message, and `test_every_built_page_is_checked` names what is missing."""
    from macros.data.dataset import load_dataset
    from macros.data.problems import DataError
    from macros.render.monitoring import generated_uris

    try:
        uris = generated_uris(load_dataset(ROOT / "data"))
    except DataError:
        return []
    return sorted(f"{uri.removesuffix('.md')}/index.html" for uri in uris)


PAGE_PATHS = _page_paths() + _generated_paths()

# (lang, built file relative to the site root), e.g. ("en", "en/konzept/index.html").
ALL_PAGES: list[tuple[str, str]] = [
    (lang, SiteLanguages.prefix(lang) + path) for lang in LANGUAGES for path in PAGE_PATHS
]

FIELD_PAGE = "handlungsfelder/sprache-und-bildung/index.html"
EXPLORER_PAGE = "umsetzung/massnahmen/index.html"

# The print edition of each language (macros/publish/printdoc.py): its own layout without
# Material (no palettes, no search), checked by tests/browser/test_print_page.py.
PRINT_PAGES: list[tuple[str, str]] = [
    (lang, SiteLanguages.prefix(lang) + "druckfassung/index.html") for lang in LANGUAGES
]


def page_id(value: tuple[str, str]) -> str:
    return value[1]
