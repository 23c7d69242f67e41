"""The published collections as tables: columns (documented in German) and records per language.

One definition serves every format: CSV cells, JSON values, the JSON Schema, the Table Schema in
datapackage.json and the column list in the README are all derived from `COLLECTIONS`, so a
column cannot be documented in one file and missing in another.

Texts are in the requested language, or German where a translation is missing; for every text
column a `<name>_lang` column says which language the text really is in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..data.model import SOURCE_LANGUAGE, Dataset, Localized, measure_sort_key
from ..i18n.languages import SiteLanguages
from ..i18n.urls import page_url

LIST_DELIMITER = ";"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | integer | number | boolean | date | list (of strings)
    title: str  # German, for datapackage.json and the README
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Collection:
    key: str  # English identifier (JSON key, resource name)
    file: str  # stable German file stem: <lang-root>/daten/<file>.csv
    title: str  # German
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, collection key, column)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _text(name: str, title: str, description: str, required: bool = False) -> tuple[Column, Column]:
    """A text column and its language column."""
    return (
        Column(name, "string", title, description, required),
        Column(
            f"{name}_lang",
            "string",
            f"Sprache von „{title}“",
            f"Sprachcode des Textes in '{name}': die Sprache dieser Datei oder 'de', wenn die "
            "Übersetzung fehlt und der deutsche Originaltext steht; leer, wenn es keinen Text gibt.",
        ),
    )


_ID = Column("id", "string", "ID", "Dauerhafte, sprachneutrale Kennung (a–z, Ziffern, Bindestriche).", True)
_URL = Column(
    "url",
    "string",
    "Adresse",
    "Adresse der Stelle auf KIK online in dieser Sprache; leer, wenn die Website ohne öffentliche "
    "Adresse gebaut wurde.",
)
_PAGES = (
    Column("pages_from", "integer", "Seite von", "Erste Seite im Konzeptdokument."),
    Column("pages_to", "integer", "Seite bis", "Letzte Seite im Konzeptdokument."),
)

COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "fields",
        "handlungsfelder",
        "Handlungsfelder",
        "Die sechs Handlungsfelder des Kommunalen Integrationskonzepts Kempten (KIK).",
        (
            _ID,
            Column("number", "integer", "Nummer", "Nummer des Handlungsfelds im Konzept (1–6).", True),
            *_text("title", "Titel", "Name des Handlungsfelds.", True),
            *_text("summary", "Kurzbeschreibung", "Worum es im Handlungsfeld geht."),
            *_PAGES,
            Column(
                "declared_goals",
                "integer",
                "Ziele laut Konzept",
                "Zahl der Ziele im Konzept; leer = nicht erfasst.",
            ),
            Column(
                "declared_measures",
                "integer",
                "Maßnahmen laut Konzept",
                "Zahl der Maßnahmen im Konzept; leer = nicht erfasst.",
            ),
            _URL,
        ),
        primary_key=("id",),
    ),
    Collection(
        "goals",
        "ziele",
        "Ziele",
        "Die bisher veröffentlichten Ziele der Handlungsfelder.",
        (
            _ID,
            Column("number", "integer", "Zielnummer", "Nummer des Ziels im Handlungsfeld.", True),
            Column("field", "string", "Handlungsfeld", "ID des Handlungsfelds (handlungsfelder.csv).", True),
            *_text("title", "Wortlaut", "Wortlaut des Ziels; leer, wenn er noch nicht online ist."),
        ),
        primary_key=("id",),
        foreign_keys=(("field", "fields", "id"),),
    ),
    Collection(
        "measures",
        "massnahmen",
        "Maßnahmen",
        "Die bisher veröffentlichten Maßnahmen mit ihrem aktuellen Stand der Umsetzung.",
        (
            _ID,
            Column(
                "number",
                "string",
                "Nummer",
                "Veröffentlichte Nummer, z. B. „2.4“ (Ziel 2, Maßnahme 4).",
                True,
            ),
            Column("goal", "string", "Ziel", "ID des Ziels (ziele.csv).", True),
            Column("field", "string", "Handlungsfeld", "ID des Handlungsfelds (handlungsfelder.csv).", True),
            Column("status", "string", "Status", "ID des aktuellen Status (statuswerte.csv).", True),
            Column(
                "status_date",
                "date",
                "Stand",
                "Stand: Datum des letzten Eintrags im Verlauf (JJJJ-MM-TT); leer, solange es keinen "
                "Bericht gibt (Status „no-report“).",
            ),
            *_text("title", "Titel", "Titel der Maßnahme.", True),
            *_text("description", "Beschreibung", "Erläuterung der Maßnahme."),
            Column(
                "target_groups",
                "list",
                "Zielgruppen",
                f"Zielgruppen der Maßnahme, getrennt durch „{LIST_DELIMITER}“.",
            ),
            Column(
                "target_groups_lang",
                "string",
                "Sprache von „Zielgruppen“",
                "Sprachcode der Zielgruppen ('de', wenn die Übersetzung fehlt); leer, wenn es keine gibt.",
            ),
            *_text("timeframe", "Zeitraum", "Vorgesehener Zeitraum der Umsetzung."),
            Column(
                "lead",
                "list",
                "Federführung",
                f"IDs der federführenden Akteure (akteure.csv), getrennt durch „{LIST_DELIMITER}“.",
            ),
            Column(
                "partners",
                "list",
                "Partner",
                f"IDs der Partner (akteure.csv), getrennt durch „{LIST_DELIMITER}“.",
            ),
            Column(
                "indicators",
                "list",
                "Kennzahlen",
                f"IDs der zugehörigen Kennzahlen (kennzahlen.csv), getrennt durch „{LIST_DELIMITER}“.",
            ),
            Column(
                "themes",
                "list",
                "Querschnittsthemen",
                f"IDs der Querschnittsthemen (querschnittsthemen.csv), getrennt durch „{LIST_DELIMITER}“.",
            ),
            *_PAGES,
            Column(
                "vote_rank",
                "integer",
                "Platz bei der Bepunktung",
                "Platz bei der Online-Bepunktung der Netzwerkpartner nach dem Beschluss; leer = nicht unter den ersten.",
            ),
            _URL,
        ),
        primary_key=("id",),
        foreign_keys=(("goal", "goals", "id"), ("field", "fields", "id"), ("status", "statuses", "id")),
    ),
    Collection(
        "measure_history",
        "massnahmen-verlauf",
        "Verlauf der Maßnahmen",
        "Die Chronik jeder Maßnahme: Statusänderungen und Notizen zum Fortschritt, ältester Eintrag zuerst.",
        (
            Column("measure_id", "string", "Maßnahme", "ID der Maßnahme (massnahmen.csv).", True),
            Column("date", "date", "Datum", "Datum des Eintrags (JJJJ-MM-TT).", True),
            Column(
                "status",
                "string",
                "Status",
                "ID des Status ab diesem Datum (statuswerte.csv); leer = Notiz zum Fortschritt ohne "
                "Statusänderung.",
            ),
            *_text("note", "Notiz", "Was zu diesem Datum berichtet wurde."),
        ),
        foreign_keys=(("measure_id", "measures", "id"), ("status", "statuses", "id")),
    ),
    Collection(
        "statuses",
        "statuswerte",
        "Statuswerte",
        "Die möglichen Angaben zum Stand der Umsetzung einer Maßnahme.",
        (
            _ID,
            Column(
                "icon",
                "string",
                "Symbol",
                "Zeichen, das den Status auf der Website zusätzlich zur Schrift zeigt.",
                True,
            ),
            Column(
                "reported",
                "boolean",
                "Bericht liegt vor",
                "false = zu Maßnahmen mit diesem Status gibt es noch keine Aussage zum Fortschritt.",
                True,
            ),
            *_text("label", "Bezeichnung", "Name des Status.", True),
            *_text("description", "Bedeutung", "Was der Status bedeutet."),
        ),
        primary_key=("id",),
    ),
    Collection(
        "actors",
        "akteure",
        "Beteiligte",
        "Institutionen und Arten von Einrichtungen, die an Maßnahmen beteiligt sind (keine Privatpersonen).",
        (
            _ID,
            Column(
                "kind",
                "string",
                "Art",
                "city = Stadt Kempten, public = andere öffentliche Stelle, civil = Verein oder freier "
                "Träger, network = Netzwerk, group = Art von Einrichtungen.",
                True,
                ("city", "public", "civil", "network", "group"),
            ),
            *_text("name", "Name", "Name der Institution.", True),
            *_text("description", "Beschreibung", "Rolle im KIK."),
        ),
        primary_key=("id",),
    ),
    Collection(
        "indicators",
        "kennzahlen",
        "Kennzahlen",
        "Kennzahlen zur Ausgangslage; die datierten Werte stehen in kennzahlen-werte.csv.",
        (
            _ID,
            Column(
                "unit",
                "string",
                "Einheit",
                "percent = Prozent, persons = Personen, count = Anzahl.",
                True,
                ("percent", "persons", "count"),
            ),
            *_text("title", "Titel", "Was die Kennzahl misst.", True),
        ),
        primary_key=("id",),
    ),
    Collection(
        "indicator_values",
        "kennzahlen-werte",
        "Werte der Kennzahlen",
        "Jeder datierte Wert einer Kennzahl mit seiner Quelle, ältester zuerst.",
        (
            Column("indicator_id", "string", "Kennzahl", "ID der Kennzahl (kennzahlen.csv).", True),
            Column("date", "date", "Stichtag", "Datum, auf das sich der Wert bezieht (JJJJ-MM-TT).", True),
            Column("value", "number", "Wert", "Der Wert in der Einheit der Kennzahl; Dezimalpunkt.", True),
            Column("approximate", "boolean", "gerundet", "true = gerundete Angabe („rund“).", True),
            Column("source", "string", "Quelle", "ID der Quelle (quellen.csv).", True),
            Column(
                "context",
                "boolean",
                "Kontext",
                "true = Zahl aus dem Umfeld, nicht aus dem KIK oder seiner Beschlussvorlage.",
                True,
            ),
        ),
        foreign_keys=(("indicator_id", "indicators", "id"), ("source", "sources", "id")),
    ),
    Collection(
        "sources",
        "quellen",
        "Quellen",
        "Die Quellen der Kennzahlen.",
        (
            _ID,
            Column(
                "kik",
                "boolean",
                "aus dem KIK",
                "true = aus dem KIK oder seiner Beschlussvorlage; false = Kontext.",
                True,
            ),
            Column("date", "date", "Datum", "Datum der Quelle (JJJJ-MM-TT), falls bekannt."),
            *_text("title", "Titel", "Bezeichnung der Quelle.", True),
        ),
        primary_key=("id",),
    ),
    Collection(
        "themes",
        "querschnittsthemen",
        "Querschnittsthemen",
        "Die Querschnittsthemen des KIK, die alle Handlungsfelder betreffen.",
        (
            _ID,
            Column("number", "integer", "Nummer", "Nummer des Querschnittsthemas im Konzept.", True),
            *_text("title", "Titel", "Name des Querschnittsthemas.", True),
            *_PAGES,
        ),
        primary_key=("id",),
    ),
)


def collection(key: str) -> Collection:
    return next(c for c in COLLECTIONS if c.key == key)


Record = dict[str, Any]


def records(data: Dataset, lang: str, site_url: str | None) -> dict[str, list[Record]]:
    """Every collection's rows for one language, values typed (dates as date, lists as lists).

    `site_url` is the public address of the site (None: no addresses in the data).
    """
    texts = _Texts(data, lang)
    root = SiteLanguages.from_dataset(data).language_root_url(site_url, lang) if site_url else None

    def url(path: str) -> str | None:
        return root + path if root else None

    sources = {s.id: s for s in data.sources}
    rows: dict[str, list[Record]] = {
        "fields": [
            {
                "id": f.id,
                "number": f.number,
                **texts("fields", f.id, "title"),
                **texts("fields", f.id, "summary"),
                **_pages(f.pages),
                "declared_goals": f.declared_goals,
                "declared_measures": f.declared_measures,
                "url": url(page_url(f.page)),
            }
            for f in data.fields
        ],
        "goals": [
            {"id": g.id, "number": g.number, "field": g.field, **texts("goals", g.id, "title")}
            for g in sorted(data.goals, key=lambda g: (data.field(g.field).number, g.number))
        ],
        "measures": [],
        "measure_history": [],
        "statuses": [
            {
                "id": s.id,
                "icon": s.icon,
                "reported": s.reported,
                **texts("statuses", s.id, "label"),
                **texts("statuses", s.id, "description"),
            }
            for s in data.statuses
        ],
        "actors": [
            {
                "id": a.id,
                "kind": a.kind,
                **texts("actors", a.id, "name"),
                **texts("actors", a.id, "description"),
            }
            for a in sorted(data.actors, key=lambda a: a.id)
        ],
        "indicators": [
            {"id": i.id, "unit": i.unit, **texts("indicators", i.id, "title")} for i in data.indicators
        ],
        "indicator_values": [
            {
                "indicator_id": i.id,
                "date": v.date,
                "value": _number(v.value),
                "approximate": v.approximate,
                "source": v.source,
                "context": not sources[v.source].kik,
            }
            for i in data.indicators
            for v in i.values
        ],
        "sources": [
            {"id": s.id, "kik": s.kik, "date": s.date, **texts("sources", s.id, "title")}
            for s in data.sources
        ],
        "themes": [
            {"id": t.id, "number": t.number, **texts("themes", t.id, "title"), **_pages(t.pages)}
            for t in data.themes
        ],
    }
    measures = sorted(
        data.measures, key=lambda m: (data.field_of_measure(m).number, measure_sort_key(m), m.id)
    )
    for m in measures:
        field = data.field_of_measure(m)
        target_groups = data.text("measures", m.id, "target_groups", lang) or []
        rows["measures"].append(
            {
                "id": m.id,
                "number": m.number,
                "goal": m.goal,
                "field": field.id,
                "status": m.status,
                "status_date": m.status_date,
                **texts("measures", m.id, "title"),
                **texts("measures", m.id, "description"),
                "target_groups": [str(t) for t in target_groups],
                "target_groups_lang": target_groups[0].lang if target_groups else None,
                **texts("measures", m.id, "timeframe"),
                "lead": list(m.lead),
                "partners": list(m.partners),
                "indicators": list(m.indicators),
                "themes": list(m.themes),
                **_pages(m.pages),
                "vote_rank": m.vote_rank,
                "url": url(f"{page_url(field.page)}#{m.id}"),
            }
        )
        rows["measure_history"] += history(data, m.id, lang)
    return rows


def history(data: Dataset, measure_id: str, lang: str) -> list[Record]:
    """The dated entries of a measure's record (status changes and notes), oldest first."""
    rows = []
    for entry in data.measure(measure_id).history:
        note = _note(data, measure_id, entry.date, lang)
        rows.append(
            {
                "measure_id": measure_id,
                "date": entry.date,
                "status": entry.status,
                "note": note.text if note else None,
                "note_lang": note.lang if note else None,
            }
        )
    return rows


