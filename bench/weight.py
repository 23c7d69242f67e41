"""Page weight: the bytes a browser loads per page type, served with the production headers."""

from __future__ import annotations

import gzip
import re
import socket
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from common import CHROMIUM, CHROMIUM_FLAGS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(site: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    from macros.site.deploy import security_headers
    from tests.browser.kiksite import make_handler

    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(site, security_headers(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _kind(url: str, resource_type: str) -> str:
    path = url.split("?")[0]
    if "/pagefind/" in path:
        return "search index"
    if resource_type == "document":
        return "HTML"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith(".js"):
        return "JS"
    if re.search(r"\.(woff2?|ttf|otf)$", path):
        return "fonts"
    return "images/other"


def page_weights(base_url: str, pages: dict[str, str], site_root: Path) -> dict[str, dict]:
    """Bytes (and gzip bytes) by kind for each page, as loaded by chromium, search opened."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        for page_type, path in pages.items():
            context = browser.new_context()
            page = context.new_page()
            bodies: list[tuple[str, str]] = []
            page.on("requestfinished", lambda req, bodies=bodies: bodies.append((req.url, req.resource_type)))
            page.goto(base_url + path, wait_until="networkidle")
            page.keyboard.press("/")  # opening the search loads Pagefind (nothing before)
            page.wait_for_load_state("networkidle")
            totals: dict[str, dict[str, int]] = {}
            for url, rtype in bodies:
                if not url.startswith(base_url):
                    continue
                local = url[len(base_url) :].split("?")[0].split("#")[0]
                file = site_root / local
                if file.is_dir() or local == "" or local.endswith("/"):
                    file = file / "index.html"
                if not file.is_file():
                    continue
                data = file.read_bytes()
                kind = _kind(url, rtype)
                entry = totals.setdefault(kind, {"bytes": 0, "gzip": 0})
                entry["bytes"] += len(data)
                entry["gzip"] += len(gzip.compress(data, 6))
            weights[page_type] = {"path": path, **totals}
            context.close()
        browser.close()
    return weights
