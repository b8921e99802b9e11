"""The output manifest: every announceable item, the only thing `publish/` knows about content.

Written by the build next to the site (in a folder that is never deployed), so what is announced
can never differ from what is on the site. `construido` is the build's fixed time (the newest
change of the content it was built from), never the wall clock, so identical content builds an
identical manifest. Version 2 carries what a channel needs to reproduce an
item as is (full text, photo credit and sizes, social card, event) and the withdrawn items (so a
publish can say where a withdrawn note had been announced).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from lxml import html as lxml_html

from .images import ItemMedia, card_url
from .model.item import Event, Item
from .model.refdata import RefData
from .syndication import SiteInfo, absolutize, updated

FOLDER = ".publicacion"
PATH = f"{FOLDER}/manifiesto.json"
VERSION = 2
EMAIL_WIDTH = 960  # the photo size an email carries inline
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figure", "table", "tr"}


def content_hash(article: Any) -> str:
    """Changes when anything a reader or a channel sees changes."""
    item: Item = article.item
    seen = [
        item.titulo,
        item.resumen,
        item.url,
        str(article.content),
        item.imagen.archivo if item.imagen else "",
    ]
    return "sha256:" + hashlib.sha256("\x1f".join(seen).encode("utf-8")).hexdigest()


def plain_text(html: str) -> str:
    """The body as plain text for an email's text part: one paragraph per block, links kept."""
    if not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for link in root.iter("a"):
        href = link.get("href")
        if href and href != (link.text_content() or "").strip():
            link.tail = f" ({href})" + (link.tail or "")
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag == "li":
            element.text = "• " + (element.text or "")
        if element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    paragraphs = [" ".join(chunk.split()) for chunk in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _event(event: Event | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "inicio": event.inicio.isoformat(),
        "fin": event.fin.isoformat() if event.fin else None,
        "lugar": event.lugar,
        "municipio": {"slug": event.municipio.slug, "nombre": event.municipio.nombre}
        if event.municipio
        else None,
    }


def _image(article: Any, site: SiteInfo, download: str | None) -> dict[str, Any] | None:
    item: Item = article.item
    if not item.imagen or not download:
        return None
    media: ItemMedia | None = getattr(article, "medios", None)
    photo = media.foto(item.imagen) if media else None
    web = None
    if photo is not None and photo.jpeg:
        fitting = [r for r in photo.jpeg if r.width <= EMAIL_WIDTH] or [photo.jpeg[0]]
        web = fitting[-1].url
    return {
        "url": site.absolute(download),
        "ruta": download,
        "pie": item.imagen.pie,
        "credito": item.imagen.credito,
        "web": web,  # root-relative JPEG at most EMAIL_WIDTH px wide, None when processing is off
        "ancho": photo.width if photo else 0,
        "alto": photo.height if photo else 0,
    }


def record(
    article: Any, ref: RefData, site: SiteInfo, image_url: str | None, text: Callable[[str], str] = plain_text
) -> dict[str, Any]:
    """One item's entry; `text` is plain_text or a function that remembers its answers."""
    item: Item = article.item
    municipalities = item.municipios
    districts = ref.districts if item.estatal else ref.districts_of(municipalities)
    body_html = absolutize(str(article.content), site)
    return {
        "id": item.id,
        "fuente": item.path,
        "url": site.absolute(article.url),
        "ruta": "/" + article.url,
        "anteriores": list(item.direcciones_anteriores),
        "titulo": item.titulo,
        "resumen": item.resumen,
        "tipo": item.tipo.key,
        "tipo_nombre": item.tipo.label,
        "estatal": item.estatal,
        "municipios": [{"slug": m.slug, "nombre": m.nombre} for m in municipalities],
        "distritos": [d.id for d in districts],
        "personas": [{"id": p.id, "nombre": p.nombre, "cargo": p.cargo} for p in item.personas],
        "etiquetas": list(item.etiquetas),
        "imagen": _image(article, site, image_url),
        "tarjeta": site.absolute(card_url(item)),
        "evento": _event(item.evento),
        "video": item.video,
        "audio": site.absolute(item.audio_url) if item.audio_url else None,
        "cuerpo_html": body_html,
        "cuerpo_texto": text(body_html),
        "fecha": item.fecha.isoformat(),
        "actualizado": updated(article).isoformat(),
        "embargo": item.embargo.isoformat() if item.embargo else None,
        "hash": content_hash(article),
        "canales": list(item.canales) if item.canales is not None else None,
    }


def withdrawn_record(article: Any, site: SiteInfo) -> dict[str, Any]:
    item: Item = article.item
    return {
        "id": item.id,
        "fuente": item.path,
        "url": site.absolute(article.url),
        "ruta": "/" + article.url,
        "titulo": item.titulo,
        "tipo": item.tipo.key,
        "motivo": item.motivo_retiro,
        "fecha": item.fecha.isoformat(),
    }


def manifest(
    articles: list[Any],
    ref: RefData,
    site: SiteInfo,
    image_url: Any,
    withdrawn: list[Any] | None = None,
    text: Callable[[str], str] = plain_text,
) -> bytes:
    """`image_url(image) -> root-relative URL` of the published photo."""
    items = [
        record(a, ref, site, image_url(a.item.imagen) if a.item.imagen else None, text)
        for a in sorted(articles, key=lambda a: (a.item.fecha, a.item.id))
    ]
    retired = [
        withdrawn_record(a, site) for a in sorted(withdrawn or [], key=lambda a: (a.item.fecha, a.item.id))
    ]
    document = {
        "version": VERSION,
        "sitio": site.base,
        "construido": site.content_time.isoformat(),  # from the content, so rebuilds are identical
        "elementos": items,
        "retirados": retired,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
