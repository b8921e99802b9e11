"""The web editor's form, generated from the content model: one Decap collection per type.

Every front-matter key (`validate.ITEM_KEYS`) has exactly one field builder here, and every rule
of the validator that a form can express becomes a widget option: required keys, lengths, the
id and slug shapes, dates, the 125 municipalities, the people file, states and what each needs,
channels, media extensions and folders. A key without a builder, or a state or channel without a
label, stops the generation (KeyError), so the form cannot silently fall behind the model;
tests/test_editor_form.py checks every rule against the model's own constants.

Rules Decap cannot express on one field (a state that needs another key, 'estatal' alone, an
event that ends after it starts) are options of the custom widgets in admin/editor.js.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.fields import (
    AUDIO_EXTENSIONS,
    DATE_RE,
    EVENT_KEYS,
    EVENT_REQUIRED,
    IMAGE_EXTENSIONS,
    IMAGE_KEYS,
    IMAGE_REQUIRED,
    VIDEO_HOSTS,
)
from ..model.item import CHANNELS, MEDIA_KEYS, STATES, STATEWIDE, TYPES, ItemType
from ..model.refdata import RefData
from ..model.validate import (
    ITEM_KEYS,
    MAX_SUMMARY,
    MAX_TITLE,
    SLUG_RE,
    STATE_NEEDS,
)
from ..scaffold import MAX_SLUG_WORDS

Field = dict[str, Any]

# Keys the form never asks for: the editor's JavaScript writes them on the first save, the same
# way `make nuevo` does (admin/reglas.js; tests/test_editor_rules.py compares both).
GENERATED = ("id", "slug")
# Keys `make nuevo` writes even when empty, so a file from the web looks like one from the CLI.
KEPT_EMPTY = ("personas", "etiquetas")
DRAFT = "borrador"
FEMININE = ("actividad", "conferencia", "capsula", "galeria")  # "una actividad", "déjala"

STATE_LABELS = {
    "borrador": "Borrador (no se publica)",
    "programado": "Programado (se publica al llegar el embargo)",
    "publicado": "Publicado",
    "retirado": "Retirado (conserva su dirección, con un aviso)",
}
CHANNEL_LABELS = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "telegram": "Telegram",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "correo": "Correo a los distritos",
    "whatsapp": "WhatsApp",
}
LABELS = {  # what the form calls each key (and the body), also used in its messages
    "id": "Identificador",
    "titulo": "Título",
    "slug": "Dirección (slug)",
    "fecha": "Fecha y hora de publicación",
    "tipo": "Tipo",
    "municipios": "Municipios",
    "personas": "Personas",
    "resumen": "Resumen",
    "imagen": "Foto principal",
    "galeria": "Fotos de la galería",
    "audio": "Audio del spot",
    "video": "Dirección del video",
    "evento": "Datos de la conferencia",
    "estado": "Estado",
    "embargo": "Embargo (fecha y hora)",
    "etiquetas": "Etiquetas",
    "canales": "Canales",
    "destacado": "Destacada en la portada",
    "motivo_retiro": "Motivo del retiro",
    "cuerpo": "Texto",
}
MEDIA_FOLDERS = {"imagen": "imagenes", "galeria": "imagenes", "audio": "audio"}
# the month folders `make nuevo` suggests (imagenes/AAAA/MM/), from the item's date
MONTH = "{{fields.fecha | date('YYYY')}}/{{fields.fecha | date('MM')}}"
# content/<section>/AAAA/AAAA-MM-DD-<slug>.md, as `make nuevo` names it. Decap lowercases this
# template, turns its dots into dashes and drops single quotes: so no `fields.` prefix and no date
# formats; the date comes from truncating `fecha` ("2026-11-25 10:30"), the double-quoted
# omission being a dash that Decap's slug cleaning then trims.
PATH_TEMPLATE = '{{fecha | truncate(4, "-")}}/{{fecha | truncate(10, "-")}}-{{slug}}'
MARKDOWN_BUTTONS = [
    "bold",
    "italic",
    "link",
    "heading-two",
    "heading-three",
    "quote",
    "bulleted-list",
    "numbered-list",
]


def collections(ref: RefData) -> list[dict[str, Any]]:
    """One collection per type, in the model's order."""
    return [collection(tipo, ref) for tipo in TYPES.values()]


