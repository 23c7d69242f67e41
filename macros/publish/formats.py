"""Serialise the collections: CSV, JSON, JSON Schema, Frictionless Data Package, README, ZIP.

Every function returns bytes and is deterministic: same data, same bytes (sorted keys, fixed
line ends, ZIP entries with a timestamp taken from the data, never from the clock).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

from .settings import OpenDataSettings
from .tables import COLLECTIONS, LIST_DELIMITER, Collection, Column, Record

JSON_FILE = "kik-daten.json"
SCHEMA_FILE = "kik-daten.schema.json"
PACKAGE_FILE = "datapackage.json"
ZIP_FILE = "kik-daten.zip"
README_FILE = "LIESMICH.txt"
LICENCE_FILE = "LIZENZ.txt"
# ZIP cannot store dates before 1980; used when the data carries no date at all.
_ZIP_EPOCH = dt.date(1980, 1, 1)


def csv_name(coll: Collection) -> str:
    return f"{coll.file}.csv"


# -- CSV ---------------------------------------------------------------------------------------


def csv_cell(column: Column, value: Any) -> str:
    """One value as CSV text: ISO dates, dot decimals, true/false, lists joined by ';'."""
    if value is None:
        return ""
    if column.type == "list":
        return LIST_DELIMITER.join(value)
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "date":
        return value.isoformat()
    return str(value)


def to_csv(coll: Collection, rows: list[Record]) -> bytes:
    """RFC 4180 CSV in UTF-8 (no byte order mark), header row with the column names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in coll.columns])
    for row in rows:
        writer.writerow([csv_cell(c, row[c.name]) for c in coll.columns])
    return buffer.getvalue().encode("utf-8")


# -- JSON --------------------------------------------------------------------------------------


def _json_value(column: Column, value: Any) -> Any:
    if value is not None and column.type == "date":
        return value.isoformat()
    return value


def to_json(tables: dict[str, list[Record]], meta: dict[str, Any]) -> bytes:
    """All collections in one document: {"meta": …, "<collection>": [records]}."""
    doc: dict[str, Any] = {"meta": meta}
    for coll in COLLECTIONS:
        doc[coll.key] = [
            {c.name: _json_value(c, row[c.name]) for c in coll.columns} for row in tables[coll.key]
        ]
    return _dump(doc)


def _dump(doc: Any) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _json_type(column: Column) -> dict[str, Any]:
    base: dict[str, Any]
    if column.type == "list":
        return {"type": "array", "items": {"type": "string"}, "description": column.description}
    if column.type == "date":
        base = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    else:
        base = {"type": column.type}
    if column.enum:
        base["enum"] = list(column.enum)
    if not column.required:
        base = {"anyOf": [base, {"type": "null"}]}
    return {**base, "title": column.title, "description": column.description}


def json_schema(base_url: str | None) -> bytes:
    """JSON Schema (draft 2020-12) for kik-daten.json; every record key is required (null = empty)."""
    properties: dict[str, Any] = {
        "meta": {
            "type": "object",
            "description": "Angaben zur Datei: Sprache, Lizenz, Namensnennung, Stand.",
            "required": ["language", "licence", "licence_uri", "attribution", "modified"],
            "properties": {
                "language": {"type": "string"},
                "licence": {"type": "string"},
                "licence_uri": {"type": "string"},
                "licence_url": {"type": "string"},
                "attribution": {"type": "string"},
                "publisher": {"type": "string"},
                "modified": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
                "source_url": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            },
            "additionalProperties": False,
        }
    }
    for coll in COLLECTIONS:
        properties[coll.key] = {
            "title": coll.title,
            "description": coll.description,
            "type": "array",
            "items": {
                "type": "object",
                "properties": {c.name: _json_type(c) for c in coll.columns},
                "required": [c.name for c in coll.columns],
                "additionalProperties": False,
            },
        }
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "KIK online – offene Daten",
        "description": "Daten des Kommunalen Integrationskonzepts Kempten (KIK) in einer Sprache.",
        "type": "object",
        "required": ["meta", *(c.key for c in COLLECTIONS)],
        "properties": properties,
        "additionalProperties": False,
    }
    if base_url:
        schema["$id"] = base_url + SCHEMA_FILE
    return _dump(schema)


# -- Frictionless Data Package ----------------------------------------------------------------


def _table_field(column: Column) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": column.name,
        "title": column.title,
        "description": column.description,
        "type": column.type,
    }
    if column.type == "list":
        spec.update(delimiter=LIST_DELIMITER, itemType="string")
    if column.type == "boolean":
        spec.update(trueValues=["true"], falseValues=["false"])
    if column.type == "date":
        spec["format"] = "%Y-%m-%d"
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        spec["constraints"] = constraints
    return spec


