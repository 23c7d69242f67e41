"""A browser without ResizeObserver (e.g. old Safari) still loads nothing from another host."""

from __future__ import annotations

from tests.browser.pages import FIELD_PAGE


def test_browser_without_resize_observer_stays_on_this_server(open_page, site):
    watched = open_page(
        site.base_url + FIELD_PAGE,
        wait_until="networkidle",
        init_script="delete window.ResizeObserver;",
    )
    # Without the local stand-in Material asks unpkg.com for a polyfill: the shipped CSP blocks
    # it (a violation) and, on a server without that CSP, the request would leave.
    assert watched.csp_violations() == []
    assert watched.foreign_requests() == []
    assert watched.page.evaluate("typeof window.ResizeObserver") == "function"
    assert watched.console_errors == []
    # Material's layout scripts ran: the header knows its height and the page is usable.
    assert watched.page.locator("h1").first.is_visible()
