"""Decap fields for the media keys and the event: photos (with caption and credit), the
gallery, the spot's audio, the capsule's video and the press conference's date and place.
"""

from __future__ import annotations

from ..model.fields import (
    AUDIO_EXTENSIONS,
    EVENT_KEYS,
    EVENT_REQUIRED,
    IMAGE_EXTENSIONS,
    IMAGE_KEYS,
    IMAGE_REQUIRED,
    VIDEO_HOSTS,
)
from ..model.item import ItemType
from ..model.refdata import RefData
from .fields import LABELS, Builder, Field, date_field, municipality_options

MEDIA_FOLDERS = {"imagen": "imagenes", "galeria": "imagenes", "audio": "audio"}
# the month folders `make nuevo` suggests (imagenes/AAAA/MM/), from the item's date
MONTH = "{{fields.fecha | date('YYYY')}}/{{fields.fecha | date('MM')}}"


def extension_pattern(extensions: tuple[str, ...]) -> str:
    """A regular expression (valid in JavaScript and Python) for names ending in one of them,
    in any letter case: '.jpg' → '[jJ][pP][gG]'."""
    alternatives = [
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in e[1:]) for e in extensions
    ]
    return rf"\.(?:{'|'.join(alternatives)})$"


def _media_file(name: str, label: str, widget: str, key: str, extensions: tuple[str, ...]) -> Field:
    folder = MEDIA_FOLDERS[key]
    return {
        "name": name,
        "label": label,
        "widget": widget,
        "required": True,
        "choose_url": False,  # a file under content/, never a link to another site
        "media_folder": f"/content/{folder}/{MONTH}",
        "public_folder": f"{folder}/{MONTH}",
        "pattern": [
            extension_pattern(extensions),
            "debe ser un archivo " + ", ".join(e.lstrip(".") for e in extensions),
        ],
    }


def photo_fields(key: str) -> list[Field]:
    required = {name: name in IMAGE_REQUIRED for name in IMAGE_KEYS}
    fields: dict[str, Field] = {
        "archivo": _media_file("archivo", "Foto", "image", key, IMAGE_EXTENSIONS),
        "pie": {
            "name": "pie",
            "label": "Pie de foto",
            "widget": "string",
            "hint": "Describe la foto para quien no puede verla: es el texto alternativo y el pie.",
        },
        "credito": {
            "name": "credito",
            "label": "Crédito",
            "widget": "string",
            "hint": "Quién tomó la foto, por ejemplo: Comunicación PT.",
        },
    }
    # the model lets old files go without a credit; a photo from the web editor always has one
    return [{**fields[name], "required": required[name] or name == "credito"} for name in IMAGE_KEYS]


def _imagen(tipo: ItemType, ref: RefData) -> Field:
    needed = "imagen" in tipo.requires
    return {
        "name": "imagen",
        "label": LABELS["imagen"],
        "widget": "grupo",
        "required": needed,
        "fields": photo_fields("imagen"),
        "hint": (
            "Obligatoria para publicar; un borrador puede guardarse sin ella." if needed else "Opcional."
        ),
    }


def _galeria(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "galeria",
        "label": LABELS["galeria"],
        "label_singular": "foto",
        "widget": "list",
        "required": "galeria" in tipo.requires,
        "summary": "{{fields.pie}}",
        "fields": photo_fields("galeria"),
        "hint": "Al menos una foto para publicar, cada una con su pie y su crédito.",
    }


def _audio(tipo: ItemType, ref: RefData) -> Field:
    return {
        **_media_file("audio", LABELS["audio"], "file", "audio", AUDIO_EXTENSIONS),
        "required": False,  # a draft can wait for the studio; the state widget asks for it
        "hint": "Obligatorio para publicar (mp3, m4a u ogg); un borrador puede guardarse sin él.",
    }


def video_pattern() -> str:
    hosts = "|".join(h.replace(".", r"\.") for h in VIDEO_HOSTS)
    return rf"^https://(?:[^/?#@:]+\.)?(?:{hosts})(?:[/?#]|$)"


def _video(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "video",
        "label": LABELS["video"],
        "widget": "string",
        "required": False,
        "pattern": [
            video_pattern(),
            "debe ser una dirección https de YouTube, Facebook o Vimeo, "
            "por ejemplo https://www.youtube.com/watch?v=...",
        ],
        "hint": "Copia la dirección completa del video. Obligatoria para publicar.",
    }


def _evento(tipo: ItemType, ref: RefData) -> Field:
    fields: dict[str, Field] = {
        "inicio": date_field("inicio", "Inicio", True, "Hora del centro de México."),
        "fin": date_field("fin", "Fin", False, "Si no se sabe, déjalo vacío.", despues_de="evento.inicio"),
        "lugar": {"name": "lugar", "label": "Lugar", "widget": "string"},
        "municipio": {
            "name": "municipio",
            "label": "Municipio donde ocurre",
            "widget": "select",
            "options": municipality_options(ref, statewide=False),
        },
    }
    return {
        "name": "evento",
        "label": LABELS["evento"],
        "widget": "grupo",
        "required": "evento" in tipo.requires,
        "fields": [{**fields[name], "required": name in EVENT_REQUIRED} for name in EVENT_KEYS],
        "hint": "Obligatorios para publicar: inicio y lugar.",
    }


BUILDERS: dict[str, Builder] = {
    "imagen": _imagen,
    "galeria": _galeria,
    "audio": _audio,
    "video": _video,
    "evento": _evento,
}
