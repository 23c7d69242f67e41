"""The Fachrunde report: per action field, the roll-up, changes since a date, stale and missing
reports – computed from synthetic monitoring histories and read back from the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.__main__ import main
from macros.data.dataset import load_dataset
from macros.publish.fachrunde import field_report, write_reports
from macros.publish.printdoc import PrintError
from tests.synthetic import write_dataset

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fachrunde")
    write_dataset(root / "data", scale=1, seed=3)
    return root


@pytest.fixture(scope="module")
def data(project):
    return load_dataset(project / "data")


def field_with_history(data):
    return next(f.id for f in data.fields if any(m.history for m in data.measures_of(f.id)))


def test_report_counts_every_measure_of_the_field_once(data):
    field_id = field_with_history(data)
    report = field_report(data, field_id, dt.date(2000, 1, 1), TODAY)
    measures = data.measures_of(field_id)
    assert sum(count for _, count in report.counts) == len(measures) == len(report.measures)
    assert f"Von {len(measures)} Maßnahmen" in report.sentence


def test_changes_are_the_entries_since_the_date_and_nothing_older(data):
    field_id = field_with_history(data)
    entries = sorted(h.date for m in data.measures_of(field_id) for h in m.history)
    since = entries[len(entries) // 2]
    report = field_report(data, field_id, since, TODAY)
    expected = [d for d in entries if since <= d <= TODAY]
    assert [c.entry.date for c in report.changes] == expected
    assert all(c.note or c.status for c in report.changes)


def test_stale_and_unreported_measures_are_listed(data):
    field_id = field_with_history(data)
    report = field_report(data, field_id, TODAY, TODAY, stale_months=12)
    measures = data.measures_of(field_id)
    limit = dt.date(TODAY.year - 1, TODAY.month, TODAY.day)
    assert {m.id for m in report.stale} == {m.id for m in measures if m.history and m.as_of < limit}
    assert {m.id for m in report.unreported} == {m.id for m in measures if not m.history}


def test_the_pdf_tells_the_state_in_german(project, data, tmp_path):
    field_id = field_with_history(data)
    since = dt.date(2020, 1, 1)
    [pdf] = write_reports(project, data, tmp_path, since, TODAY, [field_id])
    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    report = field_report(data, field_id, since, TODAY)
    assert f"Handlungsfeld {report.number}" in text and "Änderungen seit 01.01.2020" in text
    assert report.measures[0].number in text
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata.author == "Stadt Kempten (Allgäu)"
    assert (tmp_path / f"fachrunde-{report.slug}.html").is_file()


def test_unknown_field_and_reversed_dates_are_refused(project, data, tmp_path):
    with pytest.raises(PrintError, match="unbekanntes Handlungsfeld 'xx'"):
        write_reports(project, data, tmp_path, TODAY, TODAY, ["xx"])
    with pytest.raises(PrintError, match="liegt nach dem Stichtag"):
        write_reports(project, data, tmp_path, TODAY, dt.date(2020, 1, 1))


def test_command_line_refuses_a_bad_date_with_a_german_message(capsys):
    with pytest.raises(SystemExit):
        main(["fachrunde", "--seit", "1.1.2026"])
    assert "kein Datum im Format JJJJ-MM-TT" in capsys.readouterr().err
