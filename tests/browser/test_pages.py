"""Every built page of every language, in a real browser: accessibility, privacy, errors, CSP."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.kiksite import AXE_JS, page_type
from tests.browser.pages import ALL_PAGES, LANGUAGES, PRINT_PAGES, page_id

# WCAG 2.0 and 2.1, levels A and AA (BITV 2.0 refers to EN 301 549, which refers to these).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Rules switched off, each with its reason. Empty: every WCAG A/AA rule of axe-core runs.
AXE_DISABLED_RULES: dict[str, str] = {}


# The palette only swaps CSS colour variables: rules about names, roles, structure and language
# give the same result in both. In the dark palette only the colour rules run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, only_rules: list[str] | None = None) -> list[str]:
    """Run axe-core (vendored from npm, evaluated in the page – no CDN) and describe violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    run_only = {"type": "rule", "values": only_rules} if only_rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(
        """async ([runOnly, disabled]) => {
            const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly, rules});
            return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ` +
                v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | '));
        }""",
        [run_only, list(AXE_DISABLED_RULES)],
    )


@dataclass
class PageReport:
    """What one visit of a page showed: axe results in both palettes and the browser's logs."""

    axe_light: list[str]
    axe_dark: list[str]
    palettes: tuple[str | None, str | None]
    requests: list[str]
    foreign_requests: list[str]
    failed_responses: list[str]
    console_errors: list[str]
    csp_violations: list[str]


_REPORTS: dict[str, PageReport] = {}


@pytest.fixture
def report(open_page, site, lang_page) -> PageReport:
    """Visit each page once (light palette, then dark) and share the findings."""
    path = lang_page[1]
    if path not in _REPORTS:
        watched = open_page(site.url(path), color_scheme="light", wait_until="networkidle")
        page = watched.page
        light_palette = page.get_attribute("body", "data-md-color-scheme")
        axe_light = axe_violations(page)
        # The search (Pagefind: script, worker, WebAssembly, index) is opened and audited per
        # language in test_search.py; opening it on all pages here only cost minutes.
        # Material takes the palette from prefers-color-scheme (mkdocs.yml palette media queries)
        # on the first visit and remembers it, so the dark palette gets a fresh browser context.
        dark = open_page(site.url(path), color_scheme="dark")
        dark_palette = dark.page.get_attribute("body", "data-md-color-scheme")
        axe_dark = axe_violations(dark.page, COLOUR_RULES)
        _REPORTS[path] = PageReport(
            axe_light,
            axe_dark,
            (light_palette, dark_palette),
            watched.requests + dark.requests,
            watched.foreign_requests() + dark.foreign_requests(),
            watched.failed_responses + dark.failed_responses,
            watched.console_errors + dark.console_errors,
            watched.csp_violations() + dark.csp_violations(),
        )
    return _REPORTS[path]


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_axe_wcag_aa_light_palette(report):
    assert report.palettes[0] == "default"
    assert report.axe_light == []


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_axe_colour_contrast_dark_palette(report):
    assert report.palettes[1] == "slate"
    assert report.axe_dark == []


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_page_requests_nothing_from_other_hosts(report):
    assert report.requests, "the browser made no request at all"
    assert report.foreign_requests == [], "requests to other hosts (privacy, GDPR)"


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_page_has_no_console_errors_or_failed_requests(report):
    assert report.failed_responses == []
    assert report.console_errors == []


@pytest.mark.parametrize("lang_page", ALL_PAGES, ids=page_id)
def test_page_has_no_csp_violations(report):
    assert report.csp_violations == []


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


def test_every_built_page_is_checked(site):
    built = {p.as_posix() for p in site.pages}
    assert built == {path for _, path in ALL_PAGES + PRINT_PAGES}


def test_unknown_address_shows_the_404_page_of_its_language(open_page, site):
    for lang in site.languages:
        watched = open_page(site.base_url + site.prefix(lang) + "gibt-es-nicht/")
        assert watched.page.get_attribute("html", "lang") == lang
        assert watched.page.locator("h1").count() == 1
        assert watched.failed_responses == [f"404 {site.base_url}{site.prefix(lang)}gibt-es-nicht/"]
        assert watched.csp_violations() == []
        assert watched.foreign_requests() == []
