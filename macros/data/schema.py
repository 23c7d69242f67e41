"""Declarative shape of every data file, and the checker that walks a document against it.

The shape lives here, in one place, so that `data/README.md`, the validator and the tests agree.
Every check adds a problem and goes on: editors get the complete list in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from . import rules
from .loader import Document, PathKey, format_path
from .problems import ProblemList

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Raw HTML or Jinja/macro syntax in a text field would either be escaped into visible garbage
# or, worse, be executed by the macros plugin; editors get told instead.
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@dataclass
class Checker:
    """State shared while one document is checked."""

    doc: Document
    problems: ProblemList
    today: dt.date
    failed: set[PathKey] = field(default_factory=set)  # paths with a problem, to skip follow-ups

    def error(self, path: PathKey, message: str, rule: str, *, at_key: bool = False) -> None:
        self.failed.add(tuple(path))
        position = self.doc.at((*path, "<key>")) if at_key else self.doc.at(path)
        self.problems.add(position, format_path(path), message, rule)


class Type:
    """Base of all value types. `check` returns True when the value has the expected shape."""

    label = "Wert"

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        raise NotImplementedError


class Text(Type):
    """Plain text: shown escaped, so HTML and template syntax are refused with a hint."""

    label = "Text"

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # YAML reads `9.4` as a number and `8.30` as 8.3: the page would show something else
            # than the editor wrote (and a measure number must be text to be sorted and split).
            c.error(
                path,
                f"Zahl {value} ohne Anführungszeichen: als Text in Anführungszeichen schreiben, "
                f'z. B. "{value}" (YAML liest sonst etwa 8.30 als 8.3)',
                rules.UNQUOTED_NUMBER,
            )
            return False
        if not isinstance(value, str):
            c.error(path, f"erwartet {self.label}, gefunden {describe(value)}", rules.WRONG_TYPE)
            return False
        text = value
        if not text.strip():
            c.error(path, "Text ist leer; Feld weglassen oder ausfüllen", rules.EMPTY_TEXT)
            return False
        if _TEMPLATE.search(text):
            c.error(
                path,
                "Vorlagen-Syntax ({{ }}, {% %} oder {# #}) ist in Datentexten nicht erlaubt; "
                "geschweifte Klammern entfernen",
                rules.TEMPLATE_SYNTAX,
            )
            return False
        if _HTML.search(text):
            c.error(
                path, "HTML ist in Datentexten nicht erlaubt; nur reinen Text schreiben", rules.HTML_IN_TEXT
            )
            return False
        return True


class Id(Type):
    label = "ID"

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            c.error(
                path,
                f"ungültige ID {value!r}: nur Kleinbuchstaben a–z, Ziffern und einzelne "
                "Bindestriche, beginnend mit einem Buchstaben (z. B. 'sb-m2-4')",
                rules.MALFORMED_ID,
            )
            return False
        return True


class LanguageCode(Type):
    """An ISO 639-1 code such as 'de', or with a region such as 'pt-BR', as Material knows them."""

    pattern = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, str) or not self.pattern.match(value):
            c.error(
                path,
                f"ungültiger Sprachcode {value!r}: zwei Kleinbuchstaben nach ISO 639-1, z. B. 'tr'",
                rules.MALFORMED_LANGUAGE_CODE,
            )
            return False
        return True


class Ref(Id):
    """An ID that must name an entry of another collection (checked after all files are read)."""

    def __init__(self, collection: str):
        self.collection = collection


class Int(Type):
    label = "ganze Zahl"

    def __init__(self, minimum: int | None = None):
        self.minimum = minimum

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            c.error(path, f"erwartet eine ganze Zahl, gefunden {describe(value)}", rules.WRONG_TYPE)
            return False
        if self.minimum is not None and value < self.minimum:
            c.error(
                path, f"Zahl muss mindestens {self.minimum} sein, gefunden {value}", rules.NUMBER_TOO_SMALL
            )
            return False
        return True


class Number(Type):
    label = "Zahl"

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            c.error(
                path,
                f"erwartet eine Zahl (Dezimalpunkt, z. B. 38.2), gefunden {describe(value)}",
                rules.WRONG_TYPE,
            )
            return False
        return True


class Bool(Type):
    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, bool):
            c.error(path, f"erwartet true oder false, gefunden {describe(value)}", rules.WRONG_TYPE)
            return False
        return True


class Date(Type):
    """A calendar date written as YYYY-MM-DD; by default it may not lie in the future."""

    def __init__(self, allow_future: bool = False):
        self.allow_future = allow_future

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if isinstance(value, str) and _ISO_DATE.match(value.strip()) and _real_date(value.strip()):
            c.error(
                path,
                f"Datum in Anführungszeichen wird als Text gelesen: Anführungszeichen entfernen "
                f"({path[-1] if path else 'date'}: {value.strip()})",
                rules.QUOTED_DATE,
            )
            return False
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            c.error(
                path,
                f"erwartet ein Datum im Format JJJJ-MM-TT (z. B. 2021-11-18), gefunden {describe(value)}",
                rules.INVALID_DATE,
            )
            return False
        if not self.allow_future and value > c.today:
            c.error(
                path,
                f"Datum {value.isoformat()} liegt in der Zukunft; Stand-Daten müssen erreicht sein",
                rules.FUTURE_DATE,
            )
            return False
        return True


class DateKey(Type):
    """A date used as a mapping key, such as the note of a history entry: `"2025-09-10"`.

    The loader turns every key into text, so quoted and unquoted keys arrive alike.
    """

    label = "Datum"
    _pattern = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        try:
            ok = (
                isinstance(value, str)
                and bool(self._pattern.match(value))
                and bool(dt.date.fromisoformat(value))
            )
        except ValueError:
            ok = False
        if not ok:
            c.error(
                path,
                f"Schlüssel {value!r} ist kein Datum: das Datum des Chronik-Eintrags in Anführungszeichen "
                'schreiben, z. B. "2025-09-10"',
                rules.NOTE_KEY_NOT_DATE,
                at_key=True,
            )
        return ok


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Enum(Type):
    def __init__(self, *values: str):
        self.values = values

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if value not in self.values:
            c.error(
                path,
                f"unbekannter Wert {value!r}{did_you_mean(value, self.values)}; erlaubt: {', '.join(self.values)}",
                rules.UNKNOWN_VALUE,
            )
            return False
        return True


class ListOf(Type):
    def __init__(self, item: Type, unique: bool = True, min_items: int = 0):
        self.item = item
        self.unique = unique
        self.min_items = min_items

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, list):
            c.error(
                path, f"erwartet eine Liste (Zeilen mit '- '), gefunden {describe(value)}", rules.WRONG_TYPE
            )
            return False
        if len(value) < self.min_items:
            c.error(path, f"Liste braucht mindestens {self.min_items} Eintrag/Einträge", rules.LIST_TOO_SHORT)
        ok = True
        seen: set[Any] = set()
        for i, item in enumerate(value):
            ok = self.item.check(item, (*path, i), c) and ok
            if self.unique and isinstance(item, (str, int)):
                if item in seen:
                    c.error((*path, i), f"{item!r} steht doppelt in der Liste", rules.DUPLICATE_IN_LIST)
                seen.add(item)
        return ok


@dataclass
class Key:
    type: Type
    required: bool = False
    nullable: bool = False  # `null` means "not known", e.g. a count the sources do not give


@dataclass
class Record(Type):
    """A mapping with a fixed set of keys; unknown keys are errors with a did-you-mean hint."""

    keys: dict[str, Key] = field(default_factory=dict)
    label: str = "Eintrag"

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, dict):
            c.error(
                path, f"erwartet {self.label} mit Schlüsseln, gefunden {describe(value)}", rules.WRONG_TYPE
            )
            return False
        ok = True
        misspelt: set[str] = set()
        for key in value:
            if key not in self.keys:
                misspelt.update(difflib.get_close_matches(str(key), list(self.keys), n=1, cutoff=0.6))
                c.error(
                    (*path, key),
                    f"unbekannter Schlüssel '{key}'{did_you_mean(key, self.keys)}; "
                    f"erlaubt: {', '.join(self.keys)}",
                    rules.UNKNOWN_KEY,
                    at_key=True,
                )
                ok = False
        for name, spec in self.keys.items():
            if name not in value:
                if spec.required and name not in misspelt:  # "meinten Sie …?" said it already
                    c.error(path, f"Pflichtfeld '{name}' fehlt", rules.MISSING_REQUIRED)
                    ok = False
                continue
            if value[name] is None:
                if not spec.nullable:
                    c.error(
                        (*path, name),
                        f"'{name}' ist leer; Wert eintragen oder Zeile entfernen",
                        rules.EMPTY_VALUE,
                    )
                    ok = False
                continue
            ok = spec.type.check(value[name], (*path, name), c) and ok
        return ok


class MapOf(Type):
    """A mapping from IDs to records, as used in the translatable text files."""

    def __init__(self, value: Type, key: Type | None = None):
        self.value = value
        self.key = key or Id()

    def check(self, value: Any, path: PathKey, c: Checker) -> bool:
        if not isinstance(value, dict):
            c.error(path, f"erwartet Einträge mit Schlüsseln, gefunden {describe(value)}", rules.WRONG_TYPE)
            return False
        ok = True
        for key, item in value.items():
            ok = self.key.check(key, (*path, key), c) and ok
            ok = self.value.check(item, (*path, key), c) and ok
        return ok


def describe(value: Any) -> str:
    """Name a found value the way an editor would read it."""
    if value is None:
        return "nichts"
    if isinstance(value, bool):
        return f"Wahrheitswert {str(value).lower()}"
    if isinstance(value, dict):
        return "Einträge mit Schlüsseln"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"Datum {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"Zahl {value}"
    return f"Text {str(value)!r}"


def did_you_mean(word: Any, options: Any) -> str:
    """A ' (meinten Sie 'x'?)' hint when a close option exists, else ''."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (meinten Sie '{matches[0]}'?)" if matches else ""
