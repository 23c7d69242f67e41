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


def _measure_page_paths() -> list[str]:
    """Pages generated from data (no Markdown file): one per measure, massnahmen/<id>/.
    Read tolerantly: broken data fails the build with the validator's message, not collection."""
    ids: list[str] = []
    data = ROOT / "data"
    for path in [data / "measures.yml", *sorted((data / "measures").glob("*.yml"))]:
        try:
            items = (yaml.safe_load(path.read_text("utf-8")) or {}).get("measures") or []
        except (OSError, yaml.YAMLError, AttributeError):
            continue
        ids += [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]
    return [f"massnahmen/{measure_id}/index.html" for measure_id in ids]


PAGE_PATHS = _page_paths() + _measure_page_paths()

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
