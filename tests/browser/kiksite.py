"""The built site under test: built once per test session, served on 127.0.0.1 like production.

Shared by the browser tests (tests/browser/) and the built-site checks (tests/test_built_site.py).
The server sends exactly the headers of the shipped server configurations: it takes them from
`macros.site.deploy.security_headers`, the function the .htaccess and nginx block are written from,
and answers unknown paths with the language's 404 page, as both configurations do.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import cached_property
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.data.dataset import load_dataset
from macros.i18n.languages import SiteLanguages
from macros.site.deploy import MIME_TYPES, cache_control, language_prefixes, security_headers

CHROMIUM = os.environ.get("KIK_CHROMIUM", "/usr/bin/chromium")
# Flags that work on this machine's closed network (see README): no background connections.
# Shared by the browser tests and bench/benchmark.py (Lighthouse adds "--headless=new").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"


@dataclass
class BuiltSite:
    """A complete multilingual build, served on a local port."""

    root: Path
    base_url: str
    languages: list[str]
    headers: dict[str, str]
    server: ThreadingHTTPServer | None = field(default=None, repr=False)

    def prefix(self, lang: str) -> str:
        return SiteLanguages.prefix(lang)

    @cached_property
    def pages(self) -> list[Path]:
        """Every built HTML file (relative to the root), 404 pages included."""
        return sorted(p.relative_to(self.root) for p in self.root.rglob("*.html"))

    def url(self, page: Path | str) -> str:
        """Public URL of a built file: directory URLs for index.html, like a real server."""
        rel = Path(page).as_posix()
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        return self.base_url + rel

    def lang_of(self, page: Path) -> str:
        first = Path(page).parts[0] if len(Path(page).parts) > 1 else ""
        return first if first in self.languages else self.languages[0]

    def page_type(self, page: Path) -> str:
        return page_type(page, self.languages)


def page_type(page: Path | str, languages: list[str]) -> str:
    """Coarse layout of a built page: start, overview, field, actors, measure, explorer, news,
    404 or content."""
    parts = list(Path(page).parts)
    if parts and parts[0] in languages[1:]:
        parts = parts[1:]
    path = "/".join(parts)
    if path == "index.html":
        return "start"
    if path == "404.html":
        return "404"
    if path == "handlungsfelder/index.html":
        return "overview"
    if path.startswith("handlungsfelder/"):
        return "field"
    if path == "umsetzung/akteure/index.html":
        return "actors"
    if path.startswith("massnahmen/"):
        return "measure"
    if path == "umsetzung/massnahmen/index.html":
        return "explorer"
    if path == "umsetzung/neu/index.html":
        return "news"
    return "content"


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def make_handler(site_root: Path, headers: dict[str, str]) -> type[SimpleHTTPRequestHandler]:
    prefixes = language_prefixes(site_root)

    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {"": "application/octet-stream"} | {
            f".{ext}": mime for ext, mime in MIME_TYPES.items()
        }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site_root), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - keep pytest output readable
            pass

        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Cache-Control", cache_control(self.path.split("?")[0]))
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            # Like ErrorDocument / error_page: the 404 page of the language the path belongs to.
            if code == 404:
                path = self.path.split("?")[0].lstrip("/")
                prefix = max((p for p in prefixes if path.startswith(p)), key=len)
                body = (site_root / prefix / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", MIME_TYPES["html"])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    return Handler


def build_and_serve(tmp: Path) -> BuiltSite:
    """Build the whole site into tmp (as `python -m macros build`) and serve it on a free port."""
    sock = _free_socket()
    host, port = sock.getsockname()
    base_url = f"http://{host}:{port}/"
    out = tmp / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--out", str(out), "--site-url", base_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sock.close()
        raise RuntimeError(f"site build failed:\n{proc.stdout}\n{proc.stderr}")
    headers = security_headers(out)
    languages = SiteLanguages.from_dataset(load_dataset(ROOT / "data")).codes
    server = ThreadingHTTPServer((host, port), make_handler(out, headers), bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.server_activate()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return BuiltSite(out, base_url, languages, headers, server)


_SESSION: dict[str, BuiltSite] = {}


def session_site(tmp_path_factory) -> BuiltSite:
    """One build per test session, whichever test module asks first."""
    if "site" not in _SESSION:
        _SESSION["site"] = build_and_serve(tmp_path_factory.mktemp("built"))
    return _SESSION["site"]


def shutdown_session_site() -> None:
    site = _SESSION.pop("site", None)
    if site and site.server:
        site.server.shutdown()
        site.server.server_close()


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