def datapackage(
    lang: str, settings: OpenDataSettings, modified: dt.date | None, base_url: str | None
) -> bytes:
    """datapackage.json: one tabular resource per CSV, every column documented (German)."""
    resources = []
    for coll in COLLECTIONS:
        schema: dict[str, Any] = {"fields": [_table_field(c) for c in coll.columns], "missingValues": [""]}
        if coll.primary_key:
            schema["primaryKey"] = list(coll.primary_key)
        if coll.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": target.replace("_", "-"), "fields": field}}
                for column, target, field in coll.foreign_keys
            ]
        resources.append(
            {
                "name": coll.key.replace("_", "-"),
                "path": csv_name(coll),
                "title": coll.title,
                "description": coll.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "schema": schema,
            }
        )
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": f"kik-kempten-{lang}",
        "title": "KIK online – Daten des Kommunalen Integrationskonzepts Kempten",
        "description": (
            "Handlungsfelder, Ziele, Maßnahmen mit Stand und Verlauf, Beteiligte, Kennzahlen mit "
            f"Werten, Quellen und Querschnittsthemen. Texte in der Sprache '{lang}' (fehlende "
            "Übersetzungen deutsch, siehe die Spalten *_lang)."
        ),
        "language": lang,
        "licenses": [
            {"name": settings.licence_spdx, "title": settings.licence_title, "path": settings.licence_url}
        ],
        "contributors": [{"title": settings.publisher, "role": "publisher"}],
        "resources": resources,
    }
    if modified:
        package["version"] = modified.isoformat()
    if base_url:
        package["homepage"] = base_url
    return _dump(package)


# -- README, licence, ZIP ---------------------------------------------------------------------


def licence_text(settings: OpenDataSettings) -> bytes:
    """The licence reference and the attribution every reuse has to carry."""
    lines = [
        "Lizenz / Licence",
        "",
        settings.licence_title,
        f"Lizenztext / licence text: {settings.licence_url}",
        f"Kennung / identifier: {settings.licence_uri}",
        "",
        "Namensnennung / attribution:",
        f"  {settings.attribution}",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


def readme(lang: str, settings: OpenDataSettings, modified: dt.date | None, files: list[str]) -> bytes:
    """LIESMICH.txt: German, and for other languages German followed by English."""
    stand = modified.isoformat() if modified else "–"
    de = [
        "KIK online – Daten des Kommunalen Integrationskonzepts Kempten (KIK)",
        "=" * 68,
        "",
        f"Herausgeberin: {settings.publisher}. Stand (jüngstes Datum in den Daten): {stand}.",
        f"Sprache der Texte: {lang}",
        "(wo eine Übersetzung fehlt, steht der deutsche Text; die Spalten *_lang sagen es).",
        "",
        f"Lizenz: {settings.licence_title} ({settings.licence_url}).",
        f"Bei jeder Nutzung angeben: „{settings.attribution}“ (siehe {LICENCE_FILE}).",
        "",
        "CSV: UTF-8, Komma als Trennzeichen, erste Zeile Spaltennamen, Datum JJJJ-MM-TT, Dezimalpunkt,",
        f"true/false, Listen getrennt durch „{LIST_DELIMITER}“, leere Zelle = keine Angabe.",
        f"{JSON_FILE}: alle Tabellen in einer Datei, beschrieben durch {SCHEMA_FILE} (JSON Schema).",
        f"{PACKAGE_FILE}: Frictionless Data Package mit einem Table Schema je CSV-Datei.",
        "",
        "Dateien und Spalten",
        "-" * 19,
    ]
    for coll in COLLECTIONS:
        de += ["", f"{csv_name(coll)} – {coll.title}: {coll.description}"]
        de += [f"  {c.name}: {c.title}. {c.description}" for c in coll.columns]
    de += ["", "Inhalt dieses Archivs: " + ", ".join(files), ""]
    text = de
    if lang != "de":
        text += [
            "",
            "English",
            "-------",
            "",
            "Open data of the integration concept of the city of Kempten (Allgäu) (KIK), texts in the",
            f"language '{lang}' (German where a translation is missing; see the *_lang columns).",
            f"Publisher: {settings.publisher}. As of (newest date in the data): {stand}.",
            f"Licence: {settings.licence_title} ({settings.licence_url}).",
            f'Every reuse must name: "{settings.attribution}" (see {LICENCE_FILE}).',
            "CSV: UTF-8, comma-separated, header row, ISO dates, decimal point, true/false,",
            f'lists separated by "{LIST_DELIMITER}", empty cell = no value. The column documentation',
            f"(German) is above and in {PACKAGE_FILE}; {SCHEMA_FILE} describes {JSON_FILE}.",
            "",
        ]
    return "\r\n".join(text).encode("utf-8")


def zip_archive(members: dict[str, bytes], modified: dt.date | None) -> bytes:
    """A ZIP of members in name order, every entry stamped with the data's date (deterministic)."""
    stamp = max(modified or _ZIP_EPOCH, _ZIP_EPOCH)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix: the same bytes on every build machine
            archive.writestr(info, members[name])
    return buffer.getvalue()
