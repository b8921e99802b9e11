"""The content model: what an editor's file means, with no I/O and no Pelican."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

MEXICO_CITY = ZoneInfo("America/Mexico_City")


@dataclass(frozen=True)
class ItemType:
    key: str  # value of `tipo:` in front matter
    section: str  # URL section, e.g. "boletines"
    label: str  # singular, shown on pages: "Boletín"
    plural: str  # section title: "Boletines"
    requires: tuple[str, ...]  # keys (or "cuerpo") a public item must have
    media: tuple[str, ...] = ()  # media keys that apply to the type (the required ones too)


MEDIA_KEYS = ("imagen", "galeria", "audio", "video", "evento")

TYPES: dict[str, ItemType] = {
    t.key: t
    for t in (
        ItemType("boletin", "boletines", "Boletín", "Boletines", ("imagen", "cuerpo"), ("imagen",)),
        ItemType(
            "actividad",
            "actividades",
            "Actividad municipal",
            "Actividades municipales",
            ("cuerpo",),
            ("imagen",),
        ),
        ItemType(
            "conferencia",
            "conferencias",
            "Conferencia de prensa",
            "Conferencias de prensa",
            ("evento", "cuerpo"),
            ("evento", "imagen"),
        ),
        ItemType("reportaje", "reportajes", "Reportaje", "Reportajes", ("imagen", "cuerpo"), ("imagen",)),
        # a video capsule's photo is the poster shown before the video plays; a spot's, its cover
        ItemType(
            "capsula", "capsulas", "Cápsula de video", "Cápsulas de video", ("video",), ("video", "imagen")
        ),
        ItemType("spot", "spots", "Spot de radio", "Spots de radio", ("audio",), ("audio", "imagen")),
        ItemType("galeria", "galerias", "Galería", "Galerías", ("galeria",), ("galeria",)),
    )
}

STATES = ("borrador", "programado", "publicado", "retirado")
CHANNELS = ("x", "facebook", "instagram", "telegram", "mastodon", "bluesky", "correo", "whatsapp")
STATEWIDE = "estatal"


@dataclass(frozen=True)
class Municipality:
    clave: str  # INEGI five-digit key, "15099"
    nombre: str  # official INEGI name, "Texcoco"
    slug: str  # "texcoco"


@dataclass(frozen=True)
class Person:
    id: str
    nombre: str
    cargo: str
    municipio: Municipality | None
    line: int = 0  # line in the people file, for messages
    variantes: tuple[str, ...] = ()  # other ways the press writes the name ("Rosy Martínez")


@dataclass(frozen=True)
class District:
    id: str
    nombre: str
    municipios: tuple[Municipality, ...]


@dataclass(frozen=True)
class Image:
    archivo: str  # path relative to content/, "imagenes/2026/11/clinica.jpg"
    pie: str  # alt text and caption
    credito: str = ""
    line: int = 0  # front-matter line that names the file, for messages

    @property
    def url(self) -> str:
        return "/" + self.archivo


@dataclass(frozen=True)
class Event:
    inicio: dt.datetime
    fin: dt.datetime | None
    lugar: str
    municipio: Municipality | None


@dataclass(frozen=True)
class Item:
    """One published unit: a bulletin, an activity, a press conference..."""

    path: str  # source path relative to the project, for messages
    id: str
    titulo: str
    slug: str
    fecha: dt.datetime  # aware, America/Mexico_City
    tipo: ItemType
    estatal: bool  # municipios: [estatal]
    municipios: tuple[Municipality, ...]
    resumen: str
    estado: str
    body: str  # Markdown source
    body_line: int = field(default=1, compare=False)  # the file's line where `body` starts
    personas: tuple[Person, ...] = ()
    imagen: Image | None = None
    galeria: tuple[Image, ...] = ()
    audio: str | None = None  # path relative to content/
    video: str | None = None  # URL
    evento: Event | None = None
    embargo: dt.datetime | None = None
    etiquetas: tuple[str, ...] = ()
    canales: tuple[str, ...] | None = None
    destacado: bool = False
    motivo_retiro: str = ""
    direcciones_anteriores: tuple[str, ...] = ()  # earlier root-relative URLs, each gets a redirect
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # front-matter key → line

    @property
    def url(self) -> str:
        return f"/{self.tipo.section}/{self.fecha:%Y}/{self.fecha:%m}/{self.slug}/"

    @property
    def audio_url(self) -> str | None:
        return "/" + self.audio if self.audio else None

    @property
    def withdrawn(self) -> bool:
        return self.estado == "retirado"

    def is_public(self, now: dt.datetime) -> bool:
        """Whether the item may appear anywhere in the output at instant `now`."""
        if self.estado == "borrador":
            return False
        if self.embargo is not None and now < self.embargo:
            return False
        return self.fecha <= now

    def media_files(self) -> list[str]:
        """Every file under content/ that the item's page needs."""
        files = [img.archivo for img in ((self.imagen,) if self.imagen else ()) + self.galeria]
        if self.audio:
            files.append(self.audio)
        return files


@dataclass(frozen=True)
class Page:
    """A fixed page (acerca de, aviso de privacidad)."""

    path: str
    titulo: str
    slug: str
    resumen: str
    body: str
    body_line: int = field(default=1, compare=False)

    @property
    def url(self) -> str:
        return f"/{self.slug}/"
