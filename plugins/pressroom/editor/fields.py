"""Decap fields for the plain front-matter keys: text, dates, places, people, state, channels.

Each builder takes the type and the reference data and returns one field of Decap's
configuration; `BUILDERS` maps every key it covers. The media and the event are in
media_fields.py; form.py puts both together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.fields import DATE_RE
from ..model.item import CHANNELS, STATES, STATEWIDE, ItemType
from ..model.refdata import RefData
from ..model.validate import MAX_SUMMARY, MAX_TITLE, SLUG_RE, STATE_NEEDS
from ..scaffold import MAX_SLUG_WORDS

Field = dict[str, Any]
Builder = Callable[[ItemType, RefData], Field]

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
    "direcciones_anteriores": "Direcciones anteriores",
    "cuerpo": "Texto",
}
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


def date_field(name: str, label: str, required: bool, hint: str, **options: Any) -> Field:
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
    return date_field(
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
    return date_field(
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


def _direcciones_anteriores(tipo: ItemType, ref: RefData) -> Field:
    return {
        "name": "direcciones_anteriores",
        "label": LABELS["direcciones_anteriores"],
        "widget": "list",
        "required": False,
        "hint": (
            "Solo si cambiaste la dirección (slug) de una nota ya publicada: la dirección anterior, "
            "desde la /, por ejemplo /boletines/2026/11/slug-anterior/. Ahí quedará una página que "
            "lleva a la nueva."
        ),
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


BUILDERS: dict[str, Builder] = {
    "id": _id,
    "titulo": _titulo,
    "slug": _slug,
    "fecha": _fecha,
    "tipo": _tipo,
    "municipios": _municipios,
    "personas": _personas,
    "resumen": _resumen,
    "estado": _estado,
    "embargo": _embargo,
    "etiquetas": _etiquetas,
    "canales": _canales,
    "destacado": _destacado,
    "motivo_retiro": _motivo_retiro,
    "direcciones_anteriores": _direcciones_anteriores,
}
