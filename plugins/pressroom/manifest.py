"""The output manifest: every announceable item, the only thing `publish/` knows about content.

Written by the build next to the site (in a folder that is never deployed), so what is announced
can never differ from what is on the site.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model.item import Item
from .model.refdata import RefData
from .syndication import SiteInfo, updated

FOLDER = ".publicacion"
PATH = f"{FOLDER}/manifiesto.json"
VERSION = 1


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


def record(article: Any, ref: RefData, site: SiteInfo, image_url: str | None) -> dict[str, Any]:
    item: Item = article.item
    municipalities = item.municipios
    districts = ref.districts if item.estatal else ref.districts_of(municipalities)
    return {
        "id": item.id,
        "url": site.absolute(article.url),
        "ruta": "/" + article.url,
        "titulo": item.titulo,
        "resumen": item.resumen,
        "tipo": item.tipo.key,
        "tipo_nombre": item.tipo.label,
        "estatal": item.estatal,
        "municipios": [{"slug": m.slug, "nombre": m.nombre} for m in municipalities],
        "distritos": [d.id for d in districts],
        "personas": [{"id": p.id, "nombre": p.nombre, "cargo": p.cargo} for p in item.personas],
        "etiquetas": list(item.etiquetas),
        "imagen": (
            {"url": site.absolute(image_url), "ruta": image_url, "pie": item.imagen.pie}
            if item.imagen and image_url
            else None
        ),
        "fecha": item.fecha.isoformat(),
        "actualizado": updated(article).isoformat(),
        "embargo": item.embargo.isoformat() if item.embargo else None,
        "hash": content_hash(article),
        "canales": list(item.canales) if item.canales is not None else None,
    }


def manifest(articles: list[Any], ref: RefData, site: SiteInfo, image_url: Any) -> bytes:
    """`image_url(image) -> root-relative URL` of the published photo."""
    items = [
        record(a, ref, site, image_url(a.item.imagen) if a.item.imagen else None)
        for a in sorted(articles, key=lambda a: (a.item.fecha, a.item.id))
    ]
    document = {
        "version": VERSION,
        "sitio": site.base,
        "construido": site.now.isoformat(),
        "elementos": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
