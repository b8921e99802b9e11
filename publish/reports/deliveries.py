"""What went out, from the ledger: per channel (sent, failed, unknown, pending) and, for the
channels that reach people, per district through the contact directory. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pressroom.indicators.periods import Period

from ..config import PEOPLE_CHANNELS
from ..directory import Directory
from ..ledger import Row
from .freshness import district_ids

OUTCOMES = ("sent", "failed", "unknown", "pending")
INITIAL = "inicial"  # rows `python -m publish init` marked as announced: nothing was sent
NO_DISTRICT = "sin-distrito"
STATEWIDE = "estatal"


@dataclass(frozen=True)
class Tally:
    key: str  # channel name, or district id
    label: str
    channel: str
    sent: int = 0
    failed: int = 0
    unknown: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.unknown + self.pending


@dataclass(frozen=True)
class Deliveries:
    channels: tuple[Tally, ...]
    districts: tuple[Tally, ...]  # one per (district, people channel) with any delivery
    items: int  # distinct items with a delivery in the period
    initial: int  # rows marked by `init`, not counted
    open_unknown: int  # unknown now, whatever the period: waiting for a person
    removed: int = 0  # posts deleted from a network in the period because their note was withdrawn

    @property
    def total(self) -> Tally:
        return Tally(
            "total",
            "Total",
            "",
            *(sum(getattr(t, outcome) for t in self.channels) for outcome in OUTCOMES),
        )


def outcome(row: Row) -> str:
    return row.state if row.state in ("sent", "failed", "unknown") else "pending"


def _instant(text: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(text)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def when(row: Row) -> dt.datetime:
    """When a delivery happened: its latest attempt (a later withdrawal or a manual resolution does
    not move it); a delivery never attempted, when it was last queued."""
    return _instant(row.attempted_at or row.updated_at)


def deliveries(rows: Sequence[Row], directory: Directory, period: Period) -> Deliveries:
    """Rows whose latest attempt falls in the period (see `when`; the ledger's times are UTC).
    Deliveries to people are joined to districts through the directory (by address, any case)."""
    districts = directory.districts
    names = {d.id: d.nombre for d in districts}
    names[STATEWIDE] = "Contactos de todo el estado"
    in_period = [r for r in rows if period.contains(when(r))]
    counted = [r for r in in_period if r.reason != INITIAL]
    per_channel: dict[str, Counter[str]] = {}
    per_district: dict[tuple[str, str], Counter[str]] = {}
    for row in counted:
        state = outcome(row)
        per_channel.setdefault(row.key.channel, Counter())[state] += 1
        if row.key.channel not in PEOPLE_CHANNELS:
            continue
        contact = directory.by_address(row.key.recipient)
        found: list[str] = []
        if contact is not None:
            found = [STATEWIDE] if contact.estatal else sorted(district_ids(contact, directory))
        for district in found or [NO_DISTRICT]:
            per_district.setdefault((district, row.key.channel), Counter())[state] += 1
    channels = tuple(
        Tally(name, name, name, *(counts[o] for o in OUTCOMES))
        for name, counts in sorted(per_channel.items())
    )
    order = {d.id: n for n, d in enumerate(districts)} | {STATEWIDE: len(districts)}
    tallies = tuple(
        Tally(
            district,
            names.get(district, "Fuera del directorio o sin distrito"),
            channel,
            *(counts[o] for o in OUTCOMES),
        )
        for (district, channel), counts in sorted(
            per_district.items(), key=lambda pair: (order.get(pair[0][0], len(order) + 1), pair[0][1])
        )
    )
    return Deliveries(
        channels=channels,
        districts=tallies,
        items=len({r.key.item_id for r in counted}),
        initial=len(in_period) - len(counted),
        open_unknown=sum(1 for r in rows if r.state == "unknown"),
        removed=sum(1 for r in rows if r.withdrawn_at and period.contains(_instant(r.withdrawn_at))),
    )
