"""Rules across files: unique IDs, references, numbering, and translations that match the source.

Shape checks (types, required and unknown keys) happen in `schema`; this module checks what can
only be seen with all files read. It never stops early: every problem is collected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .loader import Document, format_path
from .model import NO_REPORT, SOURCE_LANGUAGE
from .problems import ProblemList
from .schema import ID_PATTERN, Checker, ListOf, Record, Ref, Text, did_you_mean
from .specs import ANCHORED, COLLECTIONS, REQUIRED_TEXTS, TEXTS

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NUMBER = re.compile(r"^\d+(\.\d+)*$")
_LABEL_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Entry:
    """One list item of a collection, with the document it came from."""

    collection: str
    index: int
    value: dict[str, Any]
    doc: Document

    @property
    def path(self) -> tuple[Any, ...]:
        return (self.collection, self.index)

    def error(self, problems: ProblemList, key: str | None, message: str) -> None:
        path = (*self.path, key) if key else self.path
        problems.add(self.doc.at(path), format_path(path), message)


def check_ids(entries: dict[str, list[Entry]], problems: ProblemList) -> dict[str, dict[str, Entry]]:
    """Index entries by ID; report IDs used twice, within or across files and collections."""
    index: dict[str, dict[str, Entry]] = {name: {} for name in COLLECTIONS}
    anchors: dict[str, Entry] = {}
    for name, items in entries.items():
        for entry in items:
            item_id = entry.value.get("id")
            if not isinstance(item_id, str):
                continue
            first = index[name].get(item_id)
            if first is None and name in ANCHORED:
                first = anchors.get(item_id)
            if first is not None:
                entry.error(
                    problems,
                    "id",
                    f"ID '{item_id}' ist schon vergeben ({first.doc.at((*first.path, 'id'))}, "
                    f"{format_path(first.path)}); IDs müssen eindeutig sein",
                )
                continue
            index[name][item_id] = entry
            if name in ANCHORED:
                anchors[item_id] = entry
    return index


def check_references(
    entries: dict[str, list[Entry]],
    index: dict[str, dict[str, Entry]],
    problems: ProblemList,
    unreadable: set[str] = frozenset(),
) -> None:
    """Every Ref must name an existing entry of its collection (unless that one was unreadable)."""
    for name, items in entries.items():
        spec = COLLECTIONS[name]
        for entry in items:
            _check_refs_in(spec, entry.value, entry.path, entry.doc, index, problems, unreadable)


def _check_refs_in(
    spec: Any,
    value: Any,
    path: tuple[Any, ...],
    doc: Document,
    index: dict[str, dict[str, Entry]],
    problems: ProblemList,
    unreadable: set[str],
) -> None:
    if isinstance(spec, Ref):
        if spec.collection in unreadable:
            return
        if isinstance(value, str) and value not in index[spec.collection]:
            hint = did_you_mean(value, index[spec.collection])
            problems.add(
                doc.at(path),
                format_path(path),
                f"unbekannte ID '{value}' in {spec.collection}{hint}",
            )
    elif isinstance(spec, Record) and isinstance(value, dict):
        for key, key_spec in spec.keys.items():
            if key in value and value[key] is not None:
                _check_refs_in(key_spec.type, value[key], (*path, key), doc, index, problems, unreadable)
    elif isinstance(spec, ListOf) and isinstance(value, list):
        for i, item in enumerate(value):
            _check_refs_in(spec.item, item, (*path, i), doc, index, problems, unreadable)


def check_numbering(index: dict[str, dict[str, Entry]], problems: ProblemList) -> None:
    """Published numbers must be unique per field and agree with the goal they belong to."""
    seen: dict[tuple[str, str, Any], Entry] = {}

    def claim(kind: str, field_id: str, number: Any, entry: Entry, what: str) -> None:
        key = (kind, field_id, number)
        if key in seen:
            other = seen[key]
            entry.error(
                problems,
                "number",
                f"{what} {number} gibt es in diesem Handlungsfeld schon "
                f"({other.doc.at((*other.path, 'number'))}, ID '{other.value.get('id')}')",
            )
        else:
            seen[key] = entry

    for _field_id, entry in _items(index, "fields"):
        claim("field", "", entry.value.get("number"), entry, "Handlungsfeld-Nummer")
    for _goal_id, entry in _items(index, "goals"):
        claim("goal", str(entry.value.get("field")), entry.value.get("number"), entry, "Ziel-Nummer")
    for _measure_id, entry in _items(index, "measures"):
        number = entry.value.get("number")
        goal = _lookup(index, "goals", entry.value.get("goal"))
        if not isinstance(number, str) or goal is None:
            continue
        if not _NUMBER.match(number):
            entry.error(
                problems, "number", f"Nummer '{number}' hat nicht die Form Ziel.Maßnahme (z. B. '2.4')"
            )
            continue
        goal_number = goal.value.get("number")
        if number.split(".")[0] != str(goal_number):
            entry.error(
                problems,
                "number",
                f"Nummer '{number}' passt nicht zu Ziel {goal_number} ('{goal.value.get('id')}'); "
                f"Maßnahmen von Ziel {goal_number} beginnen mit '{goal_number}.'",
            )
        claim("measure", goal.value.get("field"), number, entry, "Maßnahmen-Nummer")
    for _theme_id, entry in _items(index, "themes"):
        claim("theme", "", entry.value.get("number"), entry, "Querschnittsthema-Nummer")


def check_vote_ranks(index: dict[str, dict[str, Entry]], problems: ProblemList) -> None:
    """A rank in the network partners' vote is given once per field."""
    seen: dict[tuple[Any, int], str] = {}
    for measure_id, entry in _items(index, "measures"):
        rank = entry.value.get("vote_rank")
        goal = _lookup(index, "goals", entry.value.get("goal"))
        if not isinstance(rank, int) or goal is None:
            continue
        key = (goal.value.get("field"), rank)
        if key in seen:
            entry.error(
                problems,
                "vote_rank",
                f"Rang {rank} ist in diesem Handlungsfeld schon an '{seen[key]}' vergeben",
            )
        else:
            seen[key] = measure_id


