"""One delivery (item, channel, recipient): render, record the attempt, send, record the outcome.

Whatever goes wrong with one delivery belongs to that delivery's row, with a Spanish reason that
names the content file, and the run goes on with the others (as GOV.UK's email-alert-api fails one
email and sends the rest):

- the message cannot be rendered (a line break in a title reaching an email header, a bug in an
  adapter): `failed` for good, nothing went out; fixing the file and `make reintentar ID=…` sends it;
- the channel refuses (ChannelError): `failed`, retried next run when the channel says so;
- the network or the disk fails (OSError): `failed`, retried next run;
- the channel says it may have gone out (ambiguous ChannelError), or the send fails in a way
  nobody foresaw: `unknown`, settled by looking at the channel or by a person, never resent blindly.

Only the ledger's own errors stop the run: without a record, nothing more may be sent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import crashpoints
from .channels.base import NOT_SENT, Channel
from .errors import ChannelError, describe_os_error
from .ledger import Key, Ledger, Row
from .manifest import Manifest, ManifestItem
from .secrets import redact

HEADER_BREAK = "Header values may not contain linefeed or carriage return characters"


@dataclass
class Deliveries:
    """What the deliveries of one run came to."""

    announced: set[str] = field(default_factory=set)
    sent: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[Key, str, bool]] = field(default_factory=list)  # (key, reason, retryable)
    ambiguous: list[tuple[Key, str]] = field(default_factory=list)  # sends that may have gone out
    resolved: list[tuple[Key, bool]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def source(item: ManifestItem) -> str:
    """How messages name an item: its content file (manifest v2), else its id."""
    return item.fuente or f"la nota {item.id}"


def _what(key: Key) -> str:
    return "el correo" if key.channel == "correo" else f"la publicación en {key.channel}"


def _cause(error: BaseException) -> str:
    if isinstance(error, ValueError) and HEADER_BREAK in str(error):
        return (
            "un campo de una sola línea (título, resumen, pie de foto, nombre o dirección) tiene un salto "
            "de línea o un carácter de control, y en un correo eso no se permite"
        )
    if isinstance(error, OSError):
        return describe_os_error(error)
    return f"{error.__class__.__name__}: {error}"


def render_failure(item: ManifestItem, key: Key, error: BaseException) -> str:
    return (
        f"{source(item)}: no se pudo preparar {_what(key)} ({_cause(error)}). No salió nada: corrige "
        f"la nota, vuelve a construir y envía lo que falló con `make reintentar ID={item.id}`"
    )


def surprise(item: ManifestItem, key: Key, error: BaseException) -> str:
    return (
        f"{source(item)}: error inesperado al enviar {_what(key)} ({_cause(error)}); no se sabe si "
        f"salió. Revisa en el canal y asiéntalo con `make resolver ID={item.id} CANAL={key.channel} "
        "ENVIADO=URL` (o `NO_ENVIADO=1`)"
    )


def deliver(
    item: ManifestItem,
    key: Key,
    channel: Channel,
    ledger: Ledger,
    max_attempts: int,
    done: Deliveries,
) -> None:
    try:
        message = channel.render(item, key.recipient)
    except Exception as error:  # a poisoned item: its own row, never the whole run
        text = redact(render_failure(item, key, error))
        if ledger.unsendable(key, text):
            done.failed.append((key, text, False))
        return
    crashpoints.reached("antes-de-intento")
    if not ledger.begin(key):
        return
    crashpoints.reached("antes-de-enviar")
    try:
        receipt = channel.send(message)
    except ChannelError as error:  # the channel's own Spanish words, under the item's file
        text = redact(f"{source(item)}: {error}")
        if error.ambiguous:
            ledger.unknown(key, text)
            done.ambiguous.append((key, text))
            return
        row = ledger.get(key)
        retryable = error.retryable and (row is None or row.attempts < max_attempts)
        ledger.failed(key, text, retryable)
        done.failed.append((key, text, retryable))
        return
    except OSError as error:  # the network or the disk: worth another try next run
        text = redact(f"{source(item)}: no se pudo enviar {_what(key)}: {describe_os_error(error)}")
        ledger.failed(key, text, True)
        done.failed.append((key, text, True))
        return
    except Exception as error:  # nobody foresaw it: it may have gone out, so a person decides
        text = redact(surprise(item, key, error))
        ledger.unknown(key, text)
        done.ambiguous.append((key, text))
        return
    crashpoints.reached("despues-de-enviar")
    ledger.sent(key, redact(receipt.remote_id), redact(receipt.remote_url) if receipt.remote_url else None)
    crashpoints.reached("despues-de-registrar")
    done.sent[key.channel] += 1
    done.announced.add(item.id)


def settle_unknown(
    ledger: Ledger, manifest: Manifest, channels: dict[str, Channel], done: Deliveries
) -> None:
    """Ask the channel about each unknown delivery where it can tell; the rest wait for a person."""
    items = manifest.by_id()
    for row in ledger.rows(state="unknown"):
        channel = channels.get(row.key.channel)
        item = items.get(row.key.item_id)
        if channel is None or item is None or not channel.verifiable or row.attempted_at is None:
            continue
        since = dt.datetime.fromisoformat(row.attempted_at)
        try:
            receipt = channel.check(channel.render(item, row.key.recipient), since)
        except Exception as error:  # the check is a courtesy: on failure a person decides
            done.notes.append(
                f"{row.key.item_id} {row.key.channel}: no se pudo revisar en el canal si salió "
                f"({redact(_cause(error))}); sigue como desconocido"
            )
            continue
        if receipt is None:
            continue
        went_out = receipt is not NOT_SENT
        detail = "verificado en el canal: " + ("sí se envió" if went_out else "no se envió")
        ledger.resolve(
            row.key,
            went_out,
            receipt.remote_url if went_out else None,
            detail,
            remote_id=receipt.remote_id if went_out else None,
        )
        done.resolved.append((row.key, went_out))


def permanent_failures(rows: list[Row]) -> list[Row]:
    """Deliveries that failed for good and wait for a person to fix the cause."""
    return [r for r in rows if r.state == "failed" and not r.retryable]
