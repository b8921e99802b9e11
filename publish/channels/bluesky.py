"""Bluesky with atproto: a post with link and hashtag facets (UTF-8 byte offsets) and an external
link card whose thumbnail is the note's social card (uploadBlob).

The record key is fixed by item, content and channel (a TID, see posts.record_key): a repeated
createRecord cannot make a second post, and a lost outcome is settled exactly with getRecord. An
expired session is refreshed (or the app password used again) and the request repeated once."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import TYPE_CHECKING, Any

import httpx
from atproto import Client, models
from atproto_client import exceptions as atproto_errors
from atproto_client.request import Request
from atproto_core.exceptions import AtProtocolError

from ..errors import ChannelError
from ..secrets import redact, remember
from . import http
from .base import NOT_SENT, Receipt
from .social import SocialChannel

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

PASSWORD = "BLUESKY_CLAVE"
SERVER = "https://bsky.social"
COLLECTION = "app.bsky.feed.post"
MAX_BLOB = 1_000_000  # bytes Bluesky accepts for a link card's thumbnail
WHERE = "Es una contraseña de aplicación: bsky.app → Configuración → Privacidad y seguridad → Contraseñas de aplicación."
PASSWORD_FIX = (
    "la contraseña de aplicación de Bluesky no es válida o fue revocada (o 'cuenta' no es el usuario): crea una "
    f"nueva en bsky.app → Configuración → Privacidad y seguridad → Contraseñas de aplicación y ponla en {PASSWORD}"
)
EXPIRED = ("ExpiredToken", "InvalidToken")


class BlueskyChannel(SocialChannel):
    network = "bluesky"
    service = "Bluesky"

    def __init__(self, *args: Any, client: Client, password: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client, self.password = client, password
        self.did: str | None = None

    # -- session --
    def login(self) -> str:
        if self.did is None:
            session = self.call(
                lambda: self.client.login(self.account, self.password, fetch_bsky_profile=False),
                creating=False,
                login=True,
            )
            del session
            assert self.client._session is not None
            for token in (self.client._session.access_jwt, self.client._session.refresh_jwt):
                remember(token)
            self.did = self.client._session.did
        return self.did

    def renew(self) -> None:
        """A session the server calls expired: refreshed, or a new one from the app password."""
        try:
            self.client._refresh_and_set_session()
        except AtProtocolError:
            self.did = None
            self.login()
        if self.client._session is not None:
            remember(self.client._session.access_jwt)
            remember(self.client._session.refresh_jwt)

    def call(self, action: Any, *, creating: bool, login: bool = False) -> Any:
        try:
            return action()
        except atproto_errors.RequestErrorBase as error:
            if _error_name(error) in EXPIRED and not login:
                self.renew()
                try:
                    return action()
                except atproto_errors.RequestErrorBase as again:
                    raise self.failure(again, creating, login) from None
            raise self.failure(error, creating, login) from None

    def failure(self, error: atproto_errors.RequestErrorBase, creating: bool, login: bool) -> ChannelError:
        if error.response is None:
            return http.network_error(error.__cause__ or error, self.service, creating=creating)
        status = error.response.status_code
        detail = redact(str(error))[:300]
        if isinstance(error, atproto_errors.RateLimitExceededError):
            wait = error.retry_after
            if wait is None and error.reset_at is not None:
                wait = http.seconds_until(error.reset_at.timestamp())
            return http.rate_limited(self.service, wait)
        if login and status in (400, 401):
            return ChannelError(f"{PASSWORD_FIX} ({detail})", retryable=False)
        if status in (401, 403) or _error_name(error) in EXPIRED:
            return ChannelError(f"{PASSWORD_FIX} ({detail})", retryable=False)
        if status >= 500:
            return http.server_error(status, self.service, detail, creating=creating)
        return self.refused(
            f"la publicación ({detail})", "revisa el texto, la tarjeta o la cuenta de la nota"
        )

    # -- posting --
    def publish(self, request: dict[str, Any]) -> Receipt:
        did = self.login()
        record = self.record(request)
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=did, collection=COLLECTION, rkey=request["rkey"], record=record
        )
        try:
            created = self.call(lambda: self.client.com.atproto.repo.create_record(data), creating=True)
        except ChannelError as error:
            if error.retryable or error.ambiguous:
                raise
            existing = self.lookup(request["rkey"])  # refused: perhaps because it is already there
            if existing is not None:
                return existing
            raise
        return Receipt(created.uri, self.web_url(request["rkey"]))

    def record(self, request: dict[str, Any]) -> models.AppBskyFeedPost.Record:
        external = request["embed"]["external"]
        thumb = None
        path = self.site_file(external.get("thumb"))
        if path is not None and path.stat().st_size <= MAX_BLOB:
            mime = mimetypes.guess_type(path.name)[0] or "image/jpeg"
            upload = self.call(
                lambda: self.client.com.atproto.repo.upload_blob(
                    path.read_bytes(), headers={"Content-Type": mime}
                ),
                creating=False,
            )
            thumb = upload.blob
        facets = [models.AppBskyRichtextFacet.Main.model_validate(facet) for facet in request["facets"]]
        card = models.AppBskyEmbedExternal.External(
            uri=external["uri"], title=external["title"], description=external["description"], thumb=thumb
        )
        return models.AppBskyFeedPost.Record(
            text=request["text"],
            created_at=self.client.get_current_time_iso(),
            langs=request.get("langs"),
            facets=facets,
            embed=models.AppBskyEmbedExternal.Main(external=card),
        )

    def lookup(self, rkey: str) -> Receipt | None:
        did = self.login()
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=COLLECTION, rkey=rkey)
        try:
            found = self.call(lambda: self.client.com.atproto.repo.get_record(params), creating=False)
        except ChannelError as error:
            if "RecordNotFound" in str(error) or "Could not locate record" in str(error):
                return None
            raise
        return Receipt(found.uri, self.web_url(rkey))

    def web_url(self, rkey: str) -> str:
        return f"https://bsky.app/profile/{self.account}/post/{rkey}"

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        return self.lookup(request["rkey"]) or NOT_SENT

    def remove(self, receipt: Receipt) -> bool:
        did = self.login()
        rkey = receipt.remote_id.rsplit("/", 1)[-1]
        data = models.ComAtprotoRepoDeleteRecord.Data(repo=did, collection=COLLECTION, rkey=rkey)
        self.call(lambda: self.client.com.atproto.repo.delete_record(data), creating=False)
        return True

    def probe(self) -> str:
        did = self.login()
        return f"conectado como @{self.account} ({did}) en {self.settings.get('servidor', SERVER)}."


def _error_name(error: atproto_errors.RequestErrorBase) -> str:
    content = error.response.content if error.response is not None else None
    return str(
        getattr(content, "error", "") or (content.get("error", "") if isinstance(content, dict) else "")
    )


def build(channel: ChannelConfig, config: Config) -> BlueskyChannel:
    settings = channel.settings
    limits = http.patience(settings, channel.name)
    server = http.base_url(settings, channel.name, "servidor", SERVER)
    client = Client(base_url=server, request=Request(timeout=httpx.Timeout(limits.timeout)))
    password = http.credential(PASSWORD, channel.name, WHERE)
    return BlueskyChannel(
        channel.name,
        channel.account,
        settings,
        config.output,
        limits,
        channel.verifiable,
        client=client,
        password=password,
    )
