"""The search as readers use it, on the built site in a real browser, in every language.

Pagefind (index: macros/site/search_index.py) behind our dialog (overrides/partials/kik-search.html,
overrides/assets/javascripts/kik-search.js), served with the shipped security headers.
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape

import pytest

from macros.data.dataset import load_dataset
from macros.i18n.translations import source_pages
from macros.i18n.urls import page_url
from tests.browser.kiksite import ROOT
from tests.browser.pages import FIELD_PAGE, LANGUAGES
from tests.browser.test_pages import COLOUR_RULES, axe_violations

DATA = load_dataset(ROOT / "data")

# Per language: a word on a page, a longer inflected form of it (another case, number or verb
# form) that is on no page of the language at all, and a page holding the stored form. Only
# the language's stemmer can connect them; a prefix match cannot (the query is the longer one).
# Ukrainian has no stemmer in Pagefind: exact and prefix matches are tested instead.
STEMMING_CASES = {
    "de": ("Netzwerkpartner", "Netzwerkpartnern", "umsetzung/"),
    "en": ("neighbourhood", "neighbourhoods", "konzept/querschnittsthemen/"),
    "tr": ("göçmen", "göçmenlerden", "begriffe/"),
    "it": ("lavoro", "lavorando", "handlungsfelder/arbeit-und-ausbildung/"),
    "ro": ("limba", "limbilor", "handlungsfelder/sprache-und-bildung/"),
    "ar": ("مجال", "المجالات", "handlungsfelder/"),
    "ru": ("интеграция", "интеграцией", "konzept/verstaendnis/"),
}
# Ukrainian: (word on the page, a prefix of it that is no word of its own, the page).
UK_EXACT_AND_PREFIX = ("інтеграції", "інтегра", "konzept/verstaendnis/")

MEASURE_NUMBER, MEASURE_ID = "2.4", "sb-m2-4"
MEASURE_PAGES = ("handlungsfelder/sprache-und-bildung/", f"massnahmen/{MEASURE_ID}/")


# -- helpers ----------------------------------------------------------------------------------


def article_words(site, lang: str, path: str) -> set[str]:
    """The words of a built page's article, lower case (what a reader can read there)."""
    html = (site.root / site.prefix(lang) / path / "index.html").read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert article, f"{lang}/{path}: no article"
    text = unescape(re.sub(r"<[^>]+>", " ", article.group(1)))
    return {w.lower() for w in re.findall(r"[\w.]+", text)}


def language_pages(site, lang: str) -> list[str]:
    """Paths (relative to the language root) of every page of a language."""
    return [page_url(p) for p in source_pages(ROOT)]


def open_search(page, key: str = "/") -> None:
    # The shortcut belongs to the search script: wait until it has set up its button.
    page.locator(".kik-search-button").wait_for(state="attached")
    page.keyboard.press(key)
    page.locator("dialog.kik-search[open]").wait_for()


def search(page, query: str) -> list[dict]:
    """Type the query into the open dialog; the shown results once they belong to this query."""
    page.locator("#kik-search-input").fill(query)
    page.wait_for_function(
        "(q) => document.querySelector('.kik-search__results')?.dataset.query === q", arg=query
    )
    return page.locator(".kik-search__result").evaluate_all(
        """(items) => items.map((li) => {
            const main = li.querySelector(':scope > a');
            return {
                href: main.href.split('#')[0],
                text: main.textContent,
                lang: main.querySelector('.kik-search__name').lang,
                subs: [...li.querySelectorAll('.kik-search__subs a')].map((a) => a.href),
            };
        })"""
    )


def watched_search(open_page, site, lang: str, query: str, **options):
    watched = open_page(site.base_url + site.prefix(lang), wait_until="networkidle", **options)
    open_search(watched.page)
    return watched, search(watched.page, query)


def assert_clean(watched) -> None:
    assert watched.csp_violations() == []
    assert watched.console_errors == []
    assert watched.failed_responses == []
    assert watched.foreign_requests() == []


