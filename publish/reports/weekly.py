"""The week's agenda for the coordinator: press conferences and the items scheduled to go public,
embargoed ones included (an internal document), with their times in Mexico City."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressroom.dates import WEEKDAYS, long_date, long_datetime
from pressroom.indicators import agenda
from pressroom.model.item import MEXICO_CITY

from .sources import Sources

DAYS = 7


@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: list[agenda.Entry]


@dataclass(frozen=True)
class Agenda:
    start: dt.datetime
    end: dt.datetime  # exclusive
    now: dt.datetime
    days: list[Day]
    notices: list[str]

    @property
    def entries(self) -> list[agenda.Entry]:
        return [entry for day in self.days for entry in day.entries]

    @property
    def conferences(self) -> int:
        return sum(1 for e in self.entries if e.kind == agenda.CONFERENCE)

    @property
    def scheduled(self) -> int:
        return sum(1 for e in self.entries if e.kind == agenda.SCHEDULED)

    @property
    def counts(self) -> str:
        """'1 conferencia de prensa y 2 publicaciones programadas'."""
        conferences = "conferencia de prensa" if self.conferences == 1 else "conferencias de prensa"
        scheduled = "publicación programada" if self.scheduled == 1 else "publicaciones programadas"
        return f"{self.conferences} {conferences} y {self.scheduled} {scheduled}."

    @property
    def title(self) -> str:
        last = (self.end - dt.timedelta(days=1)).date()
        return f"Agenda del {long_date(self.start)} al {long_date(last)}"


def make_agenda(sources: Sources, start: dt.date | None = None, days: int = DAYS) -> Agenda:
    begin, end = agenda.window(sources.now, start, days)
    entries = agenda.week(sources.site.items, begin, end, sources.now, sources.vedas)
    by_day = []
    for offset in range(days):
        date = (begin + dt.timedelta(days=offset)).date()
        by_day.append(Day(date, [e for e in entries if e.when.astimezone(MEXICO_CITY).date() == date]))
    return Agenda(begin, end, sources.now, by_day, list(sources.notices))


def day_label(date: dt.date) -> str:
    """'Jueves 26 de noviembre de 2026'."""
    return f"{WEEKDAYS[date.weekday()]} {long_date(date)}".capitalize()


def describe(entry: agenda.Entry) -> str:
    """One line of the agenda, without the time."""
    item = entry.item
    if entry.kind == agenda.CONFERENCE:
        assert item.evento is not None
        place = item.evento.lugar + (f", {item.evento.municipio.nombre}" if item.evento.municipio else "")
        status = (
            "ya anunciada en el sitio"
            if entry.public
            else f"se anuncia el {long_datetime(agenda.release(item))}"
        )
        return f"CONFERENCIA  «{item.titulo}» — {place}; {status}"
    how = "al terminar su embargo" if item.estado == "programado" else "por su fecha"
    return f"SE PUBLICA   {item.tipo.label} «{item.titulo}» ({how})"


def text(sheet: Agenda) -> str:
    """The agenda for the terminal, in Spanish."""
    lines = [sheet.title, f"Hecha el {long_datetime(sheet.now)}; horas del centro de México.", ""]
    for day in sheet.days:
        lines.append(day_label(day.date))
        if not day.entries:
            lines.append("  (nada programado)")
        for entry in day.entries:
            until = f"–{entry.until.astimezone(MEXICO_CITY):%H:%M}" if entry.until else ""
            lines.append(f"  {entry.when:%H:%M}{until}  {describe(entry)}")
            lines.append(f"  {'':{5 + len(until)}}  {entry.item.path}")
        lines.append("")
    lines.append(sheet.counts)
    lines.append("Documento interno: incluye notas con embargo; no lo compartas fuera de la oficina.")
    lines += [f"Aviso: {notice}" for notice in sheet.notices]
    return "\n".join(lines)
