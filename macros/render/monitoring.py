"""Following the implementation: measure pages, roll-ups, "Was ist neu?" and the measure explorer.

Pure functions (Context → HTML/Markdown), like `renderers`. Everything rolls up from the measures'
histories (`model.Measure.status`, `.as_of`); nothing here stores a number of its own.

Generated pages: `generated_pages(data)` lists the pages that exist without a Markdown file in
docs/ (one per measure). The MkDocs adapter (`site/hooks.py`, `add_generated_pages`) adds them
to every language build; other features add their own generators to `PAGE_GENERATORS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ..data.model import NO_REPORT, SOURCE_LANGUAGE, Dataset, HistoryEntry, Measure
from . import charts
from .renderers import Context, _render, status_badge

MEASURE_FOLDER = "massnahmen"
# How many entries "Was ist neu?" and the Atom feed show.
NEWS_LIMIT = 50
DEFAULT_STALE_MONTHS = 12


@dataclass(frozen=True)
class GeneratedPage:
    """A page built from data: its docs-relative path and either its Markdown (one macro call,
    rendered by MkDocs) or its plain-text title and a body renderer (a stamped page)."""

    src_uri: str
    markdown: str = ""
    # Not every generated page belongs in the navigation (144 measure pages would drown it);
    # pages outside it are still built, searched and listed in the sitemap.
    in_nav: bool = False
    # A stamped page is not rendered by MkDocs one by one: MkDocs renders one shell page for its
    # folder and the site stage fills in each page's title and body (site/stamping.py).
    title: str = ""
    body: Callable[[Context], Markup] | None = None

    @property
    def stamped(self) -> bool:
        return self.body is not None


def measure_page_uri(measure_id: str) -> str:
    """Docs-relative path of a measure's page; its URL is massnahmen/<id>/ in every language."""
    return f"{MEASURE_FOLDER}/{measure_id}.md"


def measure_pages(data: Dataset, lang: str) -> list[GeneratedPage]:
    """One page per measure, stamped: its title (plain text, for <title>, search and the sitemap)
    and its body, the <h1> included."""
    return [
        GeneratedPage(
            measure_page_uri(measure.id),
            title=measure_title_text(data, measure, lang),
            body=partial(measure_page_of, measure=measure),
        )
        for measure in data.measures
    ]


# Page titles (<title>, search results, tabs) stay short: the site name follows them, and long
# titles are cut by browsers and search engines anyway. The page's <h1> has the full title.
TITLE_LIMIT = 40  # with "Maßnahme 2.4: " and the site name, under html-validate's 120 characters


