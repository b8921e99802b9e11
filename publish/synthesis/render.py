"""The daily synthesis as a printable HTML page (styles inline, no JavaScript) and as an email
(plain text and the same HTML). Pure: a Synthesis in, text and bytes out."""

from __future__ import annotations

import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from jinja2 import Environment

from pressroom.dates import long_date, long_datetime

from ..channels.mail import POLICY, Letterhead
from ..printable import OFFICE, templates
from .compose import Synthesis
from .story import Story

TEMPLATES = Path(__file__).parent / "plantillas"


def environment(synthesis: Synthesis | None = None) -> Environment:
    if synthesis is None:
        return templates(TEMPLATES)
    return templates(
        TEMPLATES,
        persona=lambda pid: synthesis.personas.get(pid, pid),
        municipio=lambda slug: synthesis.municipios.get(slug, slug),
    )


def page(synthesis: Synthesis) -> str:
    template = environment(synthesis).get_template("sintesis.html")
    tones = sorted(synthesis.tones().items())
    return template.render(s=synthesis, office=OFFICE, tones=tones)


def subject(synthesis: Synthesis) -> str:
    return f"Síntesis de medios — {long_date(synthesis.fecha)} ({len(synthesis.stories)} historias)"


def _story_text(story: Story, synthesis: Synthesis) -> list[str]:
    outlets = ", ".join(n.medio + (f" ({n.programa})" if n.programa else "") for n in story.notes)
    lines = [f"• {story.titulo}  [nota {story.id}]", f"  {outlets} — {long_datetime(story.fecha)}"]
    if story.resumen and story.resumen != story.titulo:
        lines.append(f"  {story.resumen}")
    tone = (
        f"Tono: {story.tono}"
        if story.tono
        else f"Tono sugerido: {story.sugerencia.tono} ({story.sugerencia.reason})"
    )
    details = [tone]
    if story.temas.personas:
        details.append("Personas: " + ", ".join(synthesis.personas.get(p, p) for p in story.temas.personas))
    if story.temas.municipios:
        details.append(
            "Municipios: " + ", ".join(synthesis.municipios.get(m, m) for m in story.temas.municipios)
        )
    lines.append("  " + " · ".join(details))
    lines += [f"  {n.medio}: {n.enlace_original}" for n in story.notes if n.enlace_original]
    return lines


def text(synthesis: Synthesis) -> str:
    lines = [
        f"Síntesis de medios — {long_date(synthesis.fecha)}",
        f"Notas encontradas del {long_datetime(synthesis.desde)} al {long_datetime(synthesis.hasta)}: "
        f"{len(synthesis.stories)} historias en {synthesis.notes} notas.",
    ]
    if not synthesis.sections:
        lines += ["", "No se encontraron notas sobre el partido, su gente o los municipios en este periodo."]
    for section in synthesis.sections:
        lines += ["", f"== {section.titulo.upper()} =="]
        for group in section.groups:
            lines += ["", f"-- {group.titulo} --"]
            for story in group.stories:
                lines += _story_text(story, synthesis)
    if synthesis.problems:
        lines += ["", "Fuentes con problemas:", *(f"  {p}" for p in synthesis.problems)]
    lines += [
        "",
        "Documento interno de la Coordinación de Comunicación Social. Para fijar el tono de una nota:",
        "make tono NOTA=número TONO=positivo|neutral|negativo",
    ]
    return "\n".join(lines) + "\n"


def message_id(synthesis: Synthesis, recipient: str, head: Letterhead) -> str:
    """Stable per (day, recipient): a resend after a lost outcome can be recognised."""
    host = head.sender_address.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(recipient.lower().encode()).hexdigest()[:12]
    return f"<sintesis-{synthesis.fecha:%Y-%m-%d}.{digest}@{host}>"


def email(synthesis: Synthesis, recipient: str, head: Letterhead) -> bytes:
    """The message without `Date`: the email channel adds it when it goes out (`mail.dated`)."""
    message = EmailMessage(policy=POLICY)
    message["From"] = head.sender
    message["To"] = Address(addr_spec=recipient)
    message["Reply-To"] = head.reply_to
    message["Subject"] = subject(synthesis)
    message["Message-ID"] = message_id(synthesis, recipient, head)
    message["X-Sintesis-Fecha"] = f"{synthesis.fecha:%Y-%m-%d}"
    signature = "\n".join(["", "—", *head.signature])
    message.set_content(text(synthesis) + signature + "\n", cte="quoted-printable")
    message.add_alternative(page(synthesis), subtype="html", cte="quoted-printable")
    return message.as_bytes(policy=POLICY)
