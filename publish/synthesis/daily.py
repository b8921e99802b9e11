"""The morning's work, in order: read the sources list, fetch every feed, store the new notes, read
the monitoring cards, make the day's synthesis page. `make sintesis` then emails it (delivery.py).

The day's window: from where the last synthesis ended (or 24 hours back for the first one) to the
moment of the day's first run. It is fixed then: a later run the same day makes the page again
over the same window (with the tones set since), and what it finds goes into tomorrow's.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.model.item import MEXICO_CITY
from pressroom.model.refdata import RefData

from ..config import Config
from ..directory.loading import reference
from ..errors import SynthesisError
from .classify import Classifier, classifier_for, refresh
from .compose import Synthesis, compose
from .fetch import Limits, fetch_all
from .ingest import CardReport, FeedReport, Ingestion, ingest, sync_cards
from .outlets import Outlets, read_outlets
from .render import page
from .schema import open_store
from .settings import Settings, read_settings
from .store import Store, Window

FIRST_WINDOW = dt.timedelta(hours=24)
MAX_WINDOW = dt.timedelta(days=7)
MAX_PROBLEMS = 30


def shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def load_outlets(path: Path, root: Path, ref: RefData) -> Outlets:
    name = shown(path, root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SynthesisError(
            f"no existe la lista de medios {name}; indícala en 'sintesis.medios' de la configuración"
        ) from None
    outlets, problems = read_outlets(name, data, ref)
    if problems:
        listed = "\n".join(str(p) for p in problems[:MAX_PROBLEMS])
        raise SynthesisError(f"la lista de medios tiene {len(problems)} problema(s):\n{listed}")
    return outlets


@dataclass
class Context:
    config: Config
    settings: Settings
    ref: RefData
    outlets: Outlets
    classifier: Classifier
    store: Store

    def close(self) -> None:
        self.store.close()

    @property
    def max_age(self) -> dt.timedelta:
        return dt.timedelta(hours=self.settings.max_age_hours)


def open_context(config: Config) -> Context:
    settings = read_settings(config)
    ref = reference(settings.content, config.root)
    outlets = load_outlets(settings.outlets, config.root, ref)
    return Context(config, settings, ref, outlets, classifier_for(ref), open_store(settings.database))


@dataclass
class Collected:
    feeds: list[FeedReport] = field(default_factory=list)
    cards: CardReport = field(default_factory=lambda: CardReport([]))

    def lines(self) -> list[str]:
        return [r.line() for r in self.feeds] + self.cards.lines()


def collect(context: Context, now: dt.datetime, *, fetch: bool = True) -> Collected:
    """Fetch every feed (unless `fetch` is False) and read the cards; store what is new."""
    settings = context.settings
    ingestion = Ingestion(context.store, context.classifier, settings.similarity, context.max_age, now)
    collected = Collected()
    if fetch:
        limits = Limits(settings.timeout, settings.max_bytes, settings.user_agent)
        fetched = fetch_all(context.outlets.feeds, context.store.validators(), limits, settings.workers)
        collected.feeds = ingest(ingestion, context.outlets, fetched)
    collected.cards = sync_cards(ingestion, settings.cards, context.config.root, context.ref, context.outlets)
    return collected


def today(now: dt.datetime) -> dt.date:
    return now.astimezone(MEXICO_CITY).date()


def window_for(store: Store, now: dt.datetime, fecha: dt.date | None = None) -> Window:
    """The stored window of `fecha` (today by default); today's is made on its first run."""
    day = fecha or today(now)
    found = store.window(day.isoformat())
    if found is not None:
        return found
    if day != today(now):
        raise SynthesisError(
            f"no hay síntesis del {day.isoformat()}; las que hay se hicieron con `make sintesis` en su día "
            "(sin FECHA se hace la de hoy)"
        )
    last = store.last_window()
    start = last.hasta if last is not None else now - FIRST_WINDOW
    return Window(day.isoformat(), max(start, now - MAX_WINDOW), now, "")


def page_path(settings: Settings, day: str) -> Path:
    return settings.pages / day[:4] / day[5:7] / f"sintesis-{day}.html"


def problems(context: Context, cards: CardReport) -> tuple[str, ...]:
    """Sources whose last check failed, and cards with problems."""
    states = context.store.feeds()
    found = []
    for feed in context.outlets.feeds:
        state = states.get(feed.url)
        if state is not None and state.error:
            found.append(f"{feed.outlet}: {state.error} ({feed.url}, en {feed.where})")
    return (*found, *(str(p) for p in cards.problems))


def make_synthesis(
    context: Context, window: Window, now: dt.datetime, cards: CardReport
) -> tuple[Synthesis, Path]:
    stories = context.store.seen_between(window.desde, window.hasta, context.max_age)
    stories = refresh(context.store, stories, context.classifier)
    synthesis = compose(
        dt.date.fromisoformat(window.fecha),
        window.desde,
        window.hasta,
        stories,
        context.ref,
        problems(context, cards),
    )
    target = page_path(context.settings, window.fecha)
    write_private(target, page(synthesis))
    context.store.save_window(Window(window.fecha, window.desde, window.hasta, str(target)), now)
    return synthesis, target


def write_private(target: Path, text: str) -> None:
    """Atomically, readable by the owner only: the synthesis is internal."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)
