"""Wires the press office's pieces into Pelican's signals. No logic lives here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pelican import signals

from . import addresses, cards, dates, video
from .generators import EditorAdmin, MediaFiles, Redirects, SitePages, SyndicationFiles
from .listings import featured, upcoming_conferences
from .model.item import MEXICO_CITY, TYPES
from .public_figures import PublicFigures
from .reader import PressroomReader
from .writer import CarryOverWriter


def configure(pelican: Any) -> None:
    settings = pelican.settings
    if settings.get("PRESSROOM_NOW") is None:
        settings["PRESSROOM_NOW"] = dt.datetime.now(MEXICO_CITY)
    settings["JINJA_FILTERS"] = {
        **settings["JINJA_FILTERS"],
        **dates.FILTERS,
        **video.FILTERS,
        **cards.FILTERS,
    }
    settings["TIPOS"] = list(TYPES.values())
    settings["FEEDS"] = SITE_FEEDS
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "canales_de": feed_links}


SITE_FEEDS = [
    {"titulo": "Todo (RSS)", "url": "/feeds/todo.rss.xml", "tipo": "application/rss+xml"},
    {"titulo": "Todo (Atom)", "url": "/feeds/todo.atom.xml", "tipo": "application/atom+xml"},
    {"titulo": "Todo (JSON Feed)", "url": "/feeds/todo.json", "tipo": "application/feed+json"},
    {
        "titulo": "Conferencias de prensa (calendario)",
        "url": "/calendario/conferencias.ics",
        "tipo": "text/calendar",
    },
    {"titulo": "Spots de radio (podcast)", "url": "/feeds/spots.podcast.xml", "tipo": "application/rss+xml"},
]


def feed_links(slug: str, name: str) -> list[dict[str, str]]:
    """The RSS and Atom feeds of one section, municipality or person, for a page's <head>."""
    return [
        {"titulo": f"{name} (RSS)", "url": f"/feeds/{slug}.rss.xml", "tipo": "application/rss+xml"},
        {"titulo": f"{name} (Atom)", "url": f"/feeds/{slug}.atom.xml", "tipo": "application/atom+xml"},
    ]


def install_reader(readers: Any) -> None:
    readers.reader_classes["md"] = PressroomReader


def add_home_context(generator: Any) -> None:
    now = generator.settings["PRESSROOM_NOW"]
    generator.context["build_now"] = now
    generator.context["destacados"] = featured(generator.articles)
    generator.context["proximas_conferencias"] = upcoming_conferences(generator.articles, now)


def add_generators(pelican: Any) -> list[type]:
    return [SitePages, MediaFiles, Redirects, SyndicationFiles, PublicFigures, EditorAdmin]


def carry_over_writer(pelican: Any) -> type:
    return CarryOverWriter


def connect() -> None:
    signals.initialized.connect(configure)
    signals.readers_init.connect(install_reader)
    signals.article_generator_pretaxonomy.connect(addresses.settle_articles)
    signals.page_generator_finalized.connect(addresses.settle_pages)
    signals.article_generator_finalized.connect(add_home_context)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(carry_over_writer)
