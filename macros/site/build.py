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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..data.dataset import CACHE_ENV, share_dataset
from ..data.problems import DataError
from ..i18n.languages import SiteLanguages
from ..publish.opendata import write_open_data
from ..publish.pdf import write_print_editions
from ..publish.printdoc import PrintError
from ..publish.settings import load_settings
from ..render.pagecheck import site_config
from .assets import share_assets
from .compress import precompress
from .deploy import MANIFEST, base_path, write_deploy_files
from .operator import Placeholder, placeholders, refusal
from .search_index import index_site, remove_lunr


@dataclass
class LanguageBuild:
    lang: str
    ok: bool
    seconds: float
    output: str


def build_language(
    root: Path,
    lang: str,
    dest: Path,
    site_url: str | None = None,
    allow_placeholders: bool = False,
    dataset_cache: Path | None = None,
) -> LanguageBuild:
    """One strict MkDocs build of one language into dest (with site_url: a production build;
    with dataset_cache: the folder share_dataset left the validated data in)."""
    env = dict(os.environ, KIK_LANG=lang, NO_MKDOCS_2_WARNING="1")
    env.pop("KIK_SITE_URL", None)
    env.pop("KIK_ALLOW_PLACEHOLDERS", None)
    env.pop(CACHE_ENV, None)
    if dataset_cache:
        env[CACHE_ENV] = str(dataset_cache)
    if site_url:
        env["KIK_SITE_URL"] = site_url
    if allow_placeholders:
        env["KIK_ALLOW_PLACEHOLDERS"] = "1"
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            # No --quiet: it raises MkDocs' log level to ERROR, so WARNINGs (broken links, missing
            # anchors) are never emitted and --strict never counts them.
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
    output = editor_output(proc.stderr + proc.stdout, proc.returncode)
    return LanguageBuild(lang, proc.returncode == 0, time.perf_counter() - started, output)


def editor_output(raw: str, returncode: int) -> str:
    """What an editor is shown of a failed language build: MkDocs' messages without progress
    chatter, never a Python traceback (only its last line), never nothing."""
    lines = [line for line in raw.splitlines() if not line.startswith("INFO")]
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        start = next(i for i, line in enumerate(lines) if line.startswith("Traceback"))
        last = next((line for line in reversed(lines) if line.strip() and not line.startswith(" ")), "")
        lines = [*lines[:start], f"Interner Fehler beim Bauen: {last}", "(bitte an die Entwicklung melden)"]
    text = "\n".join(lines).strip()
    if returncode != 0 and not text:
        text = f"MkDocs brach ohne Meldung ab (Rückgabewert {returncode}); 'make serve' zeigt mehr."
    return text


