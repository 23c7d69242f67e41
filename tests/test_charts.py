"""macros.render.charts: accessible, CSP-safe, deterministic SVG charts with their data tables."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from macros.render.charts import Bar, ChartText, Point, bar_chart, line_chart
from tests.support import without_cell_labels

SVG = "{http://www.w3.org/2000/svg}"
TEXT = ChartText(
    title="Stand der Umsetzung <b>",
    description="Wie viele Maßnahmen in jedem Status sind & warum.",
    summary="3 von 30 Maßnahmen umgesetzt.",
    category_header="Status",
    value_header="Maßnahmen",
    lang="de",
)
BARS = [
    Bar("● Umgesetzt", 3, "3", key="done"),
    Bar("◑ In Umsetzung <script>alert(1)</script>", 5, "5", key="in-progress"),
    Bar("○ Noch kein Bericht", 22, "22", key="no-report"),
]


def svg_of(figure: str) -> ET.Element:
    match = re.search(r"<svg\b.*</svg>", figure, re.S)
    assert match, figure[:200]
    return ET.fromstring(match.group(0))


def test_bar_chart_is_an_image_with_title_and_description() -> None:
    figure = bar_chart("roll-up", BARS, TEXT)
    svg = svg_of(figure)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "roll-up-title"
    assert svg.get("aria-describedby") == "roll-up-desc"
    assert svg.find(f"{SVG}title").text == "Stand der Umsetzung <b>"
    assert svg.find(f"{SVG}desc").text == "Wie viele Maßnahmen in jedem Status sind & warum."
    # Labels and values are text in the SVG, not paths.
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "● Umgesetzt" in texts and "22" in texts


def test_chart_comes_with_its_data_table_and_summary() -> None:
    figure = without_cell_labels(bar_chart("roll-up", BARS, TEXT))
    assert "<caption>Stand der Umsetzung &lt;b&gt;</caption>" in figure
    assert '<th scope="col">Status</th><th scope="col">Maßnahmen</th>' in figure
    rows = re.findall(r'<tr data-key="([^"]+)"><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', figure)
    assert [(key, value) for key, _label, value in rows] == [
        ("done", "3"),
        ("in-progress", "5"),
        ("no-report", "22"),
    ]
    assert '<figcaption class="kik-chart__summary">3 von 30 Maßnahmen umgesetzt.</figcaption>' in figure


def test_no_text_becomes_markup_and_nothing_inline_needs_the_csp() -> None:
    figure = bar_chart("roll-up", BARS, TEXT)
    assert "<script>" not in figure and "<b>" not in figure
    assert "&lt;script&gt;" in figure
    assert " style=" not in figure and "<style" not in figure


def test_same_input_gives_the_same_bytes() -> None:
    assert bar_chart("a", BARS, TEXT) == bar_chart("a", BARS, TEXT)


def test_ids_are_prefixed_so_two_charts_can_share_a_page() -> None:
    first, second = bar_chart("field-sb", BARS, TEXT), bar_chart("field-aa", BARS, TEXT)
    ids_first = set(re.findall(r'\bid="([^"]+)"', first))
    ids_second = set(re.findall(r'\bid="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second
    for figure, ids in ((first, ids_first), (second, ids_second)):
        for ref in re.findall(r"url\(#([^)]+)\)", figure):
            assert ref in ids


def test_categories_differ_by_pattern_not_only_colour() -> None:
    svg = svg_of(bar_chart("roll-up", BARS, TEXT))
    bars = [p.get("fill") for p in svg.iter(f"{SVG}path") if p.get("fill") not in (None, "none")]
    assert len(set(bars)) == len(BARS)
    assert len(list(svg.iter(f"{SVG}pattern"))) == len(BARS) - 1  # the first is solid


def test_right_to_left_puts_the_labels_on_the_right() -> None:
    rtl = ChartText(**{**TEXT.__dict__, "lang": "ar", "rtl": True})
    ltr_svg, rtl_svg = svg_of(bar_chart("c", BARS, TEXT)), svg_of(bar_chart("c", BARS, rtl))

    def label_x(svg: ET.Element) -> float:
        label = next(t for t in svg.iter(f"{SVG}text") if t.text == "● Umgesetzt")
        return float(re.search(r"translate\(([-\d.]+)", label.get("transform")).group(1))

    assert label_x(ltr_svg) < 0 < label_x(rtl_svg)


def test_line_chart_formats_numbers_for_the_language() -> None:
    points = [
        Point(dt.date(2019, 12, 31), 71044, "31.12.2019", "71.044"),
        Point(dt.date(2022, 12, 31), 72500, "31.12.2022", "72.500"),
    ]
    figure = line_chart(
        "kennzahl",
        points,
        ChartText("Einwohner", "Einwohner je Jahr", "Zuletzt 72.500.", "Datum", "Wert", "de"),
        number_format={"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", ""]},
    )
    texts = [t.text for t in svg_of(figure).iter(f"{SVG}text")]
    assert any(t and re.fullmatch(r"\d{2}\.\d{3}", t) for t in texts), texts
    assert '<th scope="row">31.12.2019</th><td>71.044</td>' in without_cell_labels(figure)


@pytest.mark.parametrize("bad", ["Chart", "1a", "a b", ""])
def test_chart_ids_are_checked(bad: str) -> None:
    with pytest.raises(ValueError):
        bar_chart(bad, BARS, TEXT)
