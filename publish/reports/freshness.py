"""How fresh the contact directory is: active contacts verified in the last six months, before
that, or never; per district, and who is missing. Figures only: no name, address or phone leaves
here. District membership and "nobody receives here" follow `make directorio` (directory/review.py):
a contact belongs to its districts and to those of its municipalities; statewide contacts are
counted apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..directory import Contact, Directory, Suppression
from ..directory.review import STALE_MONTHS, Review


@dataclass(frozen=True)
class Tally:
    label: str
    contacts: int
    recent: int  # verified on or after the cutoff
    stale: int  # verified before it
    never: int  # no verification date


@dataclass(frozen=True)
class Freshness:
    today: dt.date
    cutoff: dt.date  # verified on or after this day counts as recent
    total: Tally  # every active contact
    districts: tuple[Tally, ...]
    statewide: Tally  # contacts for the whole state
    inactive: int
    oldest: dt.date | None
    districts_without_anyone: tuple[str, ...]  # names: no receiving contact assigned to the district
    municipalities_without_anyone: int

    @property
    def percent_recent(self) -> int:
        return self.total.recent * 100 // self.total.contacts if self.total.contacts else 0


def district_ids(contact: Contact, directory: Directory) -> set[str]:
    """The districts a local contact serves: its own and those of its municipalities."""
    if contact.estatal:
        return set()
    slugs = set(contact.municipios)
    return {
        d.id
        for d in directory.districts
        if d.id in contact.distritos or slugs & {m.slug for m in d.municipios}
    }


def _tally(label: str, contacts: Sequence[Contact], cutoff: dt.date) -> Tally:
    recent = sum(1 for c in contacts if c.verificado is not None and c.verificado >= cutoff)
    never = sum(1 for c in contacts if c.verificado is None)
    return Tally(label, len(contacts), recent, len(contacts) - recent - never, never)


def freshness(directory: Directory, suppression: Suppression, today: dt.date) -> Freshness:
    review = Review(today, directory, suppression)
    active = directory.active()
    per_district = tuple(
        _tally(d.nombre, [c for c in active if d.id in district_ids(c, directory)], review.cutoff)
        for d in directory.districts
    )
    dates = [c.verificado for c in active if c.verificado is not None]
    return Freshness(
        today=today,
        cutoff=review.cutoff,
        total=_tally("Total", active, review.cutoff),
        districts=per_district,
        statewide=_tally("Todo el estado", [c for c in active if c.estatal], review.cutoff),
        inactive=len(directory.contacts) - len(active),
        oldest=min(dates) if dates else None,
        districts_without_anyone=tuple(d.nombre for d in review.districts_without_anyone()),
        municipalities_without_anyone=len(review.municipalities_without_anyone()),
    )


__all__ = ["STALE_MONTHS", "Freshness", "Tally", "district_ids", "freshness"]
