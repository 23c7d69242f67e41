"""The printed editions of the built site: every language's PDF and print page, read back.

Uses the session's one build (tests/browser/kiksite.py, shared with the browser tests and
tests/test_built_site.py): PDFs are made once per session. The PDFs are read with pypdf, as a
reader's tool would: text, bookmarks, language, metadata, viewer preferences, fonts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.data.dataset import load_dataset
from macros.data.edition import content_edition
from macros.publish.pdf import human_size, render_pdf, render_pdf_or_message, write_print_editions
from macros.publish.printdoc import AUTHOR, PrintError, assemble, render_document
from macros.render.download import PRINT_FOLDER, pdf_name
from tests.browser.kiksite import BuiltSite, session_site
from tests.browser.pages import LANGUAGES
from tests.support import REPO, macros_build, make_project, mini_docs, stamp_translations
from tests.synthetic import write_dataset

FIELD_PAGE = "handlungsfelder/sprache-und-bildung/index.html"
# Letters each language's own text must bring through the PDF intact (shaping, subsetting).
OWN_LETTERS = {
    "de": "äöüß",
    "en": "",
    "it": "àè",
    "tr": "ğışçİ",
    "ro": "ășțî",
    "uk": "їєі",
    "ru": "ыэъ",
    "ar": "",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return session_site(tmp_path_factory)


@cache
def data():
    return load_dataset(REPO / "data")


def pdf_file(site: BuiltSite, lang: str) -> Path:
    return site.root / site.prefix(lang) / PRINT_FOLDER / pdf_name(lang)


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


def normalized(text: str) -> str:
    """Text as a reader compares it: NFC, no bidi isolates, one space for any whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u2066-\u2069\u200e\u200f]", "", text)
    return " ".join(text.split())


@cache
def pdf_text(path: Path) -> str:
    return normalized("\n".join(page.extract_text() for page in reader(path).pages))


def print_text(site: BuiltSite, lang: str) -> str:
    """Text of the print page's <main> (what the PDF is made of), without tags."""
    html = (site.root / site.prefix(lang) / PRINT_FOLDER / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<main>") : html.index("</main>")]
    return normalized(unescape(re.sub(r"<[^>]+>", " ", main)))


def h1(site: BuiltSite, lang: str, page: str) -> str:
    html = (site.root / site.prefix(lang) / page).read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S)
    assert match, f"{lang}/{page}: no <h1>"
    return normalized(re.sub(r"<[^>]+>", "", match.group(1)).replace("&amp;", "&"))


def label(key: str, lang: str) -> str:
    return normalized(data().label(key, lang).text)


def outline_titles(items) -> list[str]:
    titles: list[str] = []
    for item in items:
        if isinstance(item, list):
            titles += outline_titles(item)
        else:
            titles.append(normalized(item.title))
    return titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_start_page_links_its_pdf_with_size_and_print_page(site, lang):
    pdf = pdf_file(site, lang)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    start = (site.root / site.prefix(lang) / "index.html").read_text(encoding="utf-8")
    assert f'href="{PRINT_FOLDER}/{pdf_name(lang)}"' in start
    assert f'href="{PRINT_FOLDER}/"' in start
    # The size written after the build is the real size, in the page's language.
    assert human_size(data(), lang, pdf.stat().st_size) in start
    assert "kik-pdf-size" not in start


def test_no_page_keeps_a_size_marker(site):
    assert [p for p in site.pages if "<!--kik-pdf-size" in (site.root / p).read_text("utf-8")] == []


_ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)*")


def findable(title: str, lang: str) -> list[str]:
    """What of a title text extraction must find as written.

    Arabic: every run of Arabic words, in logical order. WeasyPrint writes glyphs in visual order
    and has no /ActualText, so where Arabic meets Latin letters, digits or brackets ("بيانات الناشر
    (Impressum)") an extractor puts the mixed parts in visual order; pure Arabic runs come out as
    written, which is what a reader searching the PDF types.
    """
    return _ARABIC_RUN.findall(title) if lang == "ar" else [title]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_text_has_page_titles_measure_number_and_own_words(site, lang):
    text = pdf_text(pdf_file(site, lang))
    for page in (FIELD_PAGE, "impressum/index.html", "konzept/index.html"):
        for part in findable(h1(site, lang, page), lang):
            assert part in text, f"{lang}: title of {page} not in the PDF text"
    assert "2.4" in text
    for key in ("nav_fields", "nav_concept", "print_contents"):
        for part in findable(label(key, lang), lang):
            assert part in text, f"{lang}: label {key} not in the PDF text"
    # Every letter of the document comes out of the PDF (nothing lost to a font without it).
    letters = set(OWN_LETTERS[lang]) | {c for c in print_text(site, lang) if c.isalpha()}
    if lang != "ar":  # Arabic letters change form with their neighbours: checked as words below
        missing = sorted(c for c in letters if c not in text)
        assert missing == [], f"{lang}: letters missing from the PDF text: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_tagged_with_language_title_author_and_embedded_fonts(site, lang):
    pdf = reader(pdf_file(site, lang))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert normalized(pdf.metadata.title) == label("print_title", lang)
    assert pdf.metadata.author == AUTHOR
    # Dates are the content's date, not the build's clock (same data, same bytes).
    edition = content_edition(REPO, data())
    assert pdf.metadata["/CreationDate"] == "D:" + edition.date.strftime("%Y%m%d")
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1].replace("-", ""))
    assert any(f.startswith("NotoSans") for f in fonts), fonts
    if lang == "ar":
        assert any(f.startswith("NotoSansArabic") for f in fonts), fonts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bookmarks_list_the_chapters(site, lang):
    titles = outline_titles(reader(pdf_file(site, lang)).outline)
    for key in ("nav_concept", "nav_fields", "nav_implementation", "nav_legal"):
        assert label(key, lang) in titles
    assert h1(site, lang, FIELD_PAGE) in titles
    assert h1(site, lang, "index.html") in titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_are_numbered(site, lang):
    pdf = reader(pdf_file(site, lang))
    last = normalized(pdf.pages[-1].extract_text())
    count = len(pdf.pages)
    expected = label("print_page_of", lang).format(page=count, pages=count)
    if lang == "ar":  # digits between Arabic words: extracted in visual order (see findable)
        assert all(part in last for part in [*findable(expected, lang), str(count)]), last[-200:]
    else:
        assert expected in last, last[-200:]


