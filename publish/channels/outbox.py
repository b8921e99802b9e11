"""The default channel with no credentials: posts as JSON and emails as .eml files in a folder.

Each message is written atomically (temporary file, then rename) under a name that starts with its
item and recipient, so `check` can tell after a crash whether it went out. A write cut short leaves a
hidden `.….tmp` that never went out; the first send of a later run removes those older than the run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import crashpoints
from ..manifest import ManifestItem
from . import posts
from .base import NOT_SENT, Message, Receipt
from .mail import Emails, Letterhead, dated, default_letterhead, letterhead
from .whatsapp import WhatsAppRenderer, read_templates, withdrawn

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]+")
_TEMPORARY = re.compile(r"\..+__.*__.+\.(eml|json)\.tmp")


def file_prefix(item_id: str, recipient: str) -> str:
    """How the outbox names every message of one delivery (item, recipient)."""
    return f"{item_id}__{_UNSAFE.sub('_', recipient)}__"


@dataclass
class OutboxChannel:
    name: str
    account: str  # social account, or the sender address for email
    folder: Path  # the outbox root
    output: Path  # the built site, for the photo shown in emails
    verifiable: bool = True
    settings: dict[str, Any] = field(default_factory=dict)  # the network's, to render as it would
    started: float = field(default_factory=time.time)  # when this run began
    _swept: set[Path] = field(default_factory=set)
    head: Letterhead | None = None  # email settings; the defaults for the sender when absent
    whatsapp: WhatsAppRenderer | None = None  # the template message, for the WhatsApp channel
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    _emails: Emails | None = None

    def render(self, item: ManifestItem, recipient: str) -> Message:
        if self.name == "correo":
            if self._emails is None:
                self._emails = Emails(self.head or default_letterhead(self.account), self.output)
            body = self._emails.render(item, recipient)
            return Message(self.name, recipient, item.id, "email", body, f"correo a {recipient}")
        if self.whatsapp is not None:
            return self.whatsapp.render(item, recipient)
        request = posts.request(item, self.name, self.settings, self.name)
        body = posts.render_post(item, self.name, self.account, request)
        return Message(self.name, recipient, item.id, "post", body, f"{self.name} {self.account}")

    def prefix(self, message: Message) -> str:
        return file_prefix(message.item_id, message.recipient)

    def send(self, message: Message) -> Receipt:
        """Each send is a new file (as each post is a new post), so a duplicate would show."""
        if message.kind == "whatsapp" and not message.body:
            raise withdrawn(message)
        suffix = ".eml" if message.kind == "email" else ".json"
        stamp = (
            time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            + f"-{time.monotonic_ns() % 10**9:09d}-{os.getpid()}"
        )
        target = self.folder / self.name / f"{self.prefix(message)}{stamp}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.sweep(target.parent)
        temporary = target.with_name(f".{target.name}.tmp")
        data = dated(message.body, self.clock()) if message.kind == "email" else message.body
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        crashpoints.reached("bandeja-a-medias")
        os.replace(temporary, target)
        return Receipt(remote_id=target.name, remote_url=target.as_uri())

    def sweep(self, folder: Path) -> None:
        """Remove what writes cut short by an earlier run left: hidden temporary files of this
        outbox's own pattern, regular files only, last modified before this run began."""
        if folder in self._swept:
            return
        self._swept.add(folder)
        for path in folder.iterdir():
            if not _TEMPORARY.fullmatch(path.name) or path.is_symlink() or not path.is_file():
                continue
            if path.stat().st_mtime < self.started:
                path.unlink(missing_ok=True)

    def sent_copies(self, message: Message) -> list[Path]:
        return sorted((self.folder / self.name).glob(self.prefix(message) + "*"))

    def check(self, message: Message, since: dt.datetime) -> Receipt | None:
        """Only a copy written after the attempt began counts (an earlier one is an earlier send)."""
        if not self.verifiable:
            return None
        start = since.timestamp() - 0.02  # file times come from a coarser kernel clock
        copies = [p for p in self.sent_copies(message) if p.stat().st_mtime >= start]
        return Receipt(copies[-1].name, copies[-1].as_uri()) if copies else NOT_SENT


def build(channel: ChannelConfig, config: Config) -> OutboxChannel:
    head = letterhead(channel) if channel.name == "correo" else None
    whatsapp = None
    if channel.name == "whatsapp":
        whatsapp = WhatsAppRenderer(channel.name, read_templates(channel), config.directory)
    return OutboxChannel(
        channel.name,
        channel.account,
        config.outbox,
        config.output,
        channel.verifiable,
        channel.settings,
        head=head,
        whatsapp=whatsapp,
    )
