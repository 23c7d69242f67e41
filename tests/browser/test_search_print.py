"""Search finds the expected page first in every language; field pages print completely."""

from __future__ import annotations

import re

import pytest

from tests.browser.pages import FIELD_PAGE, LANGUAGES

# Per language: a measure number (one search token: mkdocs.yml search.separator keeps "2.4"
# together) and the title of two pages, as a reader would type them (None: the page's own <h1>).
# A measure number finds the measure's own page first (its heading is "Maßnahme 2.4: …").
SEARCH_CASES = [
    ("2.4", "massnahmen/sb-m2-4/"),
    (None, "datenschutz/"),
    (None, "impressum/"),
]


def first_result(page, query: str) -> str:
    """Type the query like a reader and return the first hit (without highlight query or anchor)."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=50)
    # Material links hits with ?h=<matched query words> (search.highlight): wait for hits of
    # *this* query, not of a shorter prefix typed a moment before.
    page.wait_for_function(
        """(words) => [...document.querySelectorAll('.md-search-result__link')].some((a) => {
                const h = (new URL(a.href).searchParams.get('h') || '').toLowerCase().split(' ');
                return words.some((w) => h.includes(w)); })""",
        arg=[w for w in query.lower().split() if len(w) > 2] or [query.lower()],
        timeout=10_000,
    )
    return page.locator(".md-search-result__link").first.evaluate("(a) => a.origin + a.pathname")


def page_title(site, lang: str, path: str) -> str:
    html = (site.root / site.prefix(lang) / path / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1, f"{lang}/{path} has no <h1>"
    return re.sub(r"<[^>]+>|&[a-z#0-9]+;", " ", h1.group(1)).split("¶")[0].strip()


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_returns_expected_page_first(open_page, site, lang, query, expected):
    query = query or page_title(site, lang, expected)
    watched = open_page(site.base_url + site.prefix(lang), wait_until="networkidle")
    assert first_result(watched.page, query) == site.base_url + site.prefix(lang) + expected
    # Results stay in the reader's language: no hit points into another language's folder.
    hrefs = watched.page.locator(".md-search-result__link").evaluate_all("(as) => as.map((a) => a.href)")
    others = [site.base_url + site.prefix(o) for o in site.languages if o != lang and site.prefix(o)]
    assert [h for h in hrefs if any(h.startswith(o) for o in others)] == []


def test_field_page_prints_every_measure_without_navigation(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), media="print")
    page = watched.page
    rows = page.locator("table.kik-measures tbody tr")
    assert rows.count() > 0, "the field page shows no measures"
    hidden_rows = rows.evaluate_all(
        """(rows) => rows.filter((r) => {
            const box = r.getBoundingClientRect();
            return box.height === 0 || getComputedStyle(r).visibility === 'hidden';
        }).map((r) => r.id)"""
    )
    assert hidden_rows == []
    # Collapsed details would hide text on paper.
    assert page.locator("article details:not([open])").count() == 0
    for selector in [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".kik-servicebar",
        ".md-footer",
        ".md-search",
    ]:
        for el in page.locator(selector).all():
            assert not el.is_visible(), f"{selector} is printed"


def test_printed_links_show_their_address(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), media="print")
    page = watched.page
    # Every link to another site in the article prints its address after the link text.
    external = page.locator("article a[href^='http']:not([href^='" + site.base_url + "'])")
    # The field page may have no such link today; add one to the text as an editor would.
    page.evaluate(
        """() => { const p = document.createElement('p');
            p.innerHTML = '<a href="https://www.kempten.de/integration">Integration in Kempten</a>';
            document.querySelector('article').append(p); }"""
    )
    for link in external.all():
        href = link.get_attribute("href")
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        assert href in after, f"printed link hides its target {href}"
