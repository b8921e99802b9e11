"""`make nuevo`: a valid new file with a fresh id, in its section's folder."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string
from pathlib import Path

from .exceptions import PressroomError
from .model.item import MEXICO_CITY, STATEWIDE, TYPES
from .model.problems import fold, suggestion
from .model.refdata import RefData

ID_ALPHABET = string.ascii_lowercase + string.digits
ID_LENGTH = 5
MAX_SLUG_WORDS = 10
SLUG_FALLBACK = "nota"
ID_LINE = re.compile(r"^id:\s*(\S+)", re.MULTILINE)


def new_id(day: dt.date, taken: set[str]) -> str:
    while True:
        candidate = f"{day:%Y-%m-%d}-" + "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if candidate not in taken:
            return candidate


def slugify(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(title))
    return "-".join(words[:MAX_SLUG_WORDS]) or SLUG_FALLBACK


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(item_id: str, title: str, slug: str, when: dt.datetime, tipo: str, municipio: str) -> str:
    lines = [
        "---",
        f"id: {item_id}",
        f"titulo: {_quote(title)}",
        f"slug: {slug}",
        f"fecha: {when:%Y-%m-%d %H:%M}",
        f"tipo: {tipo}",
        f"municipios: [{municipio}]",
        "personas: []",
        f"resumen: {_quote('Escribe aquí una o dos frases para redes, correo y listados.')}",
        "estado: borrador",
        "etiquetas: []",
    ]
    hints = {
        "boletin": "imagen: {archivo: imagenes/AAAA/MM/foto.jpg, pie: Describe la foto, credito: Comunicación PT}",
        "reportaje": "imagen: {archivo: imagenes/AAAA/MM/foto.jpg, pie: Describe la foto, credito: Comunicación PT}",
        "actividad": "imagen: {archivo: imagenes/AAAA/MM/foto.jpg, pie: Describe la foto}",
        "conferencia": "evento: {inicio: AAAA-MM-DD HH:MM, fin: AAAA-MM-DD HH:MM, lugar: Sede, municipio: toluca}",
        "capsula": "video: https://www.youtube.com/watch?v=...",
        "spot": "audio: audio/AAAA/MM/spot.mp3",
        "galeria": "galeria:\n#   - {archivo: imagenes/AAAA/MM/foto-1.jpg, pie: Describe la foto}",
    }
    lines.append("# Antes de publicar, completa y quita el '#' de esta línea:")
    lines.append("# " + hints[tipo])
    lines += ["---", "", "Escribe aquí el texto.", ""]
    return "\n".join(lines)


def create(
    content_dir: Path,
    ref: RefData,
    tipo: str,
    title: str,
    municipio: str,
    now: dt.datetime | None = None,
) -> Path:
    """Write the new file and return its path; bad arguments raise PressroomError in Spanish."""
    example = 'por ejemplo: make nuevo TIPO=boletin TITULO="Alcaldesa inaugura clínica" MUNICIPIO=texcoco'
    for name, value in (("TIPO", tipo), ("TITULO", title), ("MUNICIPIO", municipio)):
        if not value.strip():
            raise PressroomError(f"falta {name}; {example}")
    tipo_key = fold(tipo)
    if tipo_key not in TYPES:
        raise PressroomError(
            f"TIPO '{tipo}' no existe{suggestion(tipo, TYPES)}; usa uno de: {', '.join(TYPES)}"
        )
    if fold(municipio) == STATEWIDE:
        municipio_slug = STATEWIDE
    else:
        found = ref.municipality(municipio)
        if found is None:
            raise PressroomError(ref.municipality_problem(municipio).replace("municipio", "MUNICIPIO", 1))
        municipio_slug = found.slug
    when = (now or dt.datetime.now(MEXICO_CITY)).astimezone(MEXICO_CITY).replace(second=0, microsecond=0)
    slug = slugify(title)
    folder = content_dir / TYPES[tipo_key].section / f"{when:%Y}"
    path = folder / f"{when:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise PressroomError(f"ya existe {path}; elige otro título o edita ese archivo")
    taken = {
        match.group(1)
        for existing in content_dir.rglob("*.md")
        if (match := ID_LINE.search(existing.read_text(encoding="utf-8", errors="replace")))
    }
    text = render(new_id(when.date(), taken), title.strip(), slug, when, tipo_key, municipio_slug)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
