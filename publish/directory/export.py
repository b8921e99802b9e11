"""The directory on paper and in a spreadsheet, for the 2–3 reviews a year (`make directorio`).

Both files hold personal data: they are written only into the private state folder, readable by
their owner alone, and never inside the built site or the deployed folder.
"""

from __future__ import annotations

import csv
import io
import os
from html import escape
from pathlib import Path

from ..errors import ConfigError
from .model import Contact, Directory
from .review import Review

FOLDER = "directorio"
COLUMNS = (
    "Nombre",
    "Correo",
    "Teléfono",
    "Rol",
    "Medio",
    "Distritos",
    "Municipios",
    "Listas",
    "Activo",
    "Verificado",
    "WhatsApp desde",
    "Archivo",
)


def coverage(contact: Contact, directory: Directory) -> tuple[str, str]:
    names = {m.slug: m.nombre for m in directory.municipalities}
    districts = ", ".join(contact.distritos)
    if contact.estatal:
        districts = ", ".join(filter(None, ["todo el estado", districts]))
    return districts, ", ".join(names.get(slug, slug) for slug in contact.municipios)


def row(contact: Contact, directory: Directory) -> list[str]:
    districts, municipalities = coverage(contact, directory)
    return [
        contact.nombre,
        contact.correo,
        contact.telefono or "",
        contact.rol or "",
        contact.medio,
        districts,
        municipalities,
        ", ".join(contact.listas),
        "sí" if contact.activo else "no",
        contact.verificado.isoformat() if contact.verificado else "",
        contact.whatsapp.isoformat() if contact.whatsapp else "",
        contact.where,
    ]


def ordered(directory: Directory) -> list[Contact]:
    """By district (statewide first, then district order, then municipal links), then name."""
    position = {d.id: n for n, d in enumerate(directory.districts)}

    def key(contact: Contact) -> tuple[int, int, str]:
        if contact.estatal:
            return (0, 0, contact.nombre.lower())
        district = min((position.get(d, 999) for d in contact.distritos), default=None)
        if district is None:
            found = [directory.district_of(slug) for slug in contact.municipios]
            district = min((position[d.id] for d in found if d is not None), default=999)
        return (1, district, contact.nombre.lower())

    return sorted(directory.contacts, key=key)


def render_csv(directory: Directory) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in ordered(directory):
        writer.writerow(row(contact, directory))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read the accents


STYLE = """
body { font: 11pt/1.35 system-ui, sans-serif; margin: 1.5cm; color: #111; }
h1 { font-size: 16pt; margin: 0 0 .2em; } p { margin: .2em 0 1em; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; } tr { page-break-inside: avoid; }
.viejo { background: #fff3cd; } .inactivo { color: #777; }
.casilla { width: 2.2em; }
@page { size: A4 landscape; margin: 1cm; }
"""


def render_html(review: Review) -> str:
    directory = review.directory
    head = "".join(f"<th>{escape(c)}</th>" for c in (*COLUMNS[:-1], "Revisado"))
    body = []
    for contact in ordered(directory):
        classes = []
        if contact.activo and contact.stale(review.today):
            classes.append("viejo")
        if not contact.activo:
            classes.append("inactivo")
        cells = "".join(f"<td>{escape(value)}</td>" for value in row(contact, directory)[:-1])
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        body.append(f'<tr{attribute}>{cells}<td class="casilla">☐</td></tr>')
    return f"""<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<title>Directorio de contactos — revisión del {review.today.isoformat()}</title>
<style>{STYLE}</style></head><body>
<h1>Directorio de contactos — revisión del {review.today.isoformat()}</h1>
<p>Documento privado con datos personales: no se publica ni se reenvía. {len(directory.contacts)} contactos.
En amarillo, los que no se han verificado desde el {review.cutoff.isoformat()}; en gris, los inactivos.
Al confirmar los datos de un contacto, anota la fecha en su clave <code>verificado</code>.</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def write(review: Review, state: Path, forbidden: tuple[Path, ...]) -> list[Path]:
    """Write the HTML and CSV export into `<state>/directorio/`; never into a forbidden folder."""
    folder = state / FOLDER
    for place in forbidden:
        if _inside(folder, place):
            raise ConfigError(
                f"la carpeta de estado {state} está dentro de {place}, que se publica; el directorio tiene "
                "datos personales y no se exporta ahí. Cambia 'sitio.estado' en la configuración"
            )
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    stamp = review.today.isoformat()
    files = {
        folder / f"revision-{stamp}.html": render_html(review).encode("utf-8"),
        folder / f"revision-{stamp}.csv": render_csv(review.directory),
    }
    for path, data in files.items():
        temporary = path.with_name(f".{path.name}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    return list(files)