def keys_of(tipo: ItemType) -> list[str]:
    """The front-matter keys a type's form has, in the validator's (and `make nuevo`'s) order."""
    return [key for key in ITEM_KEYS if key not in MEDIA_KEYS or key in tipo.media]


def collection(tipo: ItemType, ref: RefData) -> dict[str, Any]:
    fields = [BUILDERS[key](tipo, ref) for key in keys_of(tipo)]
    return {
        "name": tipo.key,
        "label": tipo.plural,
        "label_singular": tipo.label,
        "description": f"Archivos de content/{tipo.section}/: los mismos que crea `make nuevo TIPO={tipo.key}`.",
        "folder": f"content/{tipo.section}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": False,  # a published URL never disappears: withdraw it (estado: retirado)
        "identifier_field": "titulo",
        "slug": "{{fields.slug}}",
        "path": PATH_TEMPLATE,
        # Decap would otherwise keep media next to the notes (its default with `path`)
        "media_folder": f"/content/{MEDIA_FOLDERS['imagen']}",
        "public_folder": MEDIA_FOLDERS["imagen"],
        "summary": "{{titulo}} — {{fields.fecha}} ({{estado}})",
        "sortable_fields": [
            {"field": "fecha", "label": "Fecha", "default_sort": "desc"},
            {"field": "titulo", "label": "Título"},
        ],
        "view_filters": [
            {"label": STATE_LABELS[state].split(" (")[0], "field": "estado", "pattern": f"^{state}$"}
            for state in STATES
        ],
        "editor": {"preview": True},
        "fields": [*fields, body(tipo)],
    }


# --- one builder per front-matter key -------------------------------------------------------


def _id(tipo: ItemType, ref: RefData) -> Field:
    return {"name": "id", "label": LABELS["id"], "widget": "hidden"}


def _titulo(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "titulo",
        "label": LABELS["titulo"],
        "widget": "string",
        "required": True,
        "pattern": [
            rf"^\s*[\s\S]{{1,{MAX_TITLE}}}\s*$",
            f"tiene más de {MAX_TITLE} caracteres; acórtalo",
        ],
    }


def _slug(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "slug",
        "label": LABELS["slug"],
        "widget": "slug_nota",
        "required": False,
        "pattern": [SLUG_RE.pattern, "usa solo minúsculas sin acentos, números y guiones"],
        "palabras": MAX_SLUG_WORDS,
        "hint": "La última parte de la dirección web. Si la dejas vacía se forma con el título al "
        "guardar por primera vez; después ya no cambia, aunque cambies el título.",
    }


def _date(name: str, label: str, required: bool, hint: str, **options: Any) -> Field:
    return {
        "name": name,
        "label": label,
        "widget": "fecha_mx",
        "required": required,
        "pattern": [DATE_RE.pattern, "usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30"],
        "hint": hint,
        **options,
    }


def _fecha(tipo: ItemType, ref: RefData) -> Field:
    return _date(
        "fecha",
        LABELS["fecha"],
        True,
        "Hora del centro de México. Una fecha futura no se publica hasta que llegue.",
        ahora=True,
    )


def _tipo(tipo: ItemType, ref: RefData) -> Field:
    return {"name": "tipo", "label": LABELS["tipo"], "widget": "hidden", "default": tipo.key}


def municipality_options(ref: RefData, statewide: bool) -> list[dict[str, str]]:
    options = [{"label": "Todo el estado (estatal)", "value": STATEWIDE}] if statewide else []
    return options + [{"label": m.nombre, "value": m.slug} for m in ref.municipalities]


def _municipios(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "municipios",
        "label": LABELS["municipios"],
        "widget": "municipios",
        "multiple": True,
        "required": True,
        "min": 1,
        "options": municipality_options(ref, statewide=True),
        "exclusivo": STATEWIDE,
        "hint": "Escribe para buscar entre los 125 municipios, o elige «Todo el estado».",
    }


def _personas(tipo: ItemType, ref: RefData) -> Field:
    people = sorted(ref.people.values(), key=lambda p: p.nombre)
    if not people:  # nothing to choose from yet: the key is still written, empty
        return {"name": "personas", "label": LABELS["personas"], "widget": "hidden", "default": []}
    return {
        "name": "personas",
        "label": LABELS["personas"],
        "widget": "select",
        "multiple": True,
        "required": False,
        "default": [],
        "options": [
            {
                "label": f"{p.nombre} — {p.cargo}" + (f" de {p.municipio.nombre}" if p.municipio else ""),
                "value": p.id,
            }
            for p in people
        ],
        "hint": "Las de content/datos/personas.yml; si falta alguien, pide que lo agreguen ahí.",
    }


