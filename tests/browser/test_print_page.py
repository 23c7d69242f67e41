"""The print page of every language in a real browser: accessible, private, and on paper without
any navigation; links print their address."""

from __future__ import annotations

import pytest

from tests.browser.pages import PRINT_PAGES, page_id
from tests.browser.test_pages import axe_violations


@pytest.mark.parametrize("lang_page", PRINT_PAGES, ids=page_id)
def test_print_page_passes_axe_and_loads_nothing_foreign(open_page, site, lang_page):
    lang, path = lang_page
    watched = open_page(site.url(path), wait_until="networkidle")
    page = watched.page
    assert page.get_attribute("html", "lang") == lang
    assert axe_violations(page) == []
    assert watched.foreign_requests() == []
    assert watched.failed_responses == []
    assert watched.console_errors == []
    assert watched.csp_violations() == []
    # On screen there is a way back to the website.
    assert page.locator(".kik-print-screen a").first.is_visible()


@pytest.mark.parametrize("lang_page", PRINT_PAGES, ids=page_id)
def test_print_preview_shows_no_navigation(open_page, site, lang_page):
    watched = open_page(site.url(lang_page[1]), media="print")
    page = watched.page
    assert page.evaluate("matchMedia('print').matches")
    visible_nav = page.evaluate(
        """() => [...document.querySelectorAll('nav, [role=navigation], header, footer, .kik-print-screen,'
                + ' .md-header, .md-sidebar, .md-footer, .md-search, form, button')]
            .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
            .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert visible_nav == []
    # The whole concept is there: every field's measures table is printed.
    assert page.locator("table.kik-measures").count() > 0
    assert page.locator("h1").count() == 1


def test_printed_links_show_their_address(open_page, site):
    watched = open_page(site.url(PRINT_PAGES[0][1]), media="print")
    page = watched.page
    external = page.locator("main a[href^='http']:not(.kik-print-origin a)")
    assert external.count() > 0
    for link in external.all()[:20]:
        href = link.get_attribute("href")
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        assert href in after, f"printed link hides its target {href}"
    # Links inside the document are anchors of the document, not pages of the website.
    toc = page.locator(".kik-print-toc a")
    assert toc.count() > 10
    for link in toc.all():
        target = link.get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1


@pytest.mark.parametrize("lang_page", [p for p in PRINT_PAGES if p[0] in ("de", "ar")], ids=page_id)
def test_print_page_reflows_on_a_320_px_phone(open_page, site, lang_page):
    """No sideways scrolling (WCAG 1.4.10): the tables stack, each value under its column label."""
    page = open_page(site.url(lang_page[1]), width=320, height=800).page
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    label = page.locator("table.kik-measures .kik-cell-label").first
    assert label.is_visible()
    # On paper the header row names the columns once; the labels in the cells are not printed.
    page.emulate_media(media="print")
    assert not label.is_visible()
