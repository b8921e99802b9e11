"""What the published content adds up to: items per type and month, coverage of the 125
municipalities, the most active people.

An item counts when it is public (not a draft, embargo and date reached, not held by a veda) and
not withdrawn; it counts at its `moment`: a press conference when it takes place, anything else
when it is published. Only moments already reached count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.item import TYPES, Item, Municipality, Person
from ..model.problems import fold
from ..model.veda import Veda, holding
from .periods import Period, month_of


def moment(item: Item) -> dt.datetime:
    """When an item counts: a press conference when it is held, anything else when it is published."""
    if item.tipo.key == "conferencia" and item.evento is not None:
        return item.evento.inicio
    return item.fecha


def published(items: Iterable[Item], now: dt.datetime, vedas: Sequence[Veda] = ()) -> list[Item]:
    """Items on the site at `now` that count: public, not held by a veda, not withdrawn."""
    return [
        item
        for item in items
        if item.is_public(now) and not item.withdrawn and holding(vedas, item, now) is None
    ]


def in_period(items: Iterable[Item], period: Period, now: dt.datetime) -> list[Item]:
    """Items whose moment falls inside the period and has already come."""
    return [item for item in items if period.contains(moment(item)) and moment(item) <= now]


@dataclass(frozen=True)
class MonthRow:
    month: Period
    counts: dict[str, int]  # tipo key → items

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def per_type_per_month(items: Iterable[Item], period: Period, now: dt.datetime) -> list[MonthRow]:
    """One row per month of the period, every type present (zero when nothing was published)."""
    by_month: dict[Period, Counter[str]] = {m: Counter() for m in period.months()}
    for item in in_period(items, period, now):
        by_month[month_of(moment(item))][item.tipo.key] += 1
    return [MonthRow(m, {key: by_month[m][key] for key in TYPES}) for m in period.months()]


def type_totals(rows: Sequence[MonthRow]) -> dict[str, int]:
    return {key: sum(row.counts[key] for row in rows) for key in TYPES}


def places(item: Item) -> tuple[Municipality, ...]:
    """Municipalities an item is about: its `municipios` and where its event takes place."""
    found = list(item.municipios)
    if item.evento is not None and item.evento.municipio and item.evento.municipio not in found:
        found.append(item.evento.municipio)
    return tuple(found)


@dataclass(frozen=True)
class Coverage:
    counts: dict[str, int]  # municipality slug → items, all 125 present
    statewide: int  # items for the whole state (`municipios: [estatal]`) with no municipality
    municipalities: tuple[Municipality, ...]

    @property
    def reached(self) -> list[Municipality]:
        return [m for m in self.municipalities if self.counts[m.slug]]

    @property
    def missing(self) -> list[Municipality]:
        """Municipalities with no activity, in alphabetical order as a Spanish reader expects."""
        return sorted(
            (m for m in self.municipalities if not self.counts[m.slug]), key=lambda m: fold(m.nombre)
        )

    def ranked(self) -> list[tuple[Municipality, int]]:
        """Municipalities with activity, most items first, then by INEGI key."""
        reached = [(m, self.counts[m.slug]) for m in self.reached]
        return sorted(reached, key=lambda pair: (-pair[1], pair[0].clave))


def coverage(
    items: Iterable[Item], municipalities: Sequence[Municipality], period: Period, now: dt.datetime
) -> Coverage:
    counts = {m.slug: 0 for m in municipalities}
    statewide = 0
    for item in in_period(items, period, now):
        found = [m for m in places(item) if m.slug in counts]
        for municipality in found:
            counts[municipality.slug] += 1
        if not found:
            statewide += 1
    return Coverage(counts, statewide, tuple(municipalities))


def most_active_people(
    items: Iterable[Item], period: Period, now: dt.datetime, limit: int = 10
) -> list[tuple[Person, int]]:
    """People named in the most items of the period, most first; ties by name."""
    counts: Counter[str] = Counter()
    people: dict[str, Person] = {}
    for item in in_period(items, period, now):
        for person in item.personas:
            counts[person.id] += 1
            people[person.id] = person
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], people[pair[0]].nombre))
    return [(people[pid], count) for pid, count in ranked[:limit]]
