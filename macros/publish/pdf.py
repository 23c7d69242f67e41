"""The printed editions of every language: the print page and its PDF, written into the built site.

Called by the site build (macros/site/build.py) after every language is assembled in the staging
folder, before the server configs are written; any failure stops the build, so a stale or missing
PDF is never published.

The PDF is rendered by WeasyPrint from the print page (not from Material's screen layout):
- real text with embedded (subset) fonts from Debian's fonts-noto-core; Arabic shaped by
  HarfBuzz, right to left, and the viewer told to page right to left (/Direction /R2L);
- PDF/UA-1: tagged structure, /Lang of the document, title shown as window title;
- title, author and dates from the HTML (<title>, <meta name=author>, dcterms.created/modified,
  whose date is the content's date – never the clock), headings as bookmarks (CSS bookmark-level);
- nothing is fetched from the network: the URL fetcher refuses every address outside the site.
Same content, same bytes: WeasyPrint's output has no time stamps or random ids of its own when the
dates are given (the tests build twice and compare).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..data.edition import Edition, content_edition
from ..data.model import Dataset
from ..i18n.languages import SiteLanguages
from ..render.download import PRINT_FOLDER, pdf_name
from .printdoc import PrintError, write_print_page

_MARKER = re.compile(r"<!--kik-pdf-size:([a-z]{2,3}(?:-[A-Za-z0-9]+)?)-->")


def local_only_fetcher(site_root: Path):
    """WeasyPrint URL fetcher that serves files of the built site (and data: URLs), nothing else.

    Refusing is fatal (fail_on_errors): a missing image or a stray remote font stops the build
    instead of silently printing without it. WeasyPrint is imported here, not at module level,
    so the site build loads it only when it writes PDFs.
    """
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    root = site_root.resolve()

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not path.is_relative_to(root) or not path.is_file():
                    raise ValueError(f"Datei fehlt oder liegt außerhalb der Website: {url}")
            elif parts.scheme != "data":
                raise ValueError(f"die Druckfassung lädt nichts von anderen Rechnern: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render_pdf(print_html: Path, target: Path, site_root: Path, rtl: bool) -> None:
    """Render the print page to a tagged PDF/UA-1 file."""
    import pydyf
    from weasyprint import HTML

    def finish(document, pdf) -> None:
        # PDF viewers page right to left only when told so (ISO 32000 ViewerPreferences).
        if rtl:
            prefs = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary({})
            prefs["Direction"] = "/R2L"
            pdf.catalog["ViewerPreferences"] = prefs

    HTML(
        filename=str(print_html),
        base_url=print_html.as_uri(),
        url_fetcher=local_only_fetcher(site_root),
        media_type="print",
    ).write_pdf(str(target), pdf_variant="pdf/ua-1", finisher=finish)


def render_pdf_or_message(print_html: Path, target: Path, site_root: Path, rtl: bool) -> str | None:
    """Render one PDF in a worker process; a failure comes back as the German message."""
    from weasyprint.urls import FatalURLFetchingError  # a BaseException, so WeasyPrint cannot swallow it

    try:
        render_pdf(print_html, target, site_root, rtl)
    except (Exception, FatalURLFetchingError) as err:  # WeasyPrint, fonts, Pango, a refused URL
        cause = err.__cause__ or err
        return f"{target.relative_to(site_root)}: PDF konnte nicht erzeugt werden ({type(cause).__name__}: {cause})"
    if not target.is_file() or target.stat().st_size == 0:
        return f"{target.relative_to(site_root)}: PDF konnte nicht erzeugt werden (leere Datei)"
    return None


def human_size(data: Dataset, lang: str, size: int) -> str:
    """File size in the page's language: '850 kB', '1,2 MB'."""
    sep = data.label("decimal_separator", lang).text
    if size < 1_000_000:
        return data.label("file_size_kb", lang).text.format(size=max(1, round(size / 1000)))
    return data.label("file_size_mb", lang).text.format(size=f"{size / 1_000_000:.1f}".replace(".", sep))


def fill_sizes(data: Dataset, site_root: Path, sizes: dict[str, int]) -> None:
    """Replace the size markers of the download blocks (macros/render/download.py) in every page."""
    for page in site_root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<!--kik-pdf-size:" not in text:
            continue
        page_lang = (re.search(r'<html[^>]*\slang="([^"]+)"', text) or [None, "de"])[1]

        def size_of(match: re.Match[str], page: Path = page, page_lang: str = page_lang) -> str:
            lang = match.group(1)
            if lang not in sizes:
                raise PrintError(
                    f"{page.relative_to(site_root)}: Verweis auf das PDF '{lang}', das nicht gebaut wurde"
                )
            return ", " + human_size(data, page_lang, sizes[lang])

        page.write_text(_MARKER.sub(size_of, text), encoding="utf-8")


def write_print_editions(
    root: Path, site_root: Path, data: Dataset, languages: list[str], public_root: str
) -> dict[str, Path]:
    """Print page and PDF of every language into the assembled site; returns the PDFs by language.

    Raises PrintError (German message) when any of them cannot be made.
    """
    edition: Edition = content_edition(root, data)
    public_root = public_root.rstrip("/") + "/"
    pages = {lang: write_print_page(root, site_root, data, lang, public_root, edition) for lang in languages}
    targets = {
        lang: site_root / SiteLanguages.prefix(lang) / PRINT_FOLDER / pdf_name(lang) for lang in languages
    }
    # WeasyPrint is pure Python and CPU-bound: one process per core renders the languages side
    # by side, forked after WeasyPrint is imported here so no worker imports it again.
    import weasyprint  # noqa: F401

    workers = max(1, min(len(languages), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        jobs = {
            lang: pool.submit(
                render_pdf_or_message, pages[lang], targets[lang], site_root, data.language(lang).dir == "rtl"
            )
            for lang in languages
        }
        problems = [message for job in jobs.values() if (message := job.result())]
    if problems:
        raise PrintError("\n".join(problems))
    fill_sizes(data, site_root, {lang: path.stat().st_size for lang, path in targets.items()})
    return targets
