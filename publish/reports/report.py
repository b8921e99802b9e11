"""The figures of one period's report, from the gathered sources. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressroom.dates import long_datetime
from pressroom.indicators import agenda
from pressroom.indicators.goals import Progress, progress_table
from pressroom.indicators.measures import (
    Coverage,
    MonthRow,
    coverage,
    most_active_people,
    per_type_per_month,
    published,
    type_totals,
)
from pressroom.indicators.periods import Period
from pressroom.model.item import MEXICO_CITY, Person

from .deliveries import Deliveries, deliveries
from .freshness import Freshness, freshness
from .sources import Sources

TOP_PEOPLE = 10


@dataclass(frozen=True)
class Report:
    period: Period
    now: dt.datetime
    months: list[MonthRow]
    totals: dict[str, int]
    goals: list[Progress]
    coverage: Coverage
    people: list[tuple[Person, int]]
    deliveries: Deliveries | None  # None: no ledger yet
    freshness: Freshness
    notices: list[str]

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def in_progress(self) -> bool:
        return self.period.start <= self.now < self.period.end

    @property
    def not_started(self) -> bool:
        return self.now < self.period.start


def make_report(sources: Sources, period: Period) -> Report:
    now = sources.now
    site = sources.site
    counted = published(site.items, now, sources.vedas)
    months = per_type_per_month(counted, period, now)
    notices = list(sources.notices)
    if now < period.start:
        notices.append("El periodo todavía no empieza: solo hay lo que ya está programado.")
    elif now < period.end:
        notices.append(f"El periodo está en curso: cifras al {long_datetime(now)}.")
    return Report(
        period=period,
        now=now,
        months=months,
        totals=type_totals(months),
        goals=progress_table(
            sources.goals, period, counted, now, agenda.scheduled(site.items, now, sources.vedas)
        ),
        coverage=coverage(counted, site.ref.municipalities, period, now),
        people=most_active_people(counted, period, now, TOP_PEOPLE),
        deliveries=deliveries(sources.rows, sources.directory, period) if sources.rows is not None else None,
        freshness=freshness(sources.directory, sources.suppression, now.astimezone(MEXICO_CITY).date()),
        notices=notices,
    )
