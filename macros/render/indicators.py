"""Indicator pages and the overview of all indicators: chart, sourced data table, related measures.

A series of two or more dated values is drawn as a line chart (`charts.line_chart`, static SVG);
a single value is shown as a figure – a chart with one point would pretend a trend. The data
table is always there (it is the text alternative of the chart) and names, per value, the
reference date, the value with its unit, whether it is approximate and its source, with values
from outside the KIK marked as context.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from ..data.model import Dataset, Indicator
from . import charts
from .monitoring import GeneratedPage, measure_page_uri
from .renderers import Context, _render

INDICATOR_FOLDER = "kennzahlen"

_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def indicator_page_uri(indicator_id: str) -> str:
    """Docs-relative path of an indicator's page; its URL is kennzahlen/<id>/ in every language."""
    return f"{INDICATOR_FOLDER}/{indicator_id}.md"


def indicator_pages(data: Dataset, lang: str) -> list[GeneratedPage]:
    """One page per indicator: the title as front matter (plain text for <title>, search and the
    sitemap) and one macro call that renders the page, its <h1> included."""
    pages = []
    for indicator in data.indicators:
        title = data.text("indicators", indicator.id, "title", lang).text
        markdown = (
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nkik_generated: true\n---\n\n"
            f'{{{{ indicator_page("{indicator.id}") }}}}\n'
        )
        pages.append(GeneratedPage(indicator_page_uri(indicator.id), markdown))
    return pages


def unit_name(ctx: Context, unit: str) -> Markup:
    names = {
        "percent": lambda: ctx.label("unit_name_percent"),
        "persons": lambda: ctx.label("unit_name_persons"),
        "count": lambda: ctx.label("unit_name_count"),
    }
    return names[unit]()


def value_text(ctx: Context, indicator: Indicator, value: float, approximate: bool) -> str:
    """The value as a reader writes it: unit, separators and 'about' in the page language."""
    shown = ctx.data.label(f"unit_{indicator.unit}", ctx.lang).text.format(value=ctx.number(value))
    if approximate:
        shown = f"{ctx.data.label('indicator_approximate', ctx.lang).text} {shown}"
    return shown


def _plain(ctx: Context, key: str, **values: str) -> str:
    return ctx.data.label(key, ctx.lang).text.format(**values)


def indicator_chart(ctx: Context, indicator_id: str) -> Markup:
    """The chart of an indicator (two or more values) or its single value as a figure."""
    indicator = ctx.data.indicator(indicator_id)
    title = ctx.text("indicators", indicator.id, "title").text
    values = indicator.values
    if len(values) < 2:
        latest = values[-1]
        return _render(
            "indicator_single.html",
            ctx,
            value=value_text(ctx, indicator, latest.value, latest.approximate),
            as_of=ctx.label("status_as_of", date=ctx.date(latest.date)),
            source=ctx.loc(ctx.text("sources", latest.source, "title")),
            context=not _source(ctx, latest.source).kik,
        )
    first, last = values[0], values[-1]
    points = [
        charts.Point(
            v.date, float(v.value), ctx.date(v.date), value_text(ctx, indicator, v.value, v.approximate)
        )
        for v in values
    ]
    text = charts.ChartText(
        title=title,
        description=_plain(
            ctx,
            "indicator_chart_description",
            title=title,
            count=str(len(values)),
            first=ctx.date(first.date),
            last=ctx.date(last.date),
        ),
        summary=_plain(
            ctx,
            "indicator_chart_summary",
            first_value=points[0].value_text,
            first_date=points[0].date_text,
            last_value=points[-1].value_text,
            last_date=points[-1].date_text,
        ),
        category_header=_plain(ctx, "indicator_date"),
        value_header=_plain(ctx, "indicator_value"),
        lang=ctx.lang,
        rtl=ctx.rtl,
    )
    locale = {
        "decimal": ctx.data.label("decimal_separator", ctx.lang).text,
        "thousands": ctx.data.label("thousands_separator", ctx.lang).text,
        "grouping": [3],
        "currency": ["", ""],
    }
    figure = charts.line_chart(f"chart-{indicator.id}", points, text, number_format=locale)
    # The chart module's figure carries a two-column table; the indicator page shows the full,
    # sourced table instead, so only the picture is taken from it.
    svg = _SVG.search(str(figure))
    if svg is None:  # pragma: no cover - line_chart always returns an SVG
        raise ValueError("line_chart returned no <svg>")
    return _render(
        "indicator_chart.html", ctx, chart_id=f"chart-{indicator.id}", svg=Markup(svg.group()), text=text
    )


def indicator_page(ctx: Context, indicator_id: str) -> Markup:
    """One indicator: heading, unit, chart or figure, sourced table, measures, download."""
    indicator = ctx.data.indicator(indicator_id)
    sources = {s.id: s for s in ctx.data.sources}
    measures = [m for m in ctx.data.measures if indicator.id in m.indicators]
    return _render(
        "indicator_page.html",
        ctx,
        indicator=indicator,
        title=ctx.loc(ctx.text("indicators", indicator.id, "title")),
        unit=unit_name(ctx, indicator.unit),
        chart=indicator_chart(ctx, indicator.id),
        sources=sources,
        measures=[{"measure": m, "url": ctx.link(measure_page_uri(m.id))} for m in measures],
        overview_url=ctx.link(f"{INDICATOR_FOLDER}/index.md"),
        data_url=ctx.link("daten.md"),
    )


def indicators_overview(ctx: Context) -> Markup:
    """Every indicator with its latest value, reference date and source, linked to its page."""
    rows = []
    for indicator in ctx.data.indicators:
        latest = indicator.values[-1]
        rows.append(
            {
                "indicator": indicator,
                "url": ctx.link(indicator_page_uri(indicator.id)),
                "value": value_text(ctx, indicator, latest.value, latest.approximate),
                "date": ctx.date(latest.date),
                "source": ctx.loc(ctx.text("sources", latest.source, "title")),
                "context": not _source(ctx, latest.source).kik,
                "count": len(indicator.values),
            }
        )
    return _render("indicators_overview.html", ctx, rows=rows)


def _source(ctx: Context, source_id: str):
    return next(s for s in ctx.data.sources if s.id == source_id)
