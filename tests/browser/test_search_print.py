"""Field pages print completely, without navigation, links with their address.

The search has its own tests: tests/browser/test_search.py.
"""

from __future__ import annotations

from tests.browser.pages import FIELD_PAGE


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
        ".kik-search-button",
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
