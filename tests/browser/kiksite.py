"""The built site under test: built once per test session, served on 127.0.0.1 like production.

Shared by the browser tests (tests/browser/) and the built-site checks (tests/test_built_site.py).
The server is Debian's nginx running the very `server` block the build generated (only its TLS
`listen` lines become a loopback port, see tests/servers.py): headers, CSP, MIME types, caching,
compression and the 404 page per language are what an operator ships, not a stand-in.
"""

from __future__ import annotations

import atexit
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from macros.data.dataset import load_dataset
from macros.i18n.languages import SiteLanguages
from macros.site.deploy import security_headers
from tests.servers import NginxServer, free_port, start_nginx

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
    server: NginxServer | None = field(default=None, repr=False)
    nginx_conf: Path | None = None

    def prefix(self, lang: str) -> str:
        return SiteLanguages.prefix(lang)

    @cached_property
    def pages(self) -> list[Path]:
        """Every built HTML file (relative to the root), 404 pages included."""
        return sorted(p.relative_to(self.root) for p in self.root.rglob("*.html"))

    @cached_property
    def theme_bundles(self) -> tuple[Path, Path]:
        """The one style sheet and the one script every page loads (macros/site/assets.py),
        relative to the root; more or fewer than one of each fails here."""
        (css,) = self.root.glob("assets/stylesheets/kik.*.min.css")
        (js,) = self.root.glob("assets/javascripts/kik.*.min.js")
        return css.relative_to(self.root), js.relative_to(self.root)

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


def build_and_serve(tmp: Path) -> BuiltSite:
    """Build the whole site into tmp (as `python -m macros build`) and serve it with nginx."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    out = tmp / "site"
    nginx_conf = tmp / "site.nginx.conf"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "build",
            "--out",
            str(out),
            "--site-url",
            base_url,
            "--nginx-conf",
            str(nginx_conf),
            "--allow-placeholders",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"site build failed:\n{proc.stdout}\n{proc.stderr}")
    headers = security_headers(out)
    languages = SiteLanguages.from_dataset(load_dataset(ROOT / "data")).codes
    server = start_nginx(nginx_conf.read_text(encoding="utf-8"), tmp / "nginx", port)
    return BuiltSite(out, base_url, languages, headers, server, nginx_conf)


_SESSION: dict[str, BuiltSite] = {}


def session_site(tmp_path_factory) -> BuiltSite:
    """One build per test session, whichever test module asks first."""
    if "site" not in _SESSION:
        _SESSION["site"] = build_and_serve(tmp_path_factory.mktemp("built"))
        # nginx is a child process: stop it even when no fixture teardown runs (fast test runs).
        atexit.register(shutdown_session_site)
    return _SESSION["site"]


def shutdown_session_site() -> None:
    site = _SESSION.pop("site", None)
    if site and site.server:
        site.server.stop()


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
