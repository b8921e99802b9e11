"""How fresh the contact directory is: contacts verified in the last six months, older, never; per
district, and the districts nobody receives for. Figures only: no name, address or phone leaves here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pressroom.model.item import District

from ..config import Config

STALE_AFTER_MONTHS = 6


@dataclass(frozen=True)
class Listing:
    """What the report needs of one contact."""

    correo: str  # lowercase: the recipient key of its deliveries
    distritos: tuple[str, ...]
    verificado: dt.date | None
    activo: bool = True


def listings_from_config(config: Config) -> tuple[list[Listing], bool]:
    """The contacts the publishing configuration reads; whether the directory records verification
    dates (the configuration's contact list does not: every contact counts as never verified)."""
    return [Listing(c.correo.strip().lower(), tuple(c.distritos), None) for c in config.contacts], False


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class DistrictFreshness:
    id: str
    nombre: str
    contacts: int
    recent: int  # verified in the last STALE_AFTER_MONTHS months
    stale: int  # verified before that
    never: int  # no verification date


@dataclass(frozen=True)
class Freshness:
    today: dt.date
    limit: dt.date  # verified on or after this day counts as recent
    dated: bool  # the directory records verification dates at all
    contacts: int  # active contacts
    recent: int
    stale: int
    never: int
    inactive: int
    districts: tuple[DistrictFreshness, ...]
    oldest: dt.date | None

    @property
    def percent_recent(self) -> int:
        return self.recent * 100 // self.contacts if self.contacts else 0

    @property
    def uncovered(self) -> list[DistrictFreshness]:
        return [d for d in self.districts if d.contacts == 0]


def freshness(
    listings: Sequence[Listing], districts: Sequence[District], today: dt.date, dated: bool
) -> Freshness:
    limit = months_before(today, STALE_AFTER_MONTHS)
    active = [c for c in listings if c.activo]

    def split(found: Sequence[Listing]) -> tuple[int, int, int]:
        recent = sum(1 for c in found if c.verificado is not None and c.verificado >= limit)
        never = sum(1 for c in found if c.verificado is None)
        return recent, len(found) - recent - never, never

    per_district = []
    for district in districts:
        found = [c for c in active if district.id in c.distritos]
        recent, stale, never = split(found)
        per_district.append(DistrictFreshness(district.id, district.nombre, len(found), recent, stale, never))
    recent, stale, never = split(active)
    dates = [c.verificado for c in active if c.verificado is not None]
    return Freshness(
        today=today,
        limit=limit,
        dated=dated,
        contacts=len(active),
        recent=recent,
        stale=stale,
        never=never,
        inactive=len(listings) - len(active),
        districts=tuple(per_district),
        oldest=min(dates) if dates else None,
    )
