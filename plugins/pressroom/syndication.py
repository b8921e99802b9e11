"""What every feed, podcast and calendar says about an item: absolute URLs, ids, enclosures.

Shared by feeds.py, podcast.py and calendar.py; pure apart from reading file sizes. Photos are
the published copies (images.py), never the file as uploaded.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .dates import long_datetime
from .images import ItemMedia, Photo, cover, download_path, download_url
from .model.item import Image, Item

MAX_ITEMS = 50  # entries per feed unless FEED_MAX_ITEMS says otherwise
_ROOT_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')


@dataclass(frozen=True)
class SiteInfo:
    base: str  # "https://ptedomex.example.org"
    name: str
    author: str
    email: str
    description: str
    output: Path  # the folder being written: published media are measured there
    now: dt.datetime  # the build clock: decides what is public, never written into a file
    content_time: dt.datetime  # newest change of the site's content: the date of what has no date
    max_items: int = MAX_ITEMS

    @property
    def host(self) -> str:
        return urlsplit(self.base).hostname or "localhost"

    def absolute(self, path: str) -> str:
        return self.base.rstrip("/") + "/" + path.lstrip("/")


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime: str


def tag_uri(site: SiteInfo, item: Item) -> str:
    """RFC 4151 id from the item's stable `id`, never from its URL, slug or date."""
    return f"tag:{site.host},{item.id[:10]}:{item.id}"


def calendar_uid(site: SiteInfo, item: Item) -> str:
    return f"{item.id}@{site.host}"


def updated(article: Any) -> dt.datetime:
    """The later of the item's date and its file's last change."""
    item: Item = article.item
    modified = getattr(article, "modified", None)
    return max(item.fecha, modified) if isinstance(modified, dt.datetime) else item.fecha


def content_time(articles: list[Any], fallback: dt.datetime) -> dt.datetime:
    """The instant of the newest change among `articles` (the build's fixed time), else `fallback`.

    Files that need a date of their own (the manifest, an empty feed) use it instead of the wall
    clock, so the same content always builds the same bytes.
    """
    return max((updated(a) for a in articles), default=fallback)


def absolutize(html: str, site: SiteInfo) -> str:
    return _ROOT_RELATIVE.sub(lambda m: f'{m.group(1)}="{site.base.rstrip("/")}/', html)


def full_content(article: Any, site: SiteInfo) -> str:
    """The item's body for feed readers, main photo first, every URL absolute."""
    item: Item = article.item
    parts = []
    if item.evento:
        parts.append(_event(item))
    if item.imagen:
        parts.append(_figure(article, item.imagen, site, credit=True))
    if item.video:
        parts.append(f'<p><a href="{_attr(item.video)}">Ver el video</a></p>')
    if item.audio_url:
        parts.append(f'<p><a href="{site.absolute(item.audio_url)}">Escuchar el spot (audio)</a></p>')
    parts.extend(_figure(article, image, site, credit=False) for image in item.galeria)
    parts.append(str(article.content))
    return absolutize("\n".join(parts), site)


def _event(item: Item) -> str:
    """When and where a press conference is, first thing a journalist reads in a feed."""
    event = item.evento
    assert event is not None
    when = long_datetime(event.inicio)
    if event.fin:
        when += f" a {event.fin:%H:%M}"
    place = ", ".join([event.lugar, *([event.municipio.nombre] if event.municipio else [])])
    return f"<p><strong>Cuándo:</strong> {_text(when)}<br><strong>Dónde:</strong> {_text(place)}</p>"


def _photo(article: Any, image: Image) -> Photo | None:
    """The published photo (media.py attaches `medios` to every written article)."""
    medios: ItemMedia | None = getattr(article, "medios", None)
    return medios.foto(image) if medios is not None else None


def _figure(article: Any, image: Image, site: SiteInfo, *, credit: bool) -> str:
    """A published copy of the photo (never the uploaded file) and the link to the full-size one."""
    photo = _photo(article, image)
    shown = photo.display if photo else None
    if shown:
        img = (
            f'<img src="{site.absolute(shown.url)}" width="{shown.width}" height="{shown.height}" '
            f'alt="{_attr(image.pie)}">'
        )
    else:
        img = f'<img src="{site.absolute(download_url(image))}" alt="{_attr(image.pie)}">'
    pie = image.pie.rstrip()
    pie = pie if pie.endswith((".", "!", "?", "…")) else pie + "."
    caption = _text(pie) + (_text(f" Foto: {image.credito}.") if credit and image.credito else "")
    if photo and photo.original:
        caption += f' <a href="{site.absolute(photo.download_url)}">Descargar en alta resolución</a>'
    return f"<figure>{img}<figcaption>{caption}</figcaption></figure>"


def main_image(article: Any, site: SiteInfo) -> str | None:
    """Absolute URL of the photo that stands for the item, as shown on the page (JSON Feed `image`)."""
    image = cover(article.item)
    if image is None:
        return None
    photo = _photo(article, image)
    shown = photo.display if photo else None
    return site.absolute(shown.url) if shown else None


def categories(item: Item) -> list[str]:
    names = [item.tipo.label]
    names += ["Estatal"] if item.estatal else [m.nombre for m in item.municipios]
    names += list(item.etiquetas)
    return list(dict.fromkeys(names))


def enclosure(item: Item, site: SiteInfo) -> Enclosure | None:
    """The audio of a spot, else the full-size clean copy of the main photo (or a gallery's first).

    The photo is the press copy journalists reuse; its length is that of the published file.
    """
    if item.audio:
        path = item.audio
    else:
        image = cover(item)
        if image is None:
            return None
        path = download_path(image.archivo)
    try:
        length = (site.output / path).stat().st_size
    except FileNotFoundError:
        if item.audio:
            raise
        return None  # IMAGE_PROCESSING = False publishes no photo
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Enclosure(site.absolute(path), length, mime)


def newest(articles: list[Any], limit: int) -> list[Any]:
    return sorted(articles, key=lambda a: (a.item.fecha, a.item.id), reverse=True)[:limit]


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
