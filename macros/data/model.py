"""The published data as frozen objects. Built only from data that passed validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SOURCE_LANGUAGE = "de"
# The status of a measure with an empty history: nothing has been reported on this site yet.
NO_REPORT = "no-report"


@dataclass(frozen=True)
class Language:
    id: str
    name: str
    dir: str


@dataclass(frozen=True)
class Pages:
    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class Status:
    id: str
    icon: str
    reported: bool  # False for "no report yet": nothing is claimed about progress


@dataclass(frozen=True)
class ActionField:
    id: str
    slug: str  # page name: docs/<lang>/handlungsfelder/<slug>.md
    number: int
    pages: Pages
    declared_goals: int | None
    declared_measures: int | None

    @property
    def page(self) -> str:
        """Where the page of this action field lives, relative to a language's docs folder."""
        return f"handlungsfelder/{self.slug}.md"


@dataclass(frozen=True)
class Theme:
    id: str
    number: int
    pages: Pages | None


@dataclass(frozen=True)
class Goal:
    id: str
    number: int
    field: str


@dataclass(frozen=True)
class HistoryEntry:
    """One dated line of a measure's record: a status change, or (status None) a progress note."""

    measure: str
    date: dt.date
    status: str | None = None

    @property
    def id(self) -> str:
        """Permanent ID `<measure-id>-<date>`: feed entry IDs and anchors; stays when texts change."""
        return f"{self.measure}-{self.date.isoformat()}"

    @property
    def note_key(self) -> str:
        """The key of this entry's note in texts.yml (`notes: "2025-09-10": …`)."""
        return self.date.isoformat()


@dataclass(frozen=True)
class Measure:
    id: str
    number: str
    goal: str
    history: tuple[HistoryEntry, ...] = ()  # oldest first, dates strictly increasing
    lead: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    pages: Pages | None = None
    vote_rank: int | None = None

    @property
    def status(self) -> str:
        """The current status: that of the latest status change, or NO_REPORT without history."""
        for entry in reversed(self.history):
            if entry.status is not None:
                return entry.status
        return NO_REPORT

    @property
    def as_of(self) -> dt.date | None:
        """The "Stand": date of the latest entry (a note counts), None without history."""
        return self.history[-1].date if self.history else None

    @property
    def status_date(self) -> dt.date | None:
        """Alias of `as_of`, the name templates used before the history existed."""
        return self.as_of

    def is_stale(self, today: dt.date, months: int) -> bool:
        """True when the latest entry is older than `months` months before `today`."""
        return self.as_of is not None and self.as_of < months_before(today, months)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in range(day.day, 0, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Actor:
    id: str
    kind: str


@dataclass(frozen=True)
class Source:
    id: str
    kik: bool  # False: context from outside the concept, labelled as such on the site
    date: dt.date | None = None


@dataclass(frozen=True)
class IndicatorValue:
    date: dt.date
    value: float
    source: str
    approximate: bool = False


@dataclass(frozen=True)
class Indicator:
    id: str
    unit: str
    values: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class Localized:
    """A text together with the language it is really in (German when a translation is missing)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Dataset:
    """Everything the site renders, validated and cross-referenced."""

    languages: tuple[Language, ...]
    statuses: tuple[Status, ...]
    fields: tuple[ActionField, ...]
    themes: tuple[Theme, ...]
    goals: tuple[Goal, ...]
    measures: tuple[Measure, ...]
    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]
    indicators: tuple[Indicator, ...]
    # texts[lang][collection][id][key] -> value; German is complete, others may have gaps
    texts: dict[str, dict[str, dict[str, dict[str, Any]]]] = field(default_factory=dict)
    # labels[lang][key] -> text; German is complete
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------------------------

    def language(self, lang: str) -> Language:
        return next(lg for lg in self.languages if lg.id == lang)

    def field(self, field_id: str) -> ActionField:
        return _by_id(self.fields, field_id, "Handlungsfeld")

    def goal(self, goal_id: str) -> Goal:
        return _lookup(self._goals_by_id, goal_id, "Ziel")

    def measure(self, measure_id: str) -> Measure:
        return _lookup(self._measures_by_id, measure_id, "Maßnahme")

    # Indexes for the lookups every page makes once per measure (5,000 measures: 25 million
    # comparisons a language otherwise). The dataset is frozen, so they never go stale.
    @cached_property
    def _goals_by_id(self) -> dict[str, Goal]:
        return {g.id: g for g in self.goals}

    @cached_property
    def _measures_by_goal(self) -> dict[str, list[Measure]]:
        index: dict[str, list[Measure]] = {}
        for m in sorted(self.measures, key=measure_sort_key):
            index.setdefault(m.goal, []).append(m)
        return index

    @cached_property
    def _measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    def status(self, status_id: str) -> Status:
        return _by_id(self.statuses, status_id, "Status")

    def indicator(self, indicator_id: str) -> Indicator:
        return _by_id(self.indicators, indicator_id, "Indikator")

    def goals_of(self, field_id: str) -> list[Goal]:
        return sorted((g for g in self.goals if g.field == field_id), key=lambda g: g.number)

    def measures_of_goal(self, goal_id: str) -> list[Measure]:
        return list(self._measures_by_goal.get(goal_id, ()))

    def measures_of(self, field_id: str) -> list[Measure]:
        goal_ids = {g.id for g in self.goals_of(field_id)}
        return sorted((m for m in self.measures if m.goal in goal_ids), key=measure_sort_key)

    def field_of_measure(self, measure: Measure) -> ActionField:
        return self.field(self.goal(measure.goal).field)

    # -- texts ---------------------------------------------------------------------------------

    def text(self, collection: str, item_id: str, key: str, lang: str) -> Any:
        """The translated value, or the German one marked as German, or None if neither exists."""
        for candidate in (lang, SOURCE_LANGUAGE):
            value = self.texts.get(candidate, {}).get(collection, {}).get(item_id, {}).get(key)
            if value is not None:
                if isinstance(value, str):
                    return Localized(value, candidate)
                return _localize(value, candidate)
        return None

    def label(self, key: str, lang: str) -> Localized:
        """A UI label in lang, falling back to German; unknown keys are programming errors."""
        for candidate in (lang, SOURCE_LANGUAGE):
            value = self.labels.get(candidate, {}).get(key)
            if value is not None:
                return Localized(value, candidate)
        raise KeyError(f"label '{key}' is missing in data/i18n/{SOURCE_LANGUAGE}/labels.yml")


def measure_sort_key(measure: Measure) -> tuple[int, ...]:
    """Sort '2.10' after '2.9': published numbers are dotted integers."""
    return tuple(int(part) if part.isdigit() else 0 for part in measure.number.split("."))


def _lookup(index: dict[str, Any], item_id: str, what: str) -> Any:
    if item_id not in index:
        raise KeyError(f"{what} '{item_id}' gibt es nicht in den Daten")
    return index[item_id]


def _by_id(items: tuple[Any, ...], item_id: str, what: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"{what} '{item_id}' gibt es nicht in den Daten")


def _localize(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return Localized(value, lang)
    if isinstance(value, list):
        return [_localize(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: _localize(v, lang) if k != "date" else v for k, v in value.items()}
    return value
