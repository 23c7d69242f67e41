"""The columns of the city's spreadsheet and how each cell becomes a value of the data model.

`data/README.md` ("Maßnahmen aus einer Tabelle übernehmen") documents the same columns in German.
A converter either returns the value (None for an empty cell) or raises CellProblem with a
German message that says how to fix the cell; the column's header is added by the caller.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any


class CellProblem(Exception):
    """A cell whose content cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header as documented; matching ignores case, spaces and punctuation
    kind: str  # text | integer | number | date | list | pages | notes | id
    aliases: tuple[str, ...] = ()
    required: bool = False  # the sheet must have this column
    measure_only: bool = True  # a value in this column makes the row a measure row


COLUMNS: tuple[Column, ...] = (
    Column("field", "Handlungsfeld", "text", ("Feld", "HF"), required=True, measure_only=False),
    Column("goal_number", "Ziel-Nr.", "integer", ("Ziel Nr", "Zielnummer", "Nr. Ziel"), True, False),
    Column(
        "goal_title", "Ziel", "text", ("Ziel (Wortlaut)", "Wortlaut Ziel", "Zieltext"), measure_only=False
    ),
    Column("number", "Maßnahme-Nr.", "number", ("Maßnahmen-Nr.", "Maßnahmennummer", "Nummer", "Nr.")),
    Column("id", "ID", "id", ("Kennung",)),
    Column("title", "Titel", "text", ("Maßnahme", "Maßnahmentitel", "Titel der Maßnahme")),
    Column("description", "Beschreibung", "text", ("Erläuterung",)),
    Column("status", "Status", "text", ("Umsetzungsstand",)),
    Column("status_date", "Stand", "date", ("Datum", "Stand (Datum)", "Statusdatum", "Stand vom")),
    Column("notes", "Notiz", "notes", ("Notizen", "Chronik", "Fortschritt", "Fortschrittsnotiz")),
    Column("lead", "Federführung", "list", ("Federführend", "Federführung (Akteure)")),
    Column("partners", "Partner", "list", ("Partner*innen", "Partnerinnen", "Kooperationspartner")),
    Column("target_groups", "Zielgruppen", "list", ("Zielgruppe",)),
    Column("themes", "Querschnittsthemen", "list", ("Querschnittsthema", "Themen")),
    Column("timeframe", "Zeitrahmen", "text", ("Zeitraum", "Zeitplan")),
    Column("pages", "Seiten", "pages", ("Seite", "Seitenzahl", "Seiten im Konzept")),
)
BY_KEY = {c.key: c for c in COLUMNS}


def normalize_header(text: Any) -> str:
    """'Maßnahme-Nr.' and 'maßnahme nr' alike: lower case, letters and digits only."""
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


_HEADERS = {normalize_header(name): c for c in COLUMNS for name in (c.header, *c.aliases)}


def column_for(header: Any) -> Column | None:
    return _HEADERS.get(normalize_header(header)) if isinstance(header, str) else None


def header_score(row: list[Any]) -> int:
    """How many cells of a row are known column headers (to find the header row)."""
    return sum(1 for cell in row if column_for(cell) is not None)


def close_header(header: Any) -> str | None:
    """The documented header an unknown one probably means ('Beschreibng' → 'Beschreibung')."""
    names = {normalize_header(name): c.header for c in COLUMNS for name in (c.header, *c.aliases)}
    match = difflib.get_close_matches(normalize_header(header), list(names), n=1, cutoff=0.8)
    return names[match[0]] if match else None


# -- converters ------------------------------------------------------------------------------

