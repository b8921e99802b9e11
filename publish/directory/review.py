"""How fresh and complete the directory is: what `make directorio` prints for the yearly reviews. Pure.

A contact *receives* when it is active, subscribed to at least one list of published items, and
reachable (an address not on the suppression list, or WhatsApp). A municipality is covered when a
receiving local contact covers its district or the municipality itself; a district is covered when
a receiving contact is assigned to the whole district. Statewide contacts (newsrooms, the office)
are counted apart: they do not make up for a district with nobody of its own.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from dataclasses import dataclass

from pressroom.model.item import District, Municipality

from .model import LISTS, Contact, Directory, months_before
from .suppression import Suppression

STALE_MONTHS = 6
NO_ROLE = "sin rol"


def receives(contact: Contact, suppression: Suppression) -> bool:
    published = any(LISTS[name] for name in contact.listas)
    return contact.activo and published and (contact.correo not in suppression or contact.on_whatsapp)


@dataclass(frozen=True)
class Review:
    today: dt.date
    directory: Directory
    suppression: Suppression

    @property
    def cutoff(self) -> dt.date:
        return months_before(self.today, STALE_MONTHS)

    def stale(self) -> list[Contact]:
        """Active contacts not verified since the cutoff (or never), oldest first."""
        found = [c for c in self.directory.active() if c.stale(self.today, STALE_MONTHS)]
        return sorted(found, key=lambda c: (c.verificado or dt.date.min, c.fuente, c.linea))

    def receiving(self) -> list[Contact]:
        return [c for c in self.directory.contacts if receives(c, self.suppression)]

    def per_district(self) -> list[tuple[District, int, int]]:
        """Each district, its receiving contacts (its own or for one of its municipalities), and how
        many of those take WhatsApp."""
        rows = []
        for district in self.directory.districts:
            slugs = {m.slug for m in district.municipios}
            here = [
                c
                for c in self.receiving()
                if not c.estatal and (district.id in c.distritos or slugs & set(c.municipios))
            ]
            rows.append((district, len(here), sum(1 for c in here if c.on_whatsapp)))
        return rows

    def statewide(self) -> int:
        return sum(1 for c in self.receiving() if c.estatal)

    def per_role(self) -> Counter[str]:
        return Counter(c.rol or NO_ROLE for c in self.directory.active())

    def districts_without_anyone(self) -> list[District]:
        receiving = self.receiving()
        assigned = {d for c in receiving for d in c.distritos}
        return [d for d in self.directory.districts if d.id not in assigned]

    def municipalities_without_anyone(self) -> list[Municipality]:
        receiving = self.receiving()
        districts = {d for c in receiving for d in c.distritos}
        covered = {slug for c in receiving for slug in c.municipios}
        for district in self.directory.districts:
            if district.id in districts:
                covered |= {m.slug for m in district.municipios}
        return [m for m in self.directory.municipalities if m.slug not in covered]


def report(review: Review, exported: list[str]) -> str:
    directory = review.directory
    active = directory.active()
    lines = [
        f"Directorio de contactos: {len(directory.contacts)} contactos ({len(active)} activos) en "
        f"{len(directory.sources)} archivo(s): {', '.join(directory.sources)}",
    ]
    if len(review.suppression):
        lines.append(
            f"Dadas de baja (no reciben correo): {len(review.suppression)} — {review.suppression.path}"
        )
    stale = review.stale()
    lines.append("")
    lines.append(
        f"Sin verificar en los últimos {STALE_MONTHS} meses (desde el {review.cutoff.isoformat()}): {len(stale)}"
    )
    for contact in stale:
        when = contact.verificado.isoformat() if contact.verificado else "nunca"
        lines.append(f"  {contact.where}  {contact.correo}  {contact.nombre}  (verificado: {when})")
    lines.append("")
    lines.append("Contactos que reciben, por distrito:")
    for district, count, whatsapp in review.per_district():
        lines.append(f"  {district.id:<14} {district.nombre}: {count} (WhatsApp: {whatsapp})")
    lines.append(f"  {'estatal':<14} todo el estado: {review.statewide()}")
    lines.append("")
    lines.append("Contactos activos por rol:")
    for role, count in sorted(review.per_role().items(), key=lambda pair: (-pair[1], pair[0])):
        lines.append(f"  {role}: {count}")
    lines.append("")
    statewide = review.statewide()
    if statewide:
        counted = "1 contacto" if statewide == 1 else f"{statewide} contactos"
        lines.append(f"Sin contar {counted} de todo el estado (reciben lo estatal y lo de sus listas):")
    empty_districts = review.districts_without_anyone()
    if empty_districts:
        lines.append(f"Distritos sin nadie asignado que reciba: {len(empty_districts)}")
        lines += [f"  {d.id} {d.nombre}" for d in empty_districts]
    else:
        lines.append("Todos los distritos tienen quien reciba.")
    empty = review.municipalities_without_anyone()
    total = len(directory.municipalities)
    if empty:
        lines.append(f"Municipios donde nadie recibe: {len(empty)} de {total}")
        lines += textwrap.wrap(
            ", ".join(m.nombre for m in empty), 100, initial_indent="  ", subsequent_indent="  "
        )
    else:
        lines.append(f"Los {total} municipios tienen quien reciba.")
    if exported:
        lines.append("")
        lines.append("Para la revisión (privado; no se publica): " + " y ".join(exported))
    return "\n".join(lines)
