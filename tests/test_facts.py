"""The published data and the German pages against the fact base.

The expected values below are copied from the two sources of the project (the council submission
2021/Ref. 5/163 and the fact base `kik-fakten.md`). If an edit of `data/` or `docs/de/` breaks one
of these facts, the test fails and names it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.data.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
GERMAN_DOCS = ROOT / "docs" / "de"

# Fact base, section 1 (chapter list with page numbers) and section 5 (the six fields).
FIELDS = {
    "sb": ("Sprache und Bildung", 1, 57),
    "aa": ("Arbeit und Ausbildung", 2, 63),
    "gp": ("Gesundheit und Pflege", 3, 69),
    "be": ("Bürgerschaftliches Engagement", 4, 75),
    "gt": ("Gesellschaftliche Teilhabe", 5, 81),
    "io": ("Interkulturelle Öffnung", 6, 87),
}
# The chapter after the last field ("Und nun? – Die Umsetzung") starts on page 93.
PAGE_AFTER_LAST_FIELD = 93

# Fact base, section 5: the top five of the network partners' vote, with their published numbers.
TOP_FIVE = {"2.4": 1, "8.6": 2, "3.2": 3, "4.4": 4, "8.3": 5}

# Fact base, section 6.
THEMES = [
    "Transparenz und Öffentlichkeitsarbeit",
    "Zielgruppenorientierung",
    "Sozialraumorientierung",
    "Strukturen und Ressourcen",
]

# The council submission names its author; the site must not. "Kempton" is a typo in the
# submission and must never be copied.
FORBIDDEN_WORDS = ["Baier", "Regnery", "Kempton"]


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def title(data, collection: str, item_id: str) -> str:
    value = data.text(collection, item_id, "title", "de")
    assert value is not None, f"{collection}/{item_id} has no German title"
    return value.text


def test_six_fields_with_titles_numbers_and_pages(data):
    assert [f.id for f in data.fields] == list(FIELDS)
    for field in data.fields:
        expected_title, expected_number, first_page = FIELDS[field.id]
        assert title(data, "fields", field.id) == expected_title
        assert field.number == expected_number
        assert field.pages.first == first_page, field.id


def test_field_page_ranges_do_not_overlap_and_end_before_implementation_chapter(data):
    fields = sorted(data.fields, key=lambda f: f.pages.first)
    for current, following in zip(fields, fields[1:], strict=False):
        assert current.pages.last == following.pages.first - 1, current.id
    assert fields[-1].pages.last == PAGE_AFTER_LAST_FIELD - 1


def test_sprache_und_bildung_declares_8_goals_and_30_measures(data):
    field = data.field("sb")
    assert field.declared_goals == 8
    assert field.declared_measures == 30


def test_other_fields_declare_no_invented_counts(data):
    for field in data.fields:
        if field.id != "sb":
            assert field.declared_goals is None, field.id
            assert field.declared_measures is None, field.id


def test_the_five_known_measures_with_vote_rank_and_no_report(data):
    measures = {m.number: m for m in data.measures_of("sb")}
    assert set(TOP_FIVE) <= set(measures)
    for number, rank in TOP_FIVE.items():
        measure = measures[number]
        assert measure.vote_rank == rank, number
        # No report on this site yet: an empty history, so no status change and no "Stand".
        assert measure.history == (), number
        assert measure.status == "no-report", number
        assert measure.as_of is None, number
        # Numbering "goal.measure": measure 2.4 belongs to goal 2 of the field.
        assert data.goal(measure.goal).number == int(number.split(".")[0]), number


def test_share_with_migration_history_is_38_2_percent_on_2020_12_31(data):
    indicator = data.indicator("anteil-migrationsgeschichte")
    assert indicator.unit == "percent"
    values = [(v.date, v.value, v.source) for v in indicator.values]
    assert (dt.date(2020, 12, 31), 38.2, "beschlussvorlage-2021") in values
    source = next(s for s in data.sources if s.id == "beschlussvorlage-2021")
    assert source.kik is True
    assert source.date == dt.date(2021, 11, 18)


def test_context_figures_are_marked_as_not_from_the_kik(data):
    kik_sources = {s.id for s in data.sources if s.kik}
    assert kik_sources == {"beschlussvorlage-2021"}


def test_four_themes_with_titles(data):
    themes = sorted(data.themes, key=lambda t: t.number)
    assert [title(data, "themes", t.id) for t in themes] == THEMES


def test_structures_and_resources_has_no_invented_summary(data):
    assert data.text("themes", "strukturen", "summary", "de") is None


def test_every_indicator_is_shown_on_the_ausgangslage_page(data):
    page = (GERMAN_DOCS / "konzept" / "ausgangslage.md").read_text(encoding="utf-8")
    missing = [i.id for i in data.indicators if f'indicator_table("{i.id}")' not in page]
    assert missing == [], f"indicators without a table on the Ausgangslage page: {missing}"


def german_pages() -> list[Path]:
    pages = sorted(GERMAN_DOCS.rglob("*.md"))
    assert pages, "no German pages found"
    return pages


@pytest.mark.parametrize("word", FORBIDDEN_WORDS)
def test_german_pages_never_contain(word):
    hits = [
        str(page.relative_to(ROOT))
        for page in german_pages()
        if word.casefold() in page.read_text(encoding="utf-8").casefold()
    ]
    assert hits == [], f"'{word}' appears in {hits}"


@pytest.mark.parametrize("word", FORBIDDEN_WORDS)
def test_german_data_texts_never_contain(word):
    files = sorted((ROOT / "data").glob("*.yml")) + [ROOT / "data" / "i18n" / "de" / "texts.yml"]
    hits = [
        str(f.relative_to(ROOT)) for f in files if word.casefold() in f.read_text(encoding="utf-8").casefold()
    ]
    assert hits == [], f"'{word}' appears in {hits}"


def test_the_site_says_exactly_that_no_report_is_entered_yet(data):
    """Five measures, no reports: their pages say so, the roll-up counts them, nothing is new."""
    from macros.render import monitoring
    from macros.render.renderers import Context

    ctx = Context(data, "de", lambda target: target)
    for number in TOP_FIVE:
        measure = next(m for m in data.measures_of("sb") if m.number == number)
        page = monitoring.measure_page(ctx, measure.id)
        assert "auf dieser Website noch nicht erfasst" in page, number
        assert "kik-timeline__entry" not in page, number
    sentence = monitoring.rollup_sentence(ctx, monitoring.rollup(ctx, data.measures))
    assert sentence == f"Von {len(data.measures)} Maßnahmen sind {len(data.measures)} noch ohne Bericht."
    assert "kik-news__entry" not in monitoring.whats_new(ctx)
