"""Static SVG charts at build time: Vega-Lite specs rendered by vl-convert, never drawn by hand.

Why this library (measured in ../shared/ECOSYSTEM.md): vl-convert writes SVG without inline
`style`/`<style>`/`<script>` (so it passes the strict CSP inline), gives the same bytes for the same
input in every process, and leaves colours to `currentColor`, so the page's light and dark
palettes and print apply. What it lacks for accessibility is added here: a `<title>` and `<desc>`
on the root `<svg>` with `role="img"`; ids made unique per page; and every chart is published
inside a `<figure>` together with a one-sentence summary and its data table (caption, `th scope`)
— the table is the text alternative, the chart only a picture of it.

Status (or any category) is never told by colour alone: each bar has a fill *pattern* of its own,
its category label and its value written next to it.

Public API (used by the roll-ups here and by the indicator charts of the open-data pages):

    bar_chart(chart_id, bars, text)    -> Markup   horizontal bars, one per category
    line_chart(chart_id, points, text) -> Markup   values over time
    Bar, Point, ChartText                          the inputs, all texts already in the page language

Every text is passed as data and escaped by the renderer and by this module; nothing a caller
passes can become an element or attribute.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .stacking import label_cells
from .templating import RENDER_TEMPLATES

# Fill patterns, in the order bar charts hand them out. Each is drawn in currentColor, so it
# follows the text colour of the palette (and prints black on white).
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "vertical", "outline")

_PATTERN_SHAPES = {
    "diagonal": '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="currentColor" stroke-width="2"/>',
    "dots": '<circle cx="4" cy="4" r="1.8" fill="currentColor"/>',
    "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="currentColor" stroke-width="1.4"/>',
    "horizontal": '<path d="M0,2 H8 M0,6 H8" stroke="currentColor" stroke-width="1.4"/>',
    "vertical": '<path d="M2,0 V8 M6,0 V8" stroke="currentColor" stroke-width="1.4"/>',
}

_TEMPLATES = RENDER_TEMPLATES

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Vega's own ARIA roles on inner groups: the root is one image (role="img"), its parts are not
# separately exposed, so they are removed rather than left contradicting the root's role.
_INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label)="[^"]*"')


@dataclass(frozen=True)
class ChartText:
    """Every text around one chart, already in the page language (plain text, escaped here).

    title:       the chart's name (`<title>` in the SVG, the table caption)
    description: what the chart shows, one or two sentences (`<desc>`)
    summary:     the one-sentence reading of the numbers shown under the chart
    category_header / value_header: the two column heads of the data table
    lang / rtl:  page language; rtl puts the category axis on the right and lets bars grow leftwards
    """

    title: str
    description: str
    summary: str
    category_header: str
    value_header: str
    lang: str
    rtl: bool = False


@dataclass(frozen=True)
class Bar:
    """One category of a bar chart.

    label:      category name as shown (e.g. "● Umgesetzt"), also the table's row header
    value:      the number (drawn)
    value_text: the number formatted for the page language (written next to the bar and in the table)
    pattern:    one of PATTERNS, or "" to hand them out in order
    key:        optional stable key (e.g. a status ID) for the table row's data-key attribute
    label_html: optional escaped Markup for the table's row header, e.g. a German fallback
                wrapped in `<span lang="de">` (the SVG always gets the plain label)
    """

    label: str
    value: float
    value_text: str
    pattern: str = ""
    key: str = ""
    label_html: Markup | None = None


@dataclass(frozen=True)
class Point:
    """One value of a line chart: its date, the number, and both formatted for the page language."""

    date: dt.date
    value: float
    date_text: str
    value_text: str


def bar_chart(chart_id: str, bars: Sequence[Bar], text: ChartText, *, width: int = 260) -> Markup:
    """A horizontal bar chart as `<figure>`: SVG, summary sentence and data table.

    chart_id must be unique on the page (lowercase, digits, hyphens); it prefixes every id inside.
    width is the length of the longest bar in SVG units; the SVG scales down on narrow screens.
    """
    _check_id(chart_id)
    patterns = [bar.pattern or PATTERNS[i % len(PATTERNS)] for i, bar in enumerate(bars)]
    for pattern in patterns:
        if pattern not in PATTERNS:
            raise ValueError(f"unknown pattern {pattern!r}; one of {', '.join(PATTERNS)}")
    values = [
        {
            "label": bar.label,
            "value": bar.value,
            "text": bar.value_text,
            "fill": _fill(chart_id, pattern),
            "stroke": "currentColor",
        }
        for bar, pattern in zip(bars, patterns, strict=True)
    ]
    maximum = max((bar.value for bar in bars), default=0) or 1
    category = {
        "field": "label",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"orient": "right" if text.rtl else "left", "labelLimit": 220, "ticks": False},
    }
    value_scale = {"domain": [0, maximum * 1.15], "reverse": text.rtl, "nice": False}
    spec = {
        "width": width,
        "height": {"step": 30},
        "data": {"values": values},
        "encoding": {"y": category},
        "layer": [
            {
                "mark": {"type": "bar", "strokeWidth": 1},
                "encoding": {
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "title": None,
                        "scale": value_scale,
                        "axis": None,
                    },
                    "fill": {"field": "fill", "type": "nominal", "scale": None},
                    "stroke": {"field": "stroke", "type": "nominal", "scale": None},
                },
            },
            {
                # Direct labels: the value written at the end of each bar, so no axis is needed.
                "mark": {
                    "type": "text",
                    "align": "right" if text.rtl else "left",
                    "dx": -6 if text.rtl else 6,
                    "fontSize": 14,
                    "fontWeight": "bold",
                },
                "encoding": {
                    "x": {"field": "value", "type": "quantitative", "scale": value_scale},
                    "text": {"field": "text"},
                },
            },
        ],
    }
    svg = _svg(chart_id, spec, text, [p for p in dict.fromkeys(patterns) if p in _PATTERN_SHAPES])
    rows = [{"label": bar.label_html or bar.label, "value": bar.value_text, "key": bar.key} for bar in bars]
    return _figure(chart_id, svg, text, rows, kind="bar")


def line_chart(
    chart_id: str,
    points: Sequence[Point],
    text: ChartText,
    *,
    width: int = 360,
    height: int = 180,
    number_format: dict[str, object] | None = None,
) -> Markup:
    """Values over time as `<figure>`: a line with a point per value, summary and data table.

    number_format is a d3 format locale ({"decimal": ",", "thousands": ".", "grouping": [3],
    "currency": ["", ""]}) so the value axis reads like the page language; dates on the time axis
    are labelled by year.
    """
    _check_id(chart_id)
    values = [{"date": p.date.isoformat(), "value": p.value, "label": p.value_text} for p in points]
    spec = {
        "width": width,
        "height": height,
        "data": {"values": values},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": None,
                "scale": {"reverse": text.rtl},
                "axis": {"format": "%Y", "tickCount": "year", "labelAngle": 0},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": None,
                "axis": {"orient": "right" if text.rtl else "left", "format": ",~r"},
            },
        },
        "layer": [
            {"mark": {"type": "line", "stroke": "currentColor", "strokeWidth": 2}},
            {
                "mark": {
                    "type": "point",
                    "filled": True,
                    "fill": "currentColor",
                    "size": 50,
                    "shape": "square",
                }
            },
        ],
    }
    svg = _svg(chart_id, spec, text, [], number_format=number_format)
    rows = [{"label": p.date_text, "value": p.value_text, "key": p.date.isoformat()} for p in points]
    return _figure(chart_id, svg, text, rows, kind="line")


# -- internals ---------------------------------------------------------------------------------

# Every colour is currentColor, so the page's palette (light, dark, print) decides; fonts are the
# page's sans-serif. No background: the page's shows through.
_CONFIG = {
    "aria": False,
    "background": None,
    "view": {"stroke": None},
    "font": "sans-serif",
    "text": {"fill": "currentColor"},
    "axis": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "domainColor": "currentColor",
        "tickColor": "currentColor",
        "gridColor": "currentColor",
        "gridOpacity": 0.25,
        "labelFontSize": 14,
        "titleFontSize": 14,
        "labelPadding": 6,
    },
}


def _svg(
    chart_id: str,
    spec: dict[str, object],
    text: ChartText,
    patterns: list[str],
    *,
    number_format: dict[str, object] | None = None,
) -> str:
    spec = {**spec, "config": _CONFIG}
    raw = _convert(json.dumps(spec, sort_keys=True, ensure_ascii=False), json.dumps(number_format))
    return _decorate(raw, chart_id, text, patterns)


@functools.lru_cache(maxsize=512)
def _convert(spec_json: str, format_json: str) -> str:
    """Vega-Lite → SVG (cached: the same chart in the same language is rendered once per process)."""
    import vl_convert  # imported late: starting its JavaScript engine costs time only when used

    number_format = json.loads(format_json)
    if number_format:
        return vl_convert.vegalite_to_svg(spec_json, format_locale=number_format)
    return vl_convert.vegalite_to_svg(spec_json)


def _decorate(svg: str, chart_id: str, text: ChartText, patterns: list[str]) -> str:
    """Add title/desc/role to the root, patterns as defs, and drop Vega's inner ARIA roles."""
    match = re.match(r"<svg\b[^>]*>", svg)
    if not match:  # pragma: no cover - vl-convert always starts with the root element
        raise ValueError("vl-convert returned no <svg> root")
    root = match.group(0)
    # The page's stylesheet sizes the chart (max-width: 100%); the viewBox keeps its proportions.
    root = re.sub(r' class="marks"', f' class="kik-chart__svg" id="{chart_id}-svg"', root)
    root = root.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" ',
        1,
    )
    head = (
        f'<title id="{chart_id}-title">{html.escape(text.title)}</title>'
        f'<desc id="{chart_id}-desc">{html.escape(text.description)}</desc>'
    )
    if patterns:
        defs = "".join(
            f'<pattern id="{chart_id}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f"{_PATTERN_SHAPES[name]}</pattern>"
            for name in patterns
        )
        head += f"<defs>{defs}</defs>"
    body = _INNER_ARIA.sub("", svg[match.end() :])
    return root + head + body


def _fill(chart_id: str, pattern: str) -> str:
    if pattern == "solid":
        return "currentColor"
    if pattern == "outline":
        return "none"
    return f"url(#{chart_id}-{pattern})"


def _figure(chart_id: str, svg: str, text: ChartText, rows: list[dict[str, str]], *, kind: str) -> Markup:
    html_out = _TEMPLATES.get_template("chart.html").render(
        chart_id=chart_id, svg=Markup(svg), text=text, rows=rows, kind=kind
    )
    # The data table stacks on phones like every table of the site: cells carry their column label.
    return label_cells("\n".join(line for line in html_out.splitlines() if line.strip()))


def _check_id(chart_id: str) -> None:
    if not _ID.match(chart_id):
        raise ValueError(
            f"chart id {chart_id!r}: lowercase letters, digits and hyphens, starting with a letter"
        )
