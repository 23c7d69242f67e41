"""What each data file may contain. `data/README.md` documents the same shapes in German."""

from __future__ import annotations

from .schema import (
    Bool,
    Date,
    DateKey,
    Enum,
    Id,
    Int,
    Key,
    LanguageCode,
    ListOf,
    MapOf,
    Number,
    Record,
    Ref,
    Text,
)

PAGES = Record(
    {"from": Key(Int(minimum=1), required=True), "to": Key(Int(minimum=1), required=True)},
    label="Seitenbereich",
)

# The record of a measure's implementation, oldest first: each entry is a status change (with
# `status`) or a progress note (without; its text lives in texts.yml under notes: "<date>":).
# The current status and its "Stand" are derived from it (model.Measure), never stored twice.
HISTORY = ListOf(
    Record(
        {"date": Key(Date(), required=True), "status": Key(Ref("statuses"))},
        label="Chronik-Eintrag",
    ),
    unique=False,
)

# Language-neutral facts. Each collection is a list under a top-level key of the same name, read
# from data/<name>.yml and from every data/<name>/*.yml, so a large catalogue can be split per field.
COLLECTIONS: dict[str, Record] = {
    "languages": Record(
        {
            "id": Key(LanguageCode(), required=True),
            "name": Key(Text(), required=True),
            "dir": Key(Enum("ltr", "rtl"), required=True),
        },
        label="Sprache",
    ),
    "statuses": Record(
        {
            "id": Key(Id(), required=True),
            "icon": Key(Text(), required=True),
            "reported": Key(Bool(), required=True),
        },
        label="Status",
    ),
    "fields": Record(
        {
            "id": Key(Id(), required=True),
            "slug": Key(Id(), required=True),
            "number": Key(Int(minimum=1), required=True),
            "pages": Key(PAGES, required=True),
            "declared_goals": Key(Int(minimum=0), required=True, nullable=True),
            "declared_measures": Key(Int(minimum=0), required=True, nullable=True),
        },
        label="Handlungsfeld",
    ),
    "themes": Record(
        {
            "id": Key(Id(), required=True),
            "number": Key(Int(minimum=1), required=True),
            "pages": Key(PAGES),
        },
        label="Querschnittsthema",
    ),
    "goals": Record(
        {
            "id": Key(Id(), required=True),
            "number": Key(Int(minimum=1), required=True),
            "field": Key(Ref("fields"), required=True),
        },
        label="Ziel",
    ),
    "measures": Record(
        {
            "id": Key(Id(), required=True),
            "number": Key(Text(), required=True),
            "goal": Key(Ref("goals"), required=True),
            "history": Key(HISTORY),
            "lead": Key(ListOf(Ref("actors"))),
            "partners": Key(ListOf(Ref("actors"))),
            "indicators": Key(ListOf(Ref("indicators"))),
            "themes": Key(ListOf(Ref("themes"))),
            "pages": Key(PAGES),
            "vote_rank": Key(Int(minimum=1)),
        },
        label="Maßnahme",
    ),
    "actors": Record(
        {
            "id": Key(Id(), required=True),
            "kind": Key(Enum("city", "public", "civil", "network", "group"), required=True),
        },
        label="Akteur",
    ),
    "sources": Record(
        {
            "id": Key(Id(), required=True),
            "date": Key(Date()),
            "kik": Key(Bool(), required=True),
        },
        label="Quelle",
    ),
    "indicators": Record(
        {
            "id": Key(Id(), required=True),
            "unit": Key(Enum("percent", "persons", "count"), required=True),
            "values": Key(
                ListOf(
                    Record(
                        {
                            "date": Key(Date(), required=True),
                            "value": Key(Number(), required=True),
                            "approximate": Key(Bool()),
                            "source": Key(Ref("sources"), required=True),
                        },
                        label="Messwert",
                    ),
                    unique=False,
                    min_items=1,
                ),
                required=True,
            ),
        },
        label="Indikator",
    ),
}

# The order in which collections are read and in which their problems are grouped.
COLLECTION_ORDER = list(COLLECTIONS)

# Collections whose IDs share one namespace: they become HTML anchors on shared pages.
ANCHORED = ("fields", "themes", "goals", "measures", "actors", "indicators", "sources")


def _text_record(keys: dict[str, Key]) -> Record:
    """A record of translatable texts; translations add the checksum of the German they follow."""
    return Record({**keys, "source_hash": Key(Text())})


_TITLE = _text_record({"title": Key(Text(), required=True), "summary": Key(Text())})

# Translatable texts, one file per language: data/i18n/<lang>/texts.yml. Keyed by the IDs above.
TEXTS = Record(
    {
        "statuses": Key(
            MapOf(_text_record({"label": Key(Text(), required=True), "description": Key(Text())}))
        ),
        "fields": Key(MapOf(_TITLE)),
        "themes": Key(MapOf(_TITLE)),
        "goals": Key(MapOf(_text_record({"title": Key(Text(), required=True)}))),
        "measures": Key(
            MapOf(
                _text_record(
                    {
                        "title": Key(Text(), required=True),
                        "description": Key(Text()),
                        "target_groups": Key(ListOf(Text())),
                        "timeframe": Key(Text()),
                        # Keyed by the date of the history entry the note belongs to.
                        "notes": Key(MapOf(Text(), key=DateKey())),
                    }
                )
            )
        ),
        "actors": Key(MapOf(_text_record({"name": Key(Text(), required=True), "description": Key(Text())}))),
        "indicators": Key(MapOf(_text_record({"title": Key(Text(), required=True), "note": Key(Text())}))),
        "sources": Key(MapOf(_text_record({"title": Key(Text(), required=True)}))),
    },
    label="Übersetzbare Texte",
)

# Every text key a collection needs in the source language (German).
REQUIRED_TEXTS: dict[str, tuple[str, ...]] = {
    "statuses": ("label",),
    "fields": ("title", "summary"),
    "themes": ("title",),
    "measures": ("title",),
    "actors": ("name",),
    "indicators": ("title",),
    "sources": ("title",),
}
