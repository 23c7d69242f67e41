"""Turn what editors write in cells — IDs, numbers or German names — into the data's IDs.

Lookups come from the validated dataset: fields, statuses, actors and themes may be named by ID,
by number (fields, themes) or by their German name as it stands in data/i18n/de/texts.yml.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..data.model import SOURCE_LANGUAGE, Dataset

_LEADING_NUMBER = re.compile(r"^\s*(\d+)[\s.:)–-]+(.+)$")


def normalize(text: Any) -> str:
    """'Haus International Kempten e. V.' and 'haus international kempten e.V.' alike."""
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


@dataclass
class Lookup:
    """IDs by every name an editor may use, plus the names to suggest when nothing matches."""

    what: str  # 'Handlungsfeld', … for messages
    by_name: dict[str, str]
    shown: dict[str, str]  # id -> German name

    def find(self, value: str) -> str | None:
        if value in self.shown:
            return value
        return self.by_name.get(normalize(value))

    def hint(self, value: str) -> str:
        names = list(self.shown.values()) + list(self.shown)
        match = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
        return f" (meinten Sie „{match[0]}“?)" if match else ""


class Names:
    """Every lookup the import needs, built once from the dataset."""

    def __init__(self, data: Dataset):
        de = data.texts.get(SOURCE_LANGUAGE, {})

        def german(collection: str, item_id: str, key: str) -> str:
            value = de.get(collection, {}).get(item_id, {}).get(key)
            return str(value) if value is not None else item_id

        self.fields = _lookup(
            "Handlungsfeld", [(f.id, german("fields", f.id, "title"), f.number) for f in data.fields]
        )
        self.themes = _lookup(
            "Querschnittsthema", [(t.id, german("themes", t.id, "title"), t.number) for t in data.themes]
        )
        self.statuses = _lookup(
            "Status", [(s.id, german("statuses", s.id, "label"), None) for s in data.statuses]
        )
        self.actors = _lookup(
            "Beteiligte", [(a.id, german("actors", a.id, "name"), None) for a in data.actors]
        )
        self.reported = {s.id: s.reported for s in data.statuses}
        # The city's sheets say "Noch kein Bericht" (the site's former wording) or only the first
        # part of the label: both name the status without a report, as its ID does.
        for status in data.statuses:
            if not status.reported:
                label = german("statuses", status.id, "label")
                for alias in ("Noch kein Bericht", "kein Bericht", label.split(" – ")[0]):
                    self.statuses.by_name.setdefault(normalize(alias), status.id)
        self.field_numbers = {f.id: f.number for f in data.fields}
        # IDs share one namespace (they are anchors on shared pages): a new ID must be free in all.
        self.taken = {
            item.id
            for items in (
                data.fields,
                data.themes,
                data.goals,
                data.measures,
                data.actors,
                data.indicators,
                data.sources,
            )
            for item in items
        }

    def field(self, value: str) -> str | None:
        found = self.fields.find(value)
        if found is None:
            match = _LEADING_NUMBER.match(value)  # "1 Sprache und Bildung", "1. Sprache und Bildung"
            if match:
                by_number = self.fields.find(match.group(1))
                by_title = self.fields.find(match.group(2))
                found = by_number if by_number == by_title else None
        return found


def _lookup(what: str, items: list[tuple[str, str, int | None]]) -> Lookup:
    by_name: dict[str, str] = {}
    for item_id, name, number in items:
        by_name.setdefault(normalize(item_id), item_id)
        by_name.setdefault(normalize(name), item_id)
        if number is not None:
            by_name.setdefault(str(number), item_id)
    return Lookup(what, by_name, {item_id: name for item_id, name, _ in items})


def suggest_id(name: str, taken: set[str]) -> str:
    """A free ID made from a German name: 'Verein für Sport e. V.' → 'verein-fuer-sport-e-v'."""
    text = name.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    while words and words[0][0].isdigit():
        words.pop(0)
    base = "-".join(words) or "akteur"
    if len(base) > 40:
        base = base[:40].rsplit("-", 1)[0]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
