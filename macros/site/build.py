"""Build every language into one static site, and publish it only when all of it succeeded.

Each language is its own `mkdocs build --strict` in a subprocess (German at the root, the others
below /<lang>/). Builds run in parallel, into a fresh staging folder; the output folder is
replaced only after every build and the post-build checks passed, so a failure never leaves a
half-built site behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..data.dataset import load_dataset
from ..publish.opendata import write_open_data
from ..publish.settings import load_settings
from .deploy import write_deploy_files
from ..i18n.languages import SiteLanguages
from ..data.model import SOURCE_LANGUAGE
from ..data.problems import DataError
from ..i18n.translations import source_pages
from ..i18n.urls import page_url

# Same default as site_url in mkdocs.yml: the local preview address.
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


@dataclass
class LanguageBuild:
    lang: str
    ok: bool
    seconds: float
    output: str


def build_language(root: Path, lang: str, dest: Path, site_url: str | None = None) -> LanguageBuild:
    """One strict MkDocs build of one language into dest."""
    env = dict(os.environ, KIK_LANG=lang, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["KIK_SITE_URL"] = site_url
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(dest),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    output = "\n".join(
        line
        for line in (proc.stdout + proc.stderr).splitlines()
        if not line.startswith("INFO")  # progress chatter helps nobody when a build fails
    )
    return LanguageBuild(lang, proc.returncode == 0, time.perf_counter() - started, output)


def rewrite_search_index(lang_root: Path, fallback_urls: set[str], marker: str) -> None:
    """Post-process a language's search index once it is built.

    - Real UTF-8 instead of \\uXXXX escapes: halves the index for Arabic, Russian, Ukrainian.
    - German fallback pages keep their single entry but their titles say they are German, so a
      reader of another language is not surprised by the result.
    """
    index = lang_root / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        if doc.get("location", "").split("#")[0] in fallback_urls:
            doc["title"] = f"{doc['title']} {marker}"
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fallback_urls(root: Path, lang: str) -> set[str]:
    """URLs of the pages that lang shows in German because their translation is missing."""
    if lang == SOURCE_LANGUAGE:
        return set()
    return {page_url(path) for path in source_pages(root) if not (root / "docs" / lang / path).is_file()}


_EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def write_sitemap_stubs(lang_root: Path) -> None:
    """Give every page folder an empty sitemap.xml.

    Material's language switcher script fetches `sitemap.xml` relative to every
    `<link rel="alternate">`. Our hreflang links point at the same page in each language (as
    search engines expect), so without these stubs every page view would log 404 errors. The real,
    complete sitemap of each language stays at its root.
    """
    for index in lang_root.rglob("index.html"):
        folder = index.parent
        stub = folder / "sitemap.xml"
        if folder != lang_root and not stub.exists():
            stub.write_text(_EMPTY_SITEMAP, encoding="utf-8")


def write_robots(out: Path, sitemaps: list[str]) -> None:
    """robots.txt naming every language's sitemap (absolute URLs, as the protocol requires)."""
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {url}" for url in sitemaps]
    (out / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_site(
    root: Path,
    out: Path,
    languages: list[str] | None = None,
    site_url: str | None = None,
    jobs: int | None = None,
    log=print,
    nginx_conf: Path | None = None,
) -> bool:
    """Build all (or the given) languages into out. Returns False, leaving out untouched, on failure.

    The nginx block goes to `nginx_conf` (the operator's choice), by default beside `out`.
    """
    try:
        data = load_dataset(root / "data")
    except DataError as err:
        log(str(err))
        return False
    site = SiteLanguages.from_dataset(data)
    public_url = site_url or os.environ.get("KIK_SITE_URL") or DEFAULT_SITE_URL
    # German goes first: it becomes the root folder the other languages are moved into.
    langs = sorted(languages or site.codes, key=lambda lg: lg != site.codes[0])
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
            results = list(
                pool.map(lambda lg: build_language(root, lg, staging / f"_{lg}", public_url), langs)
            )
        failed = [r for r in results if not r.ok]
        for r in results:
            log(f"  {r.lang}: {'ok' if r.ok else 'FEHLER'} ({r.seconds:.1f} s)")
        if failed:
            for r in failed:
                log(f"\n--- Sprache {r.lang} ---\n{r.output.strip()}")
            log(f"\nBau abgebrochen; die bisherige Website in {out.name}/ bleibt unverändert.")
            return False
        assembled = staging / "site"
        for lang in langs:
            target = assembled / site.prefix(lang)
            if target != assembled:
                target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(staging / f"_{lang}"), str(target))
            marker = data.label("search_fallback_marker", lang).text
            rewrite_search_index(target, fallback_urls(root, lang), marker)
        # Language folders are nested in the German root: stub only after all are in place.
        for lang in langs:
            write_sitemap_stubs(assembled / site.prefix(lang))
        write_robots(assembled, [site.language_root_url(public_url, lg) + "sitemap.xml" for lg in langs])
        # Open data of every language, and the DCAT catalogue when the address is public.
        write_open_data(assembled, data, langs, load_settings(root / "mkdocs.yml"), public_url)
        # Server configs with the CSP hashes of exactly this build (.htaccess, nginx block).
        write_deploy_files(assembled, out, site_url, nginx_conf)
        swap_into_place(assembled, out)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_into_place(new: Path, out: Path) -> None:
    """Replace out with new using renames only, so readers never see a half-copied folder."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
