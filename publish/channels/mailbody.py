"""The two bodies of an announcement email — plain text and HTML — with the same content. Pure.

What a district coordinator needs to reproduce the item as is: the title, the dateline, the summary,
for a conference when and where, the photo with its caption, credit and the link to the
high-resolution file, the full text, the link to the note and a sign-off. The HTML is a table
layout with inline styles only, which is what mail clients (Outlook included) render reliably.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from pressroom.dates import long_date
from pressroom.model.problems import fold

from ..manifest import ManifestItem
from . import event

RED, DARK_RED, YELLOW, TEXT, GREY, LINE, PAPER = (
    "#c8102e",
    "#9b0b22",
    "#ffd100",
    "#1f1f1f",
    "#595959",
    "#d4d4d4",
    "#f6f5f2",
)
FONT = "Arial, Helvetica, sans-serif"
WIDTH = 600
GUTTER = 24


@dataclass(frozen=True)
class Signature:
    office: str  # "Comunicación Social PT Edomex"
    lines: tuple[str, ...]  # the sign-off, one line each
    unsubscribe: str  # mailto: address for the footer


def names_its_type(item: ManifestItem) -> bool:
    """Whether the title already starts with its type ('Conferencia de prensa: …', 'Boletín …')."""
    kind = re.findall(r"\w+", fold(item.tipo_nombre))
    words = re.findall(r"\w+", fold(item.titulo))
    return bool(kind) and (words[: len(kind)] == kind or words[:1] == kind[:1])


def when(item: ManifestItem) -> str:
    """'jueves 27 de noviembre de 2026, 11:00 a 12:30 h' (Mexico City), for a conference."""
    assert item.evento is not None
    day = event.day(item.evento.inicio)
    return f"{day[:1].lower()}{day[1:]}, {event.hours(item.evento)}"


def where(item: ManifestItem) -> str:
    """The venue and its municipality (said once), as posts say it."""
    assert item.evento is not None
    return event.place(item.evento) or ", ".join(item.municipios)


def dateline(item: ManifestItem) -> str:
    place = (
        "Estado de México"
        if item.estatal or not item.municipios
        else f"{item.municipios[0]}, Estado de México"
    )
    return f"{place}, {long_date(item.fecha)}"


def credit(item: ManifestItem) -> str:
    assert item.imagen is not None
    caption = item.imagen.pie.rstrip(".")
    return f"{caption}. Foto: {item.imagen.credito}." if item.imagen.credito else f"{caption}."


def media_links(item: ManifestItem) -> list[tuple[str, str]]:
    found = []
    if item.video:
        found.append(("Video", item.video))
    if item.audio:
        found.append(("Audio (MP3)", item.audio))
    return found


def reproduce_line(signature: Signature) -> str:
    return f"Puedes reproducir este material en tus medios citando la fuente: {signature.office}."


def footer_line(signature: Signature) -> str:
    return (
        f"Recibes este correo porque estás en el directorio de contactos de {signature.office}. "
        f"Para no recibir más, responde con la palabra BAJA o escribe a {signature.unsubscribe}."
    )


def text_body(item: ManifestItem, signature: Signature, invitation: str | None) -> str:
    lines = [] if names_its_type(item) else [item.tipo_nombre.upper()]
    lines += [item.titulo, dateline(item), "", item.resumen, ""]
    if item.evento is not None and item.tipo == "conferencia":
        lines += [f"Cuándo: {when(item)} (hora del centro de México)", f"Dónde: {where(item)}"]
        if invitation:
            lines.append(f"Invitación para tu calendario: {invitation} (adjunta)")
        lines.append("")
    if item.cuerpo_texto:
        lines += [item.cuerpo_texto.strip(), ""]
    if item.imagen is not None:
        lines.append(f"Pie de foto: {item.imagen.pie}")
        if item.imagen.credito:
            lines.append(f"Crédito: {item.imagen.credito}")
        lines += [f"Foto en alta resolución: {item.imagen.url}", ""]
    lines += [f"{label}: {url}" for label, url in media_links(item)]
    lines += [f"Nota completa: {item.url}", "", reproduce_line(signature), "", "-- ", *signature.lines, ""]
    lines += [footer_line(signature), ""]
    return "\n".join(lines)


# -- HTML --

_TAG_STYLES = {
    "p": "margin:0 0 16px;",
    "h2": f"margin:24px 0 12px;font:bold 20px/1.3 {FONT};color:{TEXT};",
    "h3": f"margin:20px 0 8px;font:bold 17px/1.3 {FONT};color:{TEXT};",
    "ul": "margin:0 0 16px;padding-left:24px;",
    "ol": "margin:0 0 16px;padding-left:24px;",
    "li": "margin:0 0 6px;",
    "blockquote": f"margin:0 0 16px;padding:0 0 0 16px;border-left:4px solid {LINE};color:{GREY};",
    "a": f"color:{DARK_RED};text-decoration:underline;",
    "img": "display:block;max-width:100%;height:auto;border:0;",
    "table": "border-collapse:collapse;margin:0 0 16px;",
    "td": f"border:1px solid {LINE};padding:4px 8px;",
    "th": f"border:1px solid {LINE};padding:4px 8px;text-align:left;",
}
_OPENING = re.compile(r"<(" + "|".join(_TAG_STYLES) + r")(\s[^>]*)?>")


def inline_styles(html: str) -> str:
    """Style attributes on the full text's tags (mail clients drop <style> blocks)."""

    def styled(match: re.Match[str]) -> str:
        tag, attributes = match.group(1), match.group(2) or ""
        if "style=" in attributes:
            return match.group(0)
        return f'<{tag}{attributes} style="{_TAG_STYLES[tag]}">'

    return _OPENING.sub(styled, html)


