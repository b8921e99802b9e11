"""Posts of withdrawn notes: deleted on the networks whose API allows it, when asked for
(`python -m publish run --borrar-retiradas`, never by default), each deletion recorded in the ledger;
the rest listed once, with their addresses, for a person to remove by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from .channels.base import Channel, Receipt
from .config import PEOPLE_CHANNELS
from .errors import ChannelError, PostGone
from .ledger import Ledger, Row
from .manifest import Manifest
from .secrets import redact

DELETED = "borrada en la red"
GONE = "ya no estaba en la red (alguien la quitó a mano)"
BY_HAND = "quitar a mano"
NOT_ASKED = "no se pidió borrarlas"
REFUSED = "la red no la dejó borrar (muy antigua o ajena)"


@dataclass
class Withdrawals:
    deleted: list[Row] = field(default_factory=list)
    gone: list[Row] = field(default_factory=list)  # asked to delete, the network no longer had them
    by_hand: list[tuple[Row, str]] = field(default_factory=list)  # (row, why)
    asked: bool = False  # deletion was asked for in this run: the summary does not suggest asking

    def lines(self) -> list[str]:
        lines = []
        if self.deleted:
            lines.append(f"  Publicaciones de notas retiradas borradas en las redes: {len(self.deleted)}")
            lines += [
                f"    {r.key.item_id} {r.key.channel}: {r.remote_url or r.remote_id}" for r in self.deleted
            ]
        if self.gone:
            lines.append(
                f"  Publicaciones de notas retiradas que ya no estaban en la red (alguien las quitó a mano): "
                f"{len(self.gone)}"
            )
            lines += [
                f"    {r.key.item_id} {r.key.channel}: {r.remote_url or r.remote_id}" for r in self.gone
            ]
        if self.by_hand:
            hint = "" if self.asked else " (o usa `make publish BORRAR_RETIRADAS=1` donde la red lo permite)"
            lines.append(
                f"  Publicaciones de notas retiradas que hay que quitar a mano: {len(self.by_hand)}{hint}"
            )
            lines += [
                f"    {r.key.item_id} {r.key.channel}: {r.remote_url or r.remote_id} ({why})"
                for r, why in self.by_hand
            ]
        return lines


def settle(ledger: Ledger, manifest: Manifest, channels: dict[str, Channel], delete: bool) -> Withdrawals:
    """Each sent post of a withdrawn note, once: deleted where asked and possible, else listed (again
    when asking to delete changes why it is left to a person)."""
    found = Withdrawals(asked=delete)
    for withdrawn in manifest.withdrawn:
        for row in ledger.rows(withdrawn.id):
            if row.state != "sent" or row.withdrawn_at or row.key.channel in PEOPLE_CHANNELS:
                continue
            channel = channels.get(row.key.channel)
            remover = getattr(channel, "delete", None) if getattr(channel, "can_delete", False) else None
            if not delete or remover is None or not row.remote_id or row.remote_id == "resuelto":
                why = unable(channel) if delete else NOT_ASKED
                if row.withdrawal is None or (delete and row.withdrawal != f"{BY_HAND}: {why}"):
                    ledger.withdrawn(row.key, False, f"{BY_HAND}: {why}")  # `publish estado ID` shows it
                    found.by_hand.append((row, why))
                continue
            if row.withdrawal == f"{BY_HAND}: {REFUSED}":
                continue  # the network said it will not delete it; listed then
            try:
                done = bool(remover(Receipt(row.remote_id, row.remote_url)))
            except PostGone:
                ledger.withdrawn(row.key, True, GONE)
                found.gone.append(row)
                continue
            except ChannelError as error:  # not recorded: the next run asked to delete tries again
                found.by_hand.append((row, redact(str(error))))
                continue
            if done:
                ledger.withdrawn(row.key, True, DELETED)
                found.deleted.append(row)
            else:
                ledger.withdrawn(row.key, False, f"{BY_HAND}: {REFUSED}")
                found.by_hand.append((row, REFUSED))
    return found


def unable(channel: Channel | None) -> str:
    """Why a post cannot be deleted from here although deletion was asked for."""
    if channel is not None and getattr(channel, "can_delete", True) is False:
        service = getattr(channel, "service", "") or channel.name
        return f"la API de {service} no permite borrarla"
    return "la red no permite borrarla desde aquí"
