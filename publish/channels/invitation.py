"""A press conference as an iCalendar (RFC 5545) invitation attached to its email. Pure.

The event has the same UID and SEQUENCE as in the site's conference calendar, so a journalist who
adds both, or receives a corrected announcement, keeps one event that updates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from icalendar import Calendar, Event, vCalAddress

from pressroom.calendar import DEFAULT_LENGTH, SEQUENCE_EPOCH
from pressroom.model.item import MEXICO_CITY

from ..manifest import ManifestItem

FILE_NAME = "conferencia.ics"


def uid(item: ManifestItem, host: str) -> str:
    return f"{item.id}@{host}"


@lru_cache(maxsize=32)  # the same for every recipient of an item; building the time zone is slow
def invitation(item: ManifestItem, host: str, organizer: tuple[str, str]) -> bytes | None:
    """The .ics for a conference (None for anything else); `organizer` is (name, address)."""
    event_data = item.evento
    if item.tipo != "conferencia" or event_data is None:
        return None
    changed = max(item.fecha, item.actualizado) if item.actualizado else item.fecha
    cal = Calendar()
    cal.add("prodid", "-//PT Estado de México//Comunicación Social//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid(item, host))
    event.add("dtstamp", changed.astimezone(dt.UTC))
    event.add("sequence", int((changed - SEQUENCE_EPOCH).total_seconds() // 60))
    start = event_data.inicio.astimezone(MEXICO_CITY)  # a named zone, not a bare offset
    event.add("dtstart", start)
    event.add("dtend", (event_data.fin or event_data.inicio + DEFAULT_LENGTH).astimezone(MEXICO_CITY))
    event.add("summary", item.titulo)
    town = event_data.municipio or ", ".join(item.municipios)
    event.add("location", ", ".join(p for p in (event_data.lugar, town, "Estado de México") if p))
    event.add("url", item.url)
    event.add("description", f"{item.resumen}\n\n{item.url}")
    event.add("status", "CONFIRMED")
    name, address = organizer
    person = vCalAddress(f"mailto:{address}")
    person.params["CN"] = name
    event.add("organizer", person)
    cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
