"""Posts of withdrawn notes: deleted on the networks whose API allows it, when asked for
(`python -m publish run --borrar-retiradas`, never by default), each deletion recorded in the ledger;
the rest listed once, with their addresses, for a person to remove by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from .channels.base import Channel, Receipt
from .config import PEOPLE_CHANNELS
from .errors import ChannelError
from .ledger import Ledger, Row
from .manifest import Manifest
from .secrets import redact

DELETED = "borrada en la red"
BY_HAND = "quitar a mano"


@dataclass
class Withdrawals:
    deleted: list[Row] = field(default_factory=list)
    by_hand: list[tuple[Row, str]] = field(default_factory=list)  # (row, why)

    def lines(self) -> list[str]:
        lines = []
        if self.deleted:
            lines.append(f"  Publicaciones de notas retiradas borradas en las redes: {len(self.deleted)}")
            lines += [
                f"    {r.key.item_id} {r.key.channel}: {r.remote_url or r.remote_id}" for r in self.deleted
            ]
        if self.by_hand:
            lines.append(
                f"  Publicaciones de notas retiradas que hay que quitar a mano: {len(self.by_hand)} "
                "(o usa `make publish BORRAR_RETIRADAS=1` donde la red lo permite)"
            )
            lines += [
                f"    {r.key.item_id} {r.key.channel}: {r.remote_url or r.remote_id} ({why})"
                for r, why in self.by_hand
            ]
        return lines


def settle(ledger: Ledger, manifest: Manifest, channels: dict[str, Channel], delete: bool) -> Withdrawals:
    """Each sent post of a withdrawn note, once: deleted where asked and possible, else listed."""
    found = Withdrawals()
    for withdrawn in manifest.withdrawn:
        for row in ledger.rows(withdrawn.id):
            if row.state != "sent" or row.withdrawn_at or row.key.channel in PEOPLE_CHANNELS:
                continue
            channel = channels.get(row.key.channel)
            remover = getattr(channel, "delete", None) if getattr(channel, "can_delete", False) else None
            if not delete or remover is None or not row.remote_id or row.remote_id == "resuelto":
                if row.withdrawal is None:  # listed once; `publish estado ID` keeps showing it
                    why = "la red no permite borrarla desde aquí" if delete else "no se pidió borrarlas"
                    ledger.withdrawn(row.key, False, f"{BY_HAND}: {why}")
                    found.by_hand.append((row, why))
                continue
            try:
                done = bool(remover(Receipt(row.remote_id, row.remote_url)))
            except ChannelError as error:
                found.by_hand.append((row, redact(str(error))))
                continue
            if done:
                ledger.withdrawn(row.key, True, DELETED)
                found.deleted.append(row)
            else:
                why = "la red no la dejó borrar (muy antigua o ajena)"
                ledger.withdrawn(row.key, False, f"{BY_HAND}: {why}")
                found.by_hand.append((row, why))
    return found
