"""Rows → changes in the YAML trees of data/: goals, measures and the German texts.

Rules that keep the editors' data safe:
- An entry is found by what the spreadsheet shows (field + goal number, field + measure number),
  or by the optional ID column; its ID never changes. New entries get IDs by the documented scheme.
- A value is changed only when its cell is filled: an empty cell, a missing column or a key the
  spreadsheet has no column for leaves the YAML as it is. Nothing is ever deleted.
- Only German texts are written; translations are never touched (their checksums then show them
  as outdated, as after a hand edit).
- An actor the spreadsheet names but data/ does not know is proposed, never created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..data.dataset import collection_files
from ..data.model import SOURCE_LANGUAGE, Dataset, measure_sort_key
from ..data.specs import COLLECTIONS, TEXTS
from . import history
from .names import Names, suggest_id
from .rows import Finding, Row
from .yamlfiles import (
    YamlFile,
    append_entry,
    blank_line_after,
    flow_list,
    flow_map,
    insert_entry,
    insert_key,
    load,
    plain,
)

MEASURE_KEYS = list(COLLECTIONS["measures"].keys)
GOAL_KEYS = list(COLLECTIONS["goals"].keys)
TEXT_SECTIONS = list(TEXTS.keys)
MEASURE_TEXT_KEYS = list(TEXTS.keys["measures"].type.value.keys)
# Rows whose key cells could not be read are not merged (their problem is reported already).
_KEY_CELLS = {"field", "goal_number", "number", "id"}


@dataclass
class Workspace:
    """The files an import may change, loaded for round-trip editing."""

    data_dir: Path
    goals: list[YamlFile]
    measures: list[YamlFile]
    texts: YamlFile

    def files(self) -> list[YamlFile]:
        return [*self.goals, *self.measures, self.texts]


def open_workspace(data_dir: Path) -> Workspace:
    def display(path: Path) -> str:
        return path.relative_to(data_dir.parent).as_posix()

    def collection(name: str) -> list[YamlFile]:
        files = collection_files(data_dir, name)
        if not files:  # a data folder without the file: start it, as an editor would
            path = data_dir / f"{name}.yml"
            loaded = YamlFile(path, display(path), "", CommentedMap({name: CommentedSeq()}))
            return [loaded]
        return [load(path, display(path)) for path in files]

    texts = data_dir / "i18n" / SOURCE_LANGUAGE / "texts.yml"
    return Workspace(data_dir, collection("goals"), collection("measures"), load(texts, display(texts)))


@dataclass
class Proposal:
    """An actor to create by hand before the import can run."""

    actor_id: str
    name: str
    rows: list[str] = field(default_factory=list)


@dataclass
class Merge:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    # ('measures', id) / ('goals', id) -> the row that wrote the entry, to place later problems
    origins: dict[tuple[str, str], Row] = field(default_factory=dict)


def merge(rows: list[Row], data: Dataset, ws: Workspace, today: dt.date) -> Merge:
    result = Merge()
    merger = _Merger(data, ws, result, today)
    for row in rows:
        if row.failed & _KEY_CELLS:
            continue
        merger.row(row)
    return result


class _Merger:
    def __init__(self, data: Dataset, ws: Workspace, result: Merge, today: dt.date):
        self.data = data
        self.ws = ws
        self.result = result
        self.today = today
        self.names = Names(data)
        self.goal_ids = {(g.field, g.number): g.id for g in data.goals}
        goal_field = {g.id: g.field for g in data.goals}
        self.measure_ids = {(goal_field[m.goal], m.number): m.id for m in data.measures}
        self.goal_titles: dict[str, tuple[str, Row]] = {}
        self.seen_measures: dict[tuple[str, str], Row] = {}
        self.new_ids: set[str] = set()
        self.goal_entries = _index(ws.goals, "goals")
        self.measure_entries = _index(ws.measures, "measures")

    # -- one row -----------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        values = row.values
        if "field" not in values or "goal_number" not in values:
            return
        field_id = self.names.field(values["field"])
        if field_id is None:
            self.problem(
                row,
                "field",
                f"unbekanntes Handlungsfeld „{values['field']}“{self.names.fields.hint(values['field'])}; "
                "Kürzel (z. B. „sb“), Nummer (1–6) oder Titel eintragen",
            )
            return
        goal_id = self.goal(row, field_id, values["goal_number"])
        if goal_id is None or not row.is_measure:
            return
        self.measure(row, field_id, goal_id)

    def problem(self, row: Row, key: str | None, message: str) -> None:
        self.result.findings.append(row.finding(key, message))

    # -- goals -------------------------------------------------------------------------------

    def goal(self, row: Row, field_id: str, number: int) -> str | None:
        if number < 1:
            self.problem(row, "goal_number", f"Ziel-Nr. {number} gibt es nicht; Ziele zählen ab 1")
            return None
        goal_id = self.goal_ids.get((field_id, number))
        if goal_id is None:
            goal_id = f"{field_id}-z{number}"
            if goal_id in self.names.taken or goal_id in self.new_ids:
                self.problem(
                    row,
                    "goal_number",
                    f"das neue Ziel bekäme die ID „{goal_id}“, die schon vergeben ist; Ziel bitte von "
                    "Hand in data/goals.yml anlegen",
                )
                return None
            self.new_ids.add(goal_id)
            self.goal_ids[(field_id, number)] = goal_id
            entry = CommentedMap([("id", goal_id), ("number", number), ("field", field_id)])
            self._insert_sorted(self.ws.goals, "goals", entry, field_id, (number,), self.goal_entries)
        if ("goals", goal_id) not in self.result.origins or not row.is_measure:
            self.result.origins[("goals", goal_id)] = row
        title = row.values.get("goal_title")
        if title is not None:
            earlier = self.goal_titles.get(goal_id)
            if earlier and earlier[0] != title:
                self.problem(
                    row,
                    "goal_title",
                    f"anderer Wortlaut als in {earlier[1].where} für dasselbe Ziel {number}; Wortlaut angleichen",
                )
            else:
                self.goal_titles[goal_id] = (title, row)
                self.set_texts("goals", goal_id, {"title": title}, ["title"])
        return goal_id

    # -- measures ----------------------------------------------------------------------------

    def measure(self, row: Row, field_id: str, goal_id: str) -> None:
        values = row.values
        number: str = values["number"]
        goal_number = values["goal_number"]
        if number.split(".")[0] != str(goal_number):
            self.problem(
                row,
                "number",
                f"Nummer „{number}“ passt nicht zu Ziel-Nr. {goal_number}; Maßnahmen von Ziel "
                f"{goal_number} beginnen mit „{goal_number}.“",
            )
            return
        key = (field_id, number)
        if key in self.seen_measures:
            self.problem(
                row,
                "number",
                f"Maßnahme {number} im Handlungsfeld „{self.names.fields.shown[field_id]}“ steht schon in "
                f"{self.seen_measures[key].where}; eine der Zeilen löschen oder die Nummer korrigieren",
            )
            return
        self.seen_measures[key] = row
        measure_id = self.measure_id(row, key)
        if measure_id is None:
            return
        entry = self.measure_entries.get(measure_id)
        if entry is None:
            entry = CommentedMap(
                [("id", measure_id), ("number", DoubleQuotedScalarString(number)), ("goal", goal_id)]
            )
            self._insert_sorted(
                self.ws.measures,
                "measures",
                entry,
                field_id,
                measure_sort_key_of(number),
                self.measure_entries,
            )
            if "title" not in values:
                self.problem(row, "title", "ist leer; eine neue Maßnahme braucht einen Titel")
        else:
            if str(entry.get("number")) != number:
                entry["number"] = DoubleQuotedScalarString(number)
            if entry.get("goal") != goal_id:
                entry["goal"] = goal_id
        self.result.origins[("measures", measure_id)] = row
        self.facts(row, entry)
        texts: dict[str, Any] = {
            k: values[k] for k in ("title", "description", "target_groups", "timeframe") if k in values
        }
        notes = history.apply(row, entry, self.names, self.result, self.today)
        if notes:
            texts["notes"] = notes
        self.set_texts("measures", measure_id, texts, MEASURE_TEXT_KEYS)

    def measure_id(self, row: Row, key: tuple[str, str]) -> str | None:
        found = self.measure_ids.get(key)
        given = row.values.get("id")
        if given is not None:
            if found is not None and found != given:
                self.problem(
                    row,
                    "id",
                    f"Maßnahme {key[1]} hat in data/ die ID „{found}“; IDs ändern sich nie – Zelle leeren "
                    f"oder „{found}“ eintragen",
                )
                return None
            if given not in self.measure_entries and (given in self.names.taken or given in self.new_ids):
                self.problem(row, "id", f"die ID „{given}“ ist schon an einen anderen Eintrag vergeben")
                return None
            if given in self.measure_entries:
                # Found by ID: the number in the spreadsheet renumbers the measure.
                return given
            self.new_ids.add(given)
            return given
        if found is not None:
            return found
        new_id = f"{key[0]}-m{key[1].replace('.', '-')}"
        if new_id in self.names.taken or new_id in self.new_ids:
            self.problem(
                row,
                "number",
                f"die neue Maßnahme bekäme die ID „{new_id}“, die schon vergeben ist; in einer Spalte "
                "„ID“ eine freie ID eintragen",
            )
            return None
        self.new_ids.add(new_id)
        return new_id

    def facts(self, row: Row, entry: CommentedMap) -> None:
        values = row.values
        for key in ("lead", "partners"):
            if key in values:
                ids = self.actors(row, key, values[key])
                if ids is not None:
                    self.set_list(entry, key, ids)
        if "themes" in values:
            ids = []
            for name in values["themes"]:
                found = self.names.themes.find(name)
                if found is None:
                    self.problem(
                        row,
                        "themes",
                        f"unbekanntes Querschnittsthema „{name}“{self.names.themes.hint(name)}; "
                        f"erlaubt: {', '.join(self.names.themes.shown.values())}",
                    )
                    return
                ids.append(found)
            self.set_list(entry, "themes", ids)
        if "pages" in values and plain(entry.get("pages")) != values["pages"]:
            insert_key(entry, "pages", flow_map(values["pages"]), MEASURE_KEYS)

    def actors(self, row: Row, key: str, names: list[str]) -> list[str] | None:
        ids: list[str] = []
        ok = True
        for name in names:
            found = self.names.actors.find(name)
            if found is not None:
                ids.append(found)
                continue
            ok = False
            proposal = self.result.proposals.get(name)
            if proposal is None:
                taken = self.names.taken | {p.actor_id for p in self.result.proposals.values()}
                proposal = Proposal(suggest_id(name, taken), name)
                self.result.proposals[name] = proposal
            proposal.rows.append(str(row.at(key)))
            self.problem(
                row,
                key,
                f"„{name}“ gibt es in data/actors.yml nicht{self.names.actors.hint(name)}; Schreibweise "
                f"prüfen oder den Eintrag „{proposal.actor_id}“ anlegen (Vorschlag unten)",
            )
        return ids if ok else None

    def set_list(self, entry: CommentedMap, key: str, ids: list[str]) -> None:
        if plain(entry.get(key)) != ids:
            insert_key(entry, key, flow_list(ids), MEASURE_KEYS)

    # -- texts -------------------------------------------------------------------------------

    def set_texts(self, collection: str, item_id: str, values: dict[str, Any], order: list[str]) -> None:
        if not values:
            return
        tree = self.ws.texts.tree
        section = tree.get(collection)
        if section is None:
            section = CommentedMap()
            insert_key(tree, collection, section, TEXT_SECTIONS)
            created = True
        else:
            created = False
        item = section.get(item_id)
        if item is None:
            # Built complete before it is appended, so the section's blank line moves below it.
            item = CommentedMap()
            self._fill_texts(item, values, order)
            append_entry(section, item_id, item)
        else:
            self._fill_texts(item, values, order)
        if created and list(tree).index(collection) < len(tree) - 1:
            blank_line_after(section)

    @staticmethod
    def _fill_texts(item: CommentedMap, values: dict[str, Any], order: list[str]) -> None:
        for key in [k for k in order if k in values]:
            value = values[key]
            if key == "notes":
                _merge_notes(item, value, order)
            elif plain(item.get(key)) != value:
                insert_key(item, key, flow_list(value) if isinstance(value, list) else value, order)

    # -- placing new entries -----------------------------------------------------------------

    def _insert_sorted(
        self,
        files: list[YamlFile],
        name: str,
        entry: CommentedMap,
        field_id: str,
        sort_key: tuple[int, ...],
        index: dict[str, CommentedMap],
    ) -> None:
        """New entries go next to their field's entries, in number order; else at the end."""
        target = files[0]
        for file in files:
            if any(self._field_of(name, e) == field_id for e in _items(file, name)):
                target = file
                break
        seq = target.tree.setdefault(name, CommentedSeq())
        if seq is None:
            seq = target.tree[name] = CommentedSeq()
        position = len(seq)
        same_field = [i for i, e in enumerate(seq) if self._field_of(name, e) == field_id]
        if same_field:
            position = same_field[-1] + 1
            for i in same_field:
                if self._sort_key(name, seq[i]) > sort_key:
                    position = i
                    break
        insert_entry(seq, position, entry)
        index[str(entry["id"])] = entry

    def _field_of(self, name: str, entry: Any) -> str | None:
        if not isinstance(entry, dict):
            return None
        if name == "goals":
            return entry.get("field")
        goal = self.goal_entries.get(str(entry.get("goal")))
        return goal.get("field") if goal is not None else None

    def _sort_key(self, name: str, entry: Any) -> tuple[int, ...]:
        if name == "goals":
            number = entry.get("number")
            return (number,) if isinstance(number, int) else (0,)
        return measure_sort_key_of(str(entry.get("number", "")))


def measure_sort_key_of(number: str) -> tuple[int, ...]:
    class _Number:  # measure_sort_key wants an object with .number
        def __init__(self, value: str):
            self.number = value

    return measure_sort_key(_Number(number))  # type: ignore[arg-type]


def _merge_notes(item: CommentedMap, notes: dict[str, str], order: list[str]) -> None:
    existing = item.get("notes")
    if existing is None:
        existing = CommentedMap()
        insert_key(item, "notes", existing, order)
    for date, text in sorted(notes.items()):
        # Written "2025-09-10" in double quotes, as data/README.md shows note keys.
        key = next((k for k in existing if str(k) == date), DoubleQuotedScalarString(date))
        if existing.get(key) != text:
            existing[key] = text


def _items(file: YamlFile, name: str) -> list[Any]:
    seq = file.tree.get(name) if isinstance(file.tree, dict) else None
    return list(seq) if isinstance(seq, list) else []


def _index(files: list[YamlFile], name: str) -> dict[str, CommentedMap]:
    return {str(e["id"]): e for f in files for e in _items(f, name) if isinstance(e, dict) and "id" in e}
