"""Turn one editor's file into an Item, or into every problem it has at once.

Pure: takes the file's bytes, the reference data and the set of files under content/;
returns values and problems, never raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from . import fields as read
from .body import body_problems
from .fields import IMAGE_EXTENSIONS, Checker, parse_date
from .frontmatter import Document, decode, split
from .item import STATES, TYPES, Item, Page
from .problems import MAX_SLUG, SLUG_RE, Problem
from .refdata import RefData

__all__ = ["IMAGE_EXTENSIONS", "ITEM_KEYS", "SLUG_RE", "parse_date", "parse_item", "parse_page"]

ITEM_KEYS = (
    "id",
    "titulo",
    "slug",
    "fecha",
    "tipo",
    "municipios",
    "personas",
    "resumen",
    "imagen",
    "galeria",
    "audio",
    "video",
    "evento",
    "estado",
    "embargo",
    "etiquetas",
    "canales",
    "destacado",
    "motivo_retiro",
    "direcciones_anteriores",
)
REQUIRED_KEYS = ("id", "titulo", "slug", "fecha", "tipo", "municipios", "resumen", "estado")
# a state and the key it cannot go without, with what to tell the editor
STATE_NEEDS = {"programado": "embargo", "retirado": "motivo_retiro"}
STATE_NEEDS_HELP = {
    "programado": "estado 'programado' necesita 'embargo' con la fecha y hora en que se publica; "
    "agrega por ejemplo: embargo: 2026-11-26 08:00",
    "retirado": "estado 'retirado' necesita 'motivo_retiro': una frase que explique a los lectores "
    "por qué se retiró",
}
PAGE_KEYS = ("titulo", "slug", "resumen")
FREE_TEXT_KEYS = ("titulo", "resumen", "motivo_retiro")
YAML_SIGNS = "#!&*@`%"
MAX_TITLE = 200
MAX_SUMMARY = 300

ID_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]{5}$")


def read_document(path: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    return split(path, text)


def parse_item(
    path: str, data: bytes, ref: RefData, files: Collection[str]
) -> tuple[Item | None, list[Problem]]:
    """One item file to an Item; `files` are the paths under content/ (for media checks)."""
    doc, problems = read_document(path, data)
    if doc is None:
        return None, problems
    check = Checker(path, doc.fields)
    check.problems = problems
    fields = doc.fields
    read.unknown_keys(check, fields, ITEM_KEYS)
    mistyped = _plain_text_pitfalls(check, doc)
    for key in REQUIRED_KEYS:
        node = fields.get(key)
        if key in mistyped:
            continue
        if node is None or (isinstance(node.value, str) and not node.value.strip()):
            line = node.line if node is not None else 1
            check.add(line, f"falta '{key}'; es obligatoria en todas las notas (ver README)")

    item_id = check.text("id")
    if item_id and not ID_RE.match(item_id):
        check.add(
            fields["id"].line,
            f"id '{item_id}' no tiene la forma AAAA-MM-DD-xxxxx; el id lo escribe `make nuevo` y no se edita",
        )
    titulo = check.text("titulo")
    if titulo and len(titulo) > MAX_TITLE:
        check.add(
            fields["titulo"].line,
            f"el título tiene {len(titulo)} caracteres y el máximo es {MAX_TITLE}; acórtalo",
        )
    slug = check.text("slug")
    if slug and not SLUG_RE.match(slug):
        check.add(
            fields["slug"].line,
            f"slug '{slug}' no es válido; usa solo minúsculas sin acentos, números y guiones, "
            f"por ejemplo '{read.slugify(slug)}'",
        )
    elif slug and len(slug) > MAX_SLUG:
        check.add(
            fields["slug"].line,
            f"el slug tiene {len(slug)} caracteres y el máximo es {MAX_SLUG}; acórtalo, por ejemplo "
            f"'{read.slugify(slug)}'",
        )
    fecha = check.date("fecha") if "fecha" in fields else None
    tipo_key = check.one_of("tipo", list(TYPES), "tipo")
    estado = check.one_of("estado", STATES, "estado")
    resumen = check.text("resumen")
    if resumen and len(resumen) > MAX_SUMMARY:
        check.add(
            fields["resumen"].line,
            f"el resumen tiene {len(resumen)} caracteres y el máximo es {MAX_SUMMARY}; "
            "déjalo en una o dos frases",
        )
    estatal, municipios = read.municipalities(check, ref)
    personas = read.people(check, ref)
    imagen = read.image(check, fields["imagen"], "imagen", files) if "imagen" in fields else None
    galeria = read.gallery(check, files)
    audio = read.audio(check, files)
    video = read.video(check)
    evento = read.event(check, ref)
    embargo = check.date("embargo") if "embargo" in fields else None
    etiquetas = read.tags(check)
    canales = read.channels(check)
    destacado = read.boolean(check, "destacado")
    motivo = check.text("motivo_retiro") or ""
    anteriores = read.earlier_addresses(check)

    given = {
        "embargo": embargo is not None or "embargo" in fields,
        "motivo_retiro": bool(motivo) or check.reported(fields.get("motivo_retiro")),
    }
    if estado in STATE_NEEDS and not given[STATE_NEEDS[estado]]:
        check.add(fields["estado"].line, STATE_NEEDS_HELP[estado])
    if estado and estado != "borrador" and tipo_key:
        _require_for_type(check, tipo_key, doc)
    check.problems += body_problems(path, doc.body, doc.body_line)

    if check.problems or None in (item_id, titulo, slug, fecha, tipo_key, estado, resumen):
        return None, check.problems
    assert item_id and titulo and slug and fecha and tipo_key and estado and resumen
    return (
        Item(
            path=path,
            id=item_id,
            titulo=titulo,
            slug=slug,
            fecha=fecha,
            tipo=TYPES[tipo_key],
            estatal=estatal,
            municipios=municipios,
            resumen=resumen,
            estado=estado,
            body=doc.body,
            body_line=doc.body_line,
            personas=personas,
            imagen=imagen,
            galeria=galeria,
            audio=audio,
            video=video,
            evento=evento,
            embargo=embargo,
            etiquetas=etiquetas,
            canales=canales,
            destacado=destacado,
            motivo_retiro=motivo,
            direcciones_anteriores=anteriores,
            lines={key: node.line for key, node in fields.items()},
        ),
        [],
    )


def parse_page(path: str, data: bytes) -> tuple[Page | None, list[Problem]]:
    doc, problems = read_document(path, data)
    if doc is None:
        return None, problems
    check = Checker(path, doc.fields)
    check.problems = problems
    read.unknown_keys(check, doc.fields, PAGE_KEYS, " en una página")
    titulo, slug, resumen = check.text("titulo"), check.text("slug"), check.text("resumen")
    for key, value in (("titulo", titulo), ("slug", slug)):
        if not value and not check.reported(doc.fields.get(key)):
            check.add(doc.fields[key].line if key in doc.fields else 1, f"falta '{key}' en la página")
    if slug and (not SLUG_RE.match(slug) or len(slug) > MAX_SLUG):
        check.add(doc.fields["slug"].line, f"slug '{slug}' no es válido; por ejemplo '{read.slugify(slug)}'")
    check.problems += body_problems(path, doc.body, doc.body_line)
    if check.problems or not titulo or not slug:
        return None, check.problems
    return Page(path, titulo, slug, resumen or "", doc.body, doc.body_line), []


def _plain_text_pitfalls(check: Checker, doc: Document) -> set[str]:
    """Free text written without quotes that YAML would silently cut: '#', '!', '&', '*'..."""
    found = set()
    for key in FREE_TEXT_KEYS:
        node = doc.fields.get(key)
        if node is None or not isinstance(node.value, str) or node.line > len(doc.lines):
            continue
        raw = doc.lines[node.line - 1]
        if not raw.startswith(f"{key}:"):
            continue
        written = raw[len(key) + 1 :].strip()
        if not written or written[0] in "\"'|>":
            continue
        if written[0] in YAML_SIGNS:
            reason = f"empieza con '{written[0]}', que en YAML tiene un significado especial"
        elif " #" in written:
            reason = "tiene un '#' después de un espacio y YAML tomaría lo que sigue como un comentario"
        else:
            continue
        found.add(key)
        check.add(
            node.line,
            f"el valor de '{key}' {reason} y se perdería parte del texto; escríbelo entre comillas "
            f'dobles, por ejemplo {key}: "{written.replace(chr(34), chr(39))}"',
        )
    return found


def _require_for_type(check: Checker, tipo_key: str, doc: Document) -> None:
    tipo = TYPES[tipo_key]
    what = {
        "imagen": "'imagen' (la foto principal, con 'archivo' y 'pie')",
        "galeria": "'galeria' con al menos una foto",
        "audio": "'audio' (el archivo del spot)",
        "video": "'video' (la dirección del video)",
        "evento": "'evento' (inicio, lugar y municipio de la conferencia)",
    }
    article = "una" if tipo_key in ("actividad", "conferencia", "capsula", "galeria") else "un"
    for need in tipo.requires:
        if need == "cuerpo":
            if not doc.body.strip():
                check.add(
                    doc.end_line,
                    f"{article} {tipo.label.lower()} necesita texto debajo del encabezado; "
                    "escríbelo después de esta línea '---' (o deja la nota como borrador)",
                )
        elif need not in check.fields or (need == "galeria" and not check.fields[need].value):
            check.add(
                check.fields["tipo"].line,
                f"{article} {tipo.label.lower()} necesita {what[need]} (o deja la nota como borrador)",
            )
