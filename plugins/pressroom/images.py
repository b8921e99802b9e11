"""Where published photos and social cards live, and what templates and feeds say about them.

Pure: names and URLs only. The uploaded file (`imagenes/2026/11/clinica.jpg`) is never published;
what is published, all under the same folders:

    /imagenes/2026/11/clinica-480.webp, -960.webp, -1600.webp   responsive derivatives
    /imagenes/2026/11/clinica-480.jpg,  -960.jpg,  -1600.jpg    the same in JPEG
    /imagenes/2026/11/clinica-original.jpg                      up to 4000 px, no metadata (the press)
    /boletines/2026/11/<slug>/tarjeta.jpg                       the item's 1200×630 social card
    /tema/img/tarjeta.jpg                                       the site's card (pages without items)

An original narrower than a width gets only the widths below its own, plus its own: never upscaled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .model.item import Image, Item

WIDTHS = (480, 960, 1600)
DISPLAY_WIDTH = 960  # the `src` fallback and the feeds' inline photo
CARD_SIZE = (1200, 630)
CARD_NAME = "tarjeta.jpg"
SITE_CARD_PATH = "tema/img/tarjeta.jpg"
MIME = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def widths_for(width: int) -> tuple[int, ...]:
    """The derivative widths of an original `width` pixels wide (after EXIF rotation)."""
    if width >= WIDTHS[-1]:
        return WIDTHS
    return (*(w for w in WIDTHS if w < width), width)


def _stem(archivo: str) -> PurePosixPath:
    path = PurePosixPath(archivo)
    return path.with_name(path.stem)


def derivative_path(archivo: str, width: int, ext: str) -> str:
    """'imagenes/2026/11/clinica.jpg', 960, '.webp' → 'imagenes/2026/11/clinica-960.webp'."""
    return f"{_stem(archivo)}-{width}{ext}"


def download_extension(archivo: str) -> str:
    """PNG stays PNG (lossless, may be transparent); every other photo becomes a JPEG."""
    return ".png" if archivo.lower().endswith(".png") else ".jpg"


def download_path(archivo: str) -> str:
    return f"{_stem(archivo)}-original{download_extension(archivo)}"


def download_url(image: Image) -> str:
    """Root-relative URL of the full-size copy without metadata ("Descargar en alta resolución")."""
    return "/" + download_path(image.archivo)


def card_path(item: Item) -> str:
    return item.url.lstrip("/") + CARD_NAME


def card_url(item: Item) -> str:
    """Root-relative URL of the item's 1200×630 social card (og:image); every item has one."""
    return item.url + CARD_NAME


def cover(item: Item) -> Image | None:
    """The photo that stands for an item: its main photo, else the first of its gallery."""
    return item.imagen or (item.galeria[0] if item.galeria else None)


@dataclass(frozen=True)
class Rendition:
    """One published file of a photo."""

    path: str  # inside output/, no leading slash
    width: int
    height: int
    size: int  # bytes

    @property
    def url(self) -> str:
        return "/" + self.path

    @property
    def mime(self) -> str:
        return MIME[PurePosixPath(self.path).suffix]


@dataclass(frozen=True)
class Photo:
    """A photo as the site publishes it; without renditions when image processing is off."""

    image: Image
    width: int = 0  # after EXIF rotation; 0 when unknown (processing off)
    height: int = 0
    webp: tuple[Rendition, ...] = ()  # narrowest first
    jpeg: tuple[Rendition, ...] = ()
    original: Rendition | None = None
    srcset_webp: str = ""  # computed once (with_srcsets): templates use them on every listing
    srcset_jpeg: str = ""

    def with_srcsets(self) -> Photo:
        return replace(self, srcset_webp=self.srcset("webp"), srcset_jpeg=self.srcset("jpeg"))

    @property
    def archivo(self) -> str:
        return self.image.archivo

    @property
    def pie(self) -> str:
        return self.image.pie

    @property
    def credito(self) -> str:
        return self.image.credito

    @property
    def processed(self) -> bool:
        return bool(self.jpeg)

    @property
    def display(self) -> Rendition | None:
        """The JPEG closest to DISPLAY_WIDTH without going over it (or the narrowest)."""
        fitting = [r for r in self.jpeg if r.width <= DISPLAY_WIDTH]
        return fitting[-1] if fitting else (self.jpeg[0] if self.jpeg else None)

    @property
    def largest(self) -> Rendition | None:
        return self.jpeg[-1] if self.jpeg else None

    @property
    def src(self) -> str:
        shown = self.display
        return shown.url if shown else self.image.url

    def srcset(self, kind: str) -> str:
        """kind 'webp' or 'jpeg' → '/…-480.webp 480w, /…-960.webp 960w'."""
        renditions = self.webp if kind == "webp" else self.jpeg
        return ", ".join(f"{r.url} {r.width}w" for r in renditions)

    @property
    def download_url(self) -> str:
        return self.original.url if self.original else self.image.url

    @property
    def download_label(self) -> str:
        """'JPEG, 4000 × 3000 px, 3.2 MB' for the download link."""
        if self.original is None:
            return ""
        kind = "PNG" if self.original.path.endswith(".png") else "JPEG"
        return f"{kind}, {self.original.width} × {self.original.height} px, {human_size(self.original.size)}"


@dataclass(frozen=True)
class Audio:
    """A spot's audio file as published, measured at build time."""

    path: str
    size: int
    seconds: int

    @property
    def url(self) -> str:
        return "/" + self.path

    @property
    def formato(self) -> str:
        return PurePosixPath(self.path).suffix.lstrip(".").upper()

    @property
    def duracion(self) -> str:
        """'0:30', '1:05:00'."""
        hours, rest = divmod(self.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def duracion_iso(self) -> str:
        """ISO 8601 duration for <time datetime> and schema.org: 'PT30S'."""
        return f"PT{self.seconds}S"

    @property
    def peso(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class ItemMedia:
    """Everything an item's templates need about its media; attached to the article as `medios`."""

    imagen: Photo | None
    galeria: tuple[Photo, ...]
    tarjeta_social: str  # root-relative card URL
    audio: Audio | None = None

    @property
    def portada(self) -> Photo | None:
        return self.imagen or (self.galeria[0] if self.galeria else None)

    def foto(self, image: Image) -> Photo | None:
        for photo in (self.imagen, *self.galeria):
            if photo is not None and photo.image == image:
                return photo
        return None


def human_size(size: int) -> str:
    """Bytes in the units people read, Mexican style: '245 KB', '3.2 MB'."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"