# -- finding ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(STEMMING_CASES))
def test_inflected_form_finds_the_page_with_the_stored_form(open_page, site, lang):
    stored, query, expected = STEMMING_CASES[lang]
    assert len(query) > len(stored)
    assert stored.lower() in article_words(site, lang, expected), "pick a word that is on the page"
    literal = [p for p in language_pages(site, lang) if query.lower() in article_words(site, lang, p)]
    assert literal == [], f"'{query}' is literally on {literal}: it proves no stemming"
    watched, results = watched_search(open_page, site, lang, query)
    hrefs = [r["href"] for r in results]
    assert site.base_url + site.prefix(lang) + expected in hrefs
    assert_clean(watched)


def test_ukrainian_finds_exact_words_and_prefixes(open_page, site):
    word, prefix, expected = UK_EXACT_AND_PREFIX
    words = article_words(site, "uk", expected)
    assert word in words and prefix not in words
    target = site.base_url + site.prefix("uk") + expected
    watched, exact = watched_search(open_page, site, "uk", word)
    assert target in [r["href"] for r in exact]
    by_prefix = search(watched.page, prefix)
    assert target in [r["href"] for r in by_prefix]
    assert_clean(watched)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_measure_number_finds_the_measure_first(open_page, site, lang):
    watched, results = watched_search(open_page, site, lang, MEASURE_NUMBER)
    assert results, f"'{MEASURE_NUMBER}' finds nothing"
    first = results[0]
    root = site.base_url + site.prefix(lang)
    assert first["href"] in [root + p for p in MEASURE_PAGES]
    if first["href"] == root + MEASURE_PAGES[0]:
        # On the field page the measure's table row is the first sub-result: it jumps there.
        assert first["subs"] and first["subs"][0] == f"{root}{MEASURE_PAGES[0]}#{MEASURE_ID}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_come_only_from_the_readers_language(open_page, site, lang):
    watched, results = watched_search(open_page, site, lang, "KIK")
    assert len(results) >= 5
    root = site.base_url + site.prefix(lang)
    others = [site.base_url + site.prefix(o) for o in LANGUAGES if o != lang and site.prefix(o)]
    for r in results:
        assert r["href"].startswith(root), r["href"]
        assert not any(r["href"].startswith(o) for o in others), r["href"]
    # Only this language's index was fetched (chunks are named <lang>_<hash>).
    chunks = {
        m.group(1) for u in watched.requests if (m := re.search(r"/pagefind/.*?(\w+)_[0-9a-f]+\.pf_", u))
    }
    assert chunks == {lang}


@pytest.mark.parametrize("lang", [lg for lg in LANGUAGES if lg != "de"])
def test_german_fallback_pages_appear_once_and_marked(open_page, site, lang):
    fallbacks = [page_url(p) for p in source_pages(ROOT) if not (ROOT / "docs" / lang / p).is_file()]
    assert "leichte-sprache/" in fallbacks
    # A German word of the Leichte Sprache start page (German in every language).
    watched, results = watched_search(open_page, site, lang, "Leichte Sprache")
    root = site.base_url + site.prefix(lang)
    hrefs = [r["href"] for r in results]
    assert root + "leichte-sprache/" in hrefs
    assert len(hrefs) == len(set(hrefs)), "a page listed twice"
    assert site.base_url + "leichte-sprache/" not in hrefs, "the German site's own page"
    marker = DATA.label("search_fallback_marker", lang).text
    for r in results:
        is_fallback = r["href"][len(root) :] in fallbacks
        assert (marker in r["text"]) == is_fallback, r
        assert (r["lang"] == "de") == is_fallback, r