def _note(data: Dataset, measure_id: str, date: dt.date, lang: str) -> Localized | None:
    """The note of one history entry in lang, or in German where it is not translated."""
    for candidate in (lang, SOURCE_LANGUAGE):
        notes = data.texts.get(candidate, {}).get("measures", {}).get(measure_id, {}).get("notes") or {}
        text = notes.get(date.isoformat(), notes.get(date))
        if text is not None:
            return Localized(str(text), candidate)
    return None


def last_modified(data: Dataset) -> dt.date | None:
    """The newest date anywhere in the facts: what 'modified' means for the published data."""
    dates = [m.status_date for m in data.measures if m.status_date]
    dates += [v.date for i in data.indicators for v in i.values]
    dates += [s.date for s in data.sources if s.date]
    dates += [e.date for m in data.measures for e in m.history]
    return max(dates) if dates else None


def modified_of(key: str, rows: list[Record]) -> dt.date | None:
    """Newest date in one collection's rows (None: the collection has no dates)."""
    dates = [v for row in rows for v in row.values() if isinstance(v, dt.date)]
    return max(dates) if dates else None


class _Texts:
    """text(collection, id, key) -> {key: text, key_lang: language}, German where missing."""

    def __init__(self, data: Dataset, lang: str) -> None:
        self.data, self.lang = data, lang

    def __call__(self, collection: str, item_id: str, key: str) -> Record:
        value = self.data.text(collection, item_id, key, self.lang)
        if isinstance(value, Localized):
            return {key: value.text, f"{key}_lang": value.lang}
        return {key: None, f"{key}_lang": None}


def _pages(pages: Any) -> Record:
    return {"pages_from": pages.first if pages else None, "pages_to": pages.last if pages else None}


def _number(value: float) -> int | float:
    """37.0 is published as 37: the data says 37, a reader's tool should not see a float."""
    return int(value) if float(value).is_integer() else float(value)
