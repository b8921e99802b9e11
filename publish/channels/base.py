"""The channel protocol: a pure `render(item, recipient) -> Message` and an I/O-only `send`.

`check(message, since)` answers, where a channel can tell, whether a message whose outcome was lost
in a crash went out at or after `since` (when that attempt began): its receipt, NOT_SENT, or None
when the channel cannot tell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from ..manifest import ManifestItem


@dataclass(frozen=True)
class Message:
    channel: str
    recipient: str
    item_id: str
    kind: str  # "post" or "email"
    body: bytes  # exactly what goes out: JSON for a post, RFC 5322 bytes for an email
    summary: str  # one line for plans and logs
    attachments: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Receipt:
    remote_id: str
    remote_url: str | None = None


NOT_SENT = Receipt("no-enviado")


class Channel(Protocol):
    name: str
    verifiable: bool

    def render(self, item: ManifestItem, recipient: str) -> Message: ...

    def send(self, message: Message) -> Receipt: ...

    def check(self, message: Message, since: dt.datetime) -> Receipt | None: ...
