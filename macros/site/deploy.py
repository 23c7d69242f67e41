"""Security headers and server configuration for the built site – the single source of both.

Plain Python, no MkDocs: after a successful build, `write_deploy_files` hashes every inline
`<script>` of every built page and writes

* `<site>/.htaccess` – Apache (headers, CSP, caching, MIME types, 404 page per language), and
* a ready nginx `server` block, at a path the operator chooses (`--nginx-conf`), by default
  `<site>.nginx.conf` *next to* the output folder, never inside the public folder (it names paths
  of the server and is nobody's business on the web). It is build output: never commit it.

The browser tests serve the built site with `security_headers(site)` – the very dict both
configurations are generated from – and assert that the browser reports 0 CSP violations.

`python -m macros.site.deploy check DIR [NGINX_CONF]` checks a built folder before it is published (see BETRIEB.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .compress import stale_twins
from .operator import PLACEHOLDER_MARK

# Written by the build into the site folder (see build.py); refused by both server configs.
MANIFEST = ".kik-build.json"

# Material names its own bundles `name.<8 hex digits>.min.(js|css)`: the name changes with the
# content, so these files can be cached for a year without ever serving a stale one.
FINGERPRINTED = r"\.[0-9a-f]{8}\.min\.(?:js|css)$"
CACHE_FINGERPRINTED = "public, max-age=31536000, immutable"
# Everything else (HTML, kik.css, the search bundle pagefind/, images) is revalidated on every visit (ETag /
# Last-Modified), so a new build is visible at once.
CACHE_DEFAULT = "no-cache"

# File types the site ships, with the type a browser needs (with nosniff a wrong type is fatal).
MIME_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "map": "application/json; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "gz": "application/gzip",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "txt": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    # Open data (daten/): tables, archives and the DCAT catalogue for data portals.
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
    "rdf": "application/rdf+xml; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "webmanifest": "application/manifest+json",
    # Pagefind's search bundle (pagefind/): compressed index chunks and WebAssembly, read by
    # its script, never shown as files.
    "pagefind": "application/octet-stream",
    "pf_meta": "application/octet-stream",
    "pf_index": "application/octet-stream",
    "pf_fragment": "application/octet-stream",
    "pf_filter": "application/octet-stream",
}

# What the servers compress on the fly when the build left no twin (nginx always compresses
# text/html, so its gzip_types must not name it).
_COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "text/plain",
    "text/csv",
    "application/json",
    "application/xml",
    "image/svg+xml",
]

# Inline <script> types the browser executes (and CSP therefore checks). Material's
# `<script id="__config" type="application/json">` is a data block: never run, needs no hash.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    """Collect the exact text of every executable inline <script> (what CSP hashes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        if "src" not in attributes and kind in _EXECUTABLE_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """The executable inline scripts of one page, exactly as the browser hashes them."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_hashes(site: Path) -> list[str]:
    """Sorted CSP source expressions for every distinct inline script of every built page."""
    hashes = {
        csp_hash(script)
        for page in site.rglob("*.html")
        for script in inline_scripts(page.read_text(encoding="utf-8"))
    }
    return sorted(hashes)


def content_security_policy(hashes: list[str]) -> str:
    """The site's CSP: only our own origin, inline scripts only by hash."""
    directives = [
        "default-src 'none'",
        # Material's few inline scripts (scope, palette, tabs) are allowed by hash only.
        # 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no
        # JavaScript eval and no inline script (BETRIEB.md).
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes]),
        # Material sets styles only through the CSSOM (element.style.x = …), which CSP does not
        # restrict, and the built HTML has no style attributes or <style> elements: no
        # 'unsafe-inline' is needed. The browser tests fail if that ever changes.
        "style-src 'self'",
        # Material's icons in its CSS are data: SVGs (admonitions, details, tooltips).
        "img-src 'self' data:",
        "font-src 'self'",
        # The search (pagefind/ index files) uses our own origin only; it runs in a worker of our
        # own origin.
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(site: Path) -> dict[str, str]:
    """Every security header the shipped server configurations send, for this built site."""
    return {
        "Content-Security-Policy": content_security_policy(script_hashes(site)),
        "X-Content-Type-Options": "nosniff",
        # Readers' paths within the site stay private when they follow a link to another site.
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": (
            "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
            "magnetometer=(), microphone=(), payment=(), usb=()"
        ),
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        # Browsers ignore HSTS over plain HTTP, so it is safe to send everywhere.
        "Strict-Transport-Security": "max-age=31536000",
    }


def cache_control(path: str) -> str:
    return CACHE_FINGERPRINTED if re.search(FINGERPRINTED, path) else CACHE_DEFAULT


def language_prefixes(site: Path) -> list[str]:
    """'' for the root language, then every language folder ('en/', …) that has its own 404 page."""
    subfolders = sorted(p.parent.name + "/" for p in site.glob("*/404.html"))
    return [""] + subfolders


