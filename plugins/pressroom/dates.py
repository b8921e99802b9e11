"""Dates as people in Mexico read them, via Babel (the machine needs no es_MX locale)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime

from .model.item import MEXICO_CITY

LOCALE = "es_MX"
# Spelled out where text is composed by hand (a quarter's months, a conference's day); Babel elsewhere
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def _local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=MEXICO_CITY)
    return value.astimezone(MEXICO_CITY)


def long_datetime(value: dt.datetime) -> str:
    """'martes 25 de noviembre de 2026, 10:30'"""
    return format_datetime(_local(value), "EEEE d 'de' MMMM 'de' y, HH:mm", locale=LOCALE)


def long_date(value: dt.datetime | dt.date) -> str:
    """'25 de noviembre de 2026'"""
    if isinstance(value, dt.datetime):
        value = _local(value)
    return format_datetime(
        dt.datetime(value.year, value.month, value.day), "d 'de' MMMM 'de' y", locale=LOCALE
    )


def short_date(value: dt.datetime) -> str:
    """'25 nov 2026'"""
    return format_datetime(_local(value), "d MMM y", locale=LOCALE).replace(".", "")


def month_year(value: dt.datetime | dt.date | tuple[int, ...]) -> str:
    """'noviembre de 2026' from a date or a (year, month) tuple."""
    if isinstance(value, tuple):
        year, month = value[0], value[1]
    else:
        year, month = value.year, value.month
    return format_datetime(dt.datetime(year, month, 1), "MMMM 'de' y", locale=LOCALE)


def iso(value: dt.datetime) -> str:
    """'2026-11-25T10:30:00-06:00'"""
    return _local(value).isoformat()


FILTERS = {
    "fecha_larga": long_datetime,
    "fecha_dia": long_date,
    "fecha_corta": short_date,
    "mes_anio": month_year,
    "fecha_iso": iso,
}
