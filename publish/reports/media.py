"""The report's "Monitoreo de medios": the press synthesis's notes of the period, counted with the
synthesis balance's own rules (publish/synthesis/balance.py: the same figures `make balance` gives
for the same period), read from the notes database without changing it.

What it cannot count becomes a sentence for the report: no database yet, a damaged or other-version
one, a synthesis configuration with mistakes. The report is made all the same.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.indicators.periods import MONTH, Period
from pressroom.model.refdata import RefData

from ..config import Config
from ..errors import PublishError
from ..synthesis.balance import Balance, balance
from ..synthesis.classify import classifier_for, current
from ..synthesis.schema import open_read_only
from ..synthesis.settings import read_settings

NO_DATABASE = (
    "Todavía no hay notas de la síntesis de prensa: la base de notas se crea con la primera síntesis "
    "(make sintesis). El informe se hizo sin esta sección."
)


@dataclass(frozen=True)
class Media:
    figures: Balance | None  # None: nothing could be counted (see `absent`)
    months: list[tuple[Period, Balance]] = field(default_factory=list)  # a quarter's or a year's
    absent: str = ""  # why there are no figures, in Spanish
    database: str = ""  # where the notes were read from, as the coordinator can find it

    @property
    def empty(self) -> bool:
        return self.figures is None or self.figures.notas == 0


def shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_media(config: Config, period: Period, ref: RefData) -> Media:
    """The period's media balance, or why there is none. Notes classified under older rules are
    classified again in memory, as `make balance` does (it saves them; this never writes)."""
    try:
        settings = read_settings(config)
    except PublishError as exc:
        return Media(None, absent=f"No se pudo leer la configuración de la síntesis de prensa: {exc}")
    where = shown(settings.database, config.root)
    try:
        classifier = classifier_for(ref)
        store = open_read_only(settings.database)
    except PublishError as exc:
        return Media(None, absent=f"No se pudo leer la base de notas de la síntesis de prensa: {exc}.")
    if store is None:
        return Media(None, absent=NO_DATABASE, database=where)
    try:
        stories = store.published_between(period.start, period.end)
    except sqlite3.Error as exc:
        return Media(None, absent=f"No se pudo leer la base de notas {where} ({exc}).", database=where)
    finally:
        store.close()
    stories = [current(story, classifier) for story in stories]
    months = (
        [] if period.kind == MONTH else [(m, balance(stories, m.start, m.end, ref)) for m in period.months()]
    )
    return Media(balance(stories, period.start, period.end, ref), months, database=where)
