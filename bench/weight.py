"""Page weight: the bytes a browser loads per page type, served by nginx with the shipped config."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from common import CHROMIUM, CHROMIUM_FLAGS

from macros.site.deploy import nginx_path
from tests.servers import NginxServer, free_port, start_nginx

__all__ = ["free_port", "page_weights", "serve"]


def serve(site: Path, port: int | None = None) -> tuple[NginxServer, str]:
    """Serve a built site with nginx and the server block its build generated (as production)."""
    server = start_nginx(
        nginx_path(site).read_text(encoding="utf-8"), site.parent / f"{site.name}-nginx", port
    )
    return server, server.base_url


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
