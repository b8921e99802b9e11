"""Real SMTP servers on loopback for tests and benchmarks: aiosmtpd on 127.0.0.1, an ephemeral port,
plain, STARTTLS + AUTH with a throwaway certificate authority (trustme), or implicit TLS; with
server-side faults planted per recipient, and a bare TCP server that greets with 421.

    with smtp_server() as server:          # server.port, server.received (Envelope list)
        server.faults["x@example.org"] = Fault("550")
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPProtocol
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"
USER = "prensa@ptedomex.example.org"
PASSWORD = "clave-de-prueba-9f3k2"

# what a fault does, and the reply it gives
REPLIES = {
    "450": "450 4.2.1 Buzón ocupado, intente más tarde",
    "550": "550 5.1.1 El buzón no existe",
    "552": "552 5.3.4 Mensaje demasiado grande",
    "421": "421 4.3.2 El servicio se cierra",
}


@dataclass
class Fault:
    """What the server does to one recipient: a reply code at RCPT ("450", "550"), at the end of
    DATA ("552"), or "drop": keep the message and close the connection without replying."""

    kind: str
    times: int = 1  # how many deliveries it affects; then the server behaves


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    faults: dict[str, Fault] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    sessions: int = 0  # connections on which at least one message was delivered
    login_sessions: list[Any] = field(default_factory=list)  # connections that tried to log in
    close_after: int = 0  # after this many messages on a connection, answer 421 and close it (0: never)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _fault(self, address: str, kinds: tuple[str, ...]) -> str | None:
        with self.lock:
            fault = self.faults.get(address.lower())
            if fault is None or fault.kind not in kinds or fault.times <= 0:
                return None
            fault.times -= 1
            return fault.kind

    async def handle_RCPT(
        self, server: SMTPProtocol, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        kind = self._fault(address, ("450", "550"))
        if kind:
            return REPLIES[kind]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTPProtocol, session: Session, envelope: Envelope) -> str:
        kind = self._fault(envelope.rcpt_tos[0], ("552", "drop"))
        if kind == "552":
            return REPLIES["552"]
        data = envelope.original_content or b""
        with self.lock:
            self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), data))
            on_this = getattr(session, "delivered", 0) + 1
            if on_this == 1:
                self.sessions += 1
        session.delivered = on_this  # type: ignore[attr-defined]
        if kind == "drop" and server.transport is not None:
            server.transport.abort()  # accepted, but the client never hears so
        return "250 2.0.0 OK: en cola"

    async def handle_MAIL(
        self, server: SMTPProtocol, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.close_after and getattr(session, "delivered", 0) >= self.close_after:
            # as Postfix does past its per-connection limit: 421, then the connection is closed
            if server.transport is not None:
                server.loop.call_later(0.05, server.transport.close)
            return REPLIES["421"]
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    def count(self, address: str) -> int:
        with self.lock:
            return sum(1 for r in self.received if address.lower() in (a.lower() for a in r.recipients))


class _Controller(Controller):
    """aiosmtpd's controller on an ephemeral port (it would connect to port 0 to wake the server)."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Server:
    port: int
    handler: Handler
    ca_file: Path | None = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def faults(self) -> dict[str, Fault]:
        return self.handler.faults


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    tried = server.event_handler.login_sessions
    if not any(s is session for s in tried):
        tried.append(session)
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(
        success=ok, handled=False, message=None if ok else "535 5.7.8 Usuario o clave incorrectos"
    )


@contextmanager
def smtp_server(
    *, tls: str = "ninguna", folder: Path | None = None, handler: Handler | None = None
) -> Iterator[Server]:
    """tls: "ninguna" (plain, no login), "starttls" (STARTTLS required, then AUTH required) or "ssl"."""
    handler = handler or Handler()
    options: dict[str, Any] = {"hostname": HOST, "port": 0, "ready_timeout": 10}
    ca_file = None
    if tls != "ninguna":
        assert folder is not None, "a folder for the throwaway CA file"
        authority = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert(HOST, "localhost").configure_cert(context)
        ca_file = folder / "ca.pem"
        authority.cert_pem.write_to_path(str(ca_file))
        if tls == "starttls":
            options |= {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": _authenticate,
                "auth_required": True,
            }
        else:
            # the listener itself is TLS: aiosmtpd only knows about STARTTLS, so it is told AUTH is safe
            options |= {
                "ssl_context": context,
                "authenticator": _authenticate,
                "auth_required": True,
                "auth_require_tls": False,
            }
    controller = _Controller(handler, **options)
    controller.start()
    try:
        yield Server(controller.port, handler, ca_file)
    finally:
        controller.stop()


@contextmanager
def greeting_421() -> Iterator[int]:
    """A server that answers every connection with 421 and closes it; yields its port."""
    listener = socket.create_server((HOST, 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            with client:
                client.sendall(REPLIES["421"].encode() + b"\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        listener.close()
