"""Reading the build's manifest: the items that are on the site and may be announced, and the
withdrawn ones (still at their address, with a notice)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ManifestError

PATH = ".publicacion/manifiesto.json"
VERSION = 2


@dataclass(frozen=True)
class ManifestImage:
    url: str  # absolute URL of the full-size copy without metadata (high resolution)
    ruta: str  # root-relative
    pie: str
    credito: str = ""
    web: str | None = None  # root-relative JPEG at most 960 px wide (inline in emails)
    ancho: int = 0
    alto: int = 0


@dataclass(frozen=True)
class ManifestEvent:
    inicio: dt.datetime  # aware, America/Mexico_City
    fin: dt.datetime | None
    lugar: str
    municipio: str | None  # official name
    municipio_slug: str | None


@dataclass(frozen=True)
class ManifestItem:
    id: str
    url: str
    ruta: str
    titulo: str
    resumen: str
    tipo: str
    tipo_nombre: str
    estatal: bool
    municipios: tuple[str, ...]  # official names
    distritos: tuple[str, ...]
    etiquetas: tuple[str, ...]
    imagen: ManifestImage | None
    fecha: dt.datetime
    hash: str
    canales: tuple[str, ...] | None
    fuente: str = ""  # the content file, for messages: "content/boletines/2026/x.md"
    municipio_slugs: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()  # names
    tarjeta: str | None = None  # absolute URL of the 1200×630 social card
    evento: ManifestEvent | None = None
    video: str | None = None
    audio: str | None = None  # absolute URL
    cuerpo_html: str = ""  # the full text, sanitised HTML with absolute URLs
    cuerpo_texto: str = ""  # the same as plain text
    anteriores: tuple[str, ...] = ()  # earlier root-relative URLs that redirect here
    actualizado: dt.datetime | None = None  # the later of its date and its file's last change


@dataclass(frozen=True)
class WithdrawnItem:
    id: str
    url: str
    ruta: str
    titulo: str
    tipo: str
    motivo: str
    fuente: str


@dataclass(frozen=True)
class Manifest:
    site: str
    built: dt.datetime
    items: tuple[ManifestItem, ...]
    withdrawn: tuple[WithdrawnItem, ...] = ()

    def by_id(self) -> dict[str, ManifestItem]:
        return {item.id: item for item in self.items}


def _image(image: dict[str, Any] | None) -> ManifestImage | None:
    if not image:
        return None
    return ManifestImage(
        url=image["url"],
        ruta=image["ruta"],
        pie=image["pie"],
        credito=image.get("credito", ""),
        web=image.get("web"),
        ancho=int(image.get("ancho", 0)),
        alto=int(image.get("alto", 0)),
    )


def _event(event: dict[str, Any] | None) -> ManifestEvent | None:
    if not event:
        return None
    place = event.get("municipio") or {}
    return ManifestEvent(
        inicio=dt.datetime.fromisoformat(event["inicio"]),
        fin=dt.datetime.fromisoformat(event["fin"]) if event.get("fin") else None,
        lugar=event["lugar"],
        municipio=place.get("nombre"),
        municipio_slug=place.get("slug"),
    )


def _item(raw: dict[str, Any]) -> ManifestItem:
    return ManifestItem(
        id=raw["id"],
        url=raw["url"],
        ruta=raw["ruta"],
        titulo=raw["titulo"],
        resumen=raw["resumen"],
        tipo=raw["tipo"],
        tipo_nombre=raw["tipo_nombre"],
        estatal=bool(raw["estatal"]),
        municipios=tuple(m["nombre"] for m in raw["municipios"]),
        distritos=tuple(raw["distritos"]),
        etiquetas=tuple(raw.get("etiquetas", [])),
        imagen=_image(raw.get("imagen")),
        fecha=dt.datetime.fromisoformat(raw["fecha"]),
        hash=raw["hash"],
        canales=tuple(raw["canales"]) if raw.get("canales") is not None else None,
        fuente=raw.get("fuente", ""),
        municipio_slugs=tuple(m["slug"] for m in raw["municipios"]),
        personas=tuple(p["nombre"] for p in raw.get("personas", [])),
        tarjeta=raw.get("tarjeta"),
        evento=_event(raw.get("evento")),
        video=raw.get("video"),
        audio=raw.get("audio"),
        cuerpo_html=raw.get("cuerpo_html", ""),
        cuerpo_texto=raw.get("cuerpo_texto", ""),
        anteriores=tuple(raw.get("anteriores", [])),
        actualizado=dt.datetime.fromisoformat(raw["actualizado"]) if raw.get("actualizado") else None,
    )


def _withdrawn(raw: dict[str, Any]) -> WithdrawnItem:
    return WithdrawnItem(
        id=raw["id"],
        url=raw["url"],
        ruta=raw["ruta"],
        titulo=raw["titulo"],
        tipo=raw["tipo"],
        motivo=raw.get("motivo", ""),
        fuente=raw.get("fuente", ""),
    )


def parse(data: str, where: Path) -> Manifest:
    try:
        document = json.loads(data)
        if document.get("version") != VERSION:
            raise ManifestError(
                f"{where} es de la versión {document.get('version')} y esta herramienta lee la {VERSION}; "
                "vuelve a construir con `make html`"
            )
        return Manifest(
            site=document["sitio"],
            built=dt.datetime.fromisoformat(document["construido"]),
            items=tuple(_item(raw) for raw in document["elementos"]),
            withdrawn=tuple(_withdrawn(raw) for raw in document.get("retirados", [])),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ManifestError(f"{where} está dañado ({exc}); vuelve a construir con `make html`") from exc


def load(output: Path) -> Manifest:
    path = output / PATH
    if not path.exists():
        raise ManifestError(
            f"no existe {path}: el sitio no se ha construido. Ejecuta `make html` (o `make publish`, "
            "que construye primero)"
        )
    return parse(path.read_text(encoding="utf-8"), path)
