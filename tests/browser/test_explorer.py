"""The measure explorer in a real browser: keyboard only, announced results, shareable URL."""

from __future__ import annotations

from tests.browser.pages import EXPLORER_PAGE
from tests.browser.test_keyboard import tab_to

VISIBLE_ITEMS = "document.querySelectorAll('.kik-explorer__item:not([hidden])').length"


def test_without_javascript_the_complete_list_is_there(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(EXPLORER_PAGE))
    total = page.locator(".kik-explorer__item").count()
    assert total >= 5
    assert page.locator(".kik-explorer__item:visible").count() == total
    assert not page.locator(".kik-explorer__filters").is_visible()
    context.close()


def test_filters_work_by_keyboard_and_the_count_is_announced(open_page, site):
    watched = open_page(site.url(EXPLORER_PAGE))
    page = watched.page
    total = page.locator(".kik-explorer__item").count()
    status = page.locator('.kik-explorer__count[role="status"]')
    assert status.inner_text() == f"{total} von {total} Maßnahmen"

    tab_to(page, "#kik-filter-q")
    page.keyboard.type("Eltern")
    page.wait_for_function(
        "(n) => document.querySelector('.kik-explorer__count').textContent.startsWith(n)", arg="1 "
    )
    assert status.inner_text() == f"1 von {total} Maßnahmen"
    assert page.evaluate(VISIBLE_ITEMS) == 1
    assert "Eltern" in page.locator(".kik-explorer__item:not([hidden])").inner_text()
    assert "q=Eltern" in page.url

    # A select from the keyboard: Tab onwards to the lead filter, choose with the arrow keys.
    tab_to(page, "#kik-filter-lead")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => location.search.includes('lead=')")
    assert page.evaluate(VISIBLE_ITEMS) <= 1

    # Reset from the keyboard: everything is back, and announced.
    tab_to(page, "button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(n) => document.querySelector('.kik-explorer__count').textContent.startsWith(n)", arg=f"{total} "
    )
    assert page.evaluate(VISIBLE_ITEMS) == total
    assert watched.csp_violations() == [] and watched.console_errors == []


def test_a_shared_url_restores_the_filter_state(open_page, site):
    watched = open_page(site.url(EXPLORER_PAGE) + "?q=Hausaufgabenhilfe&status=no-report")
    page = watched.page
    total = page.locator(".kik-explorer__item").count()
    assert page.input_value("#kik-filter-q") == "Hausaufgabenhilfe"
    assert page.input_value("#kik-filter-status") == "no-report"
    assert page.evaluate(VISIBLE_ITEMS) == 1
    assert page.locator(".kik-explorer__count").inner_text() == f"1 von {total} Maßnahmen"
    # An unknown value in a shared URL is ignored, not an error.
    again = open_page(site.url(EXPLORER_PAGE) + "?status=gibt-es-nicht")
    assert again.page.input_value("#kik-filter-status") == ""
    assert again.page.evaluate(VISIBLE_ITEMS) == total
    assert again.console_errors == []
