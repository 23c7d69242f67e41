"""Open data of the site: the files of every language and the DCAT catalogue, as bytes.

`language_files` and `catalog_files` are pure (same data, same bytes); `write_open_data` puts
them into a built site; `downloads` lists them for the Daten page (with sizes), which is
rendered before the files are written – both call the same functions, so sizes always match.

Layout (stable names, the same in every language):
    <lang-root>/daten/<collection>.csv, kik-daten.json, kik-daten.schema.json, datapackage.json,
                      kik-daten.zip (all of it with LIESMICH.txt and LIZENZ.txt)
    /daten/katalog.rdf, /daten/katalog.ttl (DCAT-AP.de for all languages; public address only)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.model import Dataset
from ..i18n.languages import SiteLanguages
from ..render.downloads import DownloadFile
from . import dcat, formats
from .settings import OpenDataSettings, public_site_url
from .tables import COLLECTIONS, last_modified, modified_of, records

DATA_FOLDER = "daten/"
ALL_DATA = "alle-daten"  # the dataset of the complete data (JSON, ZIP) in the catalogue

_cache: dict[tuple[Any, ...], Any] = {}


def _cached(key: tuple[Any, ...], data: Dataset, compute):
    # The dataset is cached per process by its loader; hold on to it so id() stays unique.
    full = (id(data), *key)
    if full not in _cache:
        if len(_cache) > 64:
            _cache.clear()
        _cache[full] = (data, compute())
    return _cache[full][1]


def language_files(
    data: Dataset, lang: str, settings: OpenDataSettings, site_url: str | None
) -> dict[str, bytes]:
    """Every open-data file of one language, by file name (inside <lang-root>/daten/)."""
    public = public_site_url(site_url)
    return _cached(
        ("lang", lang, settings, public), data, lambda: _language_files(data, lang, settings, public)
    )


def _language_files(
    data: Dataset, lang: str, settings: OpenDataSettings, public: str | None
) -> dict[str, bytes]:
    tables = records(data, lang, public)
    modified = last_modified(data)
    site = SiteLanguages.from_dataset(data)
    folder_url = site.language_root_url(public, lang) + DATA_FOLDER if public else None
    files = {formats.csv_name(c): formats.to_csv(c, tables[c.key]) for c in COLLECTIONS}
    meta = {
        "language": lang,
        "licence": settings.licence_title,
        "licence_uri": settings.licence_uri,
        "licence_url": settings.licence_url,
        "attribution": settings.attribution,
        "publisher": settings.publisher,
        "modified": modified.isoformat() if modified else None,
        "source_url": folder_url,
    }
    files[formats.JSON_FILE] = formats.to_json(tables, meta)
    files[formats.SCHEMA_FILE] = formats.json_schema(folder_url)
    files[formats.PACKAGE_FILE] = formats.datapackage(lang, settings, modified, folder_url)
    members = dict(files)
    members[formats.LICENCE_FILE] = formats.licence_text(settings)
    members[formats.README_FILE] = formats.readme(
        lang, settings, modified, sorted([*members, formats.README_FILE])
    )
    files[formats.ZIP_FILE] = formats.zip_archive(members, modified)
    return files


def catalog_files(data: Dataset, settings: OpenDataSettings, site_url: str | None) -> dict[str, bytes]:
    """katalog.rdf and katalog.ttl for the site root's daten/ folder; empty without a public address."""
    public = public_site_url(site_url)
    if public is None:
        return {}
    return _cached(("catalog", settings, public), data, lambda: _catalog_files(data, settings, public))