def write_manifest(site: Path, site_url: str | None, found: list[Placeholder]) -> None:
    """What the deploy check needs to know about this build: its public address and the operator
    values that were still placeholders (never served: .htaccess and the nginx block refuse it)."""
    manifest = {
        "site_url": site_url,
        "operator_placeholders": [{"key": p.key, "what": p.what, "line": p.line} for p in found],
    }
    (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def operator_placeholders(root: Path) -> list[Placeholder]:
    config_file = root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    return placeholders(site_config(root).get("extra") or {}, text)


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
    allow_placeholders: bool = False,
) -> bool:
    """Build all (or the given) languages into out. Returns False, leaving out untouched, on failure.

    With a public address (site_url or KIK_SITE_URL) this is a production build: it refuses while
    an operator value in mkdocs.yml is a placeholder (allow_placeholders: for tests and previews
    at a public-looking address; the deploy check still refuses such a folder). Without one the
    site gets relative addresses only, so it never makes a reader's browser call 127.0.0.1.
    The nginx block goes to `nginx_conf` (the operator's choice), by default beside `out`.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        return _build_into(root, out, staging, languages, site_url, jobs, log, nginx_conf, allow_placeholders)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build_into(
    root: Path,
    out: Path,
    staging: Path,
    languages: list[str] | None,
    site_url: str | None,
    jobs: int | None,
    log,
    nginx_conf: Path | None,
    allow_placeholders: bool,
) -> bool:
    steps = Steps()
    try:
        # Validated once here; the language builds read this copy instead of validating again.
        with steps("Daten"):
            data = share_dataset(root / "data", staging)
    except DataError as err:
        log(str(err))
        return False
    site = SiteLanguages.from_dataset(data)
    public_url = (site_url or os.environ.get("KIK_SITE_URL") or "").strip() or None
    found = operator_placeholders(root)
    if public_url and found and not allow_placeholders:
        log(refusal(found))
        log(_unchanged(out))
        return False
    # German goes first: it becomes the root folder the other languages are moved into.
    langs = sorted(languages or site.codes, key=lambda lg: lg != site.codes[0])
    with steps("Sprachen"), ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        results = list(
            pool.map(
                lambda lg: build_language(
                    root, lg, staging / f"_{lg}", public_url, allow_placeholders, staging
                ),
                langs,
            )
        )
    failed = [r for r in results if not r.ok]
    for r in results:
        log(f"  {r.lang}: {'ok' if r.ok else 'FEHLER'} ({r.seconds:.1f} s)")
    if failed:
        for r in failed:
            log(f"\n--- Sprache {r.lang} ---\n{r.output.strip()}")
        log("\n" + _unchanged(out))
        return False
    assembled = staging / "site"
    for lang in langs:
        target = assembled / site.prefix(lang)
        if target != assembled:
            target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / f"_{lang}"), str(target))
        remove_lunr(target)
    # Print page and PDF per language, from the assembled pages; no PDF, no site. Without a
    # public address, links to pages outside the print page are printed as site paths.
    try:
        with steps("Druckfassung"):
            write_print_editions(root, assembled, data, langs, public_url or "/")
    except PrintError as err:
        log(f"\nDruckfassung: {err}\n{_unchanged(out)}")
        return False
    # One copy of the theme at the root for all languages, one style sheet and one script.
    share_assets(assembled, [site.prefix(lg) for lg in langs if site.prefix(lg)], base_path(public_url))
    # The sitemap protocol needs absolute addresses: without a public one, robots.txt names none.
    sitemaps = [site.language_root_url(public_url, lg) + "sitemap.xml" for lg in langs] if public_url else []
    write_robots(assembled, sitemaps)
    # Search: one Pagefind index per language, over the pages exactly as published.
    with steps("Suchindex"):
        indexed = index_site(assembled)
    if not indexed.ok:
        log(f"\nSuchindex (Pagefind) fehlgeschlagen:\n{indexed.output}")
        log("\n" + _unchanged(out))
        return False
    write_manifest(assembled, public_url, found)
    # Open data of every language, and the DCAT catalogue when the address is public.
    with steps("Offene Daten"):
        write_open_data(assembled, data, langs, load_settings(root / "mkdocs.yml"), public_url)
    # Server configs with the CSP hashes of exactly this build (.htaccess, nginx block).
    write_deploy_files(assembled, out, site_url, nginx_conf)
    # Last, when no file changes any more: the .gz/.br twins the server sends as they are.
    with steps("Komprimieren"):
        precompress(assembled, jobs)
    swap_into_place(assembled, out)
    log(steps.summary())
    return True


class Steps:
    """Wall time of each step of a site build, for the editor's log and the benchmark."""

    PREFIX = "Schritte:"

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started

    def summary(self) -> str:
        return self.PREFIX + " " + " · ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items())


def _unchanged(out: Path) -> str:
    """What every refused or failed build tells the editor last."""
    return f"Bau abgebrochen; die bisherige Website in {out.name}/ bleibt unverändert."


def swap_into_place(new: Path, out: Path) -> None:
    """Replace out with new using renames only, so readers never see a half-copied folder."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
