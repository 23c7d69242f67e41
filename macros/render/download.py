"""Where the printed editions of a language live, and the download block that links them.

The print page and the PDF are written after all pages are built (macros/publish/pdf.py), so the
file size is not known while a page renders: the block carries a marker comment that the publish
stage replaces with the size once the PDF exists (`SIZE_MARKER`). Names live here, in the render
stage, because both the macro (render) and the publisher (publish, a later stage) need them.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from .renderers import Context, _render

# Folder of the print page below each language's root; the same name in every language, like
# every other page path.
PRINT_FOLDER = "druckfassung"


def pdf_name(lang: str) -> str:
    """File name of a language's PDF, inside PRINT_FOLDER."""
    return f"kik-kempten-{lang}.pdf"


def print_page_path() -> str:
    """Language-root-relative URL of the print page."""
    return f"{PRINT_FOLDER}/"


def pdf_path(lang: str) -> str:
    """Language-root-relative URL of a language's PDF."""
    return f"{PRINT_FOLDER}/{pdf_name(lang)}"


def size_marker(lang: str) -> str:
    """The comment the publish stage replaces with the size of lang's PDF."""
    return f"<!--kik-pdf-size:{lang}-->"


def pdf_download(ctx: Context, pdf_href: str, print_href: str, pdf_lang: str, date: dt.date | None) -> Markup:
    """Link to the language's PDF (with size and date) and to the print page."""
    return _render(
        "pdf_download.html",
        ctx,
        pdf_href=pdf_href,
        print_href=print_href,
        pdf_lang=pdf_lang,
        date=ctx.date(date) if date else None,
        marker=Markup(size_marker(pdf_lang)),
    )
