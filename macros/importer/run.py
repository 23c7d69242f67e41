"""`python -m macros import TABLE`: read, merge, check with the data stage's rules, show, write.

Nothing is written unless the whole spreadsheet is free of problems *and* the data it would give
passes the same check as `python -m macros check` (run on a temporary copy of data/). Problems
of that check are placed back on the spreadsheet row and column that caused them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..data.dataset import check, load_dataset
from ..data.problems import Problem, format_problems
from .merge import Merge, Workspace, merge, open_workspace
from .rows import Finding, Row, parse_sheets
from .table import TableError, Where, read_table
from .yamlfiles import YamlFile, dump, plain

# Which spreadsheet column a key of the data stands for, per collection.
_FACT_COLUMNS = {
    "measures": {
        "id": "id",
        "number": "number",
        "goal": "goal_number",
        "history": "status",
        "lead": "lead",
        "partners": "partners",
        "themes": "themes",
        "pages": "pages",
    },
    "goals": {"id": "goal_number", "number": "goal_number", "field": "field"},
}
_TEXT_COLUMNS = {
    "measures": {
        "title": "title",
        "description": "description",
        "target_groups": "target_groups",
        "timeframe": "timeframe",
        "notes": "notes",
    },
    "goals": {"title": "goal_title"},
}
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def run_import(
    table: Path,
    data_dir: Path,
    write: bool = False,
    today: dt.date | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """Exit code: 0 when the import is possible (and, with write, done), 1 otherwise."""
    today = today or dt.date.today()
    data_dir = data_dir.resolve()
    before = check(data_dir, today)
    if before:
        out(format_problems(before))
        out("Die Daten haben schon vor dem Import Fehler; zuerst beheben (make check), dann importieren.")
        return 1
    try:
        sheets = read_table(table)
    except TableError as err:
        out(f"{err}")
        out("Es wurde nichts geschrieben.")
        return 1
    parsed = parse_sheets(sheets)
    ws = open_workspace(data_dir)
    merged = merge(parsed.rows, load_dataset(data_dir, today), ws, today)
    findings = parsed.findings + merged.findings
    findings += _check_result(ws, merged, data_dir, today, findings)
    for note in parsed.notes + merged.notes:
        out(f"Hinweis: {note}")
    if findings:
        out("\n".join(str(f) for f in sorted(set(findings), key=_order)))
        if merged.proposals:
            out(_proposals(merged))
        count = len(set(findings))
        noun = "Problem" if count == 1 else "Probleme"
        out(f"{count} {noun} gefunden – es wurde nichts geschrieben.")
        return 1
    out(_report(ws, parsed.rows))
    changed = [f for f in ws.files() if f.changed]
    if not changed:
        out("Die Daten entsprechen schon der Tabelle – nichts zu tun.")
        return 0
    if not write:
        out(f"Probelauf – nichts geschrieben. Übernehmen mit: python -m macros import {table} --write")
        return 0
    _write(changed)
    out("Geschrieben: " + ", ".join(f.display for f in changed))
    if any(f is ws.texts for f in changed):
        out(
            "Deutsche Texte geändert: die Übersetzungen dazu gelten jetzt als veraltet (python -m macros i18n report)."
        )
    return 0


def _order(finding: Finding) -> tuple[Any, ...]:
    w = finding.where
    return (w.file, w.sheet or "", w.row, w.column, finding.message)


# -- the data stage's check on the would-be data ---------------------------------------------


def _check_result(
    ws: Workspace, merged: Merge, data_dir: Path, today: dt.date, known: list[Finding]
) -> list[Finding]:
    """Check the data as it would be after the import; problems placed on spreadsheet cells."""
    with tempfile.TemporaryDirectory(prefix="kik-import-") as tmp:
        copy = Path(tmp) / data_dir.name  # same folder name: messages show the same file names
        shutil.copytree(data_dir, copy)
        for file in ws.files():
            if file.changed:
                target = copy / file.path.relative_to(data_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(file.dump(), encoding="utf-8")
        problems = check(copy, today)
    # A row with a problem of its own is only partly merged; what the data check then says about
    # it is a follow-up of that problem, not news.
    rows_with_problems = {(f.where.file, f.where.sheet, f.where.row) for f in known if f.where.row}
    result = []
    for problem in problems:
        finding = _place(problem, ws, merged)
        if (finding.where.file, finding.where.sheet, finding.where.row) not in rows_with_problems:
            result.append(finding)
    return result


def _place(problem: Problem, ws: Workspace, merged: Merge) -> Finding:
    parts = [int(i) if i else name for i, name in _PATH_PART.findall(problem.path)]
    file = next((f for f in ws.files() if f.display == problem.position.file), None)
    row: Row | None = None
    key: str | None = None
    if file is not None and len(parts) >= 2:
        collection, item = parts[0], parts[1]
        rest = [p for p in parts[2:] if isinstance(p, str)]
        if file is ws.texts:
            item_id, columns = str(item), _TEXT_COLUMNS.get(str(collection), {})
        else:
            seq = file.tree.get(collection) if isinstance(file.tree, dict) else None
            entry = seq[item] if isinstance(seq, list) and isinstance(item, int) and item < len(seq) else None
            item_id = str(entry.get("id")) if isinstance(entry, dict) else ""
            columns = _FACT_COLUMNS.get(str(collection), {})
        row = merged.origins.get((str(collection), item_id))
        if rest:
            key = columns.get(rest[0])
            if rest[0] == "history" and "date" in rest[1:]:
                key = "status_date"
        if row is not None:
            if key is not None and key not in row.columns:
                key = None
            return row.finding(key, f"{problem.message} (Datenprüfung, {item_id})")
    where = Where(str(problem.position), None)
    path = f"{problem.path}: " if problem.path else ""
    return Finding(where, "", f"{path}{problem.message} (nach dem Import)")


# -- what would change -----------------------------------------------------------------------


def _report(ws: Workspace, rows: list[Row]) -> str:
    lines = [f"{len(rows)} {'Zeile' if len(rows) == 1 else 'Zeilen'} gelesen."]
    for file in ws.files():
        lines.append(_summary(file))
    for file in ws.files():
        if file.changed:
            new = file.dump()
            lines.extend(
                line.rstrip("\n")
                for line in difflib.unified_diff(
                    file.original.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    fromfile=f"{file.display} (bisher)",
                    tofile=f"{file.display} (nach dem Import)",
                    n=2,
                )
            )
    return "\n".join(lines)


def _summary(file: YamlFile) -> str:
    """'data/measures.yml: 3 neu, 1 geändert, 140 unverändert' — counted per entry."""
    before = _values(file.original)
    after = _values(file.dump())
    added = changed = same = 0
    for section in sorted(set(before) | set(after)):
        old, new = _by_id(before.get(section)), _by_id(after.get(section))
        added += len(set(new) - set(old))
        changed += sum(1 for k in new if k in old and new[k] != old[k])
        same += sum(1 for k in new if k in old and new[k] == old[k])
    return f"{file.display}: {added} neu, {changed} geändert, {same} unverändert"


def _values(text: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    value = yaml.load(text, Loader=loader) if text else None
    return plain(value) if isinstance(value, dict) else {}


def _by_id(section: Any) -> dict[str, Any]:
    if isinstance(section, list):
        return {str(e.get("id")): e for e in section if isinstance(e, dict)}
    if isinstance(section, dict):
        return {str(k): v for k, v in section.items()}
    return {}


def _proposals(merged: Merge) -> str:
    lines = [
        "Vorschlag für noch nicht vorhandene Beteiligte – von Hand anlegen, dann erneut importieren.",
        "In data/actors.yml (kind prüfen: city, public, civil, network oder group):",
    ]
    for p in merged.proposals.values():
        lines += [f"  - id: {p.actor_id}", "    kind: civil"]
    lines.append("In data/i18n/de/texts.yml unter actors:")
    for p in merged.proposals.values():
        lines += [f"  {p.actor_id}:", f"    name: {_yaml_text(p.name)}"]
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    return dump({"x": text}).split(":", 1)[1].strip()


def _write(files: list[YamlFile]) -> None:
    """Write every file next to its target first, then swap them in: no half-written data/."""
    staged = []
    for file in files:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        temp = file.path.with_name(f".{file.path.name}.import")
        temp.write_text(file.dump(), encoding="utf-8")
        staged.append((temp, file.path))
    for temp, target in staged:
        os.replace(temp, target)
