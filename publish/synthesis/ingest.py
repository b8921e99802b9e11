"""From fetched feeds to stored notes: extract, drop what is already known, group the same story
told by several outlets, classify. One report per feed, in Spanish; a bad feed is reported and
the others go on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pressroom.model.problems import Problem
from pressroom.model.refdata import RefData

from .cards import card_files, read_card
from .classify import Classifier
from .dedupe import WINDOW, Candidate, TitleIndex, words
from .extract import Entry, parse_feed
from .fetch import Fetched
from .links import normalize
from .outlets import Outlet, Outlets
from .store import Store
from .story import Note
from .topics import Matches


@dataclass(frozen=True)
class FeedReport:
    outlet: str
    url: str
    where: str  # medios.yml:line of the feed
    state: str  # "nuevo", "sin-cambios" or "error"
    leidas: int = 0  # notes in the feed
    nuevas: int = 0  # new stories
    unidas: int = 0  # new notes of a story another outlet already told
    message: str = ""  # the error, or a warning
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.state == "error"

    def line(self) -> str:
        if self.state == "error":
            return f"✗ {self.outlet}: {self.message} ({self.url}, en {self.where})"
        if self.state == "sin-cambios":
            return f"· {self.outlet}: sin cambios desde la última consulta"
        detail = f"{self.leidas} notas en el feed, {self.nuevas} nuevas"
        if self.unidas:
            detail += f", {self.unidas} unidas a historias que ya estaban (la misma nota en otro medio)"
        warning = f" — aviso: {self.message}" if self.message else ""
        return f"✓ {self.outlet}: {detail}{warning}"


class Ingestion:
    """One run's ingestion: the candidates for grouping are loaded once and grow as stories are added."""

    def __init__(
        self, store: Store, classifier: Classifier, threshold: float, max_age: dt.timedelta, now: dt.datetime
    ):
        self.store = store
        self.classifier = classifier
        self.threshold = threshold
        self.now = now
        self.titles = TitleIndex(store.candidates(now - max_age - WINDOW))

    def add(self, outlet: Outlet, entry: Entry) -> str:
        """Store one entry: 'conocida' (its link is known), 'unida' or 'nueva'."""
        link = normalize(entry.enlace)
        if self.store.has_link(link):
            return "conocida"
        fecha = min(entry.fecha or self.now, self.now)
        note = Note(
            link,
            entry.enlace,
            outlet.nombre,
            outlet.medio,
            outlet.alcance,
            entry.titulo,
            entry.resumen,
            fecha,
            self.now,
        )
        found = self.classifier.classify(note.titulo, note.resumen)
        title_words = words(note.titulo)
        story_id = self.titles.best_match(title_words, fecha, self.threshold)
        if story_id is not None:
            self.store.attach(story_id, note, found.temas)
            return "unida"
        story_id = self.store.add_story(note, found.temas, found.sugerencia, self.classifier.fingerprint)
        self.titles.add(Candidate(story_id, title_words, fecha))
        return "nueva"

    def feed(self, outlets: Outlets, fetched: Fetched) -> FeedReport:
        feed = fetched.feed
        outlet = outlets.named(feed.outlet)
        assert outlet is not None
        base = FeedReport(outlet.nombre, feed.url, feed.where, fetched.state, seconds=fetched.seconds)
        if fetched.state == "error":
            self.store.feed_checked(feed.url, self.now, None, fetched.error)
            return replace(base, message=fetched.error)
        if fetched.state == "sin-cambios":
            self.store.feed_checked(feed.url, self.now, None, None)
            return base
        parsed = parse_feed(fetched.body, fetched.headers, feed.url)
        if parsed.error:
            self.store.feed_checked(feed.url, self.now, None, parsed.error)
            return replace(base, state="error", message=parsed.error)
        with self.store.transaction():  # a feed's notes and its validators together, or nothing
            outcomes = [self.add(outlet, entry) for entry in parsed.entries]
            self.store.feed_checked(feed.url, self.now, fetched.validators, None)
        return replace(
            base,
            leidas=len(parsed.entries),
            nuevas=outcomes.count("nueva"),
            unidas=outcomes.count("unida"),
            message=parsed.warning,
        )


def ingest(ingestion: Ingestion, outlets: Outlets, fetched: Sequence[Fetched]) -> list[FeedReport]:
    reports = []
    for result in fetched:
        try:
            reports.append(ingestion.feed(outlets, result))
        except Exception as error:  # one feed never stops the others
            message = f"error inesperado al guardar sus notas ({error.__class__.__name__})"
            ingestion.store.feed_checked(result.feed.url, ingestion.now, None, message)
            reports.append(
                FeedReport(result.feed.outlet, result.feed.url, result.feed.where, "error", message=message)
            )
    return reports


@dataclass
class CardReport:
    problems: list[Problem]
    nuevas: int = 0
    cambiadas: int = 0
    quitadas: int = 0

    def lines(self) -> list[str]:
        found = [str(p) for p in self.problems]
        if self.nuevas or self.cambiadas or self.quitadas:
            found.append(
                f"Fichas de monitoreo: {self.nuevas} nuevas, {self.cambiadas} cambiadas, {self.quitadas} quitadas"
            )
        return found


def sync_cards(ingestion: Ingestion, folder: Path, root: Path, ref: RefData, outlets: Outlets) -> CardReport:
    """The cards folder as the source of truth for card stories: new cards are added, edited ones
    replaced (keeping their id and when they were first seen), deleted ones removed. A card with
    problems keeps what was stored from it and is reported."""
    store, classifier, now = ingestion.store, ingestion.classifier, ingestion.now
    stored = store.cards()
    report = CardReport([])
    present: set[str] = set()
    for path in card_files(folder):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        present.add(shown)
        card, problems = read_card(shown, path.read_bytes(), ref, outlets, now)
        if card is None:
            report.problems += problems
            continue
        digest = f"{card.digest}-{classifier.fingerprint}"
        if stored.get(shown) == digest:
            continue
        found = classifier.classify(card.note.titulo, card.note.resumen)
        temas = Matches(
            found.temas.partido,
            tuple(dict.fromkeys([*card.personas, *found.temas.personas])),
            tuple(sorted({*card.municipios, *found.temas.municipios})),
        )
        story_id = store.card_story(shown)
        if story_id is None:
            store.add_story(
                card.note, temas, found.sugerencia, classifier.fingerprint, (shown, digest), card.tono
            )
            report.nuevas += 1
        else:
            store.replace_card(
                story_id, card.note, temas, found.sugerencia, classifier.fingerprint, digest, card.tono
            )
            report.cambiadas += 1
    for gone in set(stored) - present:
        store.drop_card(gone)
        report.quitadas += 1
    return report
