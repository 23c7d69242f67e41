"""Bytes and requests of a page view as a phone reader has them: the first visit, and the next page.

Served by nginx with the generated configuration (weight.serve), loaded in chromium; the numbers
come from the DevTools protocol: every request the page makes, how many of them the browser
answered from its cache, and the bytes that crossed the network (compressed, headers included).

* first view: a new browser, empty cache, the page opened directly.
* second view: the same browser after one other page of the site (the start page; for the start
  page itself, a field page): what reading on costs once the shared theme is cached.
"""

from __future__ import annotations

from common import CHROMIUM, CHROMIUM_FLAGS


class _Counter:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.from_cache = 0
        self.bytes = 0

    def sent(self, _event: dict) -> None:
        self.requests += 1

    def cached(self, _event: dict) -> None:
        self.from_cache += 1

    def finished(self, event: dict) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))

    def snapshot(self) -> dict[str, int]:
        return {"requests": self.requests, "network": self.requests - self.from_cache, "bytes": self.bytes}


def page_views(base_url: str, pages: dict[str, str], before: dict[str, str]) -> dict[str, dict]:
    """For each page type: first and second view (before[type] is the page read before it)."""
    from playwright.sync_api import sync_playwright

    views = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        for page_type, path in pages.items():
            result = {"path": path}
            for view in ("first", "second"):
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                counter = _Counter()
                cdp.on("Network.requestWillBeSent", counter.sent)
                cdp.on("Network.requestServedFromCache", counter.cached)
                cdp.on("Network.loadingFinished", counter.finished)
                cdp.send("Network.enable")
                if view == "second":
                    page.goto(base_url + before[page_type], wait_until="networkidle")
                    counter.reset()
                page.goto(base_url + path, wait_until="networkidle")
                result[view] = counter.snapshot()
                context.close()
            views[page_type] = result
        browser.close()
    return views