def _row(content: str, padding: str = f"0 {GUTTER}px 16px") -> str:
    return f'<tr><td style="padding:{padding};font:16px/1.6 {FONT};color:{TEXT};">{content}</td></tr>'


def _conference_box(item: ManifestItem, invitation: str | None) -> str:
    note = (
        f'<p style="margin:8px 0 0;font-size:14px;">La invitación para tu calendario va adjunta '
        f"({escape(invitation)}).</p>"
        if invitation
        else ""
    )
    box = (
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="background:#fff8d6;border-left:4px solid {YELLOW};"><tr><td style="padding:12px 16px;">'
        f'<p style="margin:0 0 4px;"><strong>Cuándo:</strong> {escape(when(item))} '
        f'<span style="color:{GREY};">(hora del centro de México)</span></p>'
        f'<p style="margin:0;"><strong>Dónde:</strong> {escape(where(item))}</p>{note}</td></tr></table>'
    )
    return _row(box)


def _photo(item: ManifestItem, cid: str | None) -> str:
    if item.imagen is None:
        return ""
    inner = WIDTH - 2 * GUTTER
    image = ""
    if cid:
        image = (
            f'<img src="cid:{escape(cid)}" width="{inner}" alt="{escape(item.imagen.pie)}" '
            f'style="display:block;width:100%;max-width:{inner}px;height:auto;border:0;">'
        )
    caption = (
        f'<p style="margin:8px 0 0;font:13px/1.5 {FONT};color:{GREY};">{escape(credit(item))} '
        f'<a href="{escape(item.imagen.url)}" style="color:{DARK_RED};">Descargar la foto en alta '
        "resolución</a></p>"
    )
    return _row(image + caption)


def html_body(item: ManifestItem, signature: Signature, cid: str | None, invitation: str | None) -> str:
    rows = [
        f'<tr><td style="background:{RED};padding:16px {GUTTER}px;font:bold 18px/1.3 {FONT};color:#ffffff;">'
        f"{escape(signature.office)}</td></tr>",
        _row(
            (
                ""
                if names_its_type(item)
                else f'<p style="margin:0 0 8px;font:bold 13px/1.4 {FONT};color:{DARK_RED};'
                f'text-transform:uppercase;letter-spacing:.04em;">{escape(item.tipo_nombre)}</p>'
            )
            + f'<h1 style="margin:0 0 8px;font:bold 26px/1.25 {FONT};color:{TEXT};">{escape(item.titulo)}</h1>'
            f'<p style="margin:0 0 16px;font:14px/1.5 {FONT};color:{GREY};">{escape(dateline(item))}</p>'
            f'<p style="margin:0;font:bold 17px/1.5 {FONT};color:{TEXT};">{escape(item.resumen)}</p>',
            f"{GUTTER}px {GUTTER}px 16px",
        ),
    ]
    if item.evento is not None and item.tipo == "conferencia":
        rows.append(_conference_box(item, invitation))
    rows.append(_photo(item, cid))
    if item.cuerpo_html:
        rows.append(_row(inline_styles(item.cuerpo_html)))
    links = "".join(
        f'<p style="margin:0 0 8px;"><strong>{escape(label)}:</strong> '
        f'<a href="{escape(url)}" style="color:{DARK_RED};">{escape(url)}</a></p>'
        for label, url in media_links(item)
    )
    button = (
        f'<a href="{escape(item.url)}" style="display:inline-block;background:{RED};color:#ffffff;'
        f'padding:12px 20px;font:bold 16px/1.2 {FONT};text-decoration:none;border-radius:4px;">'
        "Ver la nota en el sitio</a>"
    )
    rows.append(_row(links + button, f"0 {GUTTER}px {GUTTER}px"))
    sign_off = "<br>".join(escape(line) for line in signature.lines)
    rows.append(
        _row(
            f'<p style="margin:0 0 12px;">{escape(reproduce_line(signature))}</p>'
            f'<p style="margin:0;">{sign_off}</p>',
            f"16px {GUTTER}px {GUTTER}px;border-top:1px solid {LINE}",
        )
    )
    footer = (
        f'<table role="presentation" width="{WIDTH}" cellpadding="0" cellspacing="0" border="0" '
        f'style="width:100%;max-width:{WIDTH}px;"><tr><td style="padding:16px {GUTTER}px;'
        f'font:12px/1.5 {FONT};color:{GREY};">{escape(footer_line(signature))}</td></tr></table>'
    )
    return f"""<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{escape(item.titulo)}</title>
</head>
<body style="margin:0;padding:0;background:{PAPER};">
<div style="display:none;max-height:0;overflow:hidden;">{escape(item.resumen)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:{PAPER};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="{WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:{WIDTH}px;background:#ffffff;border-collapse:collapse;">
{chr(10).join(r for r in rows if r)}
</table>
{footer}
</td></tr>
</table>
</body>
</html>
"""
