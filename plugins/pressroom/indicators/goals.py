"""The program's goals (type → target per quarter and per year) and how far the content is from them.

Goals live in `pelican.conf.py` as plain data, validated once like the vedas:

    METAS = {"conferencia": {"trimestre": 4, "año": 12}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.item import TYPES, Item, ItemType
from .measures import moment
from .periods import YEAR, Period

SOURCE = "pelican.conf.py"
PER_QUARTER, PER_YEAR = "trimestre", "año"
DEFAULT = {"conferencia": {PER_QUARTER: 4, PER_YEAR: 12}}  # the program: 4 per quarter, 12 per year
EXAMPLE = 'METAS = {"conferencia": {"trimestre": 4, "año": 12}}'


@dataclass(frozen=True)
class Goal:
    tipo: ItemType
    per_quarter: int | None
    per_year: int | None

    def target(self, period: Period) -> int | None:
        return self.per_year if period.kind == YEAR else self.per_quarter


def parse_goals(raw: Any) -> tuple[list[Goal], list[str]]:
    """METAS from the settings (None: the program's defaults); every problem at once, in Spanish."""
    if raw is None:
        raw = DEFAULT
    if not isinstance(raw, dict):
        return [], [f"{SOURCE}: METAS debe ser un diccionario de tipo a metas, por ejemplo {EXAMPLE}"]
    goals: list[Goal] = []
    problems: list[str] = []
    for key, entry in raw.items():
        where = f"{SOURCE}: METAS['{key}']"
        if key not in TYPES:
            problems.append(f"{where}: '{key}' no es un tipo; los tipos son: {', '.join(TYPES)}")
            continue
        if not isinstance(entry, dict) or not entry or set(entry) - {PER_QUARTER, PER_YEAR}:
            problems.append(
                f"{where}: debe tener 'trimestre' y/o 'año' con números enteros, por ejemplo {EXAMPLE}"
            )
            continue
        values: dict[str, int | None] = {}
        for name in (PER_QUARTER, PER_YEAR):
            value = entry.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                problems.append(f"{where}: '{name}' debe ser un número entero mayor que cero, no {value!r}")
                value = None
            values[name] = value
        if values[PER_QUARTER] or values[PER_YEAR]:
            goals.append(Goal(TYPES[key], values[PER_QUARTER], values[PER_YEAR]))
    return goals, problems


@dataclass(frozen=True)
class Progress:
    """One goal over one period (a quarter or a year) as of `now`."""

    goal: Goal
    period: Period
    target: int
    done: int  # already happened in the period
    scheduled: int  # announced or scheduled, still to come inside the period
    now: dt.datetime

    @property
    def percent(self) -> int:
        """Share of the target reached, rounded down (may pass 100)."""
        return self.done * 100 // self.target

    @property
    def needed(self) -> int:
        """How many more are needed to reach the target."""
        return max(0, self.target - self.done)

    @property
    def unplanned(self) -> int:
        """How many more are needed beyond those already scheduled."""
        return max(0, self.target - self.done - self.scheduled)

    @property
    def state(self) -> str:
        """'cumplida', 'no cumplida', 'en curso' or 'por venir'."""
        if self.done >= self.target:
            return "cumplida"
        if self.now >= self.period.end:
            return "no cumplida"
        if self.now < self.period.start:
            return "por venir"
        return "en curso"

    @property
    def days_left(self) -> int:
        if self.now >= self.period.end:
            return 0
        start = max(self.now, self.period.start)
        return (self.period.end - start + dt.timedelta(seconds=86399)).days

    @property
    def advice(self) -> str:
        """What it takes to reach the goal, in one Spanish sentence."""
        label = self.goal.tipo.plural.lower()
        if self.state == "cumplida":
            extra = self.done - self.target
            return "Meta cumplida" + (f" con {extra} de más." if extra else ".")
        if self.state == "no cumplida":
            return f"Faltaron {self.needed} {label} para la meta."
        if self.state == "por venir":
            return f"Periodo por venir: {self.scheduled} programadas de {self.target}."
        days = self.days_left
        when = f"en los {days} días que quedan" if days != 1 else "en el día que queda"
        if self.unplanned == 0:
            return f"Faltan {self.needed}; las {self.scheduled} programadas alcanzan la meta."
        planned = f" (hay {self.scheduled} programadas)" if self.scheduled else ""
        return f"Faltan {self.needed} {label} {when}{planned}; hace falta programar {self.unplanned} más."


def progress(
    goal: Goal,
    period: Period,
    items: Iterable[Item],
    now: dt.datetime,
    upcoming: Iterable[Item] = (),
) -> Progress | None:
    """`items`: what counts (see measures.published); `upcoming`: scheduled items not public yet
    (the internal report passes the embargoed ones; the public site passes none)."""
    target = goal.target(period)
    if target is None:
        return None
    done = scheduled = 0
    seen: set[str] = set()
    for item, public in [*((i, True) for i in items), *((i, False) for i in upcoming)]:
        if item.id in seen or item.tipo != goal.tipo or not period.contains(moment(item)):
            continue
        seen.add(item.id)
        if moment(item) > now:
            scheduled += 1
        elif public:
            done += 1
    return Progress(goal, period, target, done, scheduled, now)


def progress_table(
    goals: Sequence[Goal],
    period: Period,
    items: Sequence[Item],
    now: dt.datetime,
    upcoming: Sequence[Item] = (),
) -> list[Progress]:
    """For each goal: each quarter the period covers, then its whole year."""
    rows: list[Progress] = []
    for goal in goals:
        for span in [*period.quarters(), period.year_period()]:
            found = progress(goal, span, items, now, upcoming)
            if found is not None:
                rows.append(found)
    return rows
