"""The email a district contact receives, as RFC 5322 bytes: one recipient per message. Pure.

The same bytes go to the outbox (`tipo = "bandeja"`) and over SMTP (`tipo = "smtp"`); only `Date`
is added when the message is sent (`dated`), so it says when it went out, never the item's date.
The Message-ID is stable per item version and recipient: a retry after a lost outcome carries the
same one, which lets a receiving server discard the copy it already has.

Settings, from the `[canales.correo]` section (every one but `remitente` optional):
    remitente     "Comunicación Social PT Edomex <prensa@…>"   From
    responder_a   Reply-To (the sender's address when absent)
    lista         List-Id, a domain-like name ("anuncios.ptedomex.example.org" by default)
    baja_correo   address for mailto: unsubscribe requests (the sender's by default)
    baja_url      https address for one-click unsubscribe (RFC 8058); needs CORREO_BAJA_CLAVE
    firma         sign-off lines
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from pressroom.model.item import MEXICO_CITY

from ..errors import ConfigError
from ..manifest import ManifestItem
from .invitation import FILE_NAME, invitation
from .mailbody import Signature, html_body, names_its_type, text_body

if TYPE_CHECKING:
    import datetime as dt

    from ..config import ChannelConfig

SECRET_VARIABLE = "CORREO_BAJA_CLAVE"
POLICY = policy.SMTP.clone(max_line_length=78)  # CRLF line ends: the bytes that go on the wire
DEFAULT_SIGNATURE = ("Coordinación de Comunicación Social", "Partido del Trabajo en el Estado de México")


@dataclass(frozen=True)
class Photo:
    data: bytes
    filename: str
    subtype: str  # "jpeg", "png", "webp"


@dataclass(frozen=True)
class Letterhead:
    """How the office writes: sender, replies, list identity, unsubscribe and sign-off."""

    sender: str
    reply_to: str
    list_id: str
    unsubscribe_address: str
    unsubscribe_url: str | None = None
    unsubscribe_key: bytes | None = None
    signature: tuple[str, ...] = DEFAULT_SIGNATURE

    @property
    def office(self) -> str:
        name, address = parseaddr(self.sender)
        return name or address

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    def unsubscribe_link(self, recipient: str) -> str | None:
        if not self.unsubscribe_url or self.unsubscribe_key is None:
            return None
        address = recipient.lower()
        token = hmac.new(self.unsubscribe_key, address.encode(), hashlib.sha256).hexdigest()[:32]
        joiner = "&" if urlsplit(self.unsubscribe_url).query else "?"
        return self.unsubscribe_url + joiner + urlencode({"correo": address, "firma": token})


def _address(value: Any, key: str, channel: str) -> str:
    if not isinstance(value, str) or any(c in value for c in "\r\n"):
        raise ConfigError(f"'canales.{channel}.{key}' debe ser una dirección de correo en una sola línea")
    found = getaddresses([value])
    if len(found) != 1 or "@" not in found[0][1]:
        raise ConfigError(
            f"'canales.{channel}.{key}' no es una dirección de correo; por ejemplo "
            '"Comunicación Social PT Edomex <prensa@ptedomex.example.org>"'
        )
    return value.strip()


def default_letterhead(sender: str) -> Letterhead:
    """The letterhead of a sender with no other settings."""
    address = parseaddr(sender)[1]
    return Letterhead(sender, sender, f"anuncios.{address.rsplit('@', 1)[-1]}", address)


def letterhead(channel: ChannelConfig) -> Letterhead:
    """Read and check the email settings of a channel section (ConfigError in Spanish)."""
    settings, name = channel.settings, channel.name
    sender = _address(settings.get("remitente", channel.account), "remitente", name)
    reply_to = _address(settings.get("responder_a", sender), "responder_a", name)
    sender_address = parseaddr(sender)[1]
    list_name = settings.get("lista", f"anuncios.{sender_address.rsplit('@', 1)[1]}")
    if not isinstance(list_name, str) or not list_name or any(c in list_name for c in " <>\r\n@"):
        raise ConfigError(f"'canales.{name}.lista' debe ser un nombre como anuncios.ptedomex.example.org")
    unsubscribe = parseaddr(_address(settings.get("baja_correo", sender_address), "baja_correo", name))[1]
    url = settings.get("baja_url")
    key = None
    if url is not None:
        if not isinstance(url, str) or not url.startswith("https://") or any(c in url for c in " \r\n<>"):
            raise ConfigError(f"'canales.{name}.baja_url' debe ser una dirección https:// (RFC 8058)")
        secret = os.environ.get(SECRET_VARIABLE, "")
        if len(secret) < 16:
            raise ConfigError(
                f"'canales.{name}.baja_url' necesita la variable de entorno {SECRET_VARIABLE} (16 caracteres "
                "o más, en .env): firma cada enlace de baja para que nadie pueda dar de baja a otra persona"
            )
        key = secret.encode()
    lines = settings.get("firma", list(DEFAULT_SIGNATURE))
    if isinstance(lines, str):
        lines = [lines]
    if not isinstance(lines, list) or not all(isinstance(x, str) and "\n" not in x for x in lines):
        raise ConfigError(f"'canales.{name}.firma' debe ser una lista de renglones de texto")
    return Letterhead(sender, reply_to, list_name, unsubscribe, url, key, tuple(lines))


def subject(item: ManifestItem) -> str:
    """'[Boletín] Título', or the title alone when it already starts with its type."""
    title = re.sub(r"[ \t]+", " ", item.titulo.strip(" \t"))  # a line break stays: the header refuses it
    return title if names_its_type(item) else f"[{item.tipo_nombre}] {title}"


def message_id(item: ManifestItem, recipient: str) -> str:
    """Stable per (item version, recipient): a retry is recognisably the same message."""
    host = urlsplit(item.url).hostname or "localhost"
    digest = hashlib.sha256(f"{item.hash}\n{recipient.lower()}".encode()).hexdigest()[:16]
    return f"<{item.id}.{digest}@{host}>"


def photo_for(item: ManifestItem, output: Path) -> Photo | None:
    """The web rendition (≤960 px) of the item's photo from the built site, to show inline."""
    if item.imagen is None or not item.imagen.web:
        return None
    path = output / item.imagen.web.lstrip("/")
    if not path.is_file():
        return None
    subtype = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}.get(
        path.suffix.lower(), "jpeg"
    )
    return Photo(path.read_bytes(), path.name, subtype)


