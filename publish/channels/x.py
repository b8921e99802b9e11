"""X with tweepy: the photo uploaded with its alt text (API v1.1 `media_upload`, kept in `upload`
so a v2 upload can replace it), then `Client.create_tweet`. X answers 403 "duplicate content" to
a post it already has: recorded as unknown and settled by looking up the account's recent posts
where the access level allows it (the free tier does not: then a person uses `publish resolver`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests
import tweepy

from ..errors import ChannelError
from ..secrets import redact
from . import http
from .base import NOT_SENT, Receipt
from .social import SocialChannel, after, contains_link, parse_time

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

API_HOST = "https://api.twitter.com"
UPLOAD_HOST = "https://upload.twitter.com"
VARIABLES = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET")
WHERE = (
    "Están en developer.x.com → tu proyecto → tu app → Keys and tokens (con permisos de lectura y escritura)."
)
CREDENTIALS_FIX = (
    "las credenciales de X no son válidas o fueron revocadas: en developer.x.com → tu app → Keys and tokens "
    "regenera la «API Key and Secret» y el «Access Token and Secret» y ponlos en X_API_KEY, X_API_SECRET, "
    "X_ACCESS_TOKEN y X_ACCESS_SECRET"
)
PERMISSION_FIX = (
    "la app de X no tiene permiso de escritura: en developer.x.com → tu app → User authentication settings "
    "elige «Read and write» y después regenera el Access Token and Secret"
)


class XChannel(SocialChannel):
    network = "x"
    service = "X"

    def __init__(self, *args: Any, client: tweepy.Client, api: tweepy.API, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client, self.api = client, api
        self._user: str | None = None

    def guarded(self, action: Any, *, creating: bool) -> Any:
        try:
            return action()
        except tweepy.TooManyRequests as error:
            reset = error.response.headers.get("x-rate-limit-reset")
            raise http.rate_limited(
                self.service, http.seconds_until(float(reset)) if reset else None
            ) from None
        except tweepy.HTTPException as error:
            raise self.failure(error, creating) from None
        except requests.RequestException as error:
            raise http.network_error(error, self.service, creating=creating) from None
        except tweepy.TweepyException as error:  # API v1.1 wraps connection failures
            raise http.network_error(error.__context__ or error, self.service, creating=creating) from None

    def failure(self, error: tweepy.HTTPException, creating: bool) -> ChannelError:
        status = error.response.status_code
        detail = redact("; ".join(str(m) for m in error.api_messages) or str(error))[:300]
        if status == 403 and "duplicate" in detail.lower():
            return ChannelError(
                f"X dice que ya existe una publicación idéntica ({detail}): pudo haber salido antes; se revisa "
                "en la cuenta en la próxima publicación, o asiéntala con `make resolver`",
                retryable=False,
                ambiguous=True,
            )
        if status == 401:
            return ChannelError(f"{CREDENTIALS_FIX} ({detail})", retryable=False)
        if status == 403:
            return ChannelError(f"{PERMISSION_FIX} ({detail})", retryable=False)
        if status >= 500:
            return http.server_error(status, self.service, detail, creating=creating)
        return self.refused(f"la publicación ({status}: {detail})", "revisa el texto o la foto de la nota")

    def upload(self, path: Path, alt: str) -> str:
        """One photo through API v1.1 (media/upload, then its alt text): the only v1.1 use."""
        media = self.guarded(lambda: self.api.media_upload(str(path)), creating=False)
        media_id = str(media.media_id_string)
        if alt:
            self.guarded(lambda: self.api.create_media_metadata(media_id, alt[:1000]), creating=False)
        return media_id

    def publish(self, request: dict[str, Any]) -> Receipt:
        photo = request.get("foto") or {}
        path = self.site_file(photo.get("ruta"))
        media_ids = [self.upload(path, photo.get("alt", ""))] if path is not None else None
        response = self.guarded(
            lambda: self.client.create_tweet(text=request["text"], media_ids=media_ids, user_auth=True),
            creating=True,
        )
        tweet = str(response.data["id"])
        return Receipt(tweet, f"https://x.com/{self.account.lstrip('@')}/status/{tweet}")

    def user_id(self) -> str:
        if self._user is None:
            me = self.guarded(lambda: self.client.get_me(user_auth=True), creating=False)
            self._user = str(me.data["id"])
        return self._user

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        link = next((w for w in request["text"].split() if w.startswith("http")), "\0")
        try:
            found = self.guarded(
                lambda: self.client.get_users_tweets(
                    self.user_id(),
                    start_time=since - dt.timedelta(minutes=2),
                    tweet_fields=["created_at", "entities"],
                    max_results=20,
                    user_auth=True,
                ),
                creating=False,
            )
        except ChannelError as error:
            if not error.retryable:
                return None  # the access level does not allow reading the timeline
            raise
        for tweet in found.data or []:
            urls = [u.get("expanded_url", "") for u in (tweet.entities or {}).get("urls", [])]
            if (contains_link(tweet.text, link) or link in urls) and after(
                parse_time(tweet.created_at), since
            ):
                return Receipt(str(tweet.id), f"https://x.com/{self.account.lstrip('@')}/status/{tweet.id}")
        return NOT_SENT

    def remove(self, receipt: Receipt) -> bool:
        response = self.guarded(
            lambda: self.client.delete_tweet(receipt.remote_id, user_auth=True), creating=False
        )
        return bool(response.data.get("deleted"))

    def probe(self) -> str:
        me = self.guarded(lambda: self.client.get_me(user_auth=True), creating=False)
        return f"conectado como @{me.data['username']} ({me.data['id']})."


def build(channel: ChannelConfig, config: Config) -> XChannel:
    settings = channel.settings
    limits = http.patience(settings, channel.name)
    key, secret, token, token_secret = (http.credential(v, channel.name, WHERE) for v in VARIABLES)
    client = tweepy.Client(
        consumer_key=key, consumer_secret=secret, access_token=token, access_token_secret=token_secret
    )
    client.session = http.TimeoutSession(limits.timeout)
    auth = tweepy.OAuth1UserHandler(key, secret, token, token_secret)
    api = tweepy.API(auth, timeout=int(max(limits.timeout, 1)))
    if "api" in settings:  # a staging proxy or a local fake in place of X's fixed hosts
        base = http.base_url(settings, channel.name, "api", None)
        client.session.mount(API_HOST, http.Rebase(API_HOST, base))
        api.session.mount(UPLOAD_HOST, http.Rebase(UPLOAD_HOST, base))
    return XChannel(
        channel.name,
        channel.account,
        settings,
        config.output,
        limits,
        channel.verifiable,
        client=client,
        api=api,
    )
