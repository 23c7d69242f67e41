"""Search finds the expected page first in every language; field pages print completely."""

from __future__ import annotations

import pytest

from tests.browser.pages import FIELD_PAGE, LANGUAGES

# (language, query, page expected as the first result – relative to the language root).
# Measure numbers are one search token (mkdocs.yml: search.separator keeps "2.4" together).
# Languages without their own translation fall back to German pages and text, hence the
# German query words for them.
SEARCH_CASES = [
    ("de", "2.4", "handlungsfelder/sprache-und-bildung/"),
    ("de", "Sprachkurs", "handlungsfelder/sprache-und-bildung/"),
    ("de", "Datenschutz", "datenschutz/"),
    ("de", "Impressum", "impressum/"),
] + [(lang, "2.4", "handlungsfelder/sprache-und-bildung/") for lang in LANGUAGES[1:]]


def first_result(page, query: str) -> str:
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill(query)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible")
    return first.evaluate("(a) => a.href.split('#')[0]")


@pytest.mark.parametrize(("lang", "query", "expected"), SEARCH_CASES)
def test_search_returns_expected_page_first(open_page, site, lang, query, expected):
    watched = open_page(site.base_url + site.prefix(lang))
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
    for selector in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".kik-servicebar",
                     ".md-footer", ".md-search"]:
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
