"""Manual monitoring cards: what a radio or TV programme said, written down as a small YAML file.

A card lives in the private cards folder (`sintesis.fichas`, `monitoreo/` by default, never
committed) and is checked like content: every problem with `path:line`, all at once, and a bad card
never stops the others. `make ficha` writes a new one ready to fill in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pressroom.model import fields as read
from pressroom.model.fields import Checker, slugify
from pressroom.model.frontmatter import Node, decode, parse_mapping
from pressroom.model.item import MEXICO_CITY
from pressroom.model.problems import Problem
from pressroom.model.refdata import RefData

from .outlets import MEDIA, REACH, Outlets, refuse_aliases
from .story import Note
from .tone import TONES

KEYS = (
    "fecha",
    "hora",
    "emisora",
    "medio",
    "alcance",
    "programa",
    "titulo",
    "resumen",
    "tono",
    "personas",
    "municipios",
    "enlace",
)
REQUIRED = ("fecha", "emisora", "resumen")
MAX_BYTES = 64 * 1024
MAX_SUMMARY = 2000
MAX_TITLE = 300
HOUR = re.compile(r"^(\d{1,2}):(\d{2})$")
TITLE_FROM_SUMMARY = 120
PLACEHOLDERS = {
    "programa": "Nombre del programa",
    "resumen": "Qué se dijo, quién lo dijo y en qué contexto (una o dos frases).",
}


@dataclass(frozen=True)
class Card:
    path: str  # as shown in messages; the card's identity
    digest: str  # of the file's bytes
    note: Note
    tono: str | None
    personas: tuple[str, ...]  # declared by the editor
    municipios: tuple[str, ...]


def _when(check: Checker) -> dt.datetime | None:
    fecha = check.date("fecha")
    hora = check.text("hora")
    if fecha is None or not hora:
        return fecha
    match = HOUR.match(hora)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        check.add(check.fields["hora"].line, f"'hora' '{hora}' no es una hora válida; escríbela como 07:30")
        return fecha
    return fecha.replace(hour=int(match.group(1)), minute=int(match.group(2)))


def _filled(node: Node | None) -> bool:
    """Present and not an empty list or text: a card may name no municipality."""
    return node is not None and node.value not in ([], "")


def _bounded(check: Checker, key: str, limit: int) -> str:
    value = check.text(key) or ""
    if len(value) > limit:
        check.add(check.fields[key].line, f"'{key}' tiene {len(value)} caracteres; el máximo es {limit}")
    return value


def read_card(
    path: str, data: bytes, ref: RefData, outlets: Outlets, now: dt.datetime
) -> tuple[Card | None, list[Problem]]:
    if len(data) > MAX_BYTES:
        return None, [
            Problem(path, 1, f"la ficha pesa más de {MAX_BYTES // 1024} KB; una ficha es un resumen breve")
        ]
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    problems = refuse_aliases(path, text)
    if problems:
        return None, problems
    fields, problems = parse_mapping(path, text)
    if fields is None:
        return None, problems
    check = Checker(path, fields)
    check.problems += problems
    read.unknown_keys(check, fields, KEYS)
    for key in REQUIRED:
        if key not in fields:
            check.add(1, f"falta '{key}' en la ficha")
    when = _when(check)
    emisora = check.text("emisora") or ""
    known = outlets.named(emisora) if emisora else None
    medio = check.one_of("medio", MEDIA, "medio") if "medio" in fields else (known.medio if known else None)
    alcance = (
        check.one_of("alcance", REACH, "alcance")
        if "alcance" in fields
        else (known.alcance if known else None)
    )
    if emisora and known is None and ("medio" not in fields or "alcance" not in fields):
        check.add(
            fields["emisora"].line,
            f"la emisora '{emisora}' no está en la lista de medios; agrégala a la lista (publish/medios.yml) o "
            "pon en la ficha 'medio:' (radio, tv, prensa, digital o redes) y 'alcance:' (nacional, estatal o local)",
        )
    resumen = _bounded(check, "resumen", MAX_SUMMARY)
    titulo = _bounded(check, "titulo", MAX_TITLE)
    programa = _bounded(check, "programa", MAX_TITLE)
    tono = check.one_of("tono", TONES, "tono") if check.text("tono") else None
    for key, placeholder in PLACEHOLDERS.items():
        if key in fields and fields[key].value == placeholder:
            check.add(
                fields[key].line, f"'{key}' todavía tiene el texto de ejemplo; escribe el de este programa"
            )
    people = read.people(check, ref)
    places = read.municipalities(check, ref)[1] if _filled(fields.get("municipios")) else ()
    enlace = check.text("enlace") or ""
    if enlace and urlsplit(enlace).scheme not in ("http", "https"):
        check.add(fields["enlace"].line, f"'enlace' '{enlace}' no es una dirección web (https://…)")
        enlace = ""
    if when is not None and when > now + dt.timedelta(days=1):
        check.add(
            fields["fecha"].line, f"la fecha {when:%Y-%m-%d %H:%M} está en el futuro; ¿es la del programa?"
        )
    if check.problems or when is None or not (emisora and resumen and medio and alcance):
        return None, sorted(check.problems)
    if not titulo:
        titulo = (
            resumen
            if len(resumen) <= TITLE_FROM_SUMMARY
            else resumen[:TITLE_FROM_SUMMARY].rsplit(" ", 1)[0] + "…"
        )
    note = Note(
        f"ficha:{path}",
        enlace,
        emisora,
        medio,
        alcance,
        titulo,
        resumen,
        when.astimezone(dt.UTC),
        now,
        programa,
    )
    digest = hashlib.sha256(data).hexdigest()
    return Card(path, digest, note, tono, tuple(p.id for p in people), tuple(m.slug for m in places)), []


def card_files(folder: Path) -> list[Path]:
    """Every .yml/.yaml under the folder, hidden names (editor backups, .git) left out."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in relative.parts) or path.suffix not in (
            ".yml",
            ".yaml",
        ):
            continue
        if path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def new_card(folder: Path, emisora: str, programa: str, when: dt.datetime, outlets: Outlets) -> Path:
    """A card to fill in, named by date, time and outlet; never overwrites one."""
    local = when.astimezone(MEXICO_CITY)
    known = outlets.named(emisora)
    name = f"{local:%Y-%m-%d-%H%M}-{slugify(emisora)}" + (f"-{slugify(programa)}" if programa else "")
    target = folder / f"{local:%Y}" / f"{local:%m}" / f"{name}.yml"
    number = 2
    while target.exists():
        target = target.with_name(f"{name}-{number}.yml")
        number += 1
    lines = [
        "# Ficha de monitoreo (radio, TV o lo que no tiene feed). Llena los campos y guarda el archivo;",
        "# la próxima síntesis la incluye. Revisa la ficha con: make fichas",
        f"fecha: {local:%Y-%m-%d}",
        f'hora: "{local:%H:%M}"',
        f"emisora: {_quote(emisora)}",
    ]
    if known is None:
        lines += [
            "medio: radio          # radio | tv | prensa | digital | redes",
            "alcance: estatal      # nacional | estatal | local",
        ]
    lines += [
        f"programa: {_quote(programa or PLACEHOLDERS['programa'])}",
        'titulo: ""            # opcional: si se deja vacío se usa el principio del resumen',
        f"resumen: {_quote(PLACEHOLDERS['resumen'])}",
        "tono:                 # positivo | neutral | negativo (vacío: se sugiere uno)",
        "personas: []          # ids de content/datos/personas.yml, por ejemplo [hector-salgado]",
        "municipios: []        # nombres o slugs de los 125, o [estatal]",
        'enlace: ""            # opcional: dirección de la grabación',
        "",
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    return target