def base_path(site_url: str | None) -> str:
    """URL path the site is published under ('/' or e.g. '/kik/')."""
    path = urlsplit(site_url or os.environ.get("KIK_SITE_URL") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _quote_apache(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def htaccess(headers: dict[str, str], prefixes: list[str], base: str) -> str:
    """Apache 2.4 configuration for the site folder (needs mod_headers; AllowOverride FileInfo)."""
    lines = [
        "# KIK online – Apache-Konfiguration, beim Bauen erzeugt von macros/site/deploy.py.",
        "# Nicht von Hand ändern: die CSP-Hashes passen nur zu genau diesem Bau.",
        "Options -Indexes",
        "DirectoryIndex index.html",
        "AddDefaultCharset utf-8",
        "",
        "<IfModule mod_headers.c>",
    ]
    lines += [f"  Header always set {name} {_quote_apache(value)}" for name, value in headers.items()]
    lines += [
        f"  Header set Cache-Control {_quote_apache(CACHE_DEFAULT)}",
        f'  <FilesMatch "{FINGERPRINTED}">',
        f"    Header set Cache-Control {_quote_apache(CACHE_FINGERPRINTED)}",
        "  </FilesMatch>",
        "</IfModule>",
        "",
        "<IfModule mod_mime.c>",
    ]
    for ext, mime in MIME_TYPES.items():
        kind, _, charset = mime.partition("; charset=")
        lines.append(f"  AddType {kind} .{ext}")
        if charset:
            lines.append(f"  AddCharset {charset} .{ext}")
    lines += [
        "</IfModule>",
        "",
        "# Textdateien komprimiert ausliefern (die .gz/.br-Dateien des Baus nutzt nur nginx).",
        "<IfModule mod_filter.c>",
        "  <IfModule mod_deflate.c>",
        f"    AddOutputFilterByType DEFLATE {' '.join(_COMPRESSED_TYPES)}",
        "  </IfModule>",
        "</IfModule>",
        "",
        "# Bauprotokoll für make deploy-check, nicht für Besucher.",
        f'<Files "{MANIFEST}">',
        "  Require all denied",
        "</Files>",
        "",
        "# Seite „nicht gefunden“ in der Sprache der angefragten Adresse.",
    ]
    lines.append(f"ErrorDocument 404 {base}404.html")
    for prefix in prefixes:
        if prefix:
            lines += [
                f'<If "%{{REQUEST_URI}} =~ m#^{base}{prefix}#">',
                f"  ErrorDocument 404 {base}{prefix}404.html",
                "</If>",
            ]
    return "\n".join(lines) + "\n"


def nginx_conf(headers: dict[str, str], prefixes: list[str], base: str, root: Path) -> str:
    """A ready nginx `server` block serving the site folder with the same headers as Apache."""

    def header_lines(cache: str, indent: str) -> list[str]:
        # nginx drops server-level add_header lines in a location that has its own, so every
        # location repeats the complete set.
        values = {**headers, "Cache-Control": cache}
        return [f"{indent}add_header {name} {_quote_apache(value)} always;" for name, value in values.items()]

    lines = [
        "# KIK online – nginx-Konfiguration, beim Bauen erzeugt von macros/site/deploy.py.",
        "# In /etc/nginx/sites-available/ ablegen; server_name, TLS-Zertifikate und root anpassen.",
        "# Nicht von Hand ändern: die CSP-Hashes passen nur zu genau diesem Bau.",
        "server {",
        # `listen … http2` rather than `http2 on;`: Debian 12's nginx 1.22 knows only this form
        # (newer versions accept it with a deprecation note); `nginx -t` in the tests proves it.
        "    listen 443 ssl http2;",
        "    listen [::]:443 ssl http2;",
        "    server_name kik.example.invalid;",
        "    # ssl_certificate     /etc/ssl/kik/fullchain.pem;",
        "    # ssl_certificate_key /etc/ssl/kik/privkey.pem;",
        "",
        "    # Der Ordner der veröffentlichten Fassung (Symlink, siehe BETRIEB.md).",
        f"    root {root};",
        "    index index.html;",
        "    charset utf-8;",
        "    server_tokens off;",
        # The build writes a .gz twin of every text file (macros/site/compress.py): sent as it
        # is, without compressing on each request; smaller files are compressed on the fly.
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_vary on;",
        f"    gzip_types {' '.join(t for t in _COMPRESSED_TYPES if t != 'text/html')};",
        "    # Mit dem Modul libnginx-mod-http-brotli-static: die .br-Dateien des Baus ausliefern.",
        "    # brotli_static on;",
        "",
        "    types {",
    ]
    for ext, mime in MIME_TYPES.items():
        lines.append(f"        {mime.split(';')[0]} {ext};")
    lines += ["    }", "    default_type application/octet-stream;", ""]
    lines += [
        "    # Bauprotokoll für make deploy-check, nicht für Besucher.",
        f"    location = {base}{MANIFEST} {{",
        "        return 404;",
        "    }",
        "",
        f'    location ~* "{FINGERPRINTED}" {{',
        *header_lines(CACHE_FINGERPRINTED, "        "),
        "    }",
        "",
    ]
    for prefix in sorted(prefixes, key=len, reverse=True):
        location = f"{base}{prefix}"
        lines += [
            f"    location {location} {{",
            f"        error_page 404 {location}404.html;",
            "        try_files $uri $uri/ =404;",
            *header_lines(CACHE_DEFAULT, "        "),
            "    }",
            "",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def nginx_path(out: Path) -> Path:
    """Where the nginx block for output folder `out` goes: beside it, e.g. site.nginx.conf."""
    return out.with_name(out.name + ".nginx.conf")


def write_deploy_files(
    site: Path, out: Path, site_url: str | None = None, nginx_file: Path | None = None
) -> dict[str, str]:
    """Write site/.htaccess and the nginx block for a built site; returns the headers used.

    `site` is the folder as built (maybe still in staging), `out` the folder it is published as,
    `nginx_file` where the nginx block goes (default: beside `out`).
    """
    headers = security_headers(site)
    prefixes = language_prefixes(site)
    base = base_path(site_url)
    (site / ".htaccess").write_text(htaccess(headers, prefixes, base), encoding="utf-8")
    target = nginx_file or nginx_path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nginx_conf(headers, prefixes, base, out), encoding="utf-8")
    return headers


def publication_problems(site: Path) -> list[str]:
    """What the build recorded (MANIFEST) and what the pages show that must not be published:
    a build without public address, operator values that are still placeholders."""
    manifest_file = site / MANIFEST
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [
            f"{manifest_file} fehlt oder ist unlesbar – den Ordner mit "
            "'python -m macros build --site-url https://…/' bauen"
        ]
    problems: list[str] = []
    if not manifest.get("site_url"):
        problems.append(
            "ohne öffentliche Adresse gebaut (Vorschau): mit 'python -m macros build --site-url "
            "https://…/' neu bauen, sonst fehlen hreflang-Adressen und Sitemap"
        )
    for item in manifest.get("operator_placeholders") or []:
        line = f":{item['line']}:1" if item.get("line") else ""
        problems.append(f"mkdocs.yml{line}: {item['key']}: Platzhalter noch nicht ersetzt – eintragen: {item['what']}")
    # Whatever the manifest says: no page may show a placeholder.
    shown = sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if PLACEHOLDER_MARK in page.read_text(encoding="utf-8", errors="replace")
    )
    if shown:
        more = f" und {len(shown) - 5} weitere" if len(shown) > 5 else ""
        problems.append(f"Seiten zeigen noch „{PLACEHOLDER_MARK} …]“: {', '.join(shown[:5])}{more}")
    return problems


def check(site: Path, nginx_file: Path | None = None) -> list[str]:
    """Problems that must stop a publication of the built folder `site` (empty list: fine)."""
    problems: list[str] = []
    if not (site / "index.html").is_file():
        problems.append(f"{site}/index.html fehlt – ist das ein gebauter Ordner?")
        return problems
    problems += publication_problems(site)
    htaccess_file = site / ".htaccess"
    if not htaccess_file.is_file():
        problems.append(f"{htaccess_file} fehlt")
    else:
        text = htaccess_file.read_text(encoding="utf-8")
        expected = security_headers(site)["Content-Security-Policy"]
        if _quote_apache(expected) not in text:
            problems.append(f"{htaccess_file}: CSP passt nicht zu den Skripten der Seiten (neu bauen)")
    for prefix in language_prefixes(site):
        if not (site / prefix / "index.html").is_file():
            problems.append(f"{site / prefix / 'index.html'} fehlt")
    stale = stale_twins(site)
    if stale:
        names = ", ".join(p.relative_to(site).as_posix() for p in stale[:5])
        more = f" und {len(stale) - 5} weitere" if len(stale) > 5 else ""
        problems.append(
            f"komprimierte Fassungen passen nicht zu ihren Dateien (nach dem Bau geändert?): {names}{more} "
            "– neu bauen statt Dateien im gebauten Ordner zu ändern"
        )
    nginx_file = nginx_file or nginx_path(site)
    if nginx_file.is_file() and security_headers(site)["Content-Security-Policy"] not in nginx_file.read_text(
        encoding="utf-8"
    ):
        problems.append(f"{nginx_file}: CSP passt nicht zu den Skripten der Seiten (neu bauen)")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3) or args[0] != "check":
        print("Aufruf: python -m macros.site.deploy check ORDNER [NGINX-DATEI]", file=sys.stderr)
        return 2
    problems = check(Path(args[1]), Path(args[2]) if len(args) == 3 else None)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"Bereit zur Veröffentlichung: {args[1]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
