"""Read a spreadsheet (CSV, XLSX, XLS, ODS) into sheets of raw cell values with their positions.

Positions are what the editor sees in the spreadsheet program: row 1 and column 1 are the first
row and column of the sheet, even when the first rows or columns are empty (calamine trims them
unless asked not to). Cell values stay as the file holds them — text, float, date, bool — so the
column rules can tell a number typed as text ("2.10") from a numeric cell (2.1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (".csv", *SPREADSHEET_SUFFIXES)
_CSV_DELIMITERS = (";", ",", "\t")


class TableError(Exception):
    """The file cannot be read at all (wrong type, damaged, wrong encoding); message in German."""


@dataclass(frozen=True)
class Where:
    """A place in the spreadsheet: file name, sheet (None for CSV), row and column from 1."""

    file: str
    sheet: str | None
    row: int = 0
    column: int = 0

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(self.sheet)
        if self.row:
            parts.append(f"R{self.row}")
        if self.column:
            parts.append(f"C{self.column}")
        return ":".join(parts)

    def at(self, row: int, column: int = 0) -> Where:
        return Where(self.file, self.sheet, row, column)


@dataclass(frozen=True)
class Merged:
    """A block of merged cells, rows and columns from 1, inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


@dataclass
class Sheet:
    """One sheet (or the whole CSV file): rows of raw values, row 1 first."""

    where: Where  # file and sheet; row and column 0
    rows: list[list[Any]]
    merged: list[Merged] = field(default_factory=list)

    def value(self, row: int, column: int) -> Any:
        """Raw value at row/column (from 1); '' outside the filled area."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return ""


def read_table(path: Path) -> list[Sheet]:
    """Every sheet of the file. Raises TableError for a file that cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TableError(f"{path}: Datei nicht gefunden")
    if suffix == ".csv":
        return [_read_csv(path)]
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_workbook(path)
    raise TableError(
        f"{path.name}: unbekanntes Dateiformat '{path.suffix}'; erlaubt sind {', '.join(SUFFIXES)} "
        "(in Excel oder LibreOffice „Speichern unter“ wählen)"
    )


# -- CSV -------------------------------------------------------------------------------------


def decode_csv(raw: bytes, name: str) -> str:
    """Text of a CSV file as Excel writes it in Germany: UTF-8 (with or without BOM) or Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise TableError(
            f"{name}: Zeichenkodierung nicht erkannt (weder UTF-8 noch Windows-1252, Byte {err.start + 1}); "
            "in Excel „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen"
        ) from None


def _read_csv(path: Path) -> Sheet:
    text = decode_csv(path.read_bytes(), path.name)
    from .columns import header_score  # the delimiter is the one that makes the headers readable

    def parse(delimiter: str) -> list[list[Any]]:
        try:
            return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        except csv.Error as err:  # e.g. NUL bytes: not a text file Excel wrote
            raise TableError(f"{path.name}: keine lesbare CSV-Datei ({err}); als CSV neu speichern") from None

    best: tuple[int, int, str] | None = None
    for delimiter in _CSV_DELIMITERS:
        rows = parse(delimiter)
        score = max((header_score(row) for row in rows[:10]), default=0)
        candidate = (score, text.count(delimiter), delimiter)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    assert best is not None
    return Sheet(Where(path.name, None), parse(best[2]))


# -- XLSX, XLS, ODS (python-calamine) --------------------------------------------------------


def _read_workbook(path: Path) -> list[Sheet]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as err:  # calamine raises its own error types for damaged files
        raise TableError(
            f"{path.name}: Datei kann nicht gelesen werden ({err}); in Excel oder LibreOffice öffnen "
            "und neu speichern"
        ) from None
    ods_merged = _ods_merged_cells(path) if path.suffix.lower() == ".ods" else {}
    sheets = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = [[_plain(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
        except Exception as err:  # a damaged sheet inside a readable file
            raise TableError(
                f"{path.name}: Tabellenblatt „{name}“ kann nicht gelesen werden ({err})"
            ) from None
        if path.suffix.lower() == ".ods":
            merged = ods_merged.get(name, [])
        else:
            merged = [
                Merged(r0 + 1, c0 + 1, r1 + 1, c1 + 1)
                for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
                if (r0, c0) != (r1, c1)
            ]
        sheets.append(Sheet(Where(path.name, name), rows, merged))
    return sheets


def _plain(value: Any) -> Any:
    """Calamine gives datetime for date cells with a time part and time/timedelta for durations."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _ods_merged_cells(path: Path) -> dict[str, list[Merged]]:
    """Merged blocks per sheet of an ODS file (calamine does not report them for ODS).

    Walks content.xml row by row, honouring repeated rows and columns, and records every cell
    that spans more than one row or column.
    """
    t = "{" + _ODS["table"] + "}"
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return {}
    result: dict[str, list[Merged]] = {}
    for table in root.iter(f"{t}table"):
        found: list[Merged] = []
        row_number = 0
        for row in _iter_rows(table, t):
            repeat_rows = int(row.get(f"{t}number-rows-repeated", "1"))
            column = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                repeat_columns = int(cell.get(f"{t}number-columns-repeated", "1"))
                rows_spanned = int(cell.get(f"{t}number-rows-spanned", "1"))
                columns_spanned = int(cell.get(f"{t}number-columns-spanned", "1"))
                if cell.tag == f"{t}table-cell" and (rows_spanned > 1 or columns_spanned > 1):
                    for r in range(repeat_rows):
                        for c in range(repeat_columns):
                            first_row, first_column = row_number + r + 1, column + c + 1
                            found.append(
                                Merged(
                                    first_row,
                                    first_column,
                                    first_row + rows_spanned - 1,
                                    first_column + columns_spanned - 1,
                                )
                            )
                column += repeat_columns
            row_number += repeat_rows
        result[table.get(f"{t}name", "")] = found
    return result


def _iter_rows(element: ElementTree.Element, t: str) -> Any:
    """table-row elements in document order, also inside header-row and row-group wrappers."""
    for child in element:
        if child.tag == f"{t}table-row":
            yield child
        elif child.tag in (f"{t}table-header-rows", f"{t}table-rows", f"{t}table-row-group"):
            yield from _iter_rows(child, t)