def _catalog_files(data: Dataset, settings: OpenDataSettings, public: str) -> dict[str, bytes]:
    site = SiteLanguages.from_dataset(data)
    per_lang = {lang: language_files(data, lang, settings, public) for lang in site.codes}
    tables = records(data, "de", public)

    def titles(key: str) -> dict[str, str]:
        return {lang: data.label(key, lang).text for lang in site.codes}

    def folder(lang: str) -> str:
        return site.prefix(lang) + DATA_FOLDER

    entries = []
    for coll in COLLECTIONS:
        name = formats.csv_name(coll)
        entries.append(
            dcat.DatasetEntry(
                key=coll.file,
                titles=titles(f"data_{coll.key}"),
                description=coll.description,
                # The newest date in the table; a table without dates (actors, themes) takes the
                # newest date of the whole data, never the clock (same data, same catalogue).
                modified=modified_of(coll.key, tables[coll.key]) or last_modified(data),
                distributions=tuple(
                    dcat.Distribution(
                        lang,
                        folder(lang) + name,
                        "CSV",
                        "text/csv",
                        len(per_lang[lang][name]),
                        folder(lang) + formats.PACKAGE_FILE,
                    )
                    for lang in site.codes
                ),
            )
        )
    complete = []
    for lang in site.codes:
        files = per_lang[lang]
        complete += [
            dcat.Distribution(
                lang,
                folder(lang) + formats.JSON_FILE,
                "JSON",
                "application/json",
                len(files[formats.JSON_FILE]),
                folder(lang) + formats.SCHEMA_FILE,
            ),
            dcat.Distribution(
                lang, folder(lang) + formats.ZIP_FILE, "ZIP", "application/zip", len(files[formats.ZIP_FILE])
            ),
        ]
    entries.append(
        dcat.DatasetEntry(
            key=ALL_DATA,
            titles={lang: data.label("data_all", lang).text for lang in site.codes},
            description=(
                "Alle Tabellen des KIK in einer Datei (JSON mit JSON Schema) und als ZIP-Archiv mit "
                "CSV-Dateien, Data Package, Beschreibung und Lizenz."
            ),
            modified=last_modified(data),
            distributions=tuple(complete),
        )
    )
    graph = dcat.catalog_graph(data, entries, settings, public, last_modified(data))
    return {dcat.CATALOG_RDF: dcat.to_rdfxml(graph), dcat.CATALOG_TTL: dcat.to_turtle(graph)}


def write_open_data(
    site_root: Path, data: Dataset, langs: list[str], settings: OpenDataSettings, site_url: str | None
) -> list[Path]:
    """Write every language's files (and the catalogue) into an assembled site; returns the paths."""
    site = SiteLanguages.from_dataset(data)
    written = []
    for lang in langs:
        folder = site_root / site.prefix(lang) / DATA_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in language_files(data, lang, settings, site_url).items():
            (folder / name).write_bytes(content)
            written.append(folder / name)
    for name, content in catalog_files(data, settings, site_url).items():
        (site_root / DATA_FOLDER / name).write_bytes(content)
        written.append(site_root / DATA_FOLDER / name)
    return written


_FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "zip": "ZIP", "rdf": "RDF/XML", "ttl": "Turtle"}


def downloads(
    data: Dataset, lang: str, settings: OpenDataSettings, site_url: str | None
) -> list[DownloadFile]:
    """The files of one language (and the catalogue) for the download table on its Daten page.

    Links are relative to the Daten page, which lives in the same folder as the files.
    """
    files = language_files(data, lang, settings, site_url)
    keys = {formats.csv_name(c): c.key for c in COLLECTIONS}
    keys.update(
        {
            formats.ZIP_FILE: "zip",
            formats.JSON_FILE: "json",
            formats.SCHEMA_FILE: "schema",
            formats.PACKAGE_FILE: "package",
        }
    )
    order = [formats.ZIP_FILE, *(formats.csv_name(c) for c in COLLECTIONS)]
    order += [formats.JSON_FILE, formats.SCHEMA_FILE, formats.PACKAGE_FILE]
    # Rows of the tables and of the ZIP carry the anchor of their dataset in the catalogue.
    anchors = {formats.csv_name(c): c.file for c in COLLECTIONS} | {formats.ZIP_FILE: ALL_DATA}
    listed = [
        DownloadFile(
            name, name, keys[name], _FORMAT_NAMES[name.rsplit(".", 1)[1]], len(files[name]), anchors.get(name)
        )
        for name in order
    ]
    to_root = SiteLanguages.from_dataset(data).root_from(lang)
    for name, content in catalog_files(data, settings, site_url).items():
        key = "catalog_rdf" if name.endswith(".rdf") else "catalog_ttl"
        href = f"../{to_root}{DATA_FOLDER}{name}" if to_root else name
        listed.append(DownloadFile(href, name, key, _FORMAT_NAMES[name.rsplit(".", 1)[1]], len(content)))
    return listed
