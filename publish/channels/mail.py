"""The email a district coordinator receives: ready to forward or reprint, with photo and link. Pure."""

from __future__ import annotations

import hashlib
import mimetypes
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from ..manifest import ManifestItem


def message_id(item: ManifestItem, recipient: str) -> str:
    """Stable per (item, recipient): a resend after a lost outcome can be recognised."""
    host = urlsplit(item.url).hostname or "localhost"
    digest = hashlib.sha256(recipient.lower().encode()).hexdigest()[:12]
    return f"<{item.id}.{digest}@{host}>"


def render_email(item: ManifestItem, recipient: str, sender: str, photo: Path | None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = f"[{item.tipo_nombre}] {item.titulo}"
    message["Date"] = format_datetime(item.fecha)
    message["Message-ID"] = message_id(item, recipient)
    places = "todo el estado" if item.estatal else ", ".join(item.municipios)
    lines = [
        item.titulo,
        "",
        item.resumen,
        "",
        f"Lugar: {places}",
        f"Nota completa: {item.url}",
    ]
    if item.imagen:
        lines += [f"Foto: {item.imagen.url}", f"Pie de foto: {item.imagen.pie}"]
    lines += [
        "",
        "Puedes reproducir esta nota en medios locales citando la fuente: Comunicación PT Edomex.",
        "",
        "— Coordinación de Comunicación Social, PT Estado de México",
    ]
    message.set_content("\n".join(lines))
    photo_html = ""
    if item.imagen:
        photo_html = (
            f'<p><a href="{escape(item.imagen.url)}">Descargar la foto</a> — {escape(item.imagen.pie)}</p>'
        )
    message.add_alternative(
        f"""<!doctype html><html lang="es-MX"><body>
<h1 style="font-size:20px">{escape(item.titulo)}</h1>
<p>{escape(item.resumen)}</p>
<p><strong>Lugar:</strong> {escape(places)}</p>
<p><a href="{escape(item.url)}">Leer la nota completa</a></p>
{photo_html}
<p style="color:#555">Puedes reproducir esta nota en medios locales citando la fuente: Comunicación PT Edomex.</p>
</body></html>""",
        subtype="html",
    )
    if photo is not None and photo.is_file():
        mime = (mimetypes.guess_type(photo.name)[0] or "application/octet-stream").split("/")
        message.add_attachment(photo.read_bytes(), maintype=mime[0], subtype=mime[1], filename=photo.name)
    return bytes(message)