def check_histories(
    index: dict[str, dict[str, Entry]], texts: dict[str, Document], problems: ProblemList
) -> None:
    """A measure's history is a record: dated, in order, opened by a status, notes with German text.

    Dates themselves (valid, not in the future) are checked by the schema; here the order, the
    statuses and the notes in the text files, which can only be judged with all files read.
    """
    no_report = _lookup(index, "statuses", NO_REPORT)
    if index["statuses"] and no_report is None:
        first = next(iter(index["statuses"].values()))
        problems.add(
            first.doc.at(("statuses",)),
            "statuses",
            f"Status '{NO_REPORT}' fehlt: ihn zeigt die Website für Maßnahmen ohne Chronik",
        )
    source = texts.get(SOURCE_LANGUAGE)
    source_notes = _notes_by_measure(source)
    for measure_id, entry in _items(index, "measures"):
        history = entry.value.get("history")
        dates: set[str] = set()
        if isinstance(history, list):
            dates = _check_history_of(entry, history, index, source, source_notes.get(measure_id), problems)
        for lang, doc in texts.items():
            notes = _notes_by_measure(doc).get(measure_id)
            if not notes:
                continue
            german = source_notes.get(measure_id)
            for key in notes:
                path = ("measures", measure_id, "notes", key)
                if not isinstance(key, str) or not _DATE_KEY.match(key):
                    continue  # reported by the schema
                if key not in dates:
                    problems.add(
                        doc.at((*path, "<key>")),
                        format_path(path),
                        f"Notiz zu einem Datum ohne Chronik-Eintrag: in {entry.doc.file} steht bei "
                        f"'{measure_id}' kein Eintrag 'date: {key}'; Datum prüfen oder Notiz entfernen",
                    )
                elif lang != SOURCE_LANGUAGE and german is not None and key not in german:
                    problems.add(
                        doc.at((*path, "<key>")),
                        format_path(path),
                        f"Notiz vom {key} gibt es im deutschen Original nicht; erst die deutsche Notiz "
                        "schreiben oder Zeile entfernen",
                    )


_DATE_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _notes_by_measure(doc: Document | None) -> dict[str, dict[str, Any]]:
    """measure ID -> its `notes:` mapping in one text file (only well-shaped parts)."""
    if doc is None or not isinstance(doc.value, dict) or not isinstance(doc.value.get("measures"), dict):
        return {}
    result: dict[str, dict[str, Any]] = {}
    for measure_id, item in doc.value["measures"].items():
        if isinstance(item, dict) and isinstance(item.get("notes"), dict):
            result[measure_id] = item["notes"]
    return result


