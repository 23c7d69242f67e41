"""Status report for the Fachrunde: per action field, on paper, in German.

The people who reflect the implementation in the Fachrunden take the current state into the
meeting: how many measures are in which status (the roll-up of the monitoring pages), what
changed since a date they choose (the previous meeting), which reports are stale and which
measures have no report at all, and every measure with its status.

`python -m macros fachrunde --seit 2026-06-01 [--feld sb] [--stichtag 2026-12-01] [--out ordner]`
writes `fachrunde-<slug>.html` (printable page) and `fachrunde-<slug>.pdf` per field. German only,
as the issue asks: the Fachrunden meet in German, and every text comes from the German data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..data.edition import content_edition
from ..data.model import SOURCE_LANGUAGE, Dataset, HistoryEntry, Measure
from ..render.monitoring import DEFAULT_STALE_MONTHS, rollup, rollup_sentence
from ..render.renderers import Context, status_badge
from .printdoc import _JINJA, AUTHOR, STYLESHEET, PrintError, stylesheet


@dataclass(frozen=True)
class Change:
    entry: HistoryEntry
    measure: Measure
    title: Markup
    status: Markup | None  # the new status, for a status change
    note: Markup | None


@dataclass(frozen=True)
class Report:
    field_id: str
    slug: str
    title: str
    number: int
    since: dt.date
    today: dt.date
    sentence: str
    counts: list[tuple[Markup, int]]
    changes: list[Change]
    stale: list[Measure]
    unreported: list[Measure]
    measures: list[Measure]


def _context(data: Dataset, today: dt.date, stale_months: int) -> Context:
    def no_links(target: str) -> str:  # the report stands alone: no links into the website
        return ""

    return Context(data, SOURCE_LANGUAGE, no_links, today=today, stale_months=stale_months)


def field_report(
    data: Dataset, field_id: str, since: dt.date, today: dt.date, stale_months: int = DEFAULT_STALE_MONTHS
) -> Report:
    """The numbers and lists of one action field's report."""
    ctx = _context(data, today, stale_months)
    field = data.field(field_id)
    measures = data.measures_of(field_id)
    numbers = rollup(ctx, measures)
    counts = [(ctx.loc(ctx.text("statuses", sid, "label")), count) for sid, count in numbers.counts]
    changes = []
    for measure in measures:
        notes = ctx.text("measures", measure.id, "notes") or {}
        for entry in measure.history:
            if since <= entry.date <= today:
                status = ctx.loc(ctx.text("statuses", entry.status, "label")) if entry.status else None
                note = notes.get(entry.note_key)
                changes.append(
                    Change(
                        entry,
                        measure,
                        ctx.loc(ctx.text("measures", measure.id, "title")),
                        status,
                        ctx.loc(note) if note else None,
                    )
                )
    changes.sort(key=lambda c: (c.entry.date, c.measure.number))
    return Report(
        field_id=field_id,
        slug=field.slug,
        title=str(ctx.text("fields", field_id, "title")),
        number=field.number,
        since=since,
        today=today,
        sentence=rollup_sentence(ctx, numbers),
        counts=counts,
        changes=changes,
        stale=[m for m in measures if m.is_stale(today, stale_months)],
        unreported=[m for m in measures if not m.history],
        measures=measures,
    )


def render_report(root: Path, data: Dataset, report: Report, stale_months: int) -> str:
    ctx = _context(data, report.today, stale_months)
    edition = content_edition(root, data)
    return _JINJA.get_template("fachrunde.html").render(
        report=report,
        ctx=ctx,
        date=ctx.date,
        badge=lambda m: status_badge(ctx, m),
        title_of=lambda m: ctx.loc(ctx.text("measures", m.id, "title")),
        stale_months=stale_months,
        author=AUTHOR,
        edition=edition,
        stylesheet=STYLESHEET,
    )


def write_reports(
    root: Path,
    data: Dataset,
    out: Path,
    since: dt.date,
    today: dt.date,
    field_ids: list[str] | None = None,
    stale_months: int = DEFAULT_STALE_MONTHS,
) -> list[Path]:
    """Printable page and PDF per field into out; returns the PDFs. PrintError on any failure."""
    from .pdf import render_pdf_or_message

    if since > today:
        raise PrintError(f"--seit {since.isoformat()} liegt nach dem Stichtag {today.isoformat()}")
    known = [f.id for f in data.fields]
    for field_id in field_ids or []:
        if field_id not in known:
            raise PrintError(f"unbekanntes Handlungsfeld '{field_id}' (bekannt: {', '.join(known)})")
    out.mkdir(parents=True, exist_ok=True)
    edition = content_edition(root, data)
    (out / STYLESHEET).write_text(stylesheet(data, SOURCE_LANGUAGE, edition), encoding="utf-8")
    pdfs = []
    for field_id in field_ids or known:
        report = field_report(data, field_id, since, today, stale_months)
        page = out / f"fachrunde-{report.slug}.html"
        page.write_text(render_report(root, data, report, stale_months), encoding="utf-8")
        target = page.with_suffix(".pdf")
        message = render_pdf_or_message(page, target, out, rtl=False)
        if message:
            raise PrintError(message)
        pdfs.append(target)
    return pdfs
