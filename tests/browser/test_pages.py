"""Every built page of every language, in a real browser: accessibility, privacy, errors, CSP."""

from __future__ import annotations

import pytest
from tests.browser.kiksite import AXE_JS, page_type
from tests.browser.pages import ALL_PAGES, LANGUAGES, page_id

# WCAG 2.0 and 2.1, levels A and AA (BITV 2.0 refers to EN 301 549, which refers to these).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Rules switched off, each with its reason. Empty: every WCAG A/AA rule of axe-core runs.
AXE_DISABLED_RULES: dict[str, str] = {}


def axe_violations(page) -> list[str]:
    """Run axe-core (vendored from npm, evaluated in the page – no CDN) and describe violations."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async ([tags, disabled]) => {
            const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
            return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ` +
                v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | '));
        }""",
        [WCAG_TAGS, list(AXE_DISABLED_RULES)],
    )
    return result


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_axe_wcag_aa_on_every_page(open_page, site, lang_page, scheme):
    # Material picks the palette from prefers-color-scheme (mkdocs.yml: palette media queries)
    # until a reader chooses one with the toggle; the context's color_scheme emulates that.
    watched = open_page(site.url(lang_page[1]), color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert watched.page.get_attribute("body", "data-md-color-scheme") == expected
    assert axe_violations(watched.page) == []


def _one_page_per_type() -> list[str]:
    """The first German page of each layout (start, overview, field, actors, content, 404)."""
    seen: dict[str, str] = {}
    for lang, path in ALL_PAGES:
        if lang == LANGUAGES[0]:
            seen.setdefault(page_type(path, LANGUAGES), path)
    return list(seen.values())


@pytest.mark.parametrize("path", _one_page_per_type())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_at_320px_one_page_per_type(open_page, site, path, scheme):
    watched = open_page(site.url(path), color_scheme=scheme, width=320, height=640)
    assert axe_violations(watched.page) == []
    # Reflow (WCAG 1.4.10): nothing wider than the screen, no sideways scrolling.
    assert watched.page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_page_loads_only_from_own_server_without_errors(open_page, site, lang_page):
    watched = open_page(site.url(lang_page[1]), wait_until="networkidle")
    # Open the search too: it loads a worker and the search index, after the page itself.
    watched.page.keyboard.press("/")
    watched.page.wait_for_load_state("networkidle")
    assert watched.requests, "the browser made no request at all"
    assert watched.foreign_requests() == [], "requests to other hosts (privacy, GDPR)"
    assert watched.failed_responses == []
    assert watched.console_errors == []
    assert watched.csp_violations() == []


def test_every_built_page_is_checked(site):
    built = {p.as_posix() for p in site.pages}
    assert built == {path for _, path in ALL_PAGES}


def test_unknown_address_shows_the_404_page_of_its_language(open_page, site):
    for lang in site.languages:
        watched = open_page(site.base_url + site.prefix(lang) + "gibt-es-nicht/")
        assert watched.page.get_attribute("html", "lang") == lang
        assert watched.page.locator("h1").count() == 1
        assert watched.failed_responses == [f"404 {site.base_url}{site.prefix(lang)}gibt-es-nicht/"]
        assert watched.csp_violations() == []
        assert watched.foreign_requests() == []
