"""Everything a reader can do with the mouse also works with the keyboard alone, with visible focus."""

from __future__ import annotations

import pytest

from tests.browser.pages import FIELD_PAGE

# wait_for_function gets functions, never strings: a string is eval()ed in the page, which the
# CSP (no unsafe-eval) rightly blocks.
# The focus indicator as drawn: outline or box-shadow of the element (or, for Material's visually
# hidden inputs, of the label drawn next to them).
_FOCUS_LOOK = """(el) => {
  const drawn = (el.matches('input.md-option') && el.nextElementSibling) || el;
  const s = getComputedStyle(drawn);
  return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
}"""


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches selector (fails after limit presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement?.matches(sel) ?? false", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab ({limit} presses)")


def assert_visible_focus(page) -> None:
    """The focused element is on screen and looks different from when it is not focused."""
    focused = page.evaluate_handle("document.activeElement")
    box = focused.evaluate(
        "(el) => { const r = ((el.matches('input.md-option') && el.nextElementSibling) "
        "|| el).getBoundingClientRect(); return [r.width, r.height, r.bottom, r.right]; }"
    )
    assert box[0] > 0 and box[1] > 0, "focused element has no size"
    assert box[2] > 0 and box[3] > 0, "focused element is outside the viewport"
    with_focus = focused.evaluate(_FOCUS_LOOK)
    page.evaluate("document.activeElement.blur()")
    without_focus = focused.evaluate(_FOCUS_LOOK)
    assert with_focus != without_focus, f"no visible focus indicator ({with_focus})"
    focused.evaluate("(el) => el.focus()")


def test_skip_link_is_first_and_jumps_to_the_content(open_page, site):
    watched = open_page(site.url(FIELD_PAGE))
    page = watched.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')")
    assert_visible_focus(page)
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("(t) => location.hash === t", arg=target)
    heading = page.locator(target)
    assert heading.evaluate("(el) => el.closest('article') !== null")
    assert heading.evaluate("(el) => el.getBoundingClientRect().top < innerHeight")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_search_opens_and_finds_by_keyboard(open_page, site, lang):
    watched = open_page(site.base_url + site.prefix(lang))
    page = watched.page
    tab_to(page, ".md-header .kik-search-button")
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.locator("dialog.kik-search[open]").wait_for()
    page.keyboard.type("2.4")
    results = page.locator(".kik-search__result")
    results.first.wait_for(state="visible")
    assert results.count() >= 1
    # Arrow down walks the results, Enter opens the focused one.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kik-search__results a')")
    assert_visible_focus(page)
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href.split("#")[0] + "**")
    assert watched.console_errors == []


def test_language_switcher_by_keyboard(open_page, site):
    other = site.languages[1]
    watched = open_page(site.url(FIELD_PAGE))
    page = watched.page
    tab_to(page, ".md-select button")
    assert_visible_focus(page)
    tab_to(page, f".md-select__link[hreflang='{other}']", limit=len(site.languages) + 1)
    assert page.locator(f".md-select__link[hreflang='{other}']").is_visible()
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.base_url}{site.prefix(other)}**")
    # The same page in the other language, not its start page.
    assert page.url.rstrip("/").endswith("sprache-und-bildung")
    assert page.get_attribute("html", "lang") == other


# Material's toggle is a radio input: Enter switches the palette (Material's own handler); Space
# on an already checked radio does nothing in any browser, so it is not a promise we make.
@pytest.mark.parametrize("key", ["Enter"])
def test_palette_toggle_by_keyboard(open_page, site, key):
    watched = open_page(site.url(FIELD_PAGE), color_scheme="light")
    page = watched.page
    tab_to(page, "input.md-option")
    assert_visible_focus(page)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    # Focus stays on the toggle, which now offers the way back.
    assert page.evaluate("document.activeElement.matches('input.md-option')")
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_navigation_drawer_on_mobile_by_keyboard(open_page, site, key):
    watched = open_page(site.url(FIELD_PAGE), width=360, height=740)
    page = watched.page
    drawer_links = page.locator(".md-sidebar--primary a.md-nav__link")
    # Closed: its links are out of view and out of the tab order.
    assert not drawer_links.first.is_visible()
    tab_to(page, ".md-header .kik-drawer-button")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"  # announced as a button
    assert_visible_focus(page)
    assert page.get_attribute(".md-header .kik-drawer-button", "aria-expanded") == "false"
    page.keyboard.press(key)
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert page.get_attribute(".md-header .kik-drawer-button", "aria-expanded") == "true"
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    tab_to(page, ".md-sidebar--primary a.md-nav__link[href]")
    assert_visible_focus(page)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate('document.activeElement.matches(".md-header .kik-drawer-button")')


def test_closed_drawer_links_are_not_in_the_tab_order_on_mobile(open_page, site):
    watched = open_page(site.url(FIELD_PAGE), width=360, height=740)
    page = watched.page
    for _ in range(40):
        page.keyboard.press("Tab")
        inside = page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert not inside, "focus went into the closed (invisible) navigation drawer"


def test_glossary_terms_explain_themselves_on_focus(open_page, site):
    watched = open_page(site.base_url)
    page = watched.page
    abbr = page.locator(".md-content abbr").first
    expected = abbr.get_attribute("title")
    assert expected, "the start page has no glossary term"
    tab_to(page, ".md-content abbr", limit=150)
    assert_visible_focus(page)
    # Material fades the tooltip in: wait until it is drawn with the explanation.
    page.wait_for_function(
        """(text) => [...document.querySelectorAll('.md-tooltip2')].some(
            (el) => el.textContent.includes(text) && getComputedStyle(el).opacity !== '0'
                    && el.getBoundingClientRect().height > 0)""",
        arg=expected,
        timeout=5_000,
    )
    # The explanation is tied to the term for screen readers.
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described and page.locator(f"[id='{described}']").inner_text().strip() == expected
