"""The multilingual site as readers meet it: languages, directions, fallbacks, switcher, hreflang,
per-language search indexes — checked on the real site built with `python -m macros build`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros.data.dataset import load_dataset
from macros.i18n.languages import SiteLanguages
from macros.i18n.translations import source_pages
from macros.i18n.urls import page_url
from macros.render.monitoring import generated_uris
from tests.support import REPO, make_project, mkdocs_build, run_macros, stamp_translations
from tests.synthetic import write_dataset

DATA = load_dataset(REPO / "data")
SITE = SiteLanguages.from_dataset(DATA)
LANGUAGES = SITE.codes
FOREIGN = [lang for lang in LANGUAGES if lang != "de"]
# Every page of docs/de, and the pages generated from data (one per measure).
# Every page from docs/ and every page generated from data (measure and indicator pages).
PAGES = [page_url(p) for p in source_pages(REPO)] + [page_url(uri) for uri in sorted(generated_uris(DATA))]
SITE_URL = "http://127.0.0.1:8000/"  # the build's default public address
# lunr stemmers Material switches on; Arabic (stemming off by Material) and Ukrainian (no lunr
# stemmer) fall back to the English pipeline, which leaves their script alone.
EXPECTED_SEARCH_LANG = {"de": "de", "en": "en", "tr": "tr", "it": "it", "ro": "ro", "ru": "ru"}


def label(lang: str, key: str) -> str:
    return DATA.label(key, lang).text


def html_of(out: Path, lang: str, url: str) -> str:
    return (out / SITE.prefix(lang) / url / "index.html").read_text(encoding="utf-8")


def target_file(out: Path, absolute_url: str) -> Path:
    assert absolute_url.startswith(SITE_URL), absolute_url
    rel = absolute_url[len(SITE_URL) :].split("#")[0]
    return out / rel / "index.html" if rel.endswith("/") or not rel else out / rel


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    assert real_site.result.returncode == 0, real_site.result.stdout + real_site.result.stderr
    return real_site.out


def test_every_page_exists_in_every_language(site: Path) -> None:
    for lang in LANGUAGES:
        missing = [url for url in PAGES if not (site / SITE.prefix(lang) / url / "index.html").is_file()]
        assert not missing, f"{lang}: pages missing {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lang_and_dir_on_every_page(site: Path, lang: str) -> None:
    direction = DATA.language(lang).dir
    for url in PAGES:
        html = html_of(site, lang, url)
        assert re.search(rf'<html lang="{lang}"', html), (lang, url)
        assert f'<body dir="{direction}"' in html, (lang, url)


@pytest.mark.parametrize("lang", FOREIGN)
def test_fallback_pages_are_marked_german_in_the_readers_language(site: Path, lang: str) -> None:
    fallbacks = [page_url(p) for p in source_pages(REPO) if not (REPO / "docs" / lang / p).is_file()]
    assert fallbacks, f"{lang}: expected at least the Leichte Sprache pages as German fallbacks"
    for url in fallbacks:
        html = html_of(site, lang, url)
        assert '<div lang="de" dir="ltr" class="kik-fallback-content">' in html, (lang, url)
        notices = (label(lang, "language_fallback_notice"), label(lang, "german_only_notice"))
        assert any(" ".join(n.split()) in " ".join(html.split()) for n in notices), (lang, url)


@pytest.mark.parametrize("lang", FOREIGN)
def test_translated_pages_tell_how_they_were_made(site: Path, lang: str) -> None:
    translated = [page_url(p) for p in source_pages(REPO) if (REPO / "docs" / lang / p).is_file()]
    for url in translated:
        text = " ".join(html_of(site, lang, url).split())
        assert (
            "kik-notice--machine" in text or "kik-notice--reviewed" in text or "kik-notice--human" in text
        ), (lang, url)
        assert "kik-fallback-content" not in text, (lang, url)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_alternates_and_switcher_reach_the_same_page(site: Path, lang: str) -> None:
    for url in PAGES:
        html = html_of(site, lang, url)
        alternates = dict(
            (m.group(2), m.group(1))
            for m in re.finditer(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
        )
        assert sorted(alternates) == sorted(LANGUAGES), (lang, url)
        for alt_lang, href in alternates.items():
            assert href == SITE.language_root_url(SITE_URL, alt_lang) + url
            assert target_file(site, href).is_file(), href
        switcher = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">', html)
        assert sorted(h for _, h in switcher) == sorted(LANGUAGES)
        assert all(target_file(site, href).is_file() for href, _ in switcher)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sitemap_lists_every_page_with_all_alternates(site: Path, lang: str) -> None:
    sitemap = (site / SITE.prefix(lang) / "sitemap.xml").read_text(encoding="utf-8")
    for url in PAGES:
        loc = SITE.language_root_url(SITE_URL, lang) + url
        assert f"<loc>{loc}</loc>" in sitemap
    assert sitemap.count('<xhtml:link rel="alternate"') == len(PAGES) * len(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site: Path, lang: str) -> None:
    raw = (site / SITE.prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    assert index["config"]["lang"] == [EXPECTED_SEARCH_LANG.get(lang, "en")]
    assert "\\u" not in raw, "non-ASCII must be stored as UTF-8, not escaped"
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert locations == set(PAGES), "each page once, no page of another language"
    marker = label(lang, "search_fallback_marker")
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        is_fallback = lang != "de" and page in {
            page_url(p) for p in source_pages(REPO) if not (REPO / "docs" / lang / p).is_file()
        }
        assert doc["title"].endswith(marker) == is_fallback, (lang, doc["location"])


def test_measure_number_is_one_search_token(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert re.split(index["config"]["separator"], "Maßnahme 2.4") == ["Maßnahme", "2.4"]
    texts = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("handlungsfelder/sprache-und-bildung/")
    )
    assert "2.4" in texts


# -- translation workflow, on a small project in tmp_path ---------------------------------------


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    write_dataset(root / "data", scale=1, seed=1)
    stamp_translations(root)
    return root


def test_edited_german_page_makes_its_translation_outdated(project: Path, tmp_path: Path) -> None:
    report = run_macros(project, "i18n", "report", "en")
    assert "docs/en/index.md" not in report.stdout  # current after stamping

    page = project / "docs" / "de" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")

    report = run_macros(project, "i18n", "report", "en")
    assert re.search(r"veraltet\s+docs/en/index\.md", report.stdout), report.stdout
    build = mkdocs_build(project, "en", tmp_path / "en")
    assert build.returncode == 0, build.stderr
    html = " ".join((tmp_path / "en" / "index.html").read_text(encoding="utf-8").split())
    assert " ".join(label("en", "translation_outdated_notice").split()) in html
    assert label("en", "german_version_link") in html


def test_translated_page_with_changed_macro_call_is_refused(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "en" / "handlungsfelder" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ status_legend() }}", ""), encoding="utf-8")
    build = mkdocs_build(project, "en", tmp_path / "en")
    assert build.returncode != 0
    assert "docs/en/handlungsfelder/index.md" in build.stderr
    assert "Makro-Aufrufe weichen von der deutschen Seite ab" in build.stderr
    assert "Traceback" not in build.stderr


def test_add_language_builds_at_once_with_marked_fallbacks(project: Path, tmp_path: Path) -> None:
    added = run_macros(project, "i18n", "add", "fr", "Français")
    assert added.returncode == 0, added.stderr
    languages = yaml.safe_load((project / "data" / "languages.yml").read_text(encoding="utf-8"))
    assert {"id": "fr", "name": "Français", "dir": "ltr"} in languages["languages"]
    assert (project / "data" / "i18n" / "fr" / "labels.yml").is_file()

    build = mkdocs_build(project, "fr", tmp_path / "fr")
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert '<div lang="de" dir="ltr" class="kik-fallback-content">' in html

    report = run_macros(project, "i18n", "report", "fr", "--short")
    assert report.returncode == 0
    assert "fr: Seiten 0 übersetzt" in report.stdout


def test_add_language_refuses_an_existing_or_unknown_language(project: Path) -> None:
    again = run_macros(project, "i18n", "add", "en", "English")
    assert again.returncode == 1 and "schon eingetragen" in again.stderr
    unknown = run_macros(project, "i18n", "add", "xq", "Nowhere")
    assert unknown.returncode == 1 and "kennt die Sprache" in unknown.stderr
    assert "Traceback" not in again.stderr + unknown.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_double_escaped_text_reaches_readers(site: Path, lang: str) -> None:
    """An apostrophe in a translated title (Ukrainian "Здоров'я") once showed up as "&#39;" in
    the accessible name of Material's footer links."""
    for url in PAGES:
        html = html_of(site, lang, url)
        assert "&amp;#" not in html, (lang, url)
