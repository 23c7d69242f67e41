"""The Daten page: download table (with file sizes) and the licence and citation block.

The files themselves are made by the publish stage; the adapter hands their list in as
`DownloadFile`s, so this module stays pure and knows nothing about formats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..data.model import Localized
from .renderers import Context, _render


@dataclass(frozen=True)
class DownloadFile:
    href: str  # relative to the Daten page
    name: str  # file name as saved
    key: str  # what it holds: a collection key, or zip / json / schema / package / catalog_rdf / catalog_ttl
    format: str  # shown as is: CSV, JSON, ZIP, RDF/XML, Turtle
    size: int  # bytes
    anchor: str | None = None  # row id: the catalogue's dataset URIs point here (…/daten/#massnahmen)


def content_label(ctx: Context, key: str) -> Markup:
    """What a file contains, in the page language (every key named here, so the label check sees it)."""
    labels = {
        "zip": lambda: ctx.label("data_zip"),
        "fields": lambda: ctx.label("data_fields"),
        "goals": lambda: ctx.label("data_goals"),
        "measures": lambda: ctx.label("data_measures"),
        "measure_history": lambda: ctx.label("data_measure_history"),
        "statuses": lambda: ctx.label("data_statuses"),
        "actors": lambda: ctx.label("data_actors"),
        "indicators": lambda: ctx.label("data_indicators"),
        "indicator_values": lambda: ctx.label("data_indicator_values"),
        "sources": lambda: ctx.label("data_sources"),
        "themes": lambda: ctx.label("data_themes"),
        "json": lambda: ctx.label("data_json"),
        "schema": lambda: ctx.label("data_schema"),
        "package": lambda: ctx.label("data_package"),
        "catalog_rdf": lambda: ctx.label("data_catalog_rdf"),
        "catalog_ttl": lambda: ctx.label("data_catalog_ttl"),
    }
    return labels[key]()


def file_size(ctx: Context, size: int) -> Markup:
    """Bytes below 1 kB, otherwise kB with one decimal, in the language's number format."""
    if size < 1000:
        return ctx.label("size_bytes", value=ctx.number(size))
    return ctx.label("size_kilobytes", value=ctx.number(round(size / 1000, 1)))


def data_downloads(ctx: Context, files: list[DownloadFile]) -> Markup:
    """Table of every downloadable file: link, contents, format, size."""
    rows = [{"file": f, "content": content_label(ctx, f.key), "size": file_size(ctx, f.size)} for f in files]
    return _render("downloads.html", ctx, rows=rows)


def data_licence(
    ctx: Context, licence_title: str, licence_url: str, attribution: str, modified: dt.date | None
) -> Markup:
    """Licence with link, the attribution to give, and a citation to copy."""
    return _render(
        "data_licence.html",
        ctx,
        licence=Localized(licence_title, "de"),
        licence_url=licence_url,
        attribution=Localized(attribution, "de"),
        modified=ctx.date(modified) if modified else None,
    )
