"""The import's reading layer: cells → values, CSV encodings and delimiters, positions, round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.importer import yamlfiles
from macros.importer.columns import BY_KEY, CellProblem, column_for, convert
from macros.importer.rows import parse_sheets
from macros.importer.table import TableError, read_table
from tests import import_tables as tables
from tests.support import REPO


def value(key: str, cell: object) -> object:
    return convert(BY_KEY[key], cell)


def problem(key: str, cell: object) -> str:
    with pytest.raises(CellProblem) as err:
        convert(BY_KEY[key], cell)
    return str(err.value)


def test_measure_numbers_stay_text() -> None:
    assert value("number", "2.10") == "2.10"
    assert value("number", " 2.4 ") == "2.4"
    assert "als Zahl sind „2.1“ und „2.10“ gleich" in problem("number", 2.1)
    assert "gemeint war wohl „2.4“" in problem("number", dt.date(2025, 4, 2))
    assert "sieht aus wie ein Datum" in problem("number", "02.04.")
    assert "sieht aus wie ein Datum" in problem("number", "2. Apr")
    assert "nicht die Form Ziel.Maßnahme" in problem("number", "zwei")
    assert value("number", "") is None


def test_dates_whatever_the_cell_format() -> None:
    day = dt.date(2025, 3, 1)
    assert value("status_date", day) == day
    assert value("status_date", dt.datetime(2025, 3, 1, 0, 0)) == day
    assert value("status_date", "01.03.2025") == day
    assert value("status_date", "1.3.2025") == day
    assert value("status_date", "2025-03-01") == day
    assert "kein gültiges Datum" in problem("status_date", "31.02.2025")
    assert "kein Datum: „März 2025“" in problem("status_date", "März 2025")


def test_other_cells() -> None:
    assert value("goal_number", 3.0) == 3  # calamine reads 3 as 3.0
    assert value("goal_number", "3") == 3
    assert "ganze Zahl" in problem("goal_number", 2.5)
    assert value("lead", "Amt A; Referat Jugend, Schule und Soziales\nAmt B") == [
        "Amt A",
        "Referat Jugend, Schule und Soziales",
        "Amt B",
    ]
    assert value("pages", "57–62") == {"from": 57, "to": 62}
    assert value("pages", 57.0) == {"from": 57, "to": 57}
    assert "endet vor seinem Anfang" in problem("pages", "62-57")
    assert value("title", "Zwei\nZeilen  Text") == "Zwei Zeilen Text"
    assert "enthält ein Datum" in problem("title", dt.date(2025, 1, 1))
    assert value("notes", "01.02.2025: Eins\nweiter\n2025-03-01 – Zwei") == [
        (dt.date(2025, 2, 1), "Eins weiter"),
        (dt.date(2025, 3, 1), "Zwei"),
    ]
    assert value("notes", "ohne Datum") == [(None, "ohne Datum")]


def test_headers_ignore_case_spaces_and_punctuation() -> None:
    assert column_for("maßnahme nr").key == "number"
    assert column_for("ZIEL-NR").key == "goal_number"
    assert column_for("Partner*innen").key == "partners"
    assert column_for("Kosten") is None


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", "\t")],
)
def test_csv_as_excel_writes_it(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = tables.catalogue()[:3]
    path = tables.write_csv(tmp_path / "t.csv", rows, delimiter=delimiter, encoding=encoding)
    [sheet] = read_table(path)
    assert sheet.rows[0][0] == "Handlungsfeld"  # no BOM left in the first header
    assert sheet.rows[1][4] == rows[1][4]  # umlauts intact
    assert len(sheet.rows[1]) == len(tables.HEADER)


def test_undecodable_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"Handlungsfeld;Ziel-Nr.\n\x81\x8d;1\n")
    with pytest.raises(TableError, match="Zeichenkodierung nicht erkannt"):
        read_table(path)


def test_positions_count_leading_empty_rows_and_columns(tmp_path: Path) -> None:
    """calamine trims empty leading rows/columns; reported positions must not shift."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Maßnahmen"
    ws["C3"], ws["D3"], ws["E3"] = "Handlungsfeld", "Ziel-Nr.", "Status"
    ws["C4"], ws["D4"], ws["E4"] = "sb", "x", ""
    book.save(tmp_path / "t.xlsx")
    parsed = parse_sheets(read_table(tmp_path / "t.xlsx"))
    assert [str(f) for f in parsed.findings] == [
        "t.xlsx:Maßnahmen:R4:C4: Spalte „Ziel-Nr.“: erwartet eine ganze Zahl (z. B. 2), gefunden „x“"
    ]


def test_title_row_above_header_and_extra_columns(tmp_path: Path) -> None:
    rows = [["Maßnahmenkatalog 2025"], [*tables.HEADER, "Kosten intern"], [*tables.catalogue()[1], "500 €"]]
    parsed = parse_sheets(read_table(tables.write_xlsx(tmp_path / "t.xlsx", rows)))
    assert parsed.findings == []
    assert [row.where.row for row in parsed.rows] == [3]
    assert any("Spalte „Kosten intern“ – nicht übernommen" in note for note in parsed.notes)


def test_near_miss_header_is_an_error(tmp_path: Path) -> None:
    rows = [["Handlungsfeld", "Ziel-Nr.", "Beschreibng"], ["sb", "1", "x"]]
    parsed = parse_sheets(read_table(tables.write_xlsx(tmp_path / "t.xlsx", rows)))
    assert [str(f) for f in parsed.findings] == [
        "t.xlsx:Tabelle1:R1:C3: Spalte „Beschreibng“: unbekannte Spaltenüberschrift "
        "(meinten Sie „Beschreibung“?); Überschrift korrigieren"
    ]


@pytest.mark.parametrize("name", ["goals.yml", "measures.yml", "i18n/de/texts.yml", "fields.yml"])
def test_round_trip_keeps_every_byte(name: str) -> None:
    """A file the import loads and does not change is written back exactly as it was."""
    path = REPO / "data" / name
    loaded = yamlfiles.load(path, f"data/{name}")
    assert loaded.dump() == path.read_text(encoding="utf-8")
    assert not loaded.changed