def _check_history_of(
    entry: Entry,
    history: list[Any],
    index: dict[str, dict[str, Entry]],
    source: Document | None,
    german_notes: dict[str, Any] | None,
    problems: ProblemList,
) -> set[str]:
    """Order, first status and notes of one measure; returns the dates of its well-formed entries."""
    measure_id = entry.value.get("id")
    dates: set[str] = set()
    previous: tuple[dt.date, int] | None = None
    for i, item in enumerate(history):
        if not isinstance(item, dict):
            continue
        path = (*entry.path, "history", i)
        date = item.get("date")
        valid_date = isinstance(date, dt.date) and not isinstance(date, dt.datetime)
        if valid_date:
            dates.add(date.isoformat())
            if previous is not None and date <= previous[0]:
                where = entry.doc.at((*entry.path, "history", previous[1], "date"))
                if date == previous[0]:
                    message = (
                        f"Datum {date.isoformat()} steht schon im Eintrag davor (Zeile {where.line}); "
                        "pro Datum nur ein Eintrag – Status und Notiz gehören in denselben Eintrag"
                    )
                else:
                    message = (
                        f"Datum {date.isoformat()} liegt vor dem Eintrag davor ({previous[0].isoformat()}, "
                        f"Zeile {where.line}); Einträge von alt nach neu ordnen"
                    )
                problems.add(entry.doc.at((*path, "date")), format_path((*path, "date")), message)
            if previous is None or date > previous[0]:
                previous = (date, i)
        status_id = item.get("status")
        if i == 0 and status_id is None:
            problems.add(
                entry.doc.at(path),
                format_path(path),
                "der erste Eintrag der Chronik braucht einen Status ('status: …'), "
                "z. B. 'status: planned'; Notizen können erst danach folgen",
            )
        status = _lookup(index, "statuses", status_id)
        if status is not None and status.value.get("reported") is False:
            problems.add(
                entry.doc.at((*path, "status")),
                format_path((*path, "status")),
                f"Status '{status_id}' gehört nicht in die Chronik: eine leere Chronik bedeutet schon "
                "'noch kein Bericht'; Eintrag entfernen oder einen anderen Status wählen",
            )
        if status_id is None and valid_date and source is not None and isinstance(measure_id, str):
            key = date.isoformat()
            if not isinstance(german_notes, dict) or key not in german_notes:
                problems.add(
                    entry.doc.at(path),
                    format_path(path),
                    f"Eintrag ohne Status ist eine Notiz und braucht einen deutschen Text: in {source.file} "
                    f"unter measures: {measure_id}: notes: \"{key}\": ergänzen (oder 'status: …' angeben)",
                )
    return dates


def check_declared_counts(index: dict[str, dict[str, Entry]], problems: ProblemList) -> None:
    """More entries than the concept declares means a typo in the data or in the count."""
    for field_id, entry in _items(index, "fields"):
        goals = [g for g in index["goals"].values() if g.value.get("field") == field_id]
        goal_ids = {g.value.get("id") for g in goals if isinstance(g.value.get("id"), str)}
        measures = [
            m
            for m in index["measures"].values()
            if isinstance(m.value.get("goal"), str) and m.value.get("goal") in goal_ids
        ]
        for key, count, what in (
            ("declared_goals", len(goals), "Ziele"),
            ("declared_measures", len(measures), "Maßnahmen"),
        ):
            declared = entry.value.get(key)
            if isinstance(declared, int) and count > declared:
                entry.error(
                    problems,
                    key,
                    f"das Konzept nennt {declared} {what}, in den Daten stehen aber {count}",
                )


def check_texts(
    texts: dict[str, Document],
    index: dict[str, dict[str, Entry]],
    today: Any,
    problems: ProblemList,
    unreadable: set[str] = frozenset(),
) -> None:
    """Shape of every text file; IDs must exist; German must be complete for the site to render."""
    for doc in texts.values():
        checker = Checker(doc, problems, today)
        TEXTS.check(doc.value, (), checker)
        if not isinstance(doc.value, dict):
            continue
        for collection, items in doc.value.items():
            if collection not in index or collection in unreadable or not isinstance(items, dict):
                continue
            for item_id in items:
                if isinstance(item_id, str) and item_id not in index[collection]:
                    hint = did_you_mean(item_id, index[collection])
                    problems.add(
                        doc.at((collection, item_id, "<key>")),
                        format_path((collection, item_id)),
                        f"Text für unbekannte ID '{item_id}'{hint}; in {collection} gibt es sie nicht",
                    )
    source = texts.get(SOURCE_LANGUAGE)
    if source is None or not isinstance(source.value, dict):
        return
    for lang, doc in texts.items():
        if lang != SOURCE_LANGUAGE and isinstance(doc.value, dict):
            _check_translation_follows_source(doc, source, problems)
    for collection, keys in REQUIRED_TEXTS.items():
        available = source.value.get(collection) or {}
        for item_id, entry in index[collection].items():
            if not ID_PATTERN.match(item_id):
                continue  # the malformed ID is reported already; its text is not the problem
            item_texts = available.get(item_id) if isinstance(available, dict) else None
            for key in keys:
                if not isinstance(item_texts, dict) or key not in item_texts:
                    entry.error(
                        problems,
                        "id",
                        f"deutscher Text '{key}' fehlt: in {source.file} unter "
                        f"{collection}: {item_id}: {key}: ergänzen",
                    )


