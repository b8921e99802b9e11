"""The web editor's form, generated from the content model: one Decap collection per type.

Every front-matter key (`validate.ITEM_KEYS`) has exactly one field builder (fields.py for the
plain keys, media_fields.py for the media and the event), and every rule
of the validator that a form can express becomes a widget option: required keys, lengths, the
id and slug shapes, dates, the 125 municipalities, the people file, states and what each needs,
channels, media extensions and folders. A key without a builder, or a state or channel without a
label, stops the generation (KeyError), so the form cannot silently fall behind the model;
tests/test_editor_form.py checks every rule against the model's own constants.

Rules Decap cannot express on one field (a state that needs another key, 'estatal' alone, an
event that ends after it starts) are options of the custom widgets in admin/editor.js.
"""

from __future__ import annotations

from typing import Any

from ..model.item import MEDIA_KEYS, STATES, TYPES, ItemType
from ..model.refdata import RefData
from ..model.validate import ITEM_KEYS
from . import fields, media_fields
from .fields import STATE_LABELS, Builder, body
from .media_fields import MEDIA_FOLDERS

# Keys the form never asks for: the editor's JavaScript writes them on the first save, the same
# way `make nuevo` does (admin/reglas.js; tests/test_editor_rules.py compares both).
GENERATED = ("id", "slug")
# Keys `make nuevo` writes even when empty, so a file from the web looks like one from the CLI.
KEPT_EMPTY = ("personas", "etiquetas")
# content/<section>/AAAA/AAAA-MM-DD-<slug>.md, as `make nuevo` names it. Decap lowercases this
# template, turns its dots into dashes and drops single quotes: so no `fields.` prefix and no date
# formats; the date comes from truncating `fecha` ("2026-11-25 10:30"), the double-quoted
# omission being a dash that Decap's slug cleaning then trims.
PATH_TEMPLATE = '{{fecha | truncate(4, "-")}}/{{fecha | truncate(10, "-")}}-{{slug}}'
BUILDERS: dict[str, Builder] = {**fields.BUILDERS, **media_fields.BUILDERS}


def collections(ref: RefData) -> list[dict[str, Any]]:
    """One collection per type, in the model's order."""
    return [collection(tipo, ref) for tipo in TYPES.values()]


def keys_of(tipo: ItemType) -> list[str]:
    """The front-matter keys a type's form has, in the validator's (and `make nuevo`'s) order."""
    return [key for key in ITEM_KEYS if key not in MEDIA_KEYS or key in tipo.media]


def collection(tipo: ItemType, ref: RefData) -> dict[str, Any]:
    built = [BUILDERS[key](tipo, ref) for key in keys_of(tipo)]
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
        "fields": [*built, body(tipo)],
    }