_AS_TEXT_HINT = "Spalte als Text formatieren (Excel: Zellen formatieren → Text) und neu eingeben"
_MEASURE_NUMBER = re.compile(r"^\d+(\.\d+)+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# What Excel writes back for a number it turned into a date: "02.04.", "02.04.2025", "2. Apr", "Apr 02".
_DATE_LOOKING = re.compile(
    r"^(\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})?|\d{1,2}\.?[ -]?[A-Za-zÄä]{3,4}\.?|[A-Za-zÄä]{3,4}\.?[ -]\d{1,2})$"
)
_PAGES = re.compile(r"^(?:S\.?\s*)?(\d+)(?:\s*[-–—]\s*(\d+))?$")
_NOTE_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\s*[:–—-]\s*(.*)$")
_SPACES = re.compile(r"\s+")
_LIST_SEPARATOR = re.compile(r"[;\n\r]+")


def convert(column: Column, value: Any) -> Any:
    """The cell's value for the data model; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _CONVERTERS[column.kind](value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise CellProblem(f"erwartet Text, gefunden Wahrheitswert {str(value).upper()}; Text eintragen")
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellProblem(
            f"die Zelle enthält ein Datum ({_german(value)}), erwartet wird Text; {_AS_TEXT_HINT}"
        )
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise CellProblem(f"erwartet Text, gefunden Zahl {value}; {_AS_TEXT_HINT}")
    if not isinstance(value, (str, int)):
        raise CellProblem(f"erwartet Text, gefunden {value!r}; Text eintragen")
    # Line breaks inside a cell become spaces: data texts are one paragraph of plain text.
    return _SPACES.sub(" ", str(value)).strip()


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellProblem("erwartet eine ganze Zahl, gefunden ein Wahrheitswert")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)  # calamine reads every number as float: 3 arrives as 3.0
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellProblem(f"erwartet eine ganze Zahl, gefunden ein Datum ({_german(value)}); {_AS_TEXT_HINT}")
    raise CellProblem(f"erwartet eine ganze Zahl (z. B. 2), gefunden {_show(value)}")


def _measure_number(value: Any) -> str:
    """Published numbers stay text: '2.10' is not 2.1, and a date is not '2.4'."""
    if isinstance(value, (dt.date, dt.datetime)):
        guess = f"{value.day}.{value.month}"
        raise CellProblem(
            f"Excel hat die Nummer in ein Datum verwandelt ({_german(value)}), gemeint war wohl "
            f"„{guess}“; {_AS_TEXT_HINT}"
        )
    if isinstance(value, bool):
        raise CellProblem("erwartet eine Nummer wie „2.4“, gefunden ein Wahrheitswert")
    if isinstance(value, (int, float)):
        shown = str(int(value)) if float(value).is_integer() else str(value)
        raise CellProblem(
            f"die Nummer steht als Zahl {shown} in der Zelle – als Zahl sind „2.1“ und „2.10“ gleich; "
            f"{_AS_TEXT_HINT}"
        )
    text = str(value).strip()
    if _MEASURE_NUMBER.match(text):
        return text
    if _DATE_LOOKING.match(text):
        raise CellProblem(
            f"„{text}“ sieht aus wie ein Datum, das Excel aus einer Nummer gemacht hat; {_AS_TEXT_HINT} "
            "(z. B. „2.4“)"
        )
    raise CellProblem(f"Nummer „{text}“ hat nicht die Form Ziel.Maßnahme (z. B. „2.4“)")


def parse_date(value: Any) -> dt.date:
    """A date from a date cell, ISO text (2025-03-01) or German text (01.03.2025)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = map(int, match.groups())
    else:
        match = _GERMAN_DATE.match(text)
        if not match:
            raise CellProblem(
                f"kein Datum: {_show(value)}; als TT.MM.JJJJ (01.03.2025) oder JJJJ-MM-TT eintragen"
            )
        day, month, year = map(int, match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellProblem(f"{_show(value)} ist kein gültiges Datum; Tag und Monat prüfen") from None


def _list(value: Any) -> list[str]:
    """Several names in one cell, separated by semicolons or line breaks (commas occur in names)."""
    text = _text_keep_lines(value)
    items = [_SPACES.sub(" ", part).strip() for part in _LIST_SEPARATOR.split(text)]
    return [item for item in items if item]


def _text_keep_lines(value: Any) -> str:
    if isinstance(value, str):
        return value
    return _text(value)


def _pages(value: Any) -> dict[str, int]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return {"from": value, "to": value}
    match = _PAGES.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise CellProblem(f"erwartet Seiten wie „57“ oder „57–62“, gefunden {_show(value)}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise CellProblem(f"Seitenbereich {first}–{last} endet vor seinem Anfang; Reihenfolge prüfen")
    return {"from": first, "to": last}


def _notes(value: Any) -> list[tuple[dt.date | None, str]]:
    """Progress notes: each line 'TT.MM.JJJJ: Text'; lines without a date belong to 'Stand'."""
    text = _text_keep_lines(value)
    notes: list[tuple[dt.date | None, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _NOTE_LINE.match(line)
        if match:
            notes.append((parse_date(match.group(1)), _SPACES.sub(" ", match.group(2)).strip()))
        elif notes and notes[-1][0] is not None:
            # A continued line of a dated note (a line break inside its text).
            date, earlier = notes[-1]
            notes[-1] = (date, f"{earlier} {_SPACES.sub(' ', line).strip()}")
        else:
            undated = " ".join(t for d, t in notes if d is None)
            notes = [n for n in notes if n[0] is not None]
            notes.append((None, _SPACES.sub(" ", f"{undated} {line}").strip()))
    for date, note in notes:
        if not note:
            shown = _german(date) if date else "ohne Datum"
            raise CellProblem(f"die Notiz vom {shown} hat keinen Text; Text ergänzen oder Zeile löschen")
    return notes


def _id(value: Any) -> str:
    return _text(value)


_CONVERTERS = {
    "text": _text,
    "integer": _integer,
    "number": _measure_number,
    "date": parse_date,
    "list": _list,
    "pages": _pages,
    "notes": _notes,
    "id": _id,
}


def _german(value: dt.date | dt.datetime) -> str:
    return value.strftime("%d.%m.%Y")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"„{value.strip()}“"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
