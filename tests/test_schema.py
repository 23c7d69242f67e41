"""macros.data.schema: value types, required and unknown keys, did-you-mean hints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from macros.data.loader import Document
from macros.data.problems import ProblemList
from macros.data.schema import (
    Bool,
    Checker,
    Date,
    Id,
    Int,
    Key,
    ListOf,
    Number,
    Record,
    Text,
    describe,
    did_you_mean,
)

TODAY = dt.date(2025, 6, 1)


def check(type_: Any, value: Any) -> list[str]:
    """Messages (path: message) the type reports for value."""
    problems = ProblemList()
    type_.check(value, ("x",), Checker(Document("data/x.yml", value), problems, TODAY))
    return [f"{p.path}: {p.message}" for p in problems.items]


def test_did_you_mean() -> None:
    assert did_you_mean("stauts", ["id", "status", "goal"]) == " (meinten Sie 'status'?)"
    assert did_you_mean("völlig-anders", ["id", "status"]) == ""


def test_unknown_key_gets_a_hint_and_the_allowed_keys() -> None:
    record = Record({"id": Key(Id(), required=True), "status": Key(Text())})
    assert check(record, {"id": "a", "stauts": "x"}) == [
        "x.stauts: unbekannter Schlüssel 'stauts' (meinten Sie 'status'?); erlaubt: id, status"
    ]


def test_missing_required_and_empty_values() -> None:
    record = Record({"id": Key(Id(), required=True), "n": Key(Int(), nullable=True), "t": Key(Text())})
    assert check(record, {"n": None}) == ["x: Pflichtfeld 'id' fehlt"]
    assert check(record, {"id": "a", "t": None}) == ["x.t: 't' ist leer; Wert eintragen oder Zeile entfernen"]


@pytest.mark.parametrize(
    ("type_", "value", "message"),
    [
        (Int(), "zwei", "erwartet eine ganze Zahl, gefunden Text 'zwei'"),
        (Int(), True, "erwartet eine ganze Zahl, gefunden Wahrheitswert true"),
        (Int(minimum=1), 0, "Zahl muss mindestens 1 sein, gefunden 0"),
        (Number(), "38,2", "erwartet eine Zahl (Dezimalpunkt, z. B. 38.2), gefunden Text '38,2'"),
        (Bool(), "ja", "erwartet true oder false, gefunden Text 'ja'"),
        (Text(), ["a"], "erwartet Text, gefunden eine Liste"),
        (Text(), "  ", "Text ist leer; Feld weglassen oder ausfüllen"),
        (ListOf(Text()), "a", "erwartet eine Liste (Zeilen mit '- '), gefunden Text 'a'"),
        (Record({}), [1], "erwartet Eintrag mit Schlüsseln, gefunden eine Liste"),
    ],
)
def test_wrong_types_are_named_in_german(type_: Any, value: Any, message: str) -> None:
    assert check(type_, value) == [f"x: {message}"]


def test_dates() -> None:
    assert check(Date(), dt.date(2025, 6, 1)) == []
    assert check(Date(), dt.date(2025, 6, 2)) == [
        "x: Datum 2025-06-02 liegt in der Zukunft; Stand-Daten müssen erreicht sein"
    ]
    assert check(Date(allow_future=True), dt.date(2030, 1, 1)) == []
    assert check(Date(), "2025-13-01")[0].startswith("x: erwartet ein Datum im Format JJJJ-MM-TT")
    assert check(Date(), dt.datetime(2025, 1, 1, 12, 0))[0].startswith("x: erwartet ein Datum")


@pytest.mark.parametrize("value", ["sb-m2-4", "a", "akteur-01", "x1-y2"])
def test_good_ids(value: str) -> None:
    assert check(Id(), value) == []


@pytest.mark.parametrize("value", ["SB-M2", "sb_m2", "2-sb", "sb--m2", "sb-", "", 12])
def test_malformed_ids(value: Any) -> None:
    [message] = check(Id(), value)
    assert message.startswith(f"x: ungültige ID {value!r}")


def test_text_refuses_html_and_template_syntax_but_not_lone_brackets() -> None:
    assert check(Text(), "Kosten < 5 € & mehr") == []
    assert check(Text(), "<b>fett</b>") == [
        "x: HTML ist in Datentexten nicht erlaubt; nur reinen Text schreiben"
    ]
    assert check(Text(), "{{ x }}")[0].startswith("x: Vorlagen-Syntax")
    assert check(Text(), "{% if %}")[0].startswith("x: Vorlagen-Syntax")


def test_list_items_are_unique() -> None:
    assert check(ListOf(Id()), ["a", "b", "a"]) == ["x[2]: 'a' steht doppelt in der Liste"]
    assert check(ListOf(Id(), unique=False), ["a", "a"]) == []


def test_describe() -> None:
    assert describe(None) == "nichts"
    assert describe({"a": 1}) == "Einträge mit Schlüsseln"
    assert describe(dt.date(2024, 1, 2)) == "Datum 2024-01-02"
    assert describe(3.5) == "Zahl 3.5"