# -- the dialog: accessibility, keyboard, no search data before it is used -------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_with_dialog_open_and_results_shown(open_page, site, lang, scheme):
    query = STEMMING_CASES.get(lang, UK_EXACT_AND_PREFIX)[0]
    watched, results = watched_search(open_page, site, lang, query, color_scheme=scheme)
    assert results
    page = watched.page
    assert page.get_attribute("html", "dir") in (None, "ltr", "rtl")
    direction = DATA.language(lang).dir
    assert (
        page.evaluate("getComputedStyle(document.querySelector('dialog.kik-search')).direction") == direction
    )
    assert axe_violations(page, None if scheme == "light" else COLOUR_RULES) == []
    assert_clean(watched)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_dialog_fits_320px(open_page, site, lang):
    watched, results = watched_search(open_page, site, lang, STEMMING_CASES[lang][0], width=320, height=640)
    assert results
    page = watched.page
    assert axe_violations(page) == []
    # The header with its search button still fits (the language menu opens inside the screen).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.locator("dialog.kik-search").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.querySelector('dialog.kik-search').scrollWidth") <= box["width"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_search_works_on_the_404_page_served_at_any_depth(open_page, site, lang):
    root = site.base_url + site.prefix(lang)
    watched = open_page(root + "gibt/es/nicht/", wait_until="networkidle")
    open_search(watched.page)
    results = search(watched.page, "KIK")
    assert results and all(r["href"].startswith(root) for r in results)
    assert watched.foreign_requests() == []
    assert watched.csp_violations() == []


def test_keyboard_only_open_choose_and_land(open_page, site):
    watched = open_page(site.base_url, wait_until="networkidle")
    page = watched.page
    open_search(page, "/")
    assert page.evaluate("document.activeElement.id") == "kik-search-input"
    page.keyboard.type("Netzwerkpartner", delay=20)
    page.wait_for_function(
        "() => document.querySelector('.kik-search__results')?.dataset.query === 'Netzwerkpartner'"
    )
    status = page.locator(".kik-search__status")
    assert status.get_attribute("role") == "status"
    assert re.search(r"\d", status.inner_text()), "the live region says how many results there are"
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert page.evaluate("document.activeElement.matches('.kik-search__results a')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    assert page.url == first
    assert_clean(watched)


def test_escape_closes_and_returns_focus_ctrl_k_opens(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), wait_until="networkidle")
    page = watched.page
    button = page.locator(".md-header .kik-search-button")
    assert button.is_visible()
    assert button.inner_text().strip() == DATA.label("search_open", "de").text
    button.focus()
    page.keyboard.press("Enter")
    page.locator("dialog.kik-search[open]").wait_for()
    assert page.locator("#kik-search-title").inner_text() == DATA.label("search_title", "de").text
    page.keyboard.press("Escape")
    page.locator("dialog.kik-search[open]").wait_for(state="detached")
    assert page.evaluate("document.activeElement.matches('.kik-search-button')")
    open_search(page, "Control+k")
    assert page.evaluate("document.activeElement.id") == "kik-search-input"
    assert_clean(watched)


def test_a_page_view_without_searching_loads_no_search_data(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), wait_until="networkidle")
    assert watched.requests
    assert [u for u in watched.requests if "/pagefind/" in u] == []
    # Opening the search is what loads it.
    open_search(watched.page)
    watched.page.wait_for_load_state("networkidle")
    assert any(u.endswith("/pagefind/pagefind.js") for u in watched.requests)


def test_without_javascript_the_control_leads_to_the_overview(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(FIELD_PAGE))
        link = page.locator("a[data-kik-search]")
        assert link.is_visible()
        assert link.inner_text() == DATA.label("search_nojs_link", "de").text
        link.click()
        page.wait_for_load_state()
        assert page.url == site.base_url + "handlungsfelder/"
        assert page.locator("table.kik-table").count() >= 1
    finally:
        context.close()


