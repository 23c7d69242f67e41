"""Indicator pages: a chart only for a series, a single value as a figure, a sourced table with
context and approximate values marked, numbers in the page language, measures linked both ways,
and the same chart bytes for the same data in every process.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.dataset import load_dataset
from macros.data.model import Dataset
from macros.render.indicators import indicator_page, indicator_pages, indicators_overview
from macros.render.monitoring import generated_uris
from macros.render.renderers import Context
from tests.support import REPO, without_cell_labels
from tests.synthetic import write_dataset


def shown(html: str) -> str:
    """What the reader sees of the HTML: without phone cell labels, entities such as &#44; decoded."""
    return html_lib.unescape(without_cell_labels(html))


def link(target: str) -> str:
    return "/" + target


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    data_dir = tmp_path_factory.mktemp("indicators") / "data"
    write_dataset(data_dir, scale=1, seed=5)
    return load_dataset(data_dir)


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(REPO / "data")


def test_a_series_is_a_line_chart_with_title_and_description(real: Dataset) -> None:
    html = shown(str(indicator_page(Context(real, "de", link), "einwohner")))
    svg = re.search(r"<svg\b[^>]*>.*?</svg>", html, re.S).group()
    assert 'role="img"' in svg
    title = real.text("indicators", "einwohner", "title", "de").text
    assert f'<title id="chart-einwohner-title">{title}</title>' in svg
    assert "4 Werte vom 31.07.2016 bis zum 31.12.2019" in svg
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg
    # The sourced table is the text alternative: every value with date, unit and source.
    table = re.search(r'<table class="kik-table kik-indicator">.*?</table>', html, re.S).group()
    assert "<caption>" in table and table.count('<th scope="row">') == 4
    assert "<td>70.157</td>" in table  # German thousands separator
    assert "Faktencheck Migration 2017" in table
    assert table.count("Zahl aus dem Umfeld, nicht aus dem KIK") == 4  # every source is context


def test_a_single_value_is_a_figure_not_a_chart(real: Dataset) -> None:
    html = shown(str(indicator_page(Context(real, "de", link), "anteil-migrationsgeschichte")))
    assert "<svg" not in html
    assert '<p class="kik-indicator-figure__value">38,2 %</p>' in html
    assert "Zahl aus dem Umfeld" not in html  # the Beschlussvorlage is the KIK's own source


def test_numbers_and_direction_follow_the_language(real: Dataset) -> None:
    en = shown(str(indicator_page(Context(real, "en", link), "einwohner")))
    assert "<td>70,157</td>" in en and "31 December 2017" in en
    ar = shown(str(indicator_page(Context(real, "ar", link), "einwohner")))
    # Right to left: the value axis stands on the right (labels start there, anchored at start).
    assert 'text-anchor="start" transform="translate(11,' in ar


def test_approximate_and_context_values_are_marked(synthetic: Dataset) -> None:
    ctx = Context(synthetic, "de", link)
    approximate = [i for i in synthetic.indicators if any(v.approximate for v in i.values)]
    assert approximate, "the synthetic data should have an approximate value"
    html = shown(str(indicator_page(ctx, approximate[0].id)))
    assert "<td>rund " in html
    sources = {s.id: s for s in synthetic.sources}
    context = [i for i in synthetic.indicators if any(not sources[v.source].kik for v in i.values)]
    assert "Zahl aus dem Umfeld" in str(indicator_page(ctx, context[0].id))


def test_indicator_pages_link_back_to_their_measures(synthetic: Dataset) -> None:
    ctx = Context(synthetic, "de", link)
    measure = next(m for m in synthetic.measures if m.indicators)
    html = shown(str(indicator_page(ctx, measure.indicators[0])))
    assert f'href="/massnahmen/{measure.id}.md"' in html


def test_every_indicator_has_a_generated_page_and_an_overview_row(real: Dataset) -> None:
    pages = indicator_pages(real, "de")
    assert {p.src_uri for p in pages} == {f"kennzahlen/{i.id}.md" for i in real.indicators}
    assert {p.src_uri for p in pages} <= generated_uris(real)
    page = next(p for p in pages if p.src_uri == "kennzahlen/einwohner.md")
    title = real.text("indicators", "einwohner", "title", "de").text
    assert f"title: {json.dumps(title, ensure_ascii=False)}" in page.markdown
    assert '{{ indicator_page("einwohner") }}' in page.markdown
    overview = shown(str(indicators_overview(Context(real, "de", link))))
    for indicator in real.indicators:
        assert f'<a href="/kennzahlen/{indicator.id}.md">' in overview
    assert "<td>71.044</td>" in overview and "<td>31.12.2019</td>" in overview  # latest value


_CHART_SCRIPT = """
import sys
from macros.data.dataset import load_dataset
from macros.render.indicators import indicator_chart
from macros.render.renderers import Context
data = load_dataset()
for lang in ("de", "ar"):
    for indicator in data.indicators:
        sys.stdout.write(str(indicator_chart(Context(data, lang, lambda t: t), indicator.id)))
"""


def test_charts_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", _CHART_SCRIPT],
            cwd=REPO,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True,
            check=True,
            timeout=180,
        )
        outputs.append(result.stdout)
    assert outputs[0].count(b"<svg") == 2 * 3  # three series (two or more values), two languages
    assert outputs[0] == outputs[1]
