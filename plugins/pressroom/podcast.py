"""Radio spots as a podcast: what radio stations subscribe to (Apple's required tags included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree
from mutagen import File as AudioFile

from .feeds import LANGUAGE
from .syndication import SiteInfo, enclosure, newest, tag_uri, updated

PATH = "feeds/spots.podcast.xml"
COVER = "/tema/img/podcast.png"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
EXPLICIT = "false"  # Apple's podcast specification: `true` or `false` (feedgen only writes yes/no/clean)


def duration(path: Path) -> int:
    """Whole seconds of an audio file, read from its own headers."""
    audio = AudioFile(path)
    if audio is None or audio.info is None:
        raise ValueError(f"{path}: no es un archivo de audio que se pueda leer")
    duration: int = round(audio.info.length)
    return duration


def clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def podcast(articles: list[Any], site: SiteInfo) -> bytes:
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.title(f"Spots de radio — {site.name}")
    feed.description(
        "Spots de radio del PT Estado de México, listos para transmitirse en estaciones locales."
    )
    feed.language(LANGUAGE)
    feed.link(href=site.absolute(PATH), rel="self", type="application/rss+xml")
    feed.link(href=site.absolute("/spots/"), rel="alternate")  # last: feedgen's RSS <link>
    feed.author({"name": site.author, "email": site.email})
    feed.image(site.absolute(COVER), title=f"Spots de radio — {site.name}", link=site.absolute("/spots/"))
    feed.podcast.itunes_author(site.author)
    feed.podcast.itunes_owner(name=site.author, email=site.email)
    feed.podcast.itunes_image(site.absolute(COVER))
    feed.podcast.itunes_category("News", "Politics")
    feed.podcast.itunes_explicit("no")  # placeholder feedgen accepts; `_apple_explicit` writes false
    feed.podcast.itunes_type("episodic")
    feed.podcast.itunes_summary("Spots de radio del PT Estado de México.")
    spots = newest([a for a in articles if a.item.audio], site.max_items)
    # not the wall clock: reproducible
    feed.lastBuildDate(max((updated(a) for a in spots), default=site.content_time))
    for article in reversed(spots):
        item = article.item
        media = enclosure(item, site)
        assert media is not None  # every spot has its audio
        entry = feed.add_entry()
        entry.guid(tag_uri(site, item), permalink=False)
        entry.title(item.titulo)
        entry.description(item.resumen)
        entry.link(href=site.absolute(article.url))
        entry.published(item.fecha)
        entry.updated(updated(article))
        entry.enclosure(media.url, str(media.length), media.mime)
        entry.podcast.itunes_duration(clock(duration(site.output / item.audio)))
        entry.podcast.itunes_explicit("no")
        entry.podcast.itunes_summary(item.resumen)
    return _apple_explicit(feed.rss_str(pretty=True))


def _apple_explicit(xml: bytes) -> bytes:
    """Every <itunes:explicit> as Apple requires it today (`false`), not feedgen's `no`."""
    root = etree.fromstring(xml)
    for element in root.iter(f"{{{ITUNES}}}explicit"):
        element.text = EXPLICIT
    data: bytes = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return data