def measure_title_text(data: Dataset, measure: Measure, lang: str) -> str:
    title = data.text("measures", measure.id, "title", lang).text
    if len(title) > TITLE_LIMIT:
        title = title[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:–- ") + " …"
    return data.label("measure_heading", lang).text.format(number=measure.number, title=title)


def _indicator_pages(data: Dataset, lang: str) -> list[GeneratedPage]:
    # Imported here: the indicator pages use GeneratedPage and the measure page paths of this module.
    from .indicators import indicator_pages

    return indicator_pages(data, lang)


PAGE_GENERATORS: list[Callable[[Dataset, str], list[GeneratedPage]]] = [measure_pages, _indicator_pages]


def generated_pages(data: Dataset, lang: str) -> list[GeneratedPage]:
    """Every generated page of the site in one language (the same paths in every language)."""
    pages: list[GeneratedPage] = []
    for generator in PAGE_GENERATORS:
        pages += generator(data, lang)
    return pages


def generated_uris(data: Dataset) -> set[str]:
    """The docs-relative paths of all generated pages (for link checks; language-independent)."""
    return {page.src_uri for page in generated_pages(data, SOURCE_LANGUAGE)}


# -- derived numbers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rollup:
    """How many measures are in each status, and how many of the reported ones are stale."""

    counts: tuple[tuple[str, int], ...]  # (status ID, count) in the order of statuses.yml
    total: int
    stale: int


def rollup(ctx: Context, measures: Iterable[Measure]) -> Rollup:
    measures = list(measures)
    counts = tuple((s.id, sum(m.status == s.id for m in measures)) for s in ctx.data.statuses)
    stale = sum(m.is_stale(ctx.today, ctx.stale_months) for m in measures)
    return Rollup(counts, len(measures), stale)


def news_entries(data: Dataset, limit: int = NEWS_LIMIT) -> list[tuple[Measure, HistoryEntry]]:
    """The latest history entries across all measures, newest first (ties: by measure number)."""
    from ..data.model import measure_sort_key

    entries = [(m, h) for m in data.measures for h in m.history]
    entries.sort(key=lambda mh: measure_sort_key(mh[0]))
    entries.sort(key=lambda mh: mh[1].date, reverse=True)
    return entries[:limit]


# -- renderers (macros) ------------------------------------------------------------------------


def status_with_age(ctx: Context, measure: Measure) -> Markup:
    """The status badge and, when the latest entry is old, "Stand älter als 12 Monate"."""
    badge = status_badge(ctx, measure)
    if measure.is_stale(ctx.today, ctx.stale_months):
        note = ctx.label("stale_notice", months=ctx.stale_months)
        badge = Markup(f'{badge}\n<span class="kik-stale">{note}</span>')
    return badge


def measure_page(ctx: Context, measure_id: str) -> Markup:
    """Everything known about one measure, with its history as a timeline, newest first."""
    return measure_page_of(ctx, ctx.data.measure(measure_id))


def measure_page_of(ctx: Context, measure: Measure) -> Markup:
    field = ctx.data.field_of_measure(measure)
    goal = ctx.data.goal(measure.goal)
    notes = ctx.text("measures", measure.id, "notes") or {}
    history = [
        {
            "entry": h,
            "status": ctx.data.status(h.status) if h.status else None,
            "note": notes.get(h.note_key),
        }
        for h in reversed(measure.history)
    ]
    return _render(
        "measure_page.html",
        ctx,
        measure=measure,
        field=field,
        goal=goal,
        history=history,
        field_link=ctx.link(f"{field.page}#{measure.id}"),
        status=status_with_age(ctx, measure),
    )


def progress_overview(ctx: Context, field_id: str = "") -> Markup:
    """Roll-up of a field (or, without field_id, of all measures): chart, table and sentence."""
    if field_id:
        measures = ctx.data.measures_of(field_id)
        scope = ctx.text("fields", ctx.data.field(field_id).id, "title").text
        chart_id = f"fortschritt-{field_id}"
    else:
        measures = list(ctx.data.measures)
        scope = ctx.data.label("rollup_scope_all", ctx.lang).text
        chart_id = "fortschritt-gesamt"
    numbers = rollup(ctx, measures)
    sentence = rollup_sentence(ctx, numbers)
    if not numbers.total:
        return _render("rollup_empty.html", ctx, sentence=sentence)
    bars = []
    for status_id, count in numbers.counts:
        status = ctx.data.status(status_id)
        label = ctx.text("statuses", status_id, "label")
        plain = f"{label.text} {status.icon}" if ctx.rtl else f"{status.icon} {label.text}"
        bars.append(
            charts.Bar(
                label=plain,
                value=count,
                value_text=ctx.number(count),
                key=status_id,
                label_html=Markup(f'<span aria-hidden="true">{status.icon}</span> ') + ctx.loc(label),
            )
        )
    text = charts.ChartText(
        title=ctx.data.label("rollup_title", ctx.lang).text.format(scope=scope),
        description=ctx.data.label("rollup_description", ctx.lang).text.format(scope=scope),
        summary=sentence,
        category_header=ctx.data.label("rollup_status_header", ctx.lang).text,
        value_header=ctx.data.label("rollup_count_header", ctx.lang).text,
        lang=ctx.lang,
        rtl=ctx.rtl,
    )
    return charts.bar_chart(chart_id, bars, text)


def _status_part(ctx: Context, key: str, count: int) -> str:
    """One status's part of the roll-up sentence ("3 umgesetzt"), from its optional own label."""
    return ctx.data.label(key, ctx.lang).text.format(count=ctx.number(count))


def rollup_sentence(ctx: Context, numbers: Rollup) -> str:
    """ "Von 30 Maßnahmen sind 3 umgesetzt, 5 in Umsetzung und 22 noch ohne Bericht." """
    if not numbers.total:
        return ctx.data.label("rollup_empty", ctx.lang).text
    parts = []
    for status_id, count in numbers.counts:
        if not count:
            continue
        key = "rollup_part_" + status_id.replace("-", "_")
        if key in ctx.data.labels.get("de", {}):
            part = _status_part(ctx, key, count)
        else:  # a status added to statuses.yml later: a neutral phrase until it gets its own
            label = ctx.text("statuses", status_id, "label").text
            part = ctx.data.label("rollup_part_other", ctx.lang).text.format(
                count=ctx.number(count), status=label
            )
        parts.append(part)
    joined = (
        parts[0]
        if len(parts) == 1
        else ", ".join(parts[:-1]) + ctx.data.label("list_and", ctx.lang).text + parts[-1]
    )
    sentence = ctx.data.label("rollup_sentence", ctx.lang).text.format(
        total=ctx.number(numbers.total), parts=joined
    )
    if numbers.stale:
        sentence += " " + ctx.data.label("rollup_stale", ctx.lang).text.format(
            count=ctx.number(numbers.stale), months=ctx.stale_months
        )
    return sentence


def whats_new(ctx: Context) -> Markup:
    """The latest status changes and notes across all measures, newest first, linked."""
    items = []
    for measure, entry in news_entries(ctx.data):
        items.append(_news_item(ctx, measure, entry))
    return _render("whats_new.html", ctx, items=items, limit=NEWS_LIMIT)


def _news_item(ctx: Context, measure: Measure, entry: HistoryEntry) -> dict[str, object]:
    notes = ctx.text("measures", measure.id, "notes") or {}
    return {
        "measure": measure,
        "entry": entry,
        "title": ctx.text("measures", measure.id, "title"),
        "status": ctx.data.status(entry.status) if entry.status else None,
        "note": notes.get(entry.note_key),
        "url": ctx.link(f"{measure_page_uri(measure.id)}#{entry.id}"),
    }


def measure_explorer(ctx: Context) -> Markup:
    """All measures grouped by field, with the data the explorer script filters on."""
    groups = []
    leads: dict[str, str] = {}
    target_groups: set[str] = set()
    for field in ctx.data.fields:
        rows = []
        for measure in ctx.data.measures_of(field.id):
            groups_ = [g.text for g in ctx.text("measures", measure.id, "target_groups") or []]
            target_groups.update(groups_)
            for actor in measure.lead:
                leads[actor] = ctx.text("actors", actor, "name").text
            rows.append(
                {
                    "measure": measure,
                    "title": ctx.text("measures", measure.id, "title"),
                    "url": ctx.link(measure_page_uri(measure.id)),
                    "groups": groups_,
                    "status": status_with_age(ctx, measure),
                }
            )
        groups.append({"field": field, "rows": rows})
    return _render(
        "explorer.html",
        ctx,
        groups=groups,
        total=len(ctx.data.measures),
        leads=sorted(leads.items(), key=lambda kv: kv[1].casefold()),
        target_groups=sorted(target_groups, key=str.casefold),
        join=_join_values,
    )


def _join_values(values: Iterable[str]) -> str:
    """Several filter values in one data attribute; '|' never occurs in IDs and is rare in text."""
    return "|".join(v.replace("|", "/") for v in values)


def today_default() -> dt.date:
    return dt.date.today()


__all__ = [
    "DEFAULT_STALE_MONTHS",
    "GeneratedPage",
    "NO_REPORT",
    "PAGE_GENERATORS",
    "generated_pages",
    "measure_explorer",
    "generated_uris",
    "measure_page",
    "measure_page_of",
    "measure_page_uri",
    "news_entries",
    "progress_overview",
    "rollup",
    "rollup_sentence",
    "status_with_age",
    "whats_new",
]