def render_email(item: ManifestItem, recipient: str, head: Letterhead, photo: Photo | None) -> bytes:
    """The message without `Date` (added by `dated` when it is sent)."""
    _check_recipient(recipient)
    return _message(item, recipient, head, photo).as_bytes(policy=POLICY)


class ItemEmail:
    """One item's email for each of its recipients, with the bytes of `render_email`: the text, the
    HTML, the photo and the invitation are encoded once, since a recipient's copy differs from
    another's only in To, Message-ID and List-Unsubscribe (the boundaries come from the item)."""

    def __init__(self, item: ManifestItem, head: Letterhead, photo: Photo | None) -> None:
        self.item = item
        self.head = head
        self.message = _message(item, PLACEHOLDER, head, photo)
        whole = self.message.as_bytes(policy=POLICY)
        header = _header_block(self.message)
        assert whole.startswith(header)
        self.body = whole[len(header) :]

    def to(self, recipient: str) -> bytes:
        _check_recipient(recipient)
        for name, value in _recipient_headers(self.item, recipient, self.head):
            self.message.replace_header(name, value)
        return _header_block(self.message) + self.body


class Emails:
    """The email channels' renderer: one item's shared parts are kept while its recipients are
    rendered (deliveries come item by item), then the next item's replace them."""

    def __init__(self, head: Letterhead, output: Path) -> None:
        self.head = head
        self.output = output
        self._last: ItemEmail | None = None

    def render(self, item: ManifestItem, recipient: str) -> bytes:
        last = self._last
        if last is None or last.item != item:
            last = self._last = ItemEmail(item, self.head, photo_for(item, self.output))
        return last.to(recipient)


PLACEHOLDER = "destinatario@example.invalid"  # replaced by each recipient's address


def _check_recipient(recipient: str) -> None:
    if any(c in recipient for c in "\r\n"):
        raise ConfigError("la dirección del destinatario tiene un salto de línea")


def _recipient_headers(item: ManifestItem, recipient: str, head: Letterhead) -> list[tuple[str, Any]]:
    """The headers that name the recipient, in the order they come."""
    mailto = f"<mailto:{head.unsubscribe_address}?subject={quote('baja')}>"
    link = head.unsubscribe_link(recipient)
    return [
        ("To", Address(addr_spec=recipient)),
        ("Message-ID", message_id(item, recipient)),
        ("List-Unsubscribe", f"{mailto}, <{link}>" if link else mailto),
    ]


def _header_block(message: EmailMessage) -> bytes:
    """The message's own headers and the blank line after them, as the generator writes them."""
    return b"".join(POLICY.fold_binary(name, value) for name, value in message.raw_items()) + b"\r\n"


def _message(item: ManifestItem, recipient: str, head: Letterhead, photo: Photo | None) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    own = dict(_recipient_headers(item, recipient, head))
    message["From"] = head.sender
    message["To"] = own["To"]
    message["Reply-To"] = head.reply_to
    message["Subject"] = subject(item)
    message["Message-ID"] = own["Message-ID"]
    message["List-Id"] = f"{head.office} <{head.list_id}>"
    message["List-Unsubscribe"] = own["List-Unsubscribe"]
    if head.unsubscribe_link(recipient):
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    host = urlsplit(item.url).hostname or "localhost"
    calendar = invitation(item, host, (head.office, head.sender_address))
    attached = FILE_NAME if calendar else None
    signature = Signature(head.office, head.signature, head.unsubscribe_address)
    cid = f"foto.{item.id}@{host}" if photo else None
    message.set_content(text_body(item, signature, attached), cte="quoted-printable")
    message.add_alternative(html_body(item, signature, cid, attached), subtype="html", cte="quoted-printable")
    if photo is not None and cid is not None:
        html = message.get_body(("html",))
        assert isinstance(html, EmailMessage)
        html.add_related(
            photo.data, "image", photo.subtype, cid=f"<{cid}>", filename=photo.filename, disposition="inline"
        )
    if calendar is not None:
        message.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename=FILE_NAME,
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    _fixed_boundaries(message, f"{item.id}\n{item.hash}")
    return message


def _fixed_boundaries(message: EmailMessage, seed: str) -> None:
    """Boundaries derived from the item's version, so its message always renders to the same bytes."""
    digest = hashlib.sha256(seed.encode()).hexdigest()[:24]
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_{digest}_{number}")


def dated(body: bytes, when: dt.datetime) -> bytes:
    """The message as it goes out: `Date` is the send time (Mexico City), the rest unchanged."""
    return f"Date: {format_datetime(when.astimezone(MEXICO_CITY))}\r\n".encode("ascii") + body
