"""macros.data.model: ordering of published numbers, lookups and German fallbacks."""

from __future__ import annotations

import pytest

from macros.data.model import Dataset, Goal, Localized, Measure, Pages, measure_sort_key


def measure(number: str) -> Measure:
    return Measure(f"m-{number.replace('.', '-')}", number, "g", "no-report")


def test_measure_numbers_sort_as_dotted_integers() -> None:
    numbers = ["2.10", "10.1", "2.9", "1.1", "2.1"]
    assert [m.number for m in sorted(map(measure, numbers), key=measure_sort_key)] == [
        "1.1",
        "2.1",
        "2.9",
        "2.10",
        "10.1",
    ]


def test_pages_read_like_the_concept() -> None:
    assert str(Pages(57, 62)) == "57–62"
    assert str(Pages(12, 12)) == "12"


DATA = Dataset(
    languages=(),
    statuses=(),
    fields=(),
    themes=(),
    goals=(Goal("sb-z2", 2, "sb"), Goal("sb-z1", 1, "sb"), Goal("aa-z1", 1, "aa")),
    measures=(Measure("sb-m1-2", "1.2", "sb-z1", "x"), Measure("sb-m1-1", "1.1", "sb-z1", "x")),
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
