"""Who receives an item: coverage (districts, municipalities, statewide), lists and suppression. Pure.

An item reaches an active contact subscribed to a list with its type when
- the item is statewide, or its type goes to everyone (`correo.a_todos`), or
- the contact covers the whole state, one of the item's districts, or one of its municipalities
  (a conference's venue counts as one of them).
Addresses are compared in lowercase, so one mailbox gets one message however it is spelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..manifest import ManifestItem
from .model import Contact, Directory
from .suppression import Suppression


@dataclass(frozen=True)
class Route:
    recipients: tuple[str, ...]  # contact addresses (lowercase), sorted
    suppressed: tuple[str, ...] = ()  # addresses that would receive it but are on the suppression list


def places(item: ManifestItem) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The item's districts and municipality slugs, the conference venue included."""
    municipios = item.municipio_slugs
    if item.evento and item.evento.municipio_slug and item.evento.municipio_slug not in municipios:
        municipios = (*municipios, item.evento.municipio_slug)
    return item.distritos, municipios


def audience(item: ManifestItem, directory: Directory, statewide_types: tuple[str, ...]) -> list[Contact]:
    everyone = item.estatal or item.tipo in statewide_types
    distritos, municipios = places(item)
    return [
        c for c in directory.active() if c.wants(item.tipo) and (everyone or c.covers(distritos, municipios))
    ]


def email_route(
    item: ManifestItem, directory: Directory, suppression: Suppression, statewide_types: tuple[str, ...]
) -> Route:
    addresses = {c.correo.lower() for c in audience(item, directory, statewide_types)}
    blocked = {a for a in addresses if a in suppression}
    return Route(tuple(sorted(addresses - blocked)), tuple(sorted(blocked)))


def whatsapp_route(item: ManifestItem, directory: Directory, statewide_types: tuple[str, ...]) -> Route:
    """Only contacts who agreed to WhatsApp (a `whatsapp:` date) and have a phone; keyed by address."""
    contacts = audience(item, directory, statewide_types)
    return Route(tuple(sorted({c.correo.lower() for c in contacts if c.on_whatsapp})))


def where(item: ManifestItem) -> str:
    """The item's area in words, for the note that says nobody receives it."""
    if item.estatal:
        return "todo el estado"
    names = ", ".join(item.municipios) or "sin municipio"
    districts = ", ".join(item.distritos)
    return f"{names} ({districts})" if districts else f"{names} (ningún distrito los incluye)"