def _resumen(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "resumen",
        "label": LABELS["resumen"],
        "widget": "text",
        "required": True,
        "pattern": [
            rf"^\s*[\s\S]{{1,{MAX_SUMMARY}}}\s*$",
            f"tiene más de {MAX_SUMMARY} caracteres; déjalo en una o dos frases",
        ],
        "hint": "Una o dos frases para redes sociales, correo y listados.",
    }


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
        "inicio": _date("inicio", "Inicio", True, "Hora del centro de México."),
        "fin": _date("fin", "Fin", False, "Si no se sabe, déjalo vacío.", despues_de="evento.inicio"),
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


def _estado(tipo: ItemType, ref: RefData) -> Field:
    feminine = tipo.key in FEMININE
    article, leave = ("una", "déjala") if feminine else ("un", "déjalo")
    rules = [
        {
            "si": [state],
            "falta": needed,
            "mensaje": f"el estado «{STATE_LABELS[state].split(' (')[0]}» necesita «{LABELS[needed]}»",
        }
        for state, needed in STATE_NEEDS.items()
    ]
    rules += [
        {
            "si": [s for s in STATES if s != DRAFT],
            "falta": need,
            "mensaje": f"para publicar {article} {tipo.label.lower()} falta «{LABELS[need]}» "
            f"(o {leave} como borrador)",
        }
        for need in tipo.requires
    ]
    return {
        "name": "estado",
        "label": LABELS["estado"],
        "widget": "estado",
        "required": True,
        "default": DRAFT,
        "options": [{"label": STATE_LABELS[s], "value": s} for s in STATES],
        "reglas": rules,
        "hint": "Un borrador no aparece en ningún lado. «Programado» sale sola al llegar el embargo.",
    }


def _embargo(tipo: ItemType, ref: RefData) -> Field:
    return _date(
        "embargo",
        LABELS["embargo"],
        False,
        "Solo con estado «Programado»: hasta esta hora (del centro de México) la nota no aparece en "
        "ningún lado.",
    )


def _etiquetas(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "etiquetas",
        "label": LABELS["etiquetas"],
        "widget": "list",
        "required": False,
        "default": [],
        "hint": "Temas separados por comas, por ejemplo: salud, agua.",
    }


def _canales(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "canales",
        "label": LABELS["canales"],
        "widget": "select",
        "multiple": True,
        "required": False,
        "options": [{"label": CHANNEL_LABELS[c], "value": c} for c in CHANNELS],
        "hint": "Déjalo vacío para anunciarla en los canales de siempre de este tipo.",
    }


def _destacado(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "destacado",
        "label": LABELS["destacado"],
        "widget": "boolean",
        "required": False,
        "default": False,
    }


def _motivo_retiro(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "motivo_retiro",
        "label": LABELS["motivo_retiro"],
        "widget": "text",
        "required": False,
        "hint": "Solo con estado «Retirado»: una frase que explique a los lectores por qué se retiró.",
    }


def body(tipo: ItemType) -> Field:
    needed = "cuerpo" in tipo.requires
    return {
        "name": "body",
        "label": LABELS["cuerpo"],
        "widget": "markdown",
        "required": False,  # a draft may still be empty; the state widget asks for it
        "buttons": MARKDOWN_BUTTONS,
        "editor_components": [],  # photos go in the photo fields, where they get caption and credit
        "hint": (
            "Obligatorio para publicar; un borrador puede guardarse sin texto." if needed else "Opcional."
        ),
    }


BUILDERS: dict[str, Callable[[ItemType, RefData], Field]] = {
    "id": _id,
    "titulo": _titulo,
    "slug": _slug,
    "fecha": _fecha,
    "tipo": _tipo,
    "municipios": _municipios,
    "personas": _personas,
    "resumen": _resumen,
    "imagen": _imagen,
    "galeria": _galeria,
    "audio": _audio,
    "video": _video,
    "evento": _evento,
    "estado": _estado,
    "embargo": _embargo,
    "etiquetas": _etiquetas,
    "canales": _canales,
    "destacado": _destacado,
    "motivo_retiro": _motivo_retiro,
}