def test_missing_index_says_so_and_offers_the_overview(open_page, site):
    """As in the preview (make serve), which builds no search index."""
    watched = open_page(site.url(FIELD_PAGE), wait_until="networkidle")
    page = watched.page
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404, body="not found"))
    open_search(page)
    status = page.locator(".kik-search__status")
    status.locator("a").wait_for()
    assert DATA.label("search_unavailable", "de").text in status.inner_text()
    assert status.locator("a").evaluate("(a) => a.href") == site.base_url + "handlungsfelder/"
    assert page.locator("#kik-search-input").is_disabled()


def test_filters_narrow_the_results_by_page_type(open_page, site):
    watched, results = watched_search(open_page, site, "de", "Integration")
    page = watched.page
    field_type = DATA.label("search_type_field", "de").text
    select = page.locator(".kik-search__select").first
    select.select_option(field_type)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.kik-search__result').length < n", arg=len(results)
    )
    page.wait_for_timeout(300)
    filtered = page.locator(".kik-search__result > a").evaluate_all("(as) => as.map((a) => a.href)")
    assert filtered and all("/handlungsfelder/" in h for h in filtered)
    assert_clean(watched)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    """One hand-written page with our dialog, indexed by Pagefind exactly as the build does it."""
    from macros.site.deploy import language_prefixes, nginx_conf, security_headers
    from macros.site.search_index import index_site
    from tests.servers import start_nginx

    root = tmp_path_factory.mktemp("tiny")
    shutil.copy(ROOT / "overrides/assets/javascripts/kik-search.js", root / "kik-search.js")
    keys = ["open", "overview", "title", "input", "hint", "close", "loading", "results", "none"]
    keys += ["unavailable", "more", "filterType", "filterField", "filterAll", "fallbackMarker"]
    config = {
        "lang": "en",
        "siteRoot": "./",
        "bundle": "./pagefind/pagefind.js",
        "overview": "./",
        "fallbackLang": "de",
        "text": {k: f"<b>{k}</b>" for k in keys},
    }
    block = json.dumps(config).replace("<", "\\u003c")
    text = (
        'Cost &lt;img src=x onerror="window.__xss=1"&gt; danger &lt;b&gt;bold&lt;/b&gt;. '
        "The measure sb-m2-4 runs 24 hours, see measure 2.45 and measure 2.4."
    )
    (root / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        f'<a data-kik-search href="./">x</a><script type="application/json" id="kik-search-config">{block}'
        f"</script><div data-pagefind-body><h1>Test</h1><p>{text}</p></div>"
        f'<script src="kik-search.js"></script></body></html>',
        encoding="utf-8",
    )
    (root / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    assert index_site(root).ok
    # Served like the real site: nginx with the server block the build would generate for it.
    block = nginx_conf(security_headers(root), language_prefixes(root), "/", root)
    server = start_nginx(block, tmp_path_factory.mktemp("tiny-nginx"))
    yield server.base_url
    server.stop()


@pytest.fixture
def tiny_page(browser, tiny_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(tiny_site)
    open_search(page)
    yield page
    context.close()


def test_page_text_that_looks_like_markup_stays_text_in_results(tiny_page):
    """Pagefind's excerpt is HTML: only its <mark> may become an element, never page text."""
    page = tiny_page
    assert page.locator("#kik-search-title").inner_text() == "<b>title</b>"  # labels as text
    search(page, "danger")
    excerpt = page.locator(".kik-search__excerpt").first
    assert "danger" in excerpt.inner_text()
    assert excerpt.locator("img, b").count() == 0
    assert excerpt.locator("mark").count() >= 1
    assert page.evaluate("window.__xss") is None


@pytest.mark.parametrize("query", ["sb-m2-4", "2.4", "2.45"])
def test_ids_and_measure_numbers_are_whole_words(tiny_page, query):
    assert search(tiny_page, query)
    marked = {m.rstrip(".") for m in tiny_page.locator(".kik-search__excerpt mark").all_inner_texts()}
    assert query in marked
    # "2.4" is not "24" (hours); while typing, a longer number may match as a prefix (2.4 → 2.45).
    assert all(m.startswith(query) for m in marked), marked
