"""Pure functions (Dataset, language) → HTML for the tables and blocks the pages embed.

Nothing here knows MkDocs. Links to other pages are resolved by a `Linker` the adapter passes in,
so the functions can be tested with a plain dict of URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from typing import Any

from markupsafe import Markup

from ..data.model import Dataset, Localized, Measure
from ..i18n.formats import format_date
from .stacking import label_cells
from .templating import RENDER_TEMPLATES

Linker = Callable[[str], str]  # docs-relative .md path (+ optional #anchor) -> URL for the page

_TEMPLATES = RENDER_TEMPLATES


@dataclass(frozen=True)
class Context:
    """What every renderer needs: the data, the page language and how to link."""

    data: Dataset
    lang: str
    link: Linker
    # Reports older than stale_months before today say so ("Stand älter als 12 Monate").
    today: dt.date = dc_field(default_factory=dt.date.today)
    stale_months: int = 12
    inline: bool = False  # output goes into Markdown text (see escape_text)

    @property
    def rtl(self) -> bool:
        return self.data.language(self.lang).dir == "rtl"

    def label(self, key: str, **values: Any) -> Markup:
        """A UI label with placeholders filled; German fallbacks are marked with lang/dir."""
        text = self.data.label(key, self.lang)
        filled = Localized(text.text.format(**{k: _plain(v) for k, v in values.items()}), text.lang)
        return self.loc(filled)

    def loc(self, value: Any) -> Markup:
        """Escape a text; wrap it in lang (and dir) when it is not in the page language."""
        if value is None:
            return Markup("")
        if isinstance(value, Localized):
            body = escape_text(value.text, inline=self.inline)
            if value.lang != self.lang:
                direction = ' dir="ltr"' if self.rtl else ""
                return Markup(f'<span lang="{value.lang}"{direction}>{body}</span>')
            return body
        return escape_text(str(value), inline=self.inline)

    def text(self, collection: str, item_id: str, key: str) -> Any:
        return self.data.text(collection, item_id, key, self.lang)

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return format_date(value, self.lang, self.data.label("date_pattern", self.lang).text)

    def number(self, value: float) -> str:
        decimals = 0 if float(value).is_integer() else 1
        raw = f"{value:,.{decimals}f}"
        sep_thousands = self.data.label("thousands_separator", self.lang).text
        sep_decimal = self.data.label("decimal_separator", self.lang).text
        return raw.replace(",", "\0").replace(".", sep_decimal).replace("\0", sep_thousands)


_LINE_BREAKS = re.compile(r"[\r\n]+")
# For HTML (block output and Material's templates): text content and quoted attributes; the
# Markdown characters as references too, so the same text is inert wherever it lands. Braces stay:
# they are placeholders of labels that are formatted after escaping (site/hooks.py).
_HTML_ESCAPES = {
    **{ord(c): f"&#{ord(c)};" for c in "\\`*_[]#+-!|~^"},
    **{ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"},
}
# For macro output inside a Markdown heading or paragraph. Python-Markdown reads it again, so
# its syntax characters get a backslash (Markdown turns `\[` back into a plain "["; MkDocs does
# the same for page titles and the table of contents, so no "&#91;" shows up in Material's
# aria-labels). Characters Markdown has no backslash escape for become references.
_INLINE_ESCAPES = {
    **{ord(c): "\\" + c for c in "\\`*_{}[]()#+-.!|>"},
    **{ord("&"): "&amp;", ord("<"): "&lt;", ord("~"): "&#126;", ord("^"): "&#94;"},
}


def escape_text(text: str, *, inline: bool = False) -> Markup:
    """The one escaping path for every data text and label that reaches a page.

    `inline=False`: for HTML — safe as text content and inside a quoted attribute, and inert for
    Markdown. `inline=True`: for macro output that Python-Markdown reads again (a title in a
    heading, a summary in a paragraph): no link, emphasis, list, heading or attribute can come
    out of it. Line breaks become spaces either way (a line break followed by "- " would start a
    list, a blank line would end an HTML block).
    """
    flat = _LINE_BREAKS.sub(" ", text)
    return Markup(flat.translate(_INLINE_ESCAPES if inline else _HTML_ESCAPES))


def _plain(value: Any) -> str:
    return value.text if isinstance(value, Localized) else str(value)


def _render(template: str, ctx: Context, **values: Any) -> Markup:
    # Every table cell carries its column label for the stacked phone layout (stacking.py).
    html = _TEMPLATES.get_template(template).render(ctx=ctx, **values)
    if "<table" in html:  # parsing the HTML of every status badge again would cost seconds
        html = label_cells(html)
    # Markdown treats blank lines inside HTML blocks as the end of the block; keep output compact.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


# -- building blocks --------------------------------------------------------------------------


def status_badge(ctx: Context, measure: Measure) -> Markup:
    """Status as icon plus words plus date: readable without colour and by screen readers."""
    return _render("status.html", ctx, measure=measure, status=ctx.data.status(measure.status))


def field_counts(ctx: Context, field_id: str) -> dict[str, Any]:
    field = ctx.data.field(field_id)
    return {
        "goals": len(ctx.data.goals_of(field_id)),
        # Goal numbers are known from measure numbers; their wording only where a text exists.
        "goals_with_wording": sum(1 for g in ctx.data.goals_of(field_id) if ctx.text("goals", g.id, "title")),
        "measures": len(ctx.data.measures_of(field_id)),
        "declared_goals": field.declared_goals,
        "declared_measures": field.declared_measures,
    }


def count_text(ctx: Context, shown: int, declared: int | None) -> Markup:
    if declared is None:
        return ctx.label("count_unknown_total", shown=shown)
    return ctx.label("count_of_declared", shown=shown, total=declared)


# -- public renderers (one per macro) ----------------------------------------------------------


def fields_overview(ctx: Context) -> Markup:
    """Table of the six action fields with how many goals and measures are online."""
    rows = [{"field": f, "counts": field_counts(ctx, f.id), "url": ctx.link(f.page)} for f in ctx.data.fields]
    return _render("fields_overview.html", ctx, rows=rows, count_text=count_text)


def field_cards(ctx: Context) -> Markup:
    """The action fields as linked cards for the start page, each with its completeness."""
    cards = [
        {"field": f, "counts": field_counts(ctx, f.id), "url": ctx.link(f.page)} for f in ctx.data.fields
    ]
    return _render("field_cards.html", ctx, cards=cards, count_text=count_text)


def completeness(ctx: Context, field_id: str) -> Markup:
    """The honest sentence how much of a field's catalogue is online, and how far those measures
    have come (the field's roll-up: chart, table and sentence)."""
    from .monitoring import progress_overview  # monitoring builds on this module

    field = ctx.data.field(field_id)
    shown = len(ctx.data.measures_of(field_id))
    if field.declared_measures is None:
        text = ctx.label("completeness_unknown", shown=shown, pages=field.pages)
    else:
        text = ctx.label("completeness_known", shown=shown, total=field.declared_measures, pages=field.pages)
    return _render(
        "completeness.html", ctx, text=text, field=field, progress=progress_overview(ctx, field_id)
    )


def goals_table(ctx: Context, field_id: str) -> Markup:
    field = ctx.data.field(field_id)
    goals = [
        {
            "goal": g,
            "title": ctx.text("goals", g.id, "title"),
            "measures": len(ctx.data.measures_of_goal(g.id)),
        }
        for g in ctx.data.goals_of(field_id)
    ]
    return _render("goals_table.html", ctx, field=field, goals=goals)


def measures_by_goal(ctx: Context, field_id: str) -> Markup:
    """One table per goal, each measure a row anchored by its ID."""
    field = ctx.data.field(field_id)
    groups = []
    for goal in ctx.data.goals_of(field_id):
        measures = ctx.data.measures_of_goal(goal.id)
        if measures:
            groups.append({"goal": goal, "title": ctx.text("goals", goal.id, "title"), "measures": measures})
    from .monitoring import status_with_age

    return _render(
        "measures.html",
        ctx,
        field=field,
        groups=groups,
        badge=status_with_age,
        page_link=lambda m: measure_link(ctx, m),
    )


def status_legend(ctx: Context) -> Markup:
    return _render("status_legend.html", ctx, statuses=ctx.data.statuses)


def actors_index(ctx: Context) -> Markup:
    """Every institution with links to the measures it leads or supports."""
    rows = []
    for actor in sorted(ctx.data.actors, key=lambda a: ctx.text("actors", a.id, "name").text.casefold()):
        leads = [m for m in ctx.data.measures if actor.id in m.lead]
        supports = [m for m in ctx.data.measures if actor.id in m.partners]
        rows.append({"actor": actor, "leads": leads, "supports": supports})
    return _render("actors.html", ctx, rows=rows, measure_link=lambda m: measure_link(ctx, m))


def indicator_table(ctx: Context, indicator_id: str) -> Markup:
    indicator = ctx.data.indicator(indicator_id)
    sources = {s.id: s for s in ctx.data.sources}
    return _render("indicator.html", ctx, indicator=indicator, sources=sources)


def measure_link(ctx: Context, measure: Measure) -> str:
    """The measure's own page (massnahmen/<id>/), with its facts and history."""
    from .monitoring import measure_page_uri

    return ctx.link(measure_page_uri(measure.id))


def field_title(ctx: Context, field_id: str) -> Markup:
    """A field's title, for a heading: inline Markdown context."""
    ctx = replace(ctx, inline=True)
    return ctx.loc(ctx.text("fields", ctx.data.field(field_id).id, "title"))


def field_summary(ctx: Context, field_id: str) -> Markup:
    """A field's summary, for a paragraph: inline Markdown context."""
    ctx = replace(ctx, inline=True)
    return ctx.loc(ctx.text("fields", ctx.data.field(field_id).id, "summary"))


def indicator_latest(ctx: Context, indicator_id: str) -> Markup:
    """The newest value of an indicator with its reference date, for use inside a sentence."""
    ctx = replace(ctx, inline=True)
    indicator = ctx.data.indicator(indicator_id)
    latest = indicator.values[-1]
    value = ctx.label(f"unit_{indicator.unit}", value=ctx.number(latest.value))
    as_of = ctx.label("status_as_of", date=ctx.date(latest.date))
    return Markup(f'<span class="kik-figure">{value} ({as_of})</span>')


def build_date(ctx: Context, day: dt.date) -> Markup:
    """The day this version of the site was built, in the page's date format."""
    return escape_text(ctx.date(day))


def translation_status(ctx: Context, reports: list[Any]) -> Markup:
    """The translators' overview: per language, pages and data texts translated/outdated/missing."""
    names = {lg.id: lg.name for lg in ctx.data.languages}
    return _render("translation_status.html", ctx, reports=reports, names=names)
