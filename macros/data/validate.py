"""Rules across files: unique IDs, references, numbering, and translations that match the source.

Shape checks (types, required and unknown keys) happen in `schema`; this module checks what can
only be seen with all files read. It never stops early: every problem is collected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import parse_pattern

from . import rules
from .label_uses import LabelUses, label_uses
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

    def error(self, problems: ProblemList, key: str | None, message: str, rule: str) -> None:
        path = (*self.path, key) if key else self.path
        problems.add(self.doc.at(path), format_path(path), message, rule)


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
                    rules.DUPLICATE_ID,
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
                rules.UNKNOWN_REFERENCE[spec.collection],
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

    def claim(kind: str, field_id: Any, number: Any, entry: Entry, what: str) -> None:
        if not _hashable(field_id) or not _hashable(number):
            return  # a list or mapping where a number or ID belongs: reported by the shape check
        key = (kind, field_id, number)
        if key in seen:
            other = seen[key]
            entry.error(
                problems,
                "number",
                f"{what} {number} gibt es in diesem Handlungsfeld schon "
                f"({other.doc.at((*other.path, 'number'))}, ID '{other.value.get('id')}')",
                rules.NUMBER_COLLISION,
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
                problems,
                "number",
                f"Nummer '{number}' hat nicht die Form Ziel.Maßnahme (z. B. '2.4')",
                rules.MALFORMED_MEASURE_NUMBER,
            )
            continue
        goal_number = goal.value.get("number")
        if number.split(".")[0] != str(goal_number):
            entry.error(
                problems,
                "number",
                f"Nummer '{number}' passt nicht zu Ziel {goal_number} ('{goal.value.get('id')}'); "
                f"Maßnahmen von Ziel {goal_number} beginnen mit '{goal_number}.'",
                rules.MEASURE_GOAL_MISMATCH,
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
        if not _hashable(key):
            continue
        if key in seen:
            entry.error(
                problems,
                "vote_rank",
                f"Rang {rank} ist in diesem Handlungsfeld schon an '{seen[key]}' vergeben",
                rules.VOTE_RANK_COLLISION,
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
            rules.NO_REPORT_STATUS_MISSING,
        )
    source = texts.get(SOURCE_LANGUAGE)
    source_notes = _notes_by_measure(source)
    # Once per file, not once per measure: with 5,000 measures that is the difference of minutes.
    notes_of = {lang: _notes_by_measure(doc) for lang, doc in texts.items()}
    for measure_id, entry in _items(index, "measures"):
        history = entry.value.get("history")
        dates: set[str] = set()
        if isinstance(history, list):
            dates = _check_history_of(entry, history, index, source, source_notes.get(measure_id), problems)
        for lang, doc in texts.items():
            notes = notes_of[lang].get(measure_id)
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
                        rules.NOTE_FOR_UNKNOWN_DATE,
                    )
                elif lang != SOURCE_LANGUAGE and german is not None and key not in german:
                    problems.add(
                        doc.at((*path, "<key>")),
                        format_path(path),
                        f"Notiz vom {key} gibt es im deutschen Original nicht; erst die deutsche Notiz "
                        "schreiben oder Zeile entfernen",
                        rules.TRANSLATED_NOTE_NOT_IN_GERMAN,
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
                rule = rules.HISTORY_DUPLICATE_DATE if date == previous[0] else rules.HISTORY_OUT_OF_ORDER
                problems.add(entry.doc.at((*path, "date")), format_path((*path, "date")), message, rule)
            if previous is None or date > previous[0]:
                previous = (date, i)
        status_id = item.get("status")
        if i == 0 and status_id is None:
            problems.add(
                entry.doc.at(path),
                format_path(path),
                "der erste Eintrag der Chronik braucht einen Status ('status: …'), "
                "z. B. 'status: planned'; Notizen können erst danach folgen",
                rules.HISTORY_FIRST_WITHOUT_STATUS,
            )
        status = _lookup(index, "statuses", status_id)
        if status is not None and status.value.get("reported") is False:
            problems.add(
                entry.doc.at((*path, "status")),
                format_path((*path, "status")),
                f"Status '{status_id}' gehört nicht in die Chronik: eine leere Chronik bedeutet schon "
                "'noch kein Bericht'; Eintrag entfernen oder einen anderen Status wählen",
                rules.HISTORY_NO_REPORT_STATUS,
            )
        if status_id is None and valid_date and source is not None and isinstance(measure_id, str):
            key = date.isoformat()
            if not isinstance(german_notes, dict) or key not in german_notes:
                problems.add(
                    entry.doc.at(path),
                    format_path(path),
                    f"Eintrag ohne Status ist eine Notiz und braucht einen deutschen Text: in {source.file} "
                    f"unter measures: {measure_id}: notes: \"{key}\": ergänzen (oder 'status: …' angeben)",
                    rules.NOTE_WITHOUT_GERMAN_TEXT,
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
                    rules.DECLARED_COUNT_EXCEEDED,
                )


def check_texts(
    texts: dict[str, Document],
    index: dict[str, dict[str, Entry]],
    today: Any,
    problems: ProblemList,
    unreadable: set[str] = frozenset(),
) -> None:
    """Shape of every text file; IDs must exist; German must be complete for the site to render."""
    broken: set[tuple[Any, ...]] = set()  # German items with a problem: no follow-ups about them
    for lang, doc in texts.items():
        checker = Checker(doc, problems, today)
        TEXTS.check(doc.value, (), checker)
        if lang == SOURCE_LANGUAGE:
            broken = {path[:2] for path in checker.failed}
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
                        rules.TEXT_FOR_UNKNOWN_ID,
                    )
    source = texts.get(SOURCE_LANGUAGE)
    if source is None or not isinstance(source.value, dict):
        return
    for lang, doc in texts.items():
        if lang != SOURCE_LANGUAGE and isinstance(doc.value, dict):
            _check_translation_follows_source(doc, source, problems, broken)
    for collection, keys in REQUIRED_TEXTS.items():
        available = source.value.get(collection) or {}
        for item_id, entry in index[collection].items():
            if not ID_PATTERN.match(item_id):
                continue  # the malformed ID is reported already; its text is not the problem
            item_texts = available.get(item_id) if isinstance(available, dict) else None
            if (collection, item_id) in broken or (collection,) in broken or () in broken:
                continue  # the German entry is reported where it stands
            for key in keys:
                if not isinstance(item_texts, dict) or key not in item_texts:
                    entry.error(
                        problems,
                        "id",
                        f"deutscher Text '{key}' fehlt: in {source.file} unter "
                        f"{collection}: {item_id}: {key}: ergänzen",
                        rules.MISSING_GERMAN_TEXT,
                    )


def used_label_keys(project: Path) -> set[str]:
    """Label keys the site asks for (see label_uses: read from the code, computed keys included)."""
    return set(label_uses(project).keys)


def check_required_labels(labels: dict[str, Document], required: set[str], problems: ProblemList) -> None:
    """German labels are the fallback of every language: a key the site uses must be there,
    or the build would stop in the middle of a page with a traceback."""
    source = labels.get(SOURCE_LANGUAGE)
    if source is None or not isinstance(source.value, dict):
        return
    unused = [k for k in source.value if k not in required]
    for key in sorted(required - set(source.value)):
        matches = difflib.get_close_matches(key, unused, n=1, cutoff=0.6)
        # A misspelt key is where the editor has to look; otherwise the file as a whole.
        position = source.at((matches[0], "<key>")) if matches else source.at(())
        hint = f" (vertippt als '{matches[0]}'?)" if matches else ""
        problems.add(
            position,
            key,
            f"Beschriftung '{key}' fehlt; die Website verwendet sie: '{key}: …' ergänzen{hint}",
            rules.MISSING_GERMAN_LABEL,
        )


def check_labels(labels: dict[str, Document], today: Any, problems: ProblemList, uses: LabelUses) -> None:
    """Labels: plain texts whose {placeholders} are exactly those the code fills in for that key;
    translations only use keys the German file has and the same placeholders.

    A problem in a German label is reported once, at the German file: translations are not
    compared with a broken original (that advice would be wrong seven times over).
    """
    source = labels.get(SOURCE_LANGUAGE)
    source_value = source.value if source and isinstance(source.value, dict) else {}
    broken_source: set[str] = set()
    for lang, doc in sorted(labels.items(), key=lambda item: item[0] != SOURCE_LANGUAGE):
        if not isinstance(doc.value, dict):
            problems.add(
                doc.at(()), "", "erwartet Einträge der Form 'schluessel: Text'", rules.LABELS_NOT_MAPPING
            )
            if lang == SOURCE_LANGUAGE:
                return
            continue
        checker = Checker(doc, problems, today)
        for key, value in doc.value.items():
            if not _LABEL_KEY.match(key):
                problems.add(
                    doc.at((key, "<key>")),
                    key,
                    f"ungültiger Schlüssel '{key}': nur a–z, 0–9 und _",
                    rules.LABEL_INVALID_KEY,
                )
                _mark_broken(broken_source, lang, key)
                continue
            # Separators may be a (no-break) space, as in Russian or Ukrainian numbers.
            is_separator = key.endswith("_separator") and isinstance(value, str) and len(value) == 1
            if not is_separator and not Text().check(value, (key,), checker):
                _mark_broken(broken_source, lang, key)
                continue
            if key == "date_pattern" and (why := date_pattern_problem(str(value))):
                problems.add(doc.at((key,)), key, why, rules.LABEL_DATE_PATTERN)
                _mark_broken(broken_source, lang, key)
                continue
            # A key the site does not use is never formatted: its braces cannot break anything.
            if key in uses.keys and not _placeholders_ok(doc, key, str(value), uses.keys[key], problems):
                _mark_broken(broken_source, lang, key)
                continue
            if lang == SOURCE_LANGUAGE or key in broken_source:
                continue
            if key not in source_value:
                if key in uses.keys:
                    continue  # German lacks a key the site needs: reported once at the German file
                problems.add(
                    doc.at((key, "<key>")),
                    key,
                    f"Schlüssel '{key}' gibt es im deutschen Original nicht{did_you_mean(key, source_value)}",
                    rules.LABEL_UNKNOWN_KEY,
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
                    rules.LABEL_PLACEHOLDER_MISMATCH,
                )


def _mark_broken(broken_source: set[str], lang: str, key: str) -> None:
    if lang == SOURCE_LANGUAGE:
        broken_source.add(key)


def _placeholders_ok(doc: Document, key: str, text: str, allowed: set[str], problems: ProblemList) -> bool:
    """Every {…} in a label must be a placeholder the code fills in for this key (see label_uses):
    anything else — `{}`, `{0}`, a lone brace, `{name}` the code does not know — would stop the
    build when the label is formatted."""
    try:
        fields = [
            (name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError:
        problems.add(
            doc.at((key,)),
            key,
            "einzelne geschweifte Klammer { oder }; Platzhalter haben die Form {name}, "
            "sonst keine geschweiften Klammern verwenden",
            rules.LABEL_STRAY_BRACES,
        )
        return False
    for name, spec, conv in fields:
        if name in allowed and not spec and not conv:
            continue
        shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        allowed_text = _braces(allowed) if allowed else "keine – diese Beschriftung hat keine Platzhalter"
        problems.add(
            doc.at((key,)),
            key,
            f"unbekannter Platzhalter {shown}; erlaubt: {allowed_text}",
            rules.LABEL_UNKNOWN_PLACEHOLDER,
        )
        return False
    return True


def _braces(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "keine"


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _lookup(index: dict[str, dict[str, Entry]], name: str, item_id: Any) -> Entry | None:
    """The entry with that ID, or None — also for malformed IDs already reported by the shape check."""
    return index[name].get(item_id) if isinstance(item_id, str) else None


def _items(index: dict[str, dict[str, Entry]], name: str) -> list[tuple[str, Entry]]:
    return list(index[name].items())


def _check_translation_follows_source(
    doc: Document, source: Document, problems: ProblemList, broken: set[tuple[Any, ...]]
) -> None:
    """A translation may only translate what the German has: the same keys (notes: check_histories).
    Items whose German has a problem are not compared (it is reported once, at the German)."""
    if () in broken:
        return
    for collection, items in doc.value.items():
        if (collection,) in broken:
            continue
        source_items = source.value.get(collection)
        if not isinstance(items, dict) or not isinstance(source_items, dict):
            continue
        for item_id, item in items.items():
            original = source_items.get(item_id)
            if (collection, item_id) in broken:
                continue
            if not isinstance(item, dict) or not isinstance(original, dict):
                continue
            for key in item:
                if key != "source_hash" and key not in original:
                    problems.add(
                        doc.at((collection, item_id, key, "<key>")),
                        format_path((collection, item_id, key)),
                        f"'{key}' gibt es im deutschen Original nicht; Zeile entfernen",
                        rules.TRANSLATED_KEY_NOT_IN_GERMAN,
                    )


def date_pattern_problem(pattern: str) -> str | None:
    """Why a `date_pattern` label is no usable CLDR date pattern (None when it is).

    Dates are formatted with Babel (macros/i18n/formats.py), independent of the server's locale.
    """
    if "%" in pattern:
        return "strftime-Muster (%) gehen nicht: ein CLDR-Muster verwenden, z. B. 'd. MMMM y' oder 'dd.MM.y'"
    try:
        parse_pattern(pattern)
    except (ValueError, TypeError) as err:
        return f"kein gültiges Datumsmuster ({err}): z. B. 'd. MMMM y' oder 'dd.MM.y'"
    letters = set(re.sub(r"'[^']*'", "", pattern))
    if not {"d", "M", "y"} <= letters:
        return "das Datumsmuster braucht Tag (d), Monat (M) und Jahr (y), z. B. 'd. MMMM y'"
    return None
