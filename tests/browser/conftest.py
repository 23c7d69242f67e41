"""Fixtures for the browser tests: the served site, Debian's chromium, and a watched page.

Every test page records what a reader's browser would do behind their back: requests to other
hosts, console errors, failed responses and Content-Security-Policy violations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser.kiksite import (
    CHROMIUM,
    CHROMIUM_ARGS,
    BuiltSite,
    session_site,
    shutdown_session_site,
)

# Reports CSP violations of the document into window.__kikCsp (init scripts are not subject to CSP).
_CSP_LISTENER = """
window.__kikCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__kikCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${where})`);
});
"""


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    built = session_site(tmp_path_factory)
    yield built
    shutdown_session_site()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page plus everything the browser did while it was open."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:", "about:")) and _origin(url) != self.origin
        ]

    def csp_violations(self) -> list[str]:
        from_events = self.page.evaluate("window.__kikCsp || []")
        from_console = [m for m in self.console_errors if "Content Security Policy" in m]
        return from_events + from_console


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def open_page(browser, site):
    """open_page(url, **context_options) -> Watched; contexts are closed after the test."""
    contexts = []

    def _open(
        url: str,
        *,
        color_scheme: str = "light",
        width: int = 1280,
        height: int = 900,
        media: str | None = None,
        wait_until: str = "load",
        init_script: str | None = None,
        reduced_motion: str = "no-preference",
    ) -> Watched:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        if media:
            page.emulate_media(media=media)
        page.add_init_script(_CSP_LISTENER)
        if init_script:
            page.add_init_script(init_script)
        watched = Watched(page, _origin(site.base_url))
        page.on("request", lambda req: watched.requests.append(req.url))
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and watched.console_errors.append(f"{msg.text} ({msg.location.get('url')})")
            ),
        )
        page.on("pageerror", lambda err: watched.console_errors.append(f"uncaught: {err}"))
        page.on(
            "response",
            lambda resp: resp.status >= 400 and watched.failed_responses.append(f"{resp.status} {resp.url}"),
        )
        page.goto(url, wait_until=wait_until)
        return watched

    yield _open
    for context in contexts:
        context.close()
