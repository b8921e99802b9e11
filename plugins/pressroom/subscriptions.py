"""The subscription page (/suscripciones/): every feed and calendar the site publishes, explained.

Feeds are plain feeds (no XSLT stylesheet: Chromium is removing XSLT), so what a person needs to
subscribe lives on one page linked from every page's footer: each feed's address to copy, what it
carries, when it last changed (in Spanish), and how to add it to a feed reader, a podcast app or a
calendar. The rows are built from the same `feeds.specs` the feed files are written from, so the
page can never list a feed that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import calendar, podcast
from .feeds import FeedSpec
from .syndication import newest, updated

PATH = "suscripciones/index.html"
URL = "/suscripciones/"


@dataclass(frozen=True)
class Link:
    formato: str  # "RSS", "Atom", "JSON Feed", "Pódcast", "Calendario"
    url: str  # root-relative: "/feeds/todo.rss.xml"
    tipo: str  # MIME type


@dataclass(frozen=True)
class Row:
    nombre: str  # "Boletines", "Texcoco"
    descripcion: str
    enlaces: tuple[Link, ...]
    pagina: str  # root-relative URL of the matching HTML page
    actualizado: dt.datetime | None  # newest item's last change; None when it has none yet
    cantidad: int  # items it lists (at most the feed's limit)


@dataclass(frozen=True)
class Catalogue:
    todo: Row
    tipos: tuple[Row, ...]
    podcast: Row
    calendario: Row
    municipios: tuple[Row, ...]  # people's feeds are explained by their pattern: their number grows


def _feed_row(spec: FeedSpec, name: str, formats: tuple[str, ...], limit: int) -> Row:
    shown = newest(spec.articles, limit)
    mime = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
    label = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
    return Row(
        nombre=name,
        descripcion=spec.description,
        enlaces=tuple(Link(label[kind], "/" + spec.path(kind), mime[kind]) for kind in formats),
        pagina=spec.page,
        actualizado=max((updated(a) for a in shown), default=None),
        cantidad=len(shown),
    )


def catalogue(specs: list[FeedSpec], listed: list[Any], events: list[Any], limit: int) -> Catalogue:
    """`specs` from feeds.specs (first the whole site, then the types, municipalities and people)."""
    by_kind: dict[str, list[FeedSpec]] = {"todo": [], "tipo": [], "municipios": [], "personas": []}
    for spec in specs:
        head = spec.slug.split("/", 1)[0]
        by_kind[head if head in by_kind else "tipo"].append(spec)
    plain = ("rss", "atom")
    spots = newest([a for a in listed if a.item.audio], limit)
    return Catalogue(
        todo=_feed_row(by_kind["todo"][0], "Todo lo que publica la oficina", ("rss", "atom", "json"), limit),
        tipos=tuple(_feed_row(s, s.title.split(" — ", 1)[0], plain, limit) for s in by_kind["tipo"]),
        podcast=Row(
            nombre="Spots de radio (pódcast)",
            descripcion="Cada spot nuevo llega como episodio, con su audio listo para transmitirse.",
            enlaces=(Link("Pódcast", "/" + podcast.PATH, "application/rss+xml"),),
            pagina="/spots/",
            actualizado=max((updated(a) for a in spots), default=None),
            cantidad=len(spots),
        ),
        calendario=Row(
            nombre="Conferencias de prensa (calendario)",
            descripcion="Fecha, hora y lugar de cada conferencia; si una cambia o se cancela, tu "
            "calendario se actualiza solo.",
            enlaces=(Link("Calendario", "/" + calendar.PATH, "text/calendar"),),
            pagina="/conferencias/",
            actualizado=max((updated(a) for a in events), default=None),
            cantidad=len(events),
        ),
        municipios=tuple(
            _feed_row(s, s.title.split(" — ", 1)[0], plain, limit) for s in by_kind["municipios"]
        ),
    )
