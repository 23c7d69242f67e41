"""macros.data.model: ordering of published numbers, lookups and German fallbacks."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.data.model import (
    Dataset,
    Goal,
    HistoryEntry,
    Localized,
    Measure,
    Pages,
    measure_sort_key,
    months_before,
)


def measure(number: str) -> Measure:
    return Measure(f"m-{number.replace('.', '-')}", number, "g")


def test_measure_numbers_sort_as_dotted_integers() -> None:
    numbers = ["2.10", "10.1", "2.9", "1.1", "2.1"]
    assert [m.number for m in sorted(map(measure, numbers), key=measure_sort_key)] == [
        "1.1",
        "2.1",
        "2.9",
        "2.10",
        "10.1",
    ]


def test_status_and_as_of_are_derived_from_the_history() -> None:
    empty = Measure("sb-m1-1", "1.1", "sb-z1")
    assert (empty.status, empty.as_of, empty.is_stale(dt.date(2030, 1, 1), 12)) == ("no-report", None, False)
    history = (
        HistoryEntry("sb-m1-2", dt.date(2024, 3, 1), "planned"),
        HistoryEntry("sb-m1-2", dt.date(2024, 9, 10), "in-progress"),
        HistoryEntry("sb-m1-2", dt.date(2025, 2, 1)),  # a note: status stays, "Stand" moves
    )
    m = Measure("sb-m1-2", "1.2", "sb-z1", history)
    assert (m.status, m.as_of) == ("in-progress", dt.date(2025, 2, 1))
    assert [h.id for h in m.history][-1] == "sb-m1-2-2025-02-01"
    assert not m.is_stale(dt.date(2026, 2, 1), 12)
    assert m.is_stale(dt.date(2026, 2, 2), 12)


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2025, 1, 15), 12) == dt.date(2024, 1, 15)
    assert months_before(dt.date(2025, 1, 15), 13) == dt.date(2023, 12, 15)


def test_pages_read_like_the_concept() -> None:
    assert str(Pages(57, 62)) == "57–62"
    assert str(Pages(12, 12)) == "12"


DATA = Dataset(
    languages=(),
    statuses=(),
    fields=(),
    themes=(),
    goals=(Goal("sb-z2", 2, "sb"), Goal("sb-z1", 1, "sb"), Goal("aa-z1", 1, "aa")),
    measures=(Measure("sb-m1-2", "1.2", "sb-z1"), Measure("sb-m1-1", "1.1", "sb-z1")),
    actors=(),
    sources=(),
    indicators=(),
    texts={
        "de": {"measures": {"sb-m1-1": {"title": "Titel", "target_groups": ["Eltern", "Kinder"]}}},
        "en": {"measures": {"sb-m1-2": {"title": "Title"}}},
    },
    labels={"de": {"a": "deutsch", "b": "nur deutsch"}, "en": {"a": "english"}},
)


def test_lookups_are_sorted() -> None:
    assert [g.id for g in DATA.goals_of("sb")] == ["sb-z1", "sb-z2"]
    assert [m.id for m in DATA.measures_of("sb")] == ["sb-m1-1", "sb-m1-2"]
    with pytest.raises(KeyError, match="gibt es nicht"):
        DATA.goal("sb-z9")


def test_texts_fall_back_to_german_and_say_so() -> None:
    assert DATA.text("measures", "sb-m1-2", "title", "en") == Localized("Title", "en")
    assert DATA.text("measures", "sb-m1-1", "title", "en") == Localized("Titel", "de")
    assert DATA.text("measures", "sb-m1-1", "target_groups", "en") == [
        Localized("Eltern", "de"),
        Localized("Kinder", "de"),
    ]
    assert DATA.text("measures", "sb-m1-1", "description", "en") is None


def test_labels_fall_back_to_german_and_unknown_keys_fail_loudly() -> None:
    assert DATA.label("a", "en") == Localized("english", "en")
    assert DATA.label("b", "en") == Localized("nur deutsch", "de")
    with pytest.raises(KeyError):
        DATA.label("c", "en")
