"""Press conferences as an iCalendar (RFC 5545) file reporters add to their calendar app."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from icalendar import Calendar, Event, Timezone

from .model.item import Item, Municipality
from .syndication import SiteInfo, calendar_uid, updated

PATH = "calendario/conferencias.ics"
WINDOW = dt.timedelta(days=90)
DEFAULT_LENGTH = dt.timedelta(hours=1)
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def municipality_path(municipality: Municipality) -> str:
    return f"calendario/municipios/{municipality.slug}.ics"


def conferences(listed: list[Any], withdrawn: list[Any], now: dt.datetime) -> list[Any]:
    """Conferences from 90 days ago onwards, withdrawn ones included (they go out as cancelled)."""
    found = [
        a
        for a in listed + withdrawn
        if a.item.tipo.key == "conferencia" and a.item.evento and a.item.evento.inicio >= now - WINDOW
    ]
    return sorted(found, key=lambda a: (a.item.evento.inicio, a.item.id))


def places(item: Item) -> tuple[Municipality, ...]:
    assert item.evento is not None
    return (item.evento.municipio,) if item.evento.municipio else item.municipios


def sequence(article: Any) -> int:
    """Grows with every change of the item's file (minutes since 2020), so calendars update."""
    return int((updated(article) - SEQUENCE_EPOCH).total_seconds() // 60)


@cache
def _timezone(tzid: str) -> Timezone | None:
    """A VTIMEZONE, worked out once per build: it takes icalendar a tenth of a second each time."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _add_timezones(cal: Calendar) -> None:
    """What Calendar.add_missing_timezones does (same components, same place), with _timezone."""
    position = len(cal.timezones)
    for tzid in cal.get_missing_tzids():
        found = _timezone(tzid)
        if found is not None:
            cal.subcomponents.insert(position, found)  # shared: writing a calendar does not change it
            position += 1


def calendar(articles: list[Any], site: SiteInfo, title: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//PT Estado de México//Comunicación Social//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "America/Mexico_City")
    for article in articles:
        item: Item = article.item
        event_data = item.evento
        assert event_data is not None
        event = Event()
        event.add("uid", calendar_uid(site, item))
        event.add("dtstamp", updated(article).astimezone(dt.UTC))
        event.add("last-modified", updated(article).astimezone(dt.UTC))
        event.add("dtstart", event_data.inicio)
        event.add("dtend", event_data.fin or event_data.inicio + DEFAULT_LENGTH)
        event.add("summary", item.titulo)
        where = [event_data.lugar, *(m.nombre for m in places(item)), "Estado de México"]
        event.add("location", ", ".join(where))
        url = site.absolute(article.url)
        event.add("url", url)
        if item.withdrawn:  # the retracted summary is gone; the event stays, cancelled, with the reason
            event.add("description", f"CANCELADA: {item.motivo_retiro}\n\n{url}")
        else:
            event.add("description", f"{item.resumen}\n\n{url}")
        event.add("status", "CANCELLED" if item.withdrawn else "CONFIRMED")
        event.add("sequence", sequence(article))
        event.add("organizer", f"mailto:{site.email}", parameters={"CN": site.author})
        cal.add_component(event)
    _add_timezones(cal)
    data: bytes = cal.to_ical()
    return data
