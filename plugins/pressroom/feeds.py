"""RSS 2.0, Atom and JSON Feed 1.1: everything, each type, each municipality, each person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .model.item import TYPES, Municipality, Person
from .syndication import (
    SiteInfo,
    categories,
    enclosure,
    full_content,
    main_image,
    newest,
    tag_uri,
    updated,
)

LANGUAGE = "es-MX"
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}  # in each feed's title


@dataclass(frozen=True)
class FeedSpec:
    slug: str  # "todo", "boletines", "municipios/texcoco", "personas/ana-perez"
    title: str
    description: str
    page: str  # root-relative URL of the matching HTML page
    articles: list[Any]

    def path(self, kind: str) -> str:
        """kind: 'rss', 'atom' or 'json' → 'feeds/todo.rss.xml'."""
        return f"feeds/{self.slug}." + {"rss": "rss.xml", "atom": "atom.xml", "json": "json"}[kind]

    def titled(self, kind: str) -> str:
        """The feed's title with its format, so a reader that lists RSS and Atom tells them apart."""
        return f"{self.title} ({FORMAT_NAMES[kind]})"


def specs(
    articles: list[Any], municipalities: tuple[Municipality, ...], people: dict[str, Person], site_name: str
) -> list[FeedSpec]:
    """Every feed the site publishes; empty municipality feeds exist so reporters can subscribe early."""
    found = [FeedSpec("todo", site_name, "Todo lo que publica la oficina.", "/", articles)]
    for tipo in TYPES.values():
        found.append(
            FeedSpec(
                tipo.section,
                f"{tipo.plural} — {site_name}",
                f"{tipo.plural} del PT Estado de México.",
                f"/{tipo.section}/",
                [a for a in articles if a.item.tipo is tipo],
            )
        )
    for m in municipalities:
        found.append(
            FeedSpec(
                f"municipios/{m.slug}",
                f"{m.nombre} — {site_name}",
                f"Publicaciones sobre el municipio de {m.nombre}.",
                f"/municipios/{m.slug}/",
                [a for a in articles if m in a.item.municipios],
            )
        )
    for person in people.values():
        found.append(
            FeedSpec(
                f"personas/{person.id}",
                f"{person.nombre} — {site_name}",
                f"Publicaciones en las que aparece {person.nombre}, {person.cargo}.",
                f"/personas/{person.id}/",
                [a for a in articles if person in a.item.personas],
            )
        )
    return found


class _AtomLinks(BaseExtension):
    """feedgen 1.0.0 drops rel/type/length of Atom links (its issue #135): we write them."""


class _AtomEntryLinks(BaseEntryExtension):
    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: Any) -> Any:
        for attributes in self.links:
            etree.SubElement(entry, "link", attributes)  # like feedgen: default namespace
        return entry


def _generator(spec: FeedSpec, site: SiteInfo, kind: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(f"tag:{site.host},2026:feeds/{spec.slug}")
    feed.title(spec.titled(kind))
    feed.description(spec.description)
    feed.language(LANGUAGE)
    feed.author({"name": site.author, "email": site.email})
    feed.link(href=site.absolute(spec.path(kind)), rel="self", type=FEED_TYPES[kind])
    feed.link(href=site.absolute(spec.page), rel="alternate")  # last: feedgen's RSS <link>
    feed.generator("Comunicación PT Edomex (Pelican + feedgen)")
    if kind == "atom":
        feed.logo(site.absolute("/tema/img/logo.svg"))
        feed.register_extension("atomlinks", _AtomLinks, _AtomEntryLinks, atom=True, rss=False)
    entries = newest(spec.articles, site.max_items)
    # an empty feed (a municipality with nothing yet) is as new as the site's newest item
    feed.updated(max((updated(a) for a in entries), default=site.content_time))
    for article in reversed(entries):  # feedgen prepends: add oldest first
        item = article.item
        entry = feed.add_entry()
        entry.id(tag_uri(site, item))
        entry.guid(tag_uri(site, item), permalink=False)
        entry.title(item.titulo)
        entry.summary(item.resumen)
        entry.content(full_content(article, site), type="CDATA" if kind == "rss" else "html")
        entry.published(item.fecha)
        entry.updated(updated(article))
        entry.author({"name": site.author, "email": site.email})
        for name in categories(item):
            entry.category(term=name)
        url = site.absolute(article.url)
        media = enclosure(item, site)
        if kind == "atom":
            links = [{"rel": "alternate", "type": "text/html", "href": url}]
            if media:
                links.append(
                    {"rel": "enclosure", "type": media.mime, "length": str(media.length), "href": media.url}
                )
            entry.atomlinks.links = links
        else:
            entry.link(href=url)
            if media:
                entry.enclosure(media.url, str(media.length), media.mime)
    return feed


def rss(spec: FeedSpec, site: SiteInfo) -> bytes:
    """A plain feed, no XSLT stylesheet: people read /suscripciones/ (subscriptions.py)."""
    data: bytes = _generator(spec, site, "rss").rss_str(pretty=True)
    return data


def atom(spec: FeedSpec, site: SiteInfo) -> bytes:
    data: bytes = _generator(spec, site, "atom").atom_str(pretty=True)
    return data


def json_feed(spec: FeedSpec, site: SiteInfo) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    author = {"name": site.author, "url": site.absolute("/sala-de-prensa/")}
    items = []
    for article in newest(spec.articles, site.max_items):
        item = article.item
        entry: dict[str, Any] = {
            "id": tag_uri(site, item),
            "url": site.absolute(article.url),
            "title": item.titulo,
            "content_html": full_content(article, site),
            "summary": item.resumen,
            "date_published": item.fecha.isoformat(),
            "date_modified": updated(article).isoformat(),
            "authors": [author],
            "tags": categories(item),
            "language": LANGUAGE,
        }
        image = main_image(article, site)
        if image:
            entry["image"] = image
        media = enclosure(item, site)
        if item.audio and media:
            entry["attachments"] = [
                {"url": media.url, "mime_type": media.mime, "size_in_bytes": media.length}
            ]
        items.append(entry)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.titled("json"),
        "home_page_url": site.absolute(spec.page),
        "feed_url": site.absolute(spec.path("json")),
        "description": spec.description,
        "language": LANGUAGE,
        "authors": [author],
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
