"""Reading the build's manifest: the list of items that are on the site and may be announced."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ManifestError

PATH = ".publicacion/manifiesto.json"
VERSION = 1


@dataclass(frozen=True)
class ManifestImage:
    url: str  # absolute
    ruta: str  # root-relative
    pie: str


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


@dataclass(frozen=True)
class Manifest:
    site: str
    built: dt.datetime
    items: tuple[ManifestItem, ...]

    def by_id(self) -> dict[str, ManifestItem]:
        return {item.id: item for item in self.items}


def _item(raw: dict[str, Any]) -> ManifestItem:
    image = raw.get("imagen")
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
        imagen=ManifestImage(image["url"], image["ruta"], image["pie"]) if image else None,
        fecha=dt.datetime.fromisoformat(raw["fecha"]),
        hash=raw["hash"],
        canales=tuple(raw["canales"]) if raw.get("canales") is not None else None,
    )


def load(output: Path) -> Manifest:
    path = output / PATH
    if not path.exists():
        raise ManifestError(
            f"no existe {path}: el sitio no se ha construido. Ejecuta `make html` (o `make publish`, "
            "que construye primero)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ManifestError(
                f"{path} es de la versión {data.get('version')} y esta herramienta lee la {VERSION}; "
                "vuelve a construir con `make html`"
            )
        return Manifest(
            site=data["sitio"],
            built=dt.datetime.fromisoformat(data["construido"]),
            items=tuple(_item(raw) for raw in data["elementos"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{path} está dañado ({exc}); vuelve a construir con `make html`") from exc