# How code, templates and the navigation name a label literally: a label() call or a labels[]
# lookup with a quoted key, kik.labels.<key> in templates, "- nav_<key>:" sections in mkdocs.yml.
# Keys built at run time (unit_<unit>) are added by used_label_keys.
_LABEL_USE = re.compile(
    r"""label\(\s*["']([a-z][a-z0-9_]*)["']\s*[,)]"""
    r"""|labels\[\s*["']([a-z][a-z0-9_]*)["']\s*\]"""
    r"""|kik\.labels\.([a-z][a-z0-9_]*)"""
)
_NAV_SECTION = re.compile(r"^\s*-\s*(nav_[a-z0-9_]+):", re.M)


def used_label_keys(project: Path) -> set[str]:
    """Label keys the site asks for by name: in macros/, the project's overrides/ and nav."""
    # The whole macros package, every stage: read as text, not imported (data imports no later stage).
    package = Path(__file__).parents[1]
    sources = [
        *package.rglob("*.py"),
        *package.rglob("templates/*.html"),
        *(project / "overrides").rglob("*.html"),
    ]
    keys: set[str] = set()
    for path in sources:
        for match in _LABEL_USE.finditer(path.read_text(encoding="utf-8")):
            keys.add(next(group for group in match.groups() if group))
    config = project / "mkdocs.yml"
    if config.is_file():
        keys.update(_NAV_SECTION.findall(config.read_text(encoding="utf-8")))
    units = COLLECTIONS["indicators"].keys["unit"].type
    keys.update(f"unit_{unit}" for unit in getattr(units, "values", ()))
    return keys


def check_required_labels(labels: dict[str, Document], required: set[str], problems: ProblemList) -> None:
    """German labels are the fallback of every language: a key the site uses must be there,
    or the build would stop in the middle of a page with a traceback."""
    source = labels.get(SOURCE_LANGUAGE)
    if source is None or not isinstance(source.value, dict):
        return
    for key in sorted(required - set(source.value)):
        problems.add(
            source.at(()),
            key,
            f"Beschriftung '{key}' fehlt; die Website verwendet sie: '{key}: …' ergänzen",
        )


def check_labels(labels: dict[str, Document], today: Any, problems: ProblemList) -> None:
    """Labels: plain texts; translations only use keys and {placeholders} the German file has."""
    source = labels.get(SOURCE_LANGUAGE)
    source_value = source.value if source and isinstance(source.value, dict) else {}
    for lang, doc in labels.items():
        if not isinstance(doc.value, dict):
            problems.add(doc.at(()), "", "erwartet Einträge der Form 'schluessel: Text'")
            continue
        checker = Checker(doc, problems, today)
        for key, value in doc.value.items():
            if not _LABEL_KEY.match(key):
                problems.add(doc.at((key, "<key>")), key, f"ungültiger Schlüssel '{key}': nur a–z, 0–9 und _")
                continue
            # Separators may be a (no-break) space, as in Russian or Ukrainian numbers.
            is_separator = key.endswith("_separator") and isinstance(value, str) and len(value) == 1
            if not is_separator and not Text().check(value, (key,), checker):
                continue
            if lang == SOURCE_LANGUAGE:
                continue
            if key not in source_value:
                problems.add(
                    doc.at((key, "<key>")),
                    key,
                    f"Schlüssel '{key}' gibt es im deutschen Original nicht{did_you_mean(key, source_value)}",
                )
                continue
            expected = set(_PLACEHOLDER.findall(str(source_value[key])))
            found = set(_PLACEHOLDER.findall(str(value)))
            if expected != found:
                problems.add(
                    doc.at((key,)),
                    key,
                    "Platzhalter passen nicht zum deutschen Original: erwartet "
                    f"{_braces(expected)}, gefunden {_braces(found)}",
                )


def _braces(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "keine"


def _lookup(index: dict[str, dict[str, Entry]], name: str, item_id: Any) -> Entry | None:
    """The entry with that ID, or None — also for malformed IDs already reported by the shape check."""
    return index[name].get(item_id) if isinstance(item_id, str) else None


def _items(index: dict[str, dict[str, Entry]], name: str) -> list[tuple[str, Entry]]:
    return list(index[name].items())


def _check_translation_follows_source(doc: Document, source: Document, problems: ProblemList) -> None:
    """A translation may only translate what the German has: the same keys (notes: check_histories)."""
    for collection, items in doc.value.items():
        source_items = source.value.get(collection)
        if not isinstance(items, dict) or not isinstance(source_items, dict):
            continue
        for item_id, item in items.items():
            original = source_items.get(item_id)
            if not isinstance(item, dict) or not isinstance(original, dict):
                continue
            for key in item:
                if key != "source_hash" and key not in original:
                    problems.add(
                        doc.at((collection, item_id, key, "<key>")),
                        format_path((collection, item_id, key)),
                        f"'{key}' gibt es im deutschen Original nicht; Zeile entfernen",
                    )
