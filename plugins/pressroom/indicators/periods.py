"""Calendar periods in America/Mexico_City: a year (2026), a quarter (2026-T4) or a month (2026-11)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import MONTHS
from ..model.item import MEXICO_CITY

ORDINALS = ("primer", "segundo", "tercer", "cuarto")
YEAR, QUARTER, MONTH = "año", "trimestre", "mes"
PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([tTqQ])\s*(\d{1,2})|(\d{1,2})))?\s*$")
HINT = "usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)"


class PeriodError(ValueError):
    """A period written wrong; the message is Spanish and says what to write."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # YEAR | QUARTER | MONTH
    number: int  # 0 for a year, 1–4 for a quarter, 1–12 for a month

    @property
    def start(self) -> dt.datetime:
        """First instant of the period, local time."""
        month = {YEAR: 1, QUARTER: 3 * self.number - 2, MONTH: self.number}[self.kind]
        return dt.datetime(self.year, month, 1, tzinfo=MEXICO_CITY)

    @property
    def end(self) -> dt.datetime:
        """First instant after the period, local time (exclusive)."""
        months = {YEAR: 12, QUARTER: 3, MONTH: 1}[self.kind]
        index = self.start.year * 12 + self.start.month - 1 + months
        return dt.datetime(index // 12, index % 12 + 1, 1, tzinfo=MEXICO_CITY)

    def contains(self, instant: dt.datetime) -> bool:
        return self.start <= instant.astimezone(MEXICO_CITY) < self.end

    @property
    def key(self) -> str:
        """'2026', '2026-T4', '2026-11': how it is written on the command line and in file names."""
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == QUARTER:
            return f"{self.year}-T{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def label(self) -> str:
        """'2026', 'cuarto trimestre de 2026', 'noviembre de 2026'."""
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == QUARTER:
            return f"{ORDINALS[self.number - 1]} trimestre de {self.year}"
        return f"{MONTHS[self.number - 1]} de {self.year}"

    @property
    def short_label(self) -> str:
        """'2026', 'T4 2026', 'nov 2026'."""
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == QUARTER:
            return f"T{self.number} {self.year}"
        return f"{MONTHS[self.number - 1][:3]} {self.year}"

    @property
    def span(self) -> str:
        """'1 de octubre al 31 de diciembre de 2026'."""
        last = (self.end - dt.timedelta(days=1)).date()
        first = self.start.date()
        return f"{first.day} de {MONTHS[first.month - 1]} al {last.day} de {MONTHS[last.month - 1]} de {last.year}"

    def months(self) -> list[Period]:
        first = self.start.month
        count = {YEAR: 12, QUARTER: 3, MONTH: 1}[self.kind]
        return [Period(self.year, MONTH, m) for m in range(first, first + count)]

    def quarters(self) -> list[Period]:
        """The quarters the period covers (a month: the quarter it belongs to)."""
        if self.kind == YEAR:
            return [Period(self.year, QUARTER, q) for q in range(1, 5)]
        if self.kind == QUARTER:
            return [self]
        return [Period(self.year, QUARTER, (self.number - 1) // 3 + 1)]

    def year_period(self) -> Period:
        return Period(self.year, YEAR, 0)


def quarter_of(instant: dt.datetime) -> Period:
    local = instant.astimezone(MEXICO_CITY)
    return Period(local.year, QUARTER, (local.month - 1) // 3 + 1)


def month_of(instant: dt.datetime) -> Period:
    local = instant.astimezone(MEXICO_CITY)
    return Period(local.year, MONTH, local.month)


def parse_period(text: str) -> Period:
    """'2026', '2026-T4' (also t4, Q4) or '2026-11'; anything else is a PeriodError in Spanish."""
    found = PERIOD_RE.match(text or "")
    if not text or not text.strip():
        raise PeriodError(f"falta el periodo; {HINT}")
    if found is None:
        raise PeriodError(f"periodo '{text}' no es válido; {HINT}")
    year = int(found.group(1))
    if not 2000 <= year <= 2100:
        raise PeriodError(f"periodo '{text}': el año {year} está fuera de rango; {HINT}")
    if found.group(3):
        quarter = int(found.group(3))
        if not 1 <= quarter <= 4:
            raise PeriodError(f"periodo '{text}': el trimestre va de T1 a T4; {HINT}")
        return Period(year, QUARTER, quarter)
    if found.group(4):
        month = int(found.group(4))
        if not 1 <= month <= 12:
            raise PeriodError(f"periodo '{text}': el mes va de 01 a 12; {HINT}")
        return Period(year, MONTH, month)
    return Period(year, YEAR, 0)
