"""Email over SMTP (`tipo = "smtp"`) with the standard library: one connection for a whole run.

Each message has one recipient and is sent as MAIL FROM, RCPT TO, DATA on a connection opened once
and reused; a connection the server dropped between messages is reopened (nothing had been sent on
it for that message, so that is safe). What the server answers decides what the ledger records:

    421 to MAIL FROM (the server closes
    the connection, e.g. past its limit)  a new connection, and the message is sent on it
    4xx (to MAIL, RCPT or DATA)           failed, retried on a later run (ChannelError retryable)
    5xx                                   failed for good, with the server's own words
    connection lost before the end of
    the message was sent                  failed, retried (the server cannot have accepted it)
    connection lost after the whole
    message was sent, before the reply    unknown: it may have been delivered (ambiguous). Never
                                          resent by itself; the Message-ID is in the detail, to
                                          look for in the server's log or the recipient's mailbox

A connection that cannot be opened (refused, 421, TLS or login rejected) fails the rest of the
batch at once with the same reason instead of waiting for one timeout per message.

Settings (`[canales.correo]`): servidor, puerto, seguridad ("ninguna" | "starttls" | "ssl"),
remitente, por_minuto (messages per minute, 0 = no limit; 60 by default), espera_segundos (network
timeout, 30), certificado_ca (a CA file for a relay with its own certificate authority). User and
password come from the environment: SMTP_USUARIO, SMTP_CLAVE (or .env).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import smtplib
import ssl
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ChannelError, ConfigError
from ..manifest import ManifestItem
from .base import Message, Receipt
from .mail import Emails, Letterhead, dated, letterhead

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

SECURITY = ("ninguna", "starttls", "ssl")
USER_VARIABLE, PASSWORD_VARIABLE = "SMTP_USUARIO", "SMTP_CLAVE"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
_MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>\r\n]+>)", re.MULTILINE | re.IGNORECASE)
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    security: str
    per_minute: int
    timeout: float
    ca_file: Path | None = None
    user: str | None = None
    password: str | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def read_settings(channel: ChannelConfig, root: Path) -> Settings:
    values, name = channel.settings, channel.name

    def setting(key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = values.get(key, default)
        if value is None:
            raise ConfigError(f"falta 'canales.{name}.{key}' (el servidor SMTP)")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ConfigError(f"'canales.{name}.{key}' tiene un valor de otro tipo: {value!r}")
        return value

    host = setting("servidor", str)
    security = setting("seguridad", str, "starttls")
    if security not in SECURITY:
        raise ConfigError(
            f"'canales.{name}.seguridad' debe ser uno de: {', '.join(SECURITY)}; no '{security}'"
        )
    port = setting("puerto", int, 465 if security == "ssl" else 587)
    per_minute = setting("por_minuto", int, 60)
    timeout = float(setting("espera_segundos", (int, float), 30))
    if not host or not 0 < port < 65536 or per_minute < 0 or timeout <= 0:
        raise ConfigError(
            f"'canales.{name}': revisa servidor, puerto (1–65535), por_minuto (0 = sin límite) y espera_segundos"
        )
    ca_file = None
    if values.get("certificado_ca"):
        ca_file = Path(setting("certificado_ca", str))
        ca_file = ca_file if ca_file.is_absolute() else root / ca_file
        if not ca_file.is_file():
            raise ConfigError(f"'canales.{name}.certificado_ca': no existe el archivo {ca_file}")
    user, password = os.environ.get(USER_VARIABLE) or None, os.environ.get(PASSWORD_VARIABLE) or None
    if (user is None) != (password is None):
        raise ConfigError(
            f"para iniciar sesión en {host} hacen falta las dos variables: {USER_VARIABLE} y {PASSWORD_VARIABLE}"
        )
    if user and security == "ninguna" and host not in LOOPBACK:
        raise ConfigError(
            f"'canales.{name}.seguridad' = 'ninguna' mandaría la clave sin cifrar a {host}; usa 'starttls' "
            "(puerto 587) o 'ssl' (puerto 465)"
        )
    return Settings(host, port, security, per_minute, timeout, ca_file, user, password)


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}".strip()


def _refused(step: str, code: int, text: bytes | str) -> ChannelError:
    """A reply the server gave instead of accepting: 4xx is temporary, 5xx is final."""
    said = _reply(code, text)
    if 400 <= code < 500:
        return ChannelError(
            f"el servidor respondió {said} a {step}; se reintenta en la próxima publicación", retryable=True
        )
    return ChannelError(f"el servidor rechazó {step}: {said}", retryable=False)


class _Dropped(Exception):
    """The connection ended before the message was complete: it was not delivered."""


class SmtpChannel:
    def __init__(
        self,
        name: str,
        settings: Settings,
        head: Letterhead,
        output: Path,
        *,
        verifiable: bool = False,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.verifiable = verifiable
        self.settings = settings
        self.head = head
        self.output = output
        self.emails = Emails(head, output)
        self.clock, self.sleep, self.monotonic = clock, sleep, monotonic
        self._connection: smtplib.SMTP | None = None
        self._broken: ChannelError | None = None  # why connecting failed, for the rest of the batch
        self._next_slot = 0.0
        self._finalizer = weakref.finalize(self, SmtpChannel._quit, [None])

    # -- pure --
    def render(self, item: ManifestItem, recipient: str) -> Message:
        body = self.emails.render(item, recipient)
        return Message(self.name, recipient, item.id, "email", body, f"correo a {recipient}")

    def check(self, message: Message, since: dt.datetime) -> Receipt | None:
        return None  # SMTP cannot say afterwards whether a message was accepted

    # -- I/O --
    def send(self, message: Message) -> Receipt:
        if self._broken is not None:
            raise self._broken
        self._pace()
        data = dated(message.body, self.clock())
        found = _MESSAGE_ID.search(data)
        message_id = found.group(1).decode("ascii") if found else "(sin Message-ID)"
        for attempt in (1, 2):
            connection = self._connect()
            try:
                reply = self._transaction(connection, message.recipient, data, message_id)
            except _Dropped as dropped:
                self._discard()
                if attempt == 2:
                    raise ChannelError(
                        f"se perdió la conexión con {self.settings.where} antes de terminar de enviar "
                        f"({dropped}); no llegó, se reintenta en la próxima publicación",
                        retryable=True,
                    ) from None
                continue
            return Receipt(remote_id=f"{message_id} {reply}"[:300])
        raise AssertionError("unreachable")  # pragma: no cover

    def _pace(self) -> None:
        """At most `por_minuto` messages a minute, evenly spaced."""
        if not self.settings.per_minute:
            return
        now = self.monotonic()
        if now < self._next_slot:
            self.sleep(self._next_slot - now)
            now = self._next_slot
        self._next_slot = now + 60.0 / self.settings.per_minute

    def _transaction(self, connection: smtplib.SMTP, recipient: str, data: bytes, message_id: str) -> str:
        try:
            code, text = connection.mail(self.head.sender_address)
            if code == 421:  # the server is closing this connection: nothing was sent, try a new one
                raise _Dropped(_reply(code, text))
            if code != 250:
                self._after_refusal(connection, code)
                raise _refused("el remitente (MAIL FROM)", code, text)
            code, text = connection.rcpt(recipient)
            if code not in (250, 251):
                self._after_refusal(connection, code)
                raise _refused(f"el destinatario {recipient} (RCPT TO)", code, text)
            connection.putcmd("data")
            code, text = connection.getreply()
            if code != 354:
                self._after_refusal(connection, code)
                raise _refused("el mensaje (DATA)", code, text)
            payload = _LEADING_DOT.sub(b"..", _LINE_ENDS.sub(b"\r\n", data))
            if not payload.endswith(b"\r\n"):
                payload += b"\r\n"
            connection.send(payload + b".\r\n")
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            raise _Dropped(error.__class__.__name__) from None
        try:
            code, text = connection.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._discard()
            raise ChannelError(
                f"la conexión con {self.settings.where} se cortó después de enviar el mensaje completo, "
                f"antes de la respuesta ({error.__class__.__name__}): pudo haber llegado. Búscalo por su "
                f"Message-ID {message_id} en el registro del servidor o pregunta al destinatario",
                retryable=False,
                ambiguous=True,
            ) from None
        if code != 250:
            self._after_refusal(connection, code)
            raise _refused("el mensaje", code, text)
        return _reply(code, text)

    def _after_refusal(self, connection: smtplib.SMTP, code: int) -> None:
        """Leave the connection ready for the next message, or drop it (421: the server is closing)."""
        if code == 421:
            self._discard()
            return
        try:
            connection.rset()
        except (smtplib.SMTPException, OSError):
            self._discard()

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        try:
            self._connection = self.open()
        except ChannelError as error:
            self._broken = error
            raise
        self._finalizer.detach()
        self._finalizer = weakref.finalize(self, SmtpChannel._quit, [self._connection])
        return self._connection

    def open(self) -> smtplib.SMTP:
        """A connection ready to send: greeting, EHLO, STARTTLS and login as configured."""
        s = self.settings
        context = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
        try:
            if s.security == "ssl":
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout, context=context
                )
            else:
                connection = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        except smtplib.SMTPConnectError as error:
            raise ChannelError(
                f"el servidor {s.where} no acepta la conexión ahora ({_reply(error.smtp_code, error.smtp_error)}); "
                "se reintenta en la próxima publicación",
                retryable=True,
            ) from None
        except ssl.SSLError as error:
            raise self._tls_error(error) from None
        except (OSError, smtplib.SMTPException) as error:
            raise ChannelError(
                f"no se pudo conectar con {s.where} ({error.__class__.__name__}: {error}); revisa 'servidor' y "
                "'puerto', y que esta máquina tenga salida a ese servidor",
                retryable=True,
            ) from None
        try:
            connection.ehlo()
            if s.security == "starttls":
                if not connection.has_extn("starttls"):
                    raise ChannelError(
                        f'el servidor {s.where} no ofrece STARTTLS; usa seguridad = "ssl" (puerto 465) o revisa el puerto',
                        retryable=True,
                    )
                connection.starttls(context=context)
                connection.ehlo()
            if s.user and s.password:
                connection.login(s.user, s.password)
        except smtplib.SMTPAuthenticationError as error:
            connection.close()
            raise ChannelError(
                f"el servidor {s.where} rechazó el usuario o la clave ({_reply(error.smtp_code, error.smtp_error)}); "
                f"revisa {USER_VARIABLE} y {PASSWORD_VARIABLE} (con Gmail o Microsoft 365, una contraseña de aplicación)",
                retryable=True,
            ) from None
        except smtplib.SMTPNotSupportedError:
            connection.close()
            raise ChannelError(
                f"el servidor {s.where} no ofrece inicio de sesión (AUTH) en esta conexión; revisa 'seguridad'",
                retryable=True,
            ) from None
        except ssl.SSLError as error:
            connection.close()
            raise self._tls_error(error) from None
        except (OSError, smtplib.SMTPException) as error:
            connection.close()
            raise ChannelError(
                f"la conexión con {s.where} falló al prepararla ({error.__class__.__name__}: {error})",
                retryable=True,
            ) from None
        except ChannelError:
            connection.close()
            raise
        return connection

    def _tls_error(self, error: ssl.SSLError) -> ChannelError:
        return ChannelError(
            f"no se pudo establecer una conexión cifrada con {self.settings.where} ({error.reason or error}); "
            "si el servidor usa un certificado propio, indica su autoridad en 'certificado_ca'",
            retryable=True,
        )

    def _discard(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.close()

    def close(self) -> None:
        """End the session politely (QUIT); also done when the channel is collected or at exit."""
        self._finalizer()
        self._connection = None

    @staticmethod
    def _quit(holder: list[smtplib.SMTP | None]) -> None:
        for connection in holder:
            if connection is None:
                continue
            try:
                connection.quit()
            except (smtplib.SMTPException, OSError):
                connection.close()

    def probe(self) -> str:
        """Connect, secure and log in as configured, then QUIT: nothing is sent."""
        s = self.settings
        connection = self.open()
        try:
            connection.noop()
            cipher = ""
            sock = getattr(connection, "sock", None)
            if isinstance(sock, ssl.SSLSocket):
                cipher = f", {sock.version()}"
        finally:
            self._quit([connection])
        secured = {"ninguna": "sin cifrar", "starttls": "STARTTLS", "ssl": "SSL/TLS"}[s.security]
        login = f", sesión iniciada como {s.user}" if s.user else ", sin iniciar sesión"
        return f"conexión correcta con {s.where} ({secured}{cipher}{login}); no se envió nada"


def build(channel: ChannelConfig, config: Config) -> SmtpChannel:
    settings = read_settings(channel, config.root)
    return SmtpChannel(
        channel.name, settings, letterhead(channel), config.output, verifiable=channel.verifiable
    )
