"""What every social network adapter shares: rendering through `posts` (the same bytes the outbox
writes), retries within bounds, reading the site's own files for uploads, and the withdrawal hook.

An adapter subclasses `SocialChannel` and implements:
- `publish(request) -> Receipt`: one post, the only place that creates anything remotely;
- `find(request, since) -> Receipt | None`: the post if the account shows it went out at or after
  `since`, NOT_SENT if it surely did not, None if the network cannot tell (`check` uses it);
- `remove(receipt) -> bool`: delete a post (withdrawal); False where the API cannot;
- `probe() -> str`: check credentials without posting.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ChannelError
from ..manifest import ManifestItem
from ..secrets import redact
from . import posts
from .base import Message, Receipt
from .http import Patience, with_retries

MAX_UPLOAD = 5 * 1024 * 1024  # bytes of a photo read from the build for an upload


class SocialChannel:
    network = ""  # x | mastodon | bluesky | telegram | facebook | instagram
    service = ""  # how messages name the network
    can_delete = True  # whether the API can delete a post (withdrawals)

    def __init__(
        self,
        name: str,
        account: str,
        settings: dict[str, Any],
        output: Path,
        limits: Patience,
        verifiable: bool = True,
    ) -> None:
        self.name = name
        self.account = account
        self.settings = settings
        self.output = output
        self.limits = limits
        self.verifiable = verifiable
        self.sleep: Callable[[float], None] = time.sleep

    # -- the channel protocol --
    def render(self, item: ManifestItem, recipient: str) -> Message:
        request = self.request(item)
        body = posts.render_post(item, self.name, self.account, request)
        return Message(self.name, recipient, item.id, "post", body, f"{self.name} {self.account}")

    def request(self, item: ManifestItem) -> dict[str, Any]:
        return posts.request(item, self.network, self.settings, self.name)

    def send(self, message: Message) -> Receipt:
        request = posts.payload(message.body)
        try:
            return with_retries(lambda: self.publish(request), self.limits, self.sleep)
        except ChannelError:
            raise
        except Exception as error:  # an answer of a shape nobody expected: it may have gone out
            raise ChannelError(
                f"{self.service} dio una respuesta inesperada ({redact(repr(error))[:200]}): la publicación pudo "
                "haber salido; se revisa en la próxima publicación o con `make resolver`",
                retryable=False,
                ambiguous=True,
            ) from None

    def check(self, message: Message, since: dt.datetime) -> Receipt | None:
        if not self.verifiable:
            return None
        try:
            return self.find(posts.payload(message.body), since)
        except Exception:
            return None  # the network could not be asked now: the delivery stays unknown

    def delete(self, receipt: Receipt) -> bool:
        """Withdraw a post; False where this network's API cannot (the summary lists it)."""
        return with_retries(lambda: self.remove(receipt), self.limits, self.sleep)

    # -- what each adapter implements --
    def publish(self, request: dict[str, Any]) -> Receipt:
        raise NotImplementedError

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        return None

    def remove(self, receipt: Receipt) -> bool:
        return False

    def probe(self) -> str:
        raise NotImplementedError

    # -- helpers --
    def site_file(self, path_or_url: str | None) -> Path | None:
        """A file of the built site, from its root-relative path or absolute URL; None if absent."""
        if not path_or_url:
            return None
        relative = urlsplit(path_or_url).path.lstrip("/")
        candidate = (self.output / relative).resolve()
        if not candidate.is_relative_to(self.output.resolve()) or not candidate.is_file():
            return None
        if candidate.stat().st_size > MAX_UPLOAD:
            return None
        return candidate

    def refused(self, what: str, fix: str) -> ChannelError:
        return ChannelError(f"{self.service} rechazó {what}: {fix}", retryable=False)


def contains_link(text: str | None, url: str) -> bool:
    """Whether a post's text (or its expanded links) carries the note's URL."""
    if not text:
        return False
    return url in text or url.rstrip("/") in text


def parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("+0000", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def after(moment: dt.datetime | None, since: dt.datetime, slack: float = 120.0) -> bool:
    """A post's time is at or after the attempt began (with slack for the two clocks)."""
    return moment is not None and moment >= since - dt.timedelta(seconds=slack)
