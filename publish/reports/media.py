"""The report's "Monitoreo de medios": the press synthesis's notes of the period, counted with the
synthesis balance's own rules (publish/synthesis/balance.py: the same figures `make balance` gives
for the same period), read from the notes database without changing it. The monitoring cards are
read again from their folder, as `make balance` does, into a copy of the database in memory: an edited
or deleted card counts as it is now, and the file is never written.

What it cannot count becomes a sentence for the report: no database yet, a damaged or other-version
one, a synthesis configuration with mistakes, cards with mistakes. The report is made all the same.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.indicators.periods import MONTH, Period
from pressroom.model.refdata import RefData

from ..config import Config
from ..errors import PublishError, describe_os_error
from ..synthesis.balance import Balance, balance
from ..synthesis.classify import Classifier, classifier_for, current
from ..synthesis.daily import load_outlets
from ..synthesis.ingest import Ingestion, sync_cards
from ..synthesis.schema import open_read_only
from ..synthesis.settings import Settings, read_settings
from ..synthesis.store import Store

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
    notices: list[str] = field(default_factory=list)  # what the reader must know about the figures

    @property
    def empty(self) -> bool:
        return self.figures is None or self.figures.notas == 0


def shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _in_memory(store: Store) -> Store:
    copy = sqlite3.connect(":memory:")
    copy.row_factory = sqlite3.Row
    store.db.backup(copy)
    copy.execute("PRAGMA foreign_keys = ON")
    return Store(copy)


def with_current_cards(
    store: Store, config: Config, settings: Settings, ref: RefData, classifier: Classifier, now: dt.datetime
) -> tuple[Store, list[str]]:
    """A copy of the notes database in memory with the cards folder read again (new, edited and deleted
    cards, as `make balance` would store them), and what could not be read; the file is untouched."""
    memory = _in_memory(store)
    try:
        outlets = load_outlets(settings.outlets, config.root, ref)
        ingestion = Ingestion(
            memory, classifier, settings.similarity, dt.timedelta(hours=settings.max_age_hours), now
        )
        cards = sync_cards(ingestion, settings.cards, config.root, ref, outlets)
    except (PublishError, OSError) as exc:  # the stored figures, untouched by a sync cut halfway
        memory.close()
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        return _in_memory(store), [
            f"Las fichas de monitoreo cuentan como quedaron en la última síntesis: {reason}"
        ]
    if not cards.problems:
        return memory, []
    count = len(cards.problems)
    return memory, [
        f"{count} {'ficha' if count == 1 else 'fichas'} de monitoreo con errores "
        f"{'cuenta como quedó' if count == 1 else 'cuentan como quedaron'} en la última síntesis; `make fichas` "
        "dice qué corregir."
    ]


def read_media(config: Config, period: Period, ref: RefData, now: dt.datetime) -> Media:
    """The period's media balance, or why there is none. Notes classified under older rules are
    classified again in memory and the cards read again, as `make balance` does (it saves them;
    this never writes)."""
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
    notices: list[str] = []
    try:
        memory, notices = with_current_cards(store, config, settings, ref, classifier, now)
        try:
            stories = memory.published_between(period.start, period.end)
        finally:
            memory.close()
    except sqlite3.Error as exc:
        return Media(None, absent=f"No se pudo leer la base de notas {where} ({exc}).", database=where)
    finally:
        store.close()
    stories = [current(story, classifier) for story in stories]
    months = (
        [] if period.kind == MONTH else [(m, balance(stories, m.start, m.end, ref)) for m in period.months()]
    )
    return Media(balance(stories, period.start, period.end, ref), months, database=where, notices=notices)
