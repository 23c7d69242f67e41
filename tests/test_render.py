"""macros.render: accessible, escaped HTML in the page's language, from a Dataset built in memory.

The validator refuses HTML in data, so escaping is tested here, where the renderers meet text
that did not come through the validator.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
import yaml

from macros.data.model import (
    ActionField,
    Actor,
    Dataset,
    Goal,
    HistoryEntry,
    Indicator,
    IndicatorValue,
    Language,
    Measure,
    Pages,
    Source,
    Status,
)
from macros.render import renderers as render
from tests.support import REPO

SCRIPT = "<script>alert(1)</script>"


def real_labels(lang: str) -> dict[str, str]:
    """The labels of this checkout: they always carry every key the templates use."""
    path = REPO / "data" / "i18n" / lang / "labels.yml"
    return {k: str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}


@pytest.fixture(scope="module")
def data() -> Dataset:
    return Dataset(
        languages=(
            Language("de", "Deutsch", "ltr"),
            Language("en", "English", "ltr"),
            Language("ar", "العربية", "rtl"),
        ),
        statuses=(Status("no-report", "○", False), Status("done", "●", True)),
        fields=(
            ActionField("sb", "sprache-und-bildung", 1, Pages(57, 62), 8, 30),
            ActionField("aa", "arbeit-und-ausbildung", 2, Pages(63, 68), None, None),
        ),
        themes=(),
        goals=(Goal("sb-z2", 2, "sb"), Goal("sb-z1", 1, "sb")),
        measures=(
            Measure("sb-m2-10", "2.10", "sb-z2", lead=("verein",)),
            Measure(
                "sb-m2-9",
                "2.9",
                "sb-z2",
                (HistoryEntry("sb-m2-9", dt.date(2024, 3, 5), "done"),),
                partners=("verein",),
            ),
            Measure("sb-m1-1", "1.1", "sb-z1", indicators=("einwohner",)),
        ),
        actors=(Actor("verein", "civil"),),
        sources=(Source("statistik", True, dt.date(2021, 11, 18)),),
        indicators=(
            Indicator("einwohner", "persons", (IndicatorValue(dt.date(2019, 12, 31), 71044, "statistik"),)),
        ),
        texts={
            "de": {
                "statuses": {"no-report": {"label": "Noch kein Bericht"}, "done": {"label": "Umgesetzt"}},
                "fields": {
                    "sb": {"title": "Sprache & Bildung", "summary": "Kurz."},
                    "aa": {"title": "Arbeit", "summary": "Kurz."},
                },
                "goals": {"sb-z2": {"title": "Ziel zwei"}},
                "measures": {
                    "sb-m2-10": {"title": SCRIPT, "description": 'Beschreibung mit "Anführung" & <b>'},
                    "sb-m2-9": {"title": "Deutschkurse für Eltern"},
                    "sb-m1-1": {"title": "Sprachcafés"},
                },
                "actors": {"verein": {"name": "Verein <i>Nord</i>"}},
                "indicators": {"einwohner": {"title": "Einwohner"}},
                "sources": {"statistik": {"title": "Statistik"}},
            },
            "en": {
                "statuses": {"done": {"label": "Done"}},
                "fields": {"sb": {"title": "Language & education"}},
                "measures": {"sb-m2-9": {"title": "German courses for parents"}},
            },
        },
        labels={"de": real_labels("de"), "en": real_labels("en")},
    )


def link(target: str) -> str:
    return f"/site/{target}"


def ctx(data: Dataset, lang: str) -> render.Context:
    return render.Context(data, lang, link)


def test_data_text_is_escaped(data: Dataset) -> None:
    html = render.measures_by_goal(ctx(data, "de"), "sb")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    # In HTML output quotes are escaped too (safe in attributes); inline macro output for page
    # titles keeps them literal (tests/test_escaping.py).
    assert "&quot;Anführung&quot; &amp; &lt;b&gt;" in html
    actors = render.actors_index(ctx(data, "de"))
    assert "Verein &lt;i&gt;Nord&lt;/i&gt;" in actors
    assert "<i>" not in actors


def test_measure_tables_have_captions_header_scopes_and_anchors(data: Dataset) -> None:
    html = render.measures_by_goal(ctx(data, "de"), "sb")
    assert html.count("<table") == html.count("<caption>") == 2
    assert "<caption>Maßnahmen zu Ziel 1 im Handlungsfeld Sprache &amp; Bildung</caption>" in html
    assert '<th scope="col">' in html
    number = real_labels("de")["measure_number"]
    assert f'<th scope="row"><span class="kik-cell-label">{number}</span>2.9</th>' in html
    # Each measure row is anchored by its ID; 2.10 comes after 2.9.
    assert re.findall(r'<tr id="([^"]+)"', html) == ["sb-m1-1", "sb-m2-9", "sb-m2-10"]


@pytest.mark.parametrize(
    "renderer",
    [
        render.fields_overview,
        render.status_legend,
        render.actors_index,
        lambda c: render.goals_table(c, "sb"),
        lambda c: render.indicator_table(c, "einwohner"),
    ],
)
def test_every_table_has_a_caption_and_scoped_headers(data: Dataset, renderer) -> None:
    html = renderer(ctx(data, "de"))
    assert html.count("<table") == html.count("<caption>") >= 1
    headers = re.findall(r"<th\b[^>]*>", html)
    assert headers and all('scope="' in th for th in headers)


def test_status_is_text_plus_hidden_icon_plus_date(data: Dataset) -> None:
    html = render.measures_by_goal(ctx(data, "de"), "sb")
    assert '<span class="kik-status__icon" aria-hidden="true">●</span> Umgesetzt' in html
    assert "Stand: 05.03.2024" in html
    assert '<span class="kik-status__icon" aria-hidden="true">○</span> Noch kein Bericht' in html


def test_labels_are_in_the_page_language(data: Dataset) -> None:
    german = render.fields_overview(ctx(data, "de"))
    english = render.fields_overview(ctx(data, "en"))
    assert f"<caption>{real_labels('de')['fields_caption']}</caption>" in german
    assert f"<caption>{real_labels('en')['fields_caption']}</caption>" in english
    assert real_labels("de")["field_measures"] in german
    assert real_labels("en")["field_measures"] in english


def test_translated_text_has_no_lang_attribute_but_german_fallback_has(data: Dataset) -> None:
    html = render.measures_by_goal(ctx(data, "en"), "sb")
    assert '<p class="kik-measure__title">German courses for parents</p>' in html
    assert '<span lang="de">Sprachcafés</span>' in html
    assert ' dir="ltr"' not in html  # the English page is left-to-right already


def test_german_fallback_on_a_right_to_left_page_is_marked_ltr(data: Dataset) -> None:
    html = render.measures_by_goal(ctx(data, "ar"), "sb")
    assert '<span lang="de" dir="ltr">Sprachcafés</span>' in html
    # Labels missing in Arabic fall back to German and are marked the same way.
    assert '<th scope="col"><span lang="de" dir="ltr">' in html


def test_completeness_sentence(data: Dataset) -> None:
    known = render.completeness(ctx(data, "de"), "sb")
    assert "3 von 30 Maßnahmen" in known
    assert "57–62" in known
    unknown = render.completeness(ctx(data, "de"), "aa")
    assert real_labels("de")["completeness_unknown"].split("{shown}")[1][:20] in unknown


def test_counts_in_the_overview(data: Dataset) -> None:
    html = render.fields_overview(ctx(data, "de"))
    labels = real_labels("de")
    goals, measures = labels["field_goals"], labels["field_measures"]
    wording = labels["field_goals_wording"].format(count=1)
    shown = html_lib.unescape(html)  # the reader's text (Markdown-safe escapes such as &#45; undone)
    assert f'<td><span class="kik-cell-label">{goals}</span>2 von 8 · {wording}</td>' in shown
    assert f'<td><span class="kik-cell-label">{measures}</span>3 von 30</td>' in shown


def test_actors_link_to_the_measures_they_lead_and_support(data: Dataset) -> None:
    html = render.actors_index(ctx(data, "de"))
    assert 'href="/site/massnahmen/sb-m2-10.md"' in html
    assert 'href="/site/massnahmen/sb-m2-9.md"' in html


def test_numbers_and_dates_follow_the_language(data: Dataset) -> None:
    assert render.Context(data, "de", link).number(71044) == "71.044"
    assert render.Context(data, "en", link).number(71044) == "71,044"
    assert render.Context(data, "de", link).number(38.2) == "38,2"
    assert render.Context(data, "de", link).date(dt.date(2024, 3, 5)) == "05.03.2024"
