"""The multilingual site as readers meet it: languages, directions, fallbacks, switcher, hreflang,
per-language search indexes (Pagefind) — checked on the real site built with `python -m macros build`."""

from __future__ import annotations

import html as html_lib
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
from tests.support import REPO, TEST_SITE_URL, make_project, mkdocs_build, run_macros, stamp_translations
from tests.synthetic import write_dataset

DATA = load_dataset(REPO / "data")
SITE = SiteLanguages.from_dataset(DATA)
LANGUAGES = SITE.codes
FOREIGN = [lang for lang in LANGUAGES if lang != "de"]
# Every page of docs/de, and the pages generated from data (one per measure).
# Every page from docs/ and every page generated from data (measure and indicator pages).
PAGES = [page_url(p) for p in source_pages(REPO)] + [page_url(uri) for uri in sorted(generated_uris(DATA))]
SITE_URL = TEST_SITE_URL  # the public address the real_site fixture is built with


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


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}


def expected_notice(lang: str, page: str) -> tuple[str, str]:
    """(notice kind, label key) the reader must see, worked out from the page files alone."""
    translated = REPO / "docs" / lang / page
    if not translated.is_file():
        german_only = front_matter(REPO / "docs" / "de" / page).get("translate") is False
        return "fallback", "german_only_notice" if german_only else "language_fallback_notice"
    translation = front_matter(translated).get("translation") or {}
    if translation.get("reviewed"):
        return "reviewed", "translation_reviewed_notice"
    if translation.get("method") == "human":
        return "human", "translation_human_notice"
    return "machine", "translation_machine_notice"


NOTICE = re.compile(
    r'<div class="admonition (\w+) kik-notice kik-notice--(\w+)" role="note">(.*?)</div>', re.S
)


@pytest.mark.parametrize("lang", FOREIGN)
def test_every_page_carries_exactly_the_notice_its_files_call_for(site: Path, lang: str) -> None:
    for page in source_pages(REPO):
        url = page_url(page)
        html = html_of(site, lang, url)
        notices = NOTICE.findall(html)
        assert len(notices) == 1, (lang, url, notices)
        level, kind, body = notices[0]
        want_kind, want_key = expected_notice(lang, page)
        assert kind == want_kind, (lang, url)
        assert level == "info", f"{lang}/{url}: every translation is current, none may say outdated"
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        if want_key != "translation_reviewed_notice":  # that one carries the date of the review
            assert " ".join(label(lang, want_key).split()) in text, (lang, url)
        assert (kind == "fallback") == ('<div lang="de" dir="ltr" class="kik-fallback-content">' in html)


def test_a_fallback_page_and_a_german_only_page_get_different_notices() -> None:
    """Guards the expectation above: both kinds of German fallback occur on the real site."""
    kinds = {expected_notice(lang, p)[1] for lang in FOREIGN for p in source_pages(REPO)}
    assert {"german_only_notice", "translation_machine_notice"} <= kinds


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


def test_one_search_index_per_language_and_nothing_of_lunr(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGUAGES)
    for lang, index in entry["languages"].items():
        assert index["page_count"] == len(PAGES), f"{lang}: every page once, the 404 page not"
    # Measure numbers such as "2.4" stay one word (macros/site/search_index.py).
    assert "." in entry["include_characters"]
    leftovers = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.name == "search_index.json" or "lunr" in p.name or p.name.startswith("search.")
    ]
    assert leftovers == []
    # Pagefind's ready-made UIs are not shipped (their CSS would need data: images).
    assert not list((site / "pagefind").glob("pagefind-*ui*"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_indexes_the_article_and_marks_german_fallbacks(site: Path, lang: str) -> None:
    fallbacks = {page_url(p) for p in source_pages(REPO) if not (REPO / "docs" / lang / p).is_file()}
    for url in PAGES:
        html = html_of(site, lang, url)
        assert html.count("data-pagefind-body") == 1, (lang, url)
        is_fallback = lang != "de" and url in fallbacks
        assert ('<span hidden data-pagefind-meta="content_lang">de</span>' in html) == is_fallback, (
            lang,
            url,
        )
    assert "data-pagefind-body" not in (site / SITE.prefix(lang) / "404.html").read_text(encoding="utf-8")


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


def test_edited_german_data_text_makes_its_translation_outdated(project: Path) -> None:
    before = run_macros(project, "i18n", "report", "en", "--short")
    assert re.search(r"Datentexte \d+ übersetzt, 0 veraltet", before.stdout), before.stdout

    texts = project / "data" / "i18n" / "de" / "texts.yml"
    data = yaml.safe_load(texts.read_text(encoding="utf-8"))
    field = next(iter(data["fields"]))
    data["fields"][field]["summary"] = data["fields"][field]["summary"] + " Neu ergänzt."
    texts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    after = run_macros(project, "i18n", "report", "en", "--short")
    assert re.search(r"Datentexte \d+ übersetzt, 1 veraltet", after.stdout), after.stdout


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
