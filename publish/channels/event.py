"""When and where a press conference is, in Spanish, as posts and messages say it. Pure."""

from __future__ import annotations

import datetime as dt

from pressroom.dates import MONTHS, WEEKDAYS
from pressroom.model.item import MEXICO_CITY

from ..manifest import ManifestEvent
from . import textfit


def day(moment: dt.datetime) -> str:
    """'Jueves 27 de noviembre de 2026' (Mexico City time)."""
    local = moment.astimezone(MEXICO_CITY)
    return (
        f"{WEEKDAYS[local.weekday()].capitalize()} {local.day} de {MONTHS[local.month - 1]} de {local.year}"
    )


def hours(event: ManifestEvent) -> str:
    """'11:00 h' or '11:00 a 12:30 h' (Mexico City time)."""
    start = event.inicio.astimezone(MEXICO_CITY)
    if event.fin is None:
        return f"{start:%H:%M} h"
    end = event.fin.astimezone(MEXICO_CITY)
    if end.date() != start.date():
        return f"{start:%H:%M} h a {day(end).lower()}, {end:%H:%M} h"
    return f"{start:%H:%M} a {end:%H:%M} h"


def place(event: ManifestEvent) -> str:
    """The venue and, unless the venue already names it, the municipality."""
    venue = event.lugar.strip()
    if event.municipio and event.municipio.casefold() not in venue.casefold():
        return f"{venue}, {event.municipio}" if venue else event.municipio
    return venue


def event_lines(event: ManifestEvent, *, place_room: int | None = None) -> list[str]:
    """['📅 Jueves 27 de noviembre de 2026, 11:00 h', '📍 Salón Gobernadores, Toluca'];
    in short posts the place is cut on a word boundary to `place_room` characters."""
    where = place(event)
    if place_room is not None:
        where = textfit.cut_to(where, place_room)
    lines = [f"📅 {day(event.inicio)}, {hours(event)}"]
    if where:
        lines.append(f"📍 {where}")
    return lines
