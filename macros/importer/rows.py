"""Sheets → rows: find the header row, map the columns, convert every cell, find layout mistakes.

Nothing here knows the data in data/; names (fields, statuses, actors) are resolved later. Every
problem becomes a Finding with sheet, row and column, and parsing goes on, so the editor sees all
problems of the spreadsheet at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .columns import BY_KEY, COLUMNS, CellProblem, close_header, column_for, convert, header_score
from .table import Sheet, Where

# The header row is the first of these rows with at least two known column headers; rows above
# it (a title such as "Maßnahmenkatalog") are ignored.
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to fix in the spreadsheet (or, without a place, in the data)."""

    where: Where
    column: str  # the column's header as written in the sheet; '' for the whole row or sheet
    message: str

    def __str__(self) -> str:
        column = f" Spalte „{self.column}“:" if self.column else ""
        return f"{self.where}:{column} {self.message}"


@dataclass
class Row:
    """A data row: converted values (empty cells left out) and where each column stands."""

    where: Where  # file, sheet and row; column 0
    values: dict[str, Any]
    columns: dict[str, int]  # key -> column number in this sheet
    headers: dict[str, str]  # key -> header as written in this sheet
    failed: set[str] = field(default_factory=set)  # keys whose cell could not be read

    @property
    def is_measure(self) -> bool:
        return "number" in self.values

    def at(self, key: str) -> Where:
        """Where the cell of a column is; the row itself when the sheet has no such column."""
        return self.where.at(self.where.row, self.columns.get(key, 0))

    def header(self, key: str) -> str:
        return self.headers.get(key, BY_KEY[key].header)

    def finding(self, key: str | None, message: str) -> Finding:
        if key is None:
            return Finding(self.where, "", message)
        return Finding(self.at(key), self.header(key), message)


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown with the result, no error


def parse_sheets(sheets: list[Sheet]) -> Parsed:
    parsed = Parsed()
    used = 0
    for sheet in sheets:
        if _parse_sheet(sheet, parsed):
            used += 1
    if not used:
        where = sheets[0].where if sheets else Where("?", None)
        parsed.findings.append(
            Finding(
                where,
                "",
                "keine Kopfzeile gefunden: eine der ersten Zeilen muss die Spaltenüberschriften tragen, "
                "mindestens „Handlungsfeld“ und „Ziel-Nr.“ (siehe data/README.md)",
            )
        )
    return parsed


def _parse_sheet(sheet: Sheet, parsed: Parsed) -> bool:
    header_row = next(
        (i + 1 for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]) if header_score(row) >= 2),
        None,
    )
    if header_row is None:
        if any(str(v).strip() for row in sheet.rows for v in row):
            parsed.notes.append(f"{sheet.where}: übersprungen – keine Kopfzeile mit bekannten Spalten")
        return False
    columns, headers = _map_columns(sheet, header_row, parsed)
    for column in COLUMNS:
        # Without a goal column the goal number is the first part of the measure number ("2.4").
        derivable = column.key == "goal_number" and "number" in columns
        if column.required and column.key not in columns and not derivable:
            parsed.findings.append(
                Finding(
                    sheet.where.at(header_row),
                    column.header,
                    f"fehlt in der Kopfzeile (Zeile {header_row}); Spalte mit dieser Überschrift ergänzen",
                )
            )
    for block in sheet.merged:
        if block.last_row >= header_row:
            key = next((k for k, c in columns.items() if c == block.first_column), None)
            parsed.findings.append(
                Finding(
                    sheet.where.at(block.first_row, block.first_column),
                    headers.get(key, "") if key else "",
                    f"verbundene Zellen R{block.first_row}:C{block.first_column} bis "
                    f"R{block.last_row}:C{block.last_column}; Verbund aufheben und den Wert in jede "
                    "Zeile einzeln eintragen",
                )
            )
    last = max((i + 1 for i, row in enumerate(sheet.rows) if _filled(row)), default=header_row)
    for number in range(header_row + 1, last + 1):
        values = sheet.rows[number - 1] if number <= len(sheet.rows) else []
        if not _filled(values):
            parsed.findings.append(
                Finding(
                    sheet.where.at(number),
                    "",
                    "leere Zeile mitten in der Tabelle; Zeile löschen (danach folgen weitere Einträge)",
                )
            )
            continue
        row = Row(sheet.where.at(number), {}, columns, headers)
        for key, column_number in columns.items():
            raw = sheet.value(number, column_number)
            try:
                value = convert(BY_KEY[key], raw)
            except CellProblem as problem:
                parsed.findings.append(row.finding(key, str(problem)))
                row.failed.add(key)
                continue
            if value is not None:
                row.values[key] = value
        _check_row_shape(row, parsed)
        parsed.rows.append(row)
    return True


def _map_columns(sheet: Sheet, header_row: int, parsed: Parsed) -> tuple[dict[str, int], dict[str, str]]:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for number, header in enumerate(sheet.rows[header_row - 1], start=1):
        text = str(header).strip() if header is not None else ""
        if not text:
            if any(_present(sheet.value(r, number)) for r in range(header_row + 1, len(sheet.rows) + 1)):
                parsed.notes.append(
                    f"{sheet.where.at(header_row, number)}: Spalte ohne Überschrift – nicht übernommen"
                )
            continue
        column = column_for(text)
        if column is None:
            guess = close_header(text)
            if guess:
                parsed.findings.append(
                    Finding(
                        sheet.where.at(header_row, number),
                        text,
                        f"unbekannte Spaltenüberschrift (meinten Sie „{guess}“?); Überschrift korrigieren",
                    )
                )
            else:
                parsed.notes.append(
                    f"{sheet.where.at(header_row, number)}: Spalte „{text}“ – nicht übernommen"
                )
            continue
        if column.key in columns:
            parsed.findings.append(
                Finding(
                    sheet.where.at(header_row, number),
                    text,
                    f"steht doppelt in der Kopfzeile (zuerst in Spalte C{columns[column.key]} "
                    f"„{headers[column.key]}“); eine der beiden Spalten umbenennen oder löschen",
                )
            )
            continue
        columns[column.key] = number
        headers[column.key] = text
    return columns, headers


def _check_row_shape(row: Row, parsed: Parsed) -> None:
    """Every row names field and goal; a row with measure content needs the measure's number."""
    if "goal_number" not in row.values and "goal_number" not in row.failed and row.is_measure:
        row.values["goal_number"] = int(row.values["number"].split(".")[0])
    for key in ("field", "goal_number"):
        if key not in row.values and key in row.columns and key not in row.failed:
            parsed.findings.append(
                row.finding(key, "ist leer; jede Zeile braucht Handlungsfeld und Ziel-Nr.")
            )
    if row.is_measure or "number" in row.failed:
        return
    filled = [k for k in row.values if BY_KEY[k].measure_only]
    if filled:
        named = ", ".join(f"„{row.header(k)}“" for k in filled)
        parsed.findings.append(
            row.finding(
                "number",
                f"ist leer, aber die Zeile hat Angaben zu einer Maßnahme ({named}); Nummer eintragen "
                "(Zeilen ohne Maßnahme-Nr. beschreiben nur ein Ziel)",
            )
        )


def _filled(row: list[Any]) -> bool:
    return any(_present(v) for v in row)


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
