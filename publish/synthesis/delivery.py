"""Sending the day's synthesis by email to the directory's internal list, through the project's
email channel (the outbox by default, SMTP when configured). The only part of the synthesis that
sends anything.

Each (day, recipient) is recorded in the notes database before the message goes out and settled
after, as the ledger does for publications: a crash leaves `desconocido`, which is never resent
blindly (`make sintesis REENVIAR=1` after checking). A later run the same day sends only to those
who did not receive it. Addresses that asked to stop (`make baja`) are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..channels import registry
from ..channels.base import Channel, Message
from ..channels.mail import letterhead
from ..config import ChannelConfig
from ..directory import LISTS
from ..errors import ChannelError, ConfigError
from ..secrets import redact
from .compose import Synthesis
from .daily import Context
from .render import email


@dataclass
class Delivered:
    fecha: str
    lista: str
    enviados: list[str] = field(default_factory=list)
    ya_recibida: list[str] = field(default_factory=list)
    fallidos: list[tuple[str, str]] = field(default_factory=list)
    desconocidos: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.fallidos or self.desconocidos)

    def lines(self) -> list[str]:
        if not (self.enviados or self.ya_recibida or self.fallidos or self.desconocidos):
            return [
                f"Nadie recibe la síntesis: ningún contacto activo del directorio tiene '{self.lista}' en sus "
                f"listas. Agrega `listas: [{self.lista}]` a quien deba recibirla."
            ]
        found = [f"Síntesis del {self.fecha} enviada a {len(self.enviados)} destinatario(s)."]
        if self.ya_recibida:
            found.append(
                f"Ya la habían recibido {len(self.ya_recibida)} (para enviarla otra vez: REENVIAR=1)."
            )
        found += [f"✗ {address}: {reason}" for address, reason in self.fallidos]
        found += [
            f"? {address}: {reason}; revisa si llegó y, si no, envíala con `make sintesis REENVIAR=1`"
            for address, reason in self.desconocidos
        ]
        return found


def recipients(context: Context) -> list[str]:
    """Active contacts on the synthesis list who have not asked to stop (`make baja`)."""
    config, name = context.config, context.settings.mailing_list
    if name not in LISTS:
        raise ConfigError(
            f"'sintesis.lista' = '{name}' no es una lista del directorio; las listas son: {', '.join(LISTS)}"
        )
    return [c.correo for c in config.directory.on_list(name) if c.correo not in config.suppression]


def email_channel(context: Context) -> tuple[Channel, ChannelConfig]:
    """The channel the synthesis goes out by, checked before the morning's work starts."""
    config, name = context.config, context.settings.channel
    if name not in config.channels:
        raise ConfigError(
            f"'sintesis.canal' = '{name}' no está en [canales] de la configuración; la síntesis sale por el canal "
            "de correo (normalmente 'correo')"
        )
    channel_config = config.channels[name]
    if not (channel_config.kind == "smtp" or (channel_config.kind == "bandeja" and name == "correo")):
        raise ConfigError(
            f"'sintesis.canal' = '{name}' no es un canal de correo: la síntesis sale por el canal 'correo' "
            '(su bandeja de salida, o SMTP con tipo = "smtp")'
        )
    recipients(context)  # the list is checked now too
    return registry.build(channel_config, config), channel_config


def deliver(context: Context, synthesis: Synthesis, now: dt.datetime, *, resend: bool = False) -> Delivered:
    store = context.store
    channel, channel_config = email_channel(context)
    head = letterhead(channel_config)
    fecha = synthesis.fecha.isoformat()
    done = Delivered(fecha, context.settings.mailing_list)
    store.interrupted(now)
    try:
        for address in recipients(context):
            state = store.delivery(fecha, address)
            if state == "enviado" and not resend:
                done.ya_recibida.append(address)
                continue
            if state == "desconocido" and not resend:
                done.desconocidos.append((address, "un envío anterior se interrumpió y pudo haber llegado"))
                continue
            body = email(synthesis, address, head)
            message = Message(
                channel_config.name, address, f"sintesis-{fecha}", "email", body, f"síntesis a {address}"
            )
            store.begin_delivery(fecha, address, now)
            try:
                receipt = channel.send(message)
            except ChannelError as error:
                reason = redact(str(error))
                estado = "desconocido" if error.ambiguous else "fallido"
                store.settle_delivery(fecha, address, estado, reason, now)
                (done.desconocidos if error.ambiguous else done.fallidos).append((address, reason))
                continue
            except Exception as error:  # unforeseen: it may have gone out, so it is not resent on its own
                reason = f"error inesperado al enviar ({error.__class__.__name__}); pudo haber llegado"
                store.settle_delivery(fecha, address, "desconocido", reason, now)
                done.desconocidos.append((address, reason))
                continue
            store.settle_delivery(fecha, address, "enviado", redact(receipt.remote_id), now)
            done.enviados.append(address)
    finally:
        close = getattr(channel, "close", None)
        if callable(close):
            close()
    return done
