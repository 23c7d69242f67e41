"""No sitemap downloads on a page view (issue #17), and the language switcher still leads to the
same page in the other language (overrides/assets/javascripts/alternate-links.js)."""

from __future__ import annotations

from tests.browser.pages import FIELD_PAGE


def test_a_page_view_downloads_no_sitemap(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), wait_until="networkidle")
    assert [url for url in watched.requests if "sitemap" in url] == []
    assert watched.console_errors == []
    assert watched.failed_responses == []
    # The alternate links are back in the head for everything that reads the DOM: one per
    # language (hreflang) plus the Atom feed.
    hreflangs = watched.page.eval_on_selector_all(
        "head link[rel=alternate][hreflang]:not([type])", "links => links.map(l => l.hreflang)"
    )
    assert sorted(hreflangs) == sorted(site.languages)
    assert watched.page.locator("head link[rel=alternate][type='application/atom+xml']").count() == 1


def test_the_switcher_leads_to_the_same_page_in_english(open_page, site):
    assert "en" in site.languages
    watched = open_page(site.url(FIELD_PAGE), wait_until="networkidle")
    page = watched.page
    link = page.locator(".md-select__link[hreflang='en']")
    assert link.get_attribute("href").rstrip("/").endswith("en/handlungsfelder/sprache-und-bildung")
    page.locator(".md-select button").focus()
    link.click()
    page.wait_for_url(f"{site.base_url}{site.prefix('en')}**")
    assert page.url == site.url(site.prefix("en") + FIELD_PAGE)
    assert page.get_attribute("html", "lang") == "en"
    assert [url for url in watched.requests if "sitemap" in url] == []
