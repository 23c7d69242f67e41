"""A row's status, "Stand" and notes → entries of the measure's `history` (never removing any).

The spreadsheet shows the *current* state; the YAML keeps the whole record. So a row adds what is
new and leaves every older entry alone:
- status S with date D: if an entry on D exists, it gets status S; otherwise an entry {D, S} is
  added — unless S is already the status in force on D (then nothing changed).
- a note (with its own date, or the row's "Stand") goes to texts.yml under notes: "<date>", and
  an entry without status is added on that date if there is none.
- "no report yet" adds nothing; with a history already in YAML that history stays.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..data.specs import COLLECTIONS
from .yamlfiles import insert_key

if TYPE_CHECKING:
    from .merge import Merge
    from .names import Names
    from .rows import Row

MEASURE_KEYS = list(COLLECTIONS["measures"].keys)
ENTRY_KEYS = ["date", "status"]


def apply(
    row: Row,
    entry: CommentedMap,
    names: Names,
    result: Merge,
    today: dt.date,
) -> dict[str, str]:
    """Update entry['history'] from the row; returns the notes to write, keyed by ISO date."""
    values = row.values
    if row.failed & {"status", "status_date", "notes"}:
        return {}  # the unreadable cell is reported; guessing the rest would only add noise
    date: dt.date | None = values.get("status_date")
    status: str | None = None

    def problem(key: str, message: str) -> dict[str, str]:
        result.findings.append(row.finding(key, message))
        return {}

    if "status" in values:
        status = names.statuses.find(values["status"])
        if status is None:
            labels = ", ".join(f"„{label}“" for label in names.statuses.shown.values())
            return problem(
                "status",
                f"unbekannter Status „{values['status']}“{names.statuses.hint(values['status'])}; erlaubt: {labels}",
            )
    entries = _history(entry)
    if status is not None and not names.reported.get(status, True):
        label = names.statuses.shown[status]
        if date is not None:
            return problem(
                "status_date",
                f"zum Status „{label}“ gehört kein Datum; Zelle leeren oder einen anderen Status eintragen",
            )
        if entries:
            result.notes.append(
                f"{row.at('status')}: Status „{label}“, aber data/ hat für {entry['id']} schon eine Chronik "
                "– sie bleibt unverändert"
            )
        status = None
    if status is not None and date is None:
        label = names.statuses.shown[status]
        return problem(
            "status_date",
            f"ist leer; zum Status „{label}“ gehört das Datum, seit dem er gilt (TT.MM.JJJJ)",
        )
    if date is not None and date > today:
        return problem("status_date", f"{date:%d.%m.%Y} liegt in der Zukunft; der Stand muss erreicht sein")

    notes: dict[dt.date, str] = {}
    for note_date, text in values.get("notes", []):
        note_date = note_date or date
        if note_date is None:
            return problem(
                "notes",
                "Notiz ohne Datum: Spalte „Stand“ ausfüllen oder die Notiz mit Datum beginnen "
                "(„01.03.2025: …“)",
            )
        if note_date > today:
            return problem("notes", f"die Notiz vom {note_date:%d.%m.%Y} liegt in der Zukunft")
        if note_date in notes:
            return problem("notes", f"zwei Notizen vom {note_date:%d.%m.%Y}; zu einem Text zusammenfassen")
        notes[note_date] = text
    if date is not None and status is None and date not in notes and "status" not in values:
        return problem(
            "status_date",
            "ein Stand ohne Status und ohne Notiz sagt nichts aus; Status oder Notiz ergänzen oder Zelle leeren",
        )

    if status is not None and date is not None:
        found = _on(entries, date)
        if found is not None:
            if found.get("status") != status and not (
                found.get("status") is None and _status_before(entries, date) == status
            ):
                insert_key(found, "status", status, ENTRY_KEYS)
        elif _status_before(entries, date) != status:
            _insert(entry, CommentedMap([("date", date), ("status", status)]))
        elif date not in notes:
            result.notes.append(
                f"{row.at('status_date')}: {entry['id']} hat den Status „{names.statuses.shown[status]}“ schon "
                f"vor dem {date:%d.%m.%Y}; ein neuer Stand ohne Statuswechsel braucht eine Notiz – nichts übernommen"
            )
    for note_date in notes:
        if _on(_history(entry), note_date) is None:
            _insert(entry, CommentedMap([("date", note_date)]))
    final = _history(entry)
    if final and final[0].get("status") is None:
        return problem(
            "status" if "status" in row.columns else "notes",
            f"die Chronik von {entry['id']} beginnt mit einer Notiz ohne Status; für den ersten Eintrag "
            "einen Status eintragen",
        )
    return {d.isoformat(): t for d, t in notes.items()}


def _history(entry: CommentedMap) -> list[Any]:
    value = entry.get("history")
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _on(entries: list[Any], date: dt.date) -> Any:
    return next((e for e in entries if e.get("date") == date), None)


def _status_before(entries: list[Any], date: dt.date) -> str | None:
    """The status in force just before date (from the entries dated earlier)."""
    status = None
    for e in sorted(entries, key=lambda e: _date(e)):
        if _date(e) < date and e.get("status") is not None:
            status = e.get("status")
    return status


def _date(e: Any) -> dt.date:
    value = e.get("date")
    return value if isinstance(value, dt.date) else dt.date.min


def _insert(entry: CommentedMap, item: CommentedMap) -> None:
    seq = entry.get("history")
    if not isinstance(seq, list):
        seq = CommentedSeq()
        insert_key(entry, "history", seq, MEASURE_KEYS)
    position = next(
        (i for i, e in enumerate(seq) if isinstance(e, dict) and _date(e) > item["date"]), len(seq)
    )
    if position == len(seq):
        seq.append(item)
    else:
        seq.insert(position, item)
