"""`python -m macros import`: the city's spreadsheet → data/, with the data check's rules.

Every test works on a copy of data/ in tmp_path; the repository's data/ is never written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_lib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data.dataset import check, load_dataset
from macros.i18n.translations import text_states
from macros.importer.run import run_import
from tests import import_tables as tables
from tests.support import REPO, make_project, mini_docs, mkdocs_build, run_macros

TODAY = dt.date(2026, 12, 1)  # after every date of the real and the synthetic data
EXAMPLE = REPO / "tests" / "fixtures" / "import" / "beispiel-massnahmen.csv"


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(table: Path, data: Path, write: bool = True) -> tuple[int, str]:
    lines: list[str] = []
    code = run_import(table, data, write=write, today=TODAY, out=lines.append)
    return code, "\n".join(lines)


def measure(data: Path, measure_id: str) -> Any:
    return next(m for m in load_dataset(data, TODAY).measures if m.id == measure_id)


def german(data: Path) -> dict[str, Any]:
    return yaml.safe_load((data / "i18n" / "de" / "texts.yml").read_text(encoding="utf-8"))


# -- the full catalogue in three formats -----------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_full_catalogue_imports_checks_and_is_stable(tmp_path: Path, suffix: str) -> None:
    data = copy_data(tmp_path)
    rows = tables.catalogue(dates_as="german" if suffix == ".csv" else "date")
    table = tables.write(tmp_path / f"katalog{suffix}", rows)

    code, output = run(table, data)
    assert code == 0, output
    assert "Geschrieben: data/goals.yml, data/measures.yml, data/i18n/de/texts.yml" in output
    assert check(data, TODAY) == []
    dataset = load_dataset(data, TODAY)
    # 144 from the spreadsheet; of the five real measures 3.2 and 8.3 share a number with the
    # catalogue (same ID, new texts), the other three stay as they were.
    assert len(dataset.measures) == 147
    assert len(dataset.goals) == 48
    assert {m.id for m in dataset.measures} >= {"sb-m2-4", "sb-m8-6", "sb-m4-4", "aa-m1-1", "io-m8-3"}
    kept = measure(data, "sb-m8-6")
    assert (kept.vote_rank, kept.lead) == (2, ("bildungstraeger",))
    sb_3_2 = measure(data, "sb-m3-2")
    assert sb_3_2.vote_rank == 3  # no column for it: kept
    texts = german(data)["measures"]
    assert texts["sb-m3-2"]["title"].startswith("Synthetische Testmaßnahme sb-3.2")
    # Names and IDs both resolve; "2.10"-style numbers stay text; dates are dates.
    aa = measure(data, "aa-m1-1")
    assert aa.number == "1.1" and aa.goal == "aa-z1"
    assert all(isinstance(m.number, str) for m in dataset.measures)
    assert measure(data, "sb-m1-1").pages.first == 58

    before = hashes(data)
    code, output = run(table, data)
    assert code == 0, output
    assert "nichts zu tun" in output
    assert hashes(data) == before


def test_imported_catalogue_builds(tmp_path: Path) -> None:
    """A mini site (German) builds from data that the full XLSX import wrote."""
    docs = mini_docs()
    docs["de/umsetzung/kennzahlen.md"] = '# Kennzahlen\n\n{{ indicator_table("einwohner") }}\n'
    project = make_project(tmp_path / "project", docs)
    shutil.copytree(REPO / "data", project / "data")
    table = tables.write(tmp_path / "katalog.xlsx", tables.catalogue())
    result = run_macros(project, "import", str(table), "--write", "--data", str(project / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    build = mkdocs_build(project, "de", tmp_path / "out")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "out" / "handlungsfelder" / "arbeit-und-ausbildung" / "index.html").read_text("utf-8")
    assert "Synthetische Testmaßnahme aa-1.1" in html_lib.unescape(page)  # as the reader sees it
    assert 'id="aa-m1-1"' in page


# -- dry run and write -----------------------------------------------------------------------


def test_dry_run_is_the_default_and_shows_a_diff(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    table = tables.write(tmp_path / "katalog.csv", tables.catalogue()[:5])
    before = hashes(data)
    result = run_macros(REPO, "import", str(table), "--data", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert hashes(data) == before
    out = result.stdout
    assert "data/measures.yml: 4 neu, 0 geändert, 5 unverändert" in out
    assert "--- data/measures.yml (bisher)" in out and "+++ data/measures.yml (nach dem Import)" in out
    assert "+  - id: sb-m1-1" in out
    assert "Probelauf – nichts geschrieben" in out
    result = run_macros(REPO, "import", str(table), "--write", "--data", str(data))
    assert result.returncode == 0
    assert hashes(data) != before and check(data, TODAY) == []


def test_write_keeps_comments_layout_and_translations(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    original = {name: (data / name).read_text("utf-8") for name in ("measures.yml", "i18n/de/texts.yml")}
    table = tables.write(tmp_path / "katalog.xlsx", tables.catalogue()[:3])
    translations = {lang: hashes(data / "i18n" / lang) for lang in ("en", "tr", "ar")}
    assert run(table, data)[0] == 0
    measures = (data / "measures.yml").read_text("utf-8")
    # The header comment and the untouched entries are as they were, byte for byte.
    head = original["measures.yml"].split("measures:\n")[0]
    assert measures.startswith(head + "measures:\n")
    assert original["measures.yml"].split("measures:\n")[1] in measures
    texts = (data / "i18n" / "de" / "texts.yml").read_text("utf-8")
    assert texts.startswith(original["i18n/de/texts.yml"].split("goals:")[0].split("measures:")[0])
    assert "\n\nactors:\n" in texts  # the blank line before the next section stays
    for lang, before in translations.items():
        assert hashes(data / "i18n" / lang) == before


def test_changed_title_keeps_the_id_and_makes_translations_outdated(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    en_before = (data / "i18n" / "en" / "texts.yml").read_bytes()
    rows = [tables.HEADER, ["sb", "2", "", "2.4", "Sprachcafés in allen Stadtteilen (geänderter Titel)"]]
    table = tables.write(tmp_path / "titel.csv", [r + [""] * (len(tables.HEADER) - len(r)) for r in rows])
    code, output = run(table, data)
    assert code == 0, output
    assert [m.id for m in load_dataset(data, TODAY).measures if m.number == "2.4"] == ["sb-m2-4"]
    assert german(data)["measures"]["sb-m2-4"]["title"].endswith("(geänderter Titel)")
    assert (data / "i18n" / "en" / "texts.yml").read_bytes() == en_before
    states = {(s.collection, s.item_id): s.state for s in text_states(load_dataset(data, TODAY), "en")}
    assert states[("measures", "sb-m2-4")] == "outdated"
    assert states[("measures", "sb-m8-6")] == "translated"


def test_history_added_in_yaml_survives_a_reimport(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    table = tables.write(tmp_path / "katalog.xlsx", tables.catalogue()[:4])
    assert run(table, data)[0] == 0
    first = measure(data, "sb-m1-1")
    assert first.status == "in-progress"
    # An editor records, by hand, that the measure has been completed since.
    path = data / "measures.yml"
    text = path.read_text("utf-8")
    text = text.replace(
        "        status: in-progress\n",
        "        status: in-progress\n      - date: 2026-05-01\n        status: done\n",
        1,
    )
    path.write_text(text, "utf-8")
    assert check(data, TODAY) == []
    edited = hashes(data)
    code, output = run(table, data)
    assert code == 0, output
    assert measure(data, "sb-m1-1").status == "done"
    assert hashes(data) == edited


def test_notes_become_dated_texts(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rows = tables.catalogue()[:3]
    rows[2][8] = "01.02.2025: Erste Runde beendet.\n2025-03-05: Zweite Runde geplant."
    table = tables.write(tmp_path / "notizen.xlsx", rows)
    code, output = run(table, data)
    assert code == 0, output
    texts = german(data)["measures"]["sb-m1-2"]
    notes = {str(k): v for k, v in texts["notes"].items()}
    assert notes["2025-02-01"] == "Erste Runde beendet."
    assert notes["2025-03-05"] == "Zweite Runde geplant."


# -- broken spreadsheets ---------------------------------------------------------------------


def _small() -> list[list[Any]]:
    return tables.catalogue()[:4]  # header, sb 1.1, 1.2, 1.3


def _set(rows: list[list[Any]], row: int, column: int, value: Any) -> list[list[Any]]:
    rows[row - 1][column - 1] = value
    return rows


def _missing_column(path: Path) -> Path:
    rows = [r[1:] for r in _small()]  # no "Handlungsfeld"
    return tables.write(path.with_suffix(".csv"), rows)


def _unknown_field(path: Path) -> Path:
    return tables.write(path.with_suffix(".xlsx"), _set(_small(), 3, 1, "Sprache & Bildung"))


def _duplicate_number(path: Path) -> Path:
    return tables.write(path.with_suffix(".ods"), _set(_small(), 4, 4, "1.1"))


def _date_in_text_cell(path: Path) -> Path:
    return tables.write(path.with_suffix(".xlsx"), _set(_small(), 3, 5, dt.date(2025, 3, 1)))


def _unknown_status(path: Path) -> Path:
    return tables.write(path.with_suffix(".csv"), _set(_small(), 3, 7, "Erledigt"))


def _merged_cells(path: Path) -> Path:
    return tables.write_xlsx(path.with_suffix(".xlsx"), _small(), merged=["A2:A4"])


def _merged_cells_ods(path: Path) -> Path:
    rows = _small()
    return tables.write_ods(path.with_suffix(".ods"), rows, merged={(2, 1): (3, 1)})


def _empty_row(path: Path) -> Path:
    rows = _small()
    rows.insert(2, [""] * len(tables.HEADER))
    return tables.write(path.with_suffix(".xlsx"), rows)


def _number_became_date(path: Path) -> Path:
    rows = _set(_small(), 3, 2, "2")
    return tables.write(path.with_suffix(".xlsx"), _set(rows, 3, 4, dt.date(2025, 4, 2)))


def _number_became_date_csv(path: Path) -> Path:
    return tables.write(path.with_suffix(".csv"), _set(_small(), 3, 4, "01.02."))


def _number_as_float(path: Path) -> Path:
    return tables.write(path.with_suffix(".xlsx"), _set(_small(), 3, 4, 1.2))


def _bom(path: Path) -> Path:
    rows = _set(_small(), 4, 8, "März 2025")
    path = tables.write_csv(path.with_suffix(".csv"), rows, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfHandlungsfeld;")
    return path


def _semicolons_windows_1252(path: Path) -> Path:
    rows = _set(_small(), 3, 10, "Verein für Schach Kempten e. V.")
    path = tables.write_csv(path.with_suffix(".csv"), rows, delimiter=";", encoding="cp1252")
    assert "für".encode("cp1252") in path.read_bytes()
    return path


def _commas_utf8(path: Path) -> Path:
    rows = _set(_small(), 2, 8, "01.01.2027")
    return tables.write_csv(path.with_suffix(".csv"), rows, delimiter=",", encoding="utf-8")


BROKEN = {
    "missing_column": (
        _missing_column,
        ["t.csv:R1: Spalte „Handlungsfeld“: fehlt in der Kopfzeile (Zeile 1)"],
    ),
    "unknown_field": (
        _unknown_field,
        ["t.xlsx:Tabelle1:R3:C1: Spalte „Handlungsfeld“: unbekanntes Handlungsfeld „Sprache & Bildung“"],
    ),
    "duplicate_number": (
        _duplicate_number,
        [
            "t.ods:Tabelle1:R4:C4: Spalte „Maßnahme-Nr.“: Maßnahme 1.1 im Handlungsfeld "
            "„Sprache und Bildung“ steht schon in t.ods:Tabelle1:R2"
        ],
    ),
    "date_in_text_cell": (
        _date_in_text_cell,
        [
            "t.xlsx:Tabelle1:R3:C5: Spalte „Titel“: die Zelle enthält ein Datum (01.03.2025), erwartet wird Text"
        ],
    ),
    "unknown_status": (
        _unknown_status,
        ["t.csv:R3:C7: Spalte „Status“: unbekannter Status „Erledigt“"],
    ),
    "merged_cells": (
        _merged_cells,
        [
            "t.xlsx:Tabelle1:R2:C1: Spalte „Handlungsfeld“: verbundene Zellen R2:C1 bis R4:C1; "
            "Verbund aufheben",
            "t.xlsx:Tabelle1:R3:C1: Spalte „Handlungsfeld“: ist leer",
        ],
    ),
    "merged_cells_ods": (
        _merged_cells_ods,
        ["t.ods:Tabelle1:R2:C1: Spalte „Handlungsfeld“: verbundene Zellen R2:C1 bis R4:C1"],
    ),
    "empty_row": (_empty_row, ["t.xlsx:Tabelle1:R3: leere Zeile mitten in der Tabelle; Zeile löschen"]),
    "number_became_date": (
        _number_became_date,
        [
            "t.xlsx:Tabelle1:R3:C4: Spalte „Maßnahme-Nr.“: Excel hat die Nummer in ein Datum verwandelt "
            "(02.04.2025), gemeint war wohl „2.4“; Spalte als Text formatieren"
        ],
    ),
    "number_became_date_csv": (
        _number_became_date_csv,
        ["t.csv:R3:C4: Spalte „Maßnahme-Nr.“: „01.02.“ sieht aus wie ein Datum"],
    ),
    "number_as_float": (
        _number_as_float,
        ["t.xlsx:Tabelle1:R3:C4: Spalte „Maßnahme-Nr.“: die Nummer steht als Zahl 1.2 in der Zelle"],
    ),
    "bom": (_bom, ["t.csv:R4:C8: Spalte „Stand“: kein Datum: „März 2025“; als TT.MM.JJJJ"]),
    "semicolons_windows_1252": (
        _semicolons_windows_1252,
        [
            "t.csv:R3:C10: Spalte „Federführung“: „Verein für Schach Kempten e. V.“ gibt es in "
            "data/actors.yml nicht",
            "  - id: verein-fuer-schach-kempten-e-v",
            "    name: Verein für Schach Kempten e. V.",
        ],
    ),
    "commas_utf8": (_commas_utf8, ["t.csv:R2:C8: Spalte „Stand“: 01.01.2027 liegt in der Zukunft"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_spreadsheet_is_reported_and_changes_nothing(tmp_path: Path, case: str) -> None:
    make, expected = BROKEN[case]
    data = copy_data(tmp_path)
    before = hashes(data)
    table = make(tmp_path / "t")
    code, output = run(table, data)
    assert code == 1, output
    for line in expected:
        assert any(out_line.startswith(line) for out_line in output.splitlines()), output
    assert output.splitlines()[-1].endswith("gefunden – es wurde nichts geschrieben.")
    assert hashes(data) == before


def test_all_problems_at_once(tmp_path: Path) -> None:
    rows = _set(_set(_small(), 2, 7, "Fertig"), 4, 1, "zz")
    data = copy_data(tmp_path)
    code, output = run(tables.write(tmp_path / "t.xlsx", rows), data)
    assert code == 1
    assert "R2:C7: Spalte „Status“" in output and "R4:C1: Spalte „Handlungsfeld“" in output
    assert output.splitlines()[-1] == "2 Probleme gefunden – es wurde nichts geschrieben."


def test_problem_found_by_the_data_check_points_at_the_row(tmp_path: Path) -> None:
    """Rules only the data stage knows (plain text only) are placed on the spreadsheet cell."""
    data = copy_data(tmp_path)
    rows = _set(_small(), 3, 6, "Mit <b>fett</b> geschrieben")
    code, output = run(tables.write(tmp_path / "t.xlsx", rows), data)
    assert code == 1
    assert (
        "t.xlsx:Tabelle1:R3:C6: Spalte „Beschreibung“: HTML ist in Datentexten nicht erlaubt; "
        "nur reinen Text schreiben (Datenprüfung, sb-m1-2)"
    ) in output.splitlines()


def test_problem_of_the_whole_field_names_the_data_file(tmp_path: Path) -> None:
    """A rule about a whole field (declared count) names the data file it concerns."""
    data = copy_data(tmp_path)
    rows = [tables.HEADER] + [
        ["sb", str(g), "", f"{g}.{k}", f"Synthetische Maßnahme {g}.{k}"] + [""] * 10
        for g in range(1, 9)
        for k in range(5, 10)
    ]
    code, output = run(tables.write(tmp_path / "viele.csv", rows), data)
    assert code == 1
    # 8 goals × 5 measures, 8.6 is already there, plus the 5 real ones.
    assert (
        "data/fields.yml:10:24: fields[0].declared_measures: das Konzept nennt 30 Maßnahmen, in den "
        "Daten stehen aber 44 (nach dem Import)"
    ) in output.splitlines()


def test_broken_data_is_refused_before_reading(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "goals.yml").write_text("goals:\n  - id: sb-z2\n    number: zwei\n    field: sb\n", "utf-8")
    code, output = run(tables.write(tmp_path / "t.csv", _small()), data)
    assert code == 1
    assert "data/goals.yml:3:13: goals[0].number: erwartet eine ganze Zahl" in output
    assert "schon vor dem Import Fehler" in output


def test_unreadable_file(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (tmp_path / "t.xlsx").write_bytes(b"kein Excel")
    (tmp_path / "t.txt").write_text("x", "utf-8")
    assert "kann nicht gelesen werden" in run(tmp_path / "t.xlsx", data)[1]
    assert "unbekanntes Dateiformat '.txt'" in run(tmp_path / "t.txt", data)[1]


# -- the example file of the data guide ------------------------------------------------------


def test_example_file_of_the_guide_imports(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    assert EXAMPLE.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "SYNTHETISCH" in EXAMPLE.read_text("utf-8-sig").splitlines()[0]
    code, output = run(EXAMPLE, data)
    assert code == 0, output
    assert check(data, TODAY) == []
    assert "Hinweis" not in output or "nicht übernommen" not in output


# -- IDs, goals and history details ----------------------------------------------------------


def _row(**cells: Any) -> list[Any]:
    """A row in HEADER order from {header: value} (keys with underscores for spaces)."""
    by_header = {h: "" for h in tables.HEADER}
    names = {"Feld": "Handlungsfeld", "ZielNr": "Ziel-Nr.", "Nr": "Maßnahme-Nr."}
    for key, value in cells.items():
        by_header[names.get(key, key)] = value
    return [by_header[h] for h in tables.HEADER]


def test_id_column_renumbers_a_measure(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rows = [[*tables.HEADER, "ID"], [*_row(Feld="sb", ZielNr="2", Nr="2.7"), "sb-m2-4"]]
    code, output = run(tables.write_xlsx(tmp_path / "t.xlsx", rows), data)
    assert code == 0, output
    assert measure(data, "sb-m2-4").number == "2.7"
    # A wrong ID for a number that already has one is refused.
    rows = [[*tables.HEADER, "ID"], [*_row(Feld="sb", ZielNr="8", Nr="8.6"), "sb-m8-7"]]
    code, output = run(tables.write_xlsx(tmp_path / "u.xlsx", rows), data)
    assert code == 1
    assert "u.xlsx:Tabelle1:R2:C16: Spalte „ID“: Maßnahme 8.6 hat in data/ die ID „sb-m8-6“" in output


def test_goal_number_comes_from_the_measure_number_without_its_column(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rows = [["Handlungsfeld", "Nummer", "Titel"], ["aa", "3.1", "Synthetische Maßnahme ohne Ziel-Spalte"]]
    code, output = run(tables.write(tmp_path / "t.csv", rows), data)
    assert code == 0, output
    assert measure(data, "aa-m3-1").goal == "aa-z3"
    rows = [["Handlungsfeld", "Titel"], ["aa", "Nur ein Titel"]]
    code, output = run(tables.write(tmp_path / "u.csv", rows), data)
    assert "u.csv:R1: Spalte „Ziel-Nr.“: fehlt in der Kopfzeile (Zeile 1)" in output


def test_goal_wording_must_agree(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    rows = [
        tables.HEADER,
        _row(Feld="sb", ZielNr="5", Ziel="Wortlaut A"),
        _row(Feld="1", ZielNr="5", Ziel="B"),
    ]
    code, output = run(tables.write(tmp_path / "t.csv", rows), data)
    assert code == 1
    assert "t.csv:R3:C3: Spalte „Ziel“: anderer Wortlaut als in t.csv:R2 für dasselbe Ziel 5" in output
    rows = rows[:2]
    code, output = run(tables.write(tmp_path / "t.csv", rows), data)
    assert code == 0, output
    assert german(data)["goals"]["sb-z5"]["title"] == "Wortlaut A"
    assert [g.id for g in load_dataset(data, TODAY).goals if g.number == 5] == ["sb-z5"]


def test_no_report_in_the_sheet_keeps_a_history(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "measures.yml"
    path.write_text(
        path.read_text("utf-8").replace(
            "    goal: sb-z2\n",
            "    goal: sb-z2\n    history:\n      - date: 2025-05-01\n        status: planned\n",
            1,
        ),
        "utf-8",
    )
    before = hashes(data)
    rows = [tables.HEADER, _row(Feld="sb", ZielNr="2", Nr="2.4", Status="Noch kein Bericht")]
    code, output = run(tables.write(tmp_path / "t.csv", rows), data)
    assert code == 0, output
    assert (
        "Hinweis: t.csv:R2:C7: Status „Stand auf dieser Website noch nicht erfasst – siehe kempten.de“, "
        "aber data/ hat für sb-m2-4 schon eine Chronik" in output
    )
    assert hashes(data) == before
    assert measure(data, "sb-m2-4").status == "planned"


def test_new_state_and_note_are_added_to_the_history(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    first = [tables.HEADER, _row(Feld="sb", ZielNr="2", Nr="2.4", Status="Geplant", Stand="01.02.2025")]
    assert run(tables.write(tmp_path / "a.csv", first), data)[0] == 0
    later = [
        tables.HEADER,
        _row(
            Feld="sb",
            ZielNr="2",
            Nr="2.4",
            Status="In Umsetzung",
            Stand="01.06.2025",
            Notiz="Start mit zwei Orten.",
        ),
    ]
    assert run(tables.write(tmp_path / "b.csv", later), data)[0] == 0
    entries = [(e.date, e.status) for e in measure(data, "sb-m2-4").history]
    assert entries == [(dt.date(2025, 2, 1), "planned"), (dt.date(2025, 6, 1), "in-progress")]
    assert german(data)["measures"]["sb-m2-4"]["notes"] == {"2025-06-01": "Start mit zwei Orten."}
    # The older sheet again: nothing is taken back.
    before = hashes(data)
    code, output = run(tables.write(tmp_path / "a.csv", first), data)
    assert code == 0 and hashes(data) == before
    # A later "Stand" without a change of status and without a note says nothing new.
    same = [tables.HEADER, _row(Feld="sb", ZielNr="2", Nr="2.4", Status="In Umsetzung", Stand="01.09.2025")]
    code, output = run(tables.write(tmp_path / "c.csv", same), data)
    assert code == 0 and hashes(data) == before
    assert "Hinweis: c.csv:R2:C8: sb-m2-4 hat den Status „In Umsetzung“ schon vor dem 01.09.2025" in output


def test_missing_file_and_unknown_option(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    result = run_macros(REPO, "import", str(tmp_path / "fehlt.xlsx"), "--data", str(data))
    assert result.returncode == 1
    assert "fehlt.xlsx: Datei nicht gefunden" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_files_in_another_layout_keep_it(tmp_path: Path) -> None:
    """Data written by PyYAML (lists at the margin, texts wrapped at 100): only the entries the
    import changes are written anew, every other line stays as it was."""
    from tests.synthetic import write_dataset

    data = tmp_path / "data"
    write_dataset(data)
    before = {name: (data / name).read_text("utf-8") for name in ("measures.yml", "i18n/de/texts.yml")}
    rows = [
        tables.HEADER,
        _row(Feld="gp", ZielNr="1", Nr="1.1", Titel="Synthetisch: neuer Titel für 1.1"),
        # gp declares no count of measures in the synthetic set, so one more is allowed.
        _row(
            Feld="gp",
            ZielNr="1",
            Nr="1.4",
            Titel="Synthetisch: neue Maßnahme 1.4",
            Status="Geplant",
            Stand="01.02.2025",
        ),
    ]
    code, output = run(tables.write(tmp_path / "t.csv", rows), data)
    assert code == 0, output
    assert check(data, TODAY) == []
    import difflib

    texts = (data / "i18n" / "de" / "texts.yml").read_text("utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before["i18n/de/texts.yml"].splitlines(), texts.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed[0].startswith("-    title: ") and len(changed) <= 8, changed
    assert "+    title: 'Synthetisch: neuer Titel für 1.1'" in changed
    measures = (data / "measures.yml").read_text("utf-8")
    assert measures.startswith(before["measures.yml"].split("- id: gp-m1-1")[0])  # all before kept as written
    assert '- id: gp-m1-4\n  number: "1.4"\n  goal: gp-z1\n  history:\n  - date: 2025-02-01\n' in measures
    assert measures.endswith(before["measures.yml"].split("- id: gp-m1-3")[1].split("- id: gp-m2-1")[1])
