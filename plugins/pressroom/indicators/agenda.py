"""The agenda: upcoming press conferences (public) and the week ahead (internal: conferences and
items scheduled to go public, embargoed ones included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.item import MEXICO_CITY, Item
from ..model.veda import Veda, holding

CONFERENCE = "conferencia"
SCHEDULED = "programada"


def release(item: Item) -> dt.datetime:
    """When an item goes public: its date, or its embargo if that comes later."""
    return max(item.fecha, item.embargo) if item.embargo is not None else item.fecha


def is_public(item: Item, now: dt.datetime, vedas: Sequence[Veda] = ()) -> bool:
    return item.is_public(now) and holding(vedas, item, now) is None


def upcoming_conferences(items: Iterable[Item], now: dt.datetime, vedas: Sequence[Veda] = ()) -> list[Item]:
    """Public press conferences not yet started, soonest first: never an embargoed or withdrawn one."""
    found = [
        item
        for item in items
        if item.tipo.key == "conferencia"
        and item.evento is not None
        and item.evento.inicio >= now
        and not item.withdrawn
        and is_public(item, now, vedas)
    ]
    return sorted(found, key=lambda item: (item.evento.inicio if item.evento else now, item.id))


@dataclass(frozen=True)
class Entry:
    when: dt.datetime  # local time: the conference's start, or when the item goes public
    kind: str  # CONFERENCE | SCHEDULED
    item: Item
    public: bool  # already on the site at the time the agenda was made

    @property
    def until(self) -> dt.datetime | None:
        """A conference's end, when given."""
        return self.item.evento.fin if self.kind == CONFERENCE and self.item.evento else None


def window(now: dt.datetime, start: dt.date | None = None, days: int = 7) -> tuple[dt.datetime, dt.datetime]:
    """From 00:00 of `start` (today by default) for `days` days, local time."""
    first = start or now.astimezone(MEXICO_CITY).date()
    begin = dt.datetime(first.year, first.month, first.day, tzinfo=MEXICO_CITY)
    last = first + dt.timedelta(days=days)
    return begin, dt.datetime(last.year, last.month, last.day, tzinfo=MEXICO_CITY)


def week(
    items: Iterable[Item],
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    vedas: Sequence[Veda] = (),
) -> list[Entry]:
    """Conferences held between `start` and `end`, and items that go public then (drafts and
    withdrawn items excluded), in time order."""
    entries: list[Entry] = []
    for item in items:
        if item.estado == "borrador" or item.withdrawn:
            continue
        public = is_public(item, now, vedas)
        if item.tipo.key == "conferencia" and item.evento is not None and start <= item.evento.inicio < end:
            entries.append(Entry(item.evento.inicio.astimezone(MEXICO_CITY), CONFERENCE, item, public))
        goes_out = release(item)
        if not public and start <= goes_out < end and goes_out >= now:
            entries.append(Entry(goes_out.astimezone(MEXICO_CITY), SCHEDULED, item, public))
    return sorted(entries, key=lambda e: (e.when, e.kind, e.item.id))


def scheduled(items: Iterable[Item], now: dt.datetime, vedas: Sequence[Veda] = ()) -> list[Item]:
    """Items that are neither drafts nor withdrawn and are not public yet (embargo or date to come)."""
    return [
        item
        for item in items
        if item.estado != "borrador" and not item.withdrawn and not is_public(item, now, vedas)
    ]
