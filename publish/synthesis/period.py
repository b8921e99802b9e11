"""The period of a media balance: a month (2026-11) or a quarter (2026-T4), in Mexico City time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pressroom.model.item import MEXICO_CITY

from ..errors import SynthesisError

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ORDINALS = ("primer", "segundo", "tercer", "cuarto")
PATTERN = re.compile(r"^\s*(\d{4})\s*-\s*(?:([tTqQ])\s*(\d)|(\d{1,2}))\s*$")
HINT = "usa un mes (2026-11) o un trimestre (2026-T4)"


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int  # 1–4 for a quarter, 0 for a month
    month: int  # 1–12 for a month, 0 for a quarter

    @property
    def start(self) -> dt.datetime:
        first = self.month or 3 * self.quarter - 2
        return dt.datetime(self.year, first, 1, tzinfo=MEXICO_CITY)

    @property
    def end(self) -> dt.datetime:
        """First instant after the period (exclusive)."""
        index = self.start.year * 12 + self.start.month - 1 + (1 if self.month else 3)
        return dt.datetime(index // 12, index % 12 + 1, 1, tzinfo=MEXICO_CITY)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}-T{self.quarter}"

    @property
    def label(self) -> str:
        if self.month:
            return f"{MONTHS[self.month - 1]} de {self.year}"
        return f"{ORDINALS[self.quarter - 1]} trimestre de {self.year}"

    def months(self) -> list[Period]:
        first = self.start.month
        return [Period(self.year, 0, m) for m in range(first, first + (1 if self.month else 3))]


def parse_period(text: str) -> Period:
    found = PATTERN.match(text or "")
    if not (text or "").strip():
        raise SynthesisError(f"falta el periodo; {HINT}: make balance PERIODO=2026-11")
    if found is None:
        raise SynthesisError(f"el periodo '{text}' no es válido; {HINT}")
    year = int(found.group(1))
    if not 2000 <= year <= 2100:
        raise SynthesisError(f"el periodo '{text}' tiene el año {year} fuera de rango; {HINT}")
    if found.group(3):
        quarter = int(found.group(3))
        if not 1 <= quarter <= 4:
            raise SynthesisError(f"el periodo '{text}': el trimestre va de T1 a T4")
        return Period(year, quarter, 0)
    month = int(found.group(4))
    if not 1 <= month <= 12:
        raise SynthesisError(f"el periodo '{text}': el mes va de 01 a 12")
    return Period(year, 0, month)
