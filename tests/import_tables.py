"""Synthetic spreadsheets for the import tests — invented content, never published.

`catalogue()` gives the full-scale catalogue (6 fields × 8 goals × 3 measures = 144 measures) as
rows of cell values; `write_csv`, `write_xlsx` and `write_ods` save rows the way Excel and
LibreOffice do, so the same rows can be read back in every format. Actors, themes and statuses
are the real ones of data/ (named partly by ID, partly by German name), so the import needs no
new actors.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

HEADER = [
    "Handlungsfeld",
    "Ziel-Nr.",
    "Ziel",
    "Maßnahme-Nr.",
    "Titel",
    "Beschreibung",
    "Status",
    "Stand",
    "Notiz",
    "Federführung",
    "Partner",
    "Zielgruppen",
    "Querschnittsthemen",
    "Zeitrahmen",
    "Seiten",
]
FIELDS = [("sb", "Sprache und Bildung"), ("aa", "2"), ("gp", "gp"), ("be", "4"), ("gt", "gt"), ("io", "6")]
ACTORS = [
    "Amt für Integration der Stadt Kempten (Allgäu)",
    "jobcenter",
    "Stadtteilbüros",
    "Haus International Kempten e. V.",
    "bildungstraeger",
    "Referat Jugend, Schule und Soziales",
    "Migrantinnen- und Migrantenorganisationen",
]
STATUSES = [("Noch kein Bericht", False), ("Geplant", True), ("In Umsetzung", True), ("Daueraufgabe", True)]
THEMES = ["Transparenz und Öffentlichkeitsarbeit", "zielgruppen", "3", "Strukturen und Ressourcen"]
GROUPS = ["Kinder und Jugendliche", "Eltern", "Neuzugewanderte", "Seniorinnen und Senioren"]
WORDS = ["Sprachcafés", "Lotsenprojekte", "Beratung", "Begegnungsorte", "Fortbildungen", "Elternarbeit"]


def catalogue(seed: int = 1, dates_as: str = "date") -> list[list[Any]]:
    """Header plus 144 measure rows; the first row of each goal also carries the goal's wording.

    dates_as: 'date' (date cells), 'german' ('01.03.2025') or 'iso' ('2025-03-01') — CSV files
    hold text only.
    """
    rng = random.Random(seed)
    rows: list[list[Any]] = [list(HEADER)]
    for f, (field_id, field_cell) in enumerate(FIELDS):
        for goal in range(1, 9):
            for k in range(1, 4):
                number = f"{goal}.{k}"
                status, reported = STATUSES[(f + goal + k) % len(STATUSES)]
                date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
                note = ""
                if reported and k == 2:
                    note = f"Synthetische Notiz: erste Treffen zu {rng.choice(WORDS)} haben stattgefunden."
                rows.append(
                    [
                        field_cell,
                        str(goal),
                        f"Synthetisches Ziel {field_id.upper()} {goal}: {rng.choice(WORDS)} stärken"
                        if k == 1
                        else "",
                        number,
                        f"Synthetische Testmaßnahme {field_id}-{number}: {rng.choice(WORDS)} ausbauen",
                        "Erfundene Beschreibung für Tests; nicht veröffentlichen." if k != 3 else "",
                        status,
                        _date(date, dates_as) if reported else "",
                        note,
                        rng.choice(ACTORS),
                        "; ".join(rng.sample(ACTORS, 2)) if k == 1 else "",
                        "; ".join(rng.sample(GROUPS, 2)),
                        rng.choice(THEMES) if k != 2 else "",
                        "2025 bis 2027" if k == 3 else "",
                        f"{57 + goal}–{58 + goal}" if field_id == "sb" else "",
                    ]
                )
    return rows


def _date(value: dt.date, form: str) -> Any:
    if form == "german":
        return value.strftime("%d.%m.%Y")
    if form == "iso":
        return value.isoformat()
    return value


def as_text(rows: list[list[Any]]) -> list[list[str]]:
    """What a CSV holds: every cell as text, dates in German notation."""
    return [[v.strftime("%d.%m.%Y") if isinstance(v, dt.date) else str(v) for v in row] for row in rows]


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ";", encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(as_text(rows))
    return path


def write_xlsx(
    path: Path, rows: list[list[Any]], sheet: str = "Tabelle1", merged: list[str] | None = None
) -> Path:
    """Text cells stay text (as in a column formatted as text), dates and floats keep their type."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for block in merged or []:
        ws.merge_cells(block)
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[Any]], sheet: str = "Tabelle1", merged: dict | None = None) -> Path:
    """merged: {(row, column): (rows, columns)} from 1 — that cell spans, the ones it covers vanish."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    merged = merged or {}
    covered = {
        (r + i, c + j)
        for (r, c), (rs, cs) in merged.items()
        for i in range(rs)
        for j in range(cs)
        if (i, j) != (0, 0)
    }
    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for r, row in enumerate(rows, start=1):
        tr = TableRow()
        for c, value in enumerate(row, start=1):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            span = {}
            if (r, c) in merged:
                span = {"numberrowsspanned": merged[(r, c)][0], "numbercolumnsspanned": merged[(r, c)][1]}
            if value == "" or value is None:
                cell = TableCell(**span)
            elif isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat(), **span)
                cell.addElement(P(text=value.strftime("%d.%m.%Y")))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value, **span)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string", **span)
                cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write(path: Path, rows: list[list[Any]]) -> Path:
    """Save rows in the format the file name says."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(path, rows)
    if suffix == ".xlsx":
        return write_xlsx(path, rows)
    if suffix == ".ods":
        return write_ods(path, rows)
    raise ValueError(path)