def test_arabic_pdf_reads_right_to_left_in_logical_order(site):
    pdf = reader(pdf_file(site, "ar"))
    root = pdf.trailer["/Root"]
    assert root["/ViewerPreferences"]["/Direction"] == "/R2L"
    text = pdf_text(pdf_file(site, "ar"))
    title = h1(site, "ar", FIELD_PAGE)  # "اللغة والتعليم"
    assert title in text
    # Logical order: the words as written, not mirrored letter by letter.
    assert title[::-1] not in text
    for word in ("المحتويات", "مجالات العمل", "المفهوم"):
        assert word in text
    other = reader(pdf_file(site, "de")).trailer["/Root"]
    assert "/Direction" not in other["/ViewerPreferences"]


def test_same_content_gives_the_same_print_page_and_pdf_bytes(site, tmp_path):
    """Assembling and rendering again from the same built pages gives identical files.

    The whole build is not run twice here (a minute per run): the pages MkDocs writes are the
    same for the same sources, and everything that could differ in the PDF – dates and version –
    comes from the content (macros/data/edition.py), never from the clock. The check covers what
    the publish stage adds: assembly, stylesheet, WeasyPrint rendering.
    """
    lang = "de"
    edition = content_edition(REPO, data())
    doc = assemble(REPO, site.root, data(), lang, site.base_url)
    html = render_document(doc, data(), edition, site.base_url + site.prefix(lang))
    print_page = site.root / site.prefix(lang) / PRINT_FOLDER / "index.html"
    assert html == print_page.read_text(encoding="utf-8")
    again = tmp_path / "again.pdf"
    render_pdf(print_page, again, site.root, rtl=False)
    assert again.read_bytes() == pdf_file(site, lang).read_bytes()


def test_print_page_has_the_whole_concept_and_no_screen_layout(site):
    html = (site.root / PRINT_FOLDER / "index.html").read_text(encoding="utf-8")
    assert html.count("<h1") == 1
    assert "md-" not in re.sub(r"<abbr[^>]*>", "", html)  # no Material class or chrome
    assert 'id="p-handlungsfelder-sprache-und-bildung--sb-m2-4"' in html
    edition = content_edition(REPO, data())
    assert edition.version in html and edition.date.strftime("%d.%m.%Y") in html
    css = (site.root / PRINT_FOLDER / "druck.css").read_text(encoding="utf-8")
    assert 'a[href^="http"]::after' in css and "break-after: avoid" in css
    assert "counter(page)" in css


def test_a_missing_page_stops_the_print_edition(tmp_path):
    with pytest.raises(PrintError, match="gebaute Seite fehlt"):
        write_print_editions(REPO, tmp_path, data(), ["de"], "https://example.org/")


def test_a_remote_resource_stops_the_pdf(tmp_path):
    page = tmp_path / "druck.html"
    page.write_text(
        '<!doctype html><html lang="de"><head><title>x</title></head><body><h1>x</h1>'
        '<img src="https://example.org/bild.png" alt="Bild"></body></html>',
        encoding="utf-8",
    )
    # What the build prints before it stops (the worker's message for macros/site/build.py).
    message = render_pdf_or_message(page, tmp_path / "x.pdf", tmp_path, rtl=False)
    assert message is not None and message.startswith("x.pdf: PDF konnte nicht erzeugt werden")
    assert "lädt nichts von anderen Rechnern: https://example.org/bild.png" in message


def test_a_pdf_that_cannot_be_made_stops_the_whole_build(tmp_path):
    """An editor puts an image from another site into a page: the PDF cannot be made offline,
    so nothing is published – not the pages, not an old PDF."""
    docs = mini_docs()
    docs["de/umsetzung/akteure.md"] += "\n![Plan](https://example.org/plan.png)\n"
    project = make_project(tmp_path / "project", docs)
    write_dataset(project / "data")
    stamp_translations(project)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bisherige Website", encoding="utf-8")

    result = macros_build(project, site)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Druckfassung: druckfassung/kik-kempten-de.pdf: PDF konnte nicht erzeugt werden" in output
    assert "https://example.org/plan.png" in output and "Traceback" not in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bisherige Website"


def test_a_second_build_from_the_same_data_gives_the_same_pdf_bytes(site, tmp_path):
    """A second, independent build (German only, same public address) writes the same PDF."""
    out = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "build",
            "--out",
            str(out),
            "--lang",
            "de",
            "--site-url",
            site.base_url,
            "--allow-placeholders",
        ],
        cwd=REPO,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / PRINT_FOLDER / pdf_name("de")).read_bytes() == pdf_file(site, "de").read_bytes()
