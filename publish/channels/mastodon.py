"""Mastodon with Mastodon.py: the photo with its description (alt text), then the status with an
`Idempotency-Key` fixed by item and channel, so the instance itself refuses to post it twice within
the hour it keeps keys; a lost outcome is settled by looking for the note's link among the
account's own recent statuses. The text fits the instance's own limits (`/api/v2/instance`)."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import TYPE_CHECKING, Any

from mastodon import (
    Mastodon,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
)

from ..errors import ChannelError, PostGone
from ..manifest import ManifestItem
from ..secrets import redact
from . import http, posts
from .base import NOT_SENT, Receipt
from .social import SocialChannel, after, contains_link, parse_time

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

TOKEN = "MASTODON_TOKEN"
VERSION = "4.3.0"  # given to Mastodon.py so it never asks the instance (a failing instance endpoint
# sends its version detection into a RecursionError)
WHERE = (
    "Se crea en tu instancia: Preferencias → Desarrollo → Nueva aplicación, con los permisos "
    "read:accounts, read:statuses, write:statuses y write:media; copia «Tu token de acceso»."
)
TOKEN_FIX = (
    "el token de Mastodon no es válido o fue revocado: crea uno nuevo en Preferencias → Desarrollo "
    f"de la instancia (permisos read:accounts, read:statuses, write:statuses, write:media) y ponlo en {TOKEN}"
)


class MastodonChannel(SocialChannel):
    network = "mastodon"
    service = "Mastodon"

    def __init__(self, *args: Any, client: Mastodon, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client
        self._limits: posts.Limits | None = None
        self._account: str | None = None

    def limits_of_instance(self) -> posts.Limits:
        """The instance's status limits, asked once; the settings or 500/23 if it does not say."""
        if self._limits is None:
            default = posts.Limits(
                int(self.settings.get("max_caracteres", 500)),
                int(self.settings.get("caracteres_por_enlace", 23)),
            )
            self._limits = default
            if "max_caracteres" not in self.settings:
                try:
                    statuses = self.client.instance_v2()["configuration"]["statuses"]
                    self._limits = posts.Limits(
                        int(statuses.get("max_characters") or default.max_characters),
                        int(
                            statuses.get("characters_reserved_per_url") or default.characters_reserved_per_url
                        ),
                    )
                except (MastodonError, KeyError, TypeError, ValueError):
                    pass
        return self._limits

    def request(self, item: ManifestItem) -> dict[str, Any]:
        return posts.mastodon_request(item, self.name, self.limits_of_instance())

    def guarded(self, action: Any, *, creating: bool) -> Any:
        try:
            return action()
        except MastodonRatelimitError:
            raise http.rate_limited(self.service, http.seconds_until(self.client.ratelimit_reset)) from None
        except MastodonNetworkError as error:
            raise http.network_error(error.__context__ or error, self.service, creating=creating) from None
        except MastodonError as error:
            raise self.failure(error, creating) from None

    def failure(self, error: MastodonError, creating: bool) -> ChannelError:
        args = error.args
        status = args[1] if len(args) > 1 and isinstance(args[1], int) else 0
        detail = redact(str(args[3] if len(args) > 3 and args[3] else args[0] if args else error))[:300]
        if status == 401:
            return ChannelError(f"{TOKEN_FIX} ({detail})", retryable=False)
        if status == 403:
            return self.refused(
                f"la publicación ({detail})", "al token le falta el permiso write:statuses o write:media"
            )
        if status >= 500:
            return http.server_error(status, self.service, detail, creating=creating)
        if status == 422:
            return self.refused(f"la publicación (422: {detail})", "revisa el texto o la foto de la nota")
        return self.refused(f"la publicación ({status}: {detail})", "revisa la configuración de Mastodon")

    def publish(self, request: dict[str, Any]) -> Receipt:
        media_ids = []
        photo = request.get("foto") or {}
        path = self.site_file(photo.get("ruta"))
        if path is not None:
            mime = mimetypes.guess_type(path.name)[0] or "image/jpeg"
            media = self.guarded(
                lambda: self.client.media_post(str(path), mime_type=mime, description=photo.get("alt")),
                creating=False,
            )
            media_ids.append(media["id"])
        status = self.guarded(
            lambda: self.client.status_post(
                request["status"],
                media_ids=media_ids or None,
                visibility=request.get("visibility", "public"),
                language=request.get("language"),
                idempotency_key=request["idempotency_key"],
            ),
            creating=True,
        )
        return Receipt(str(status["id"]), status.get("url") or status.get("uri"))

    def account_id(self) -> str:
        if self._account is None:
            me = self.guarded(self.client.account_verify_credentials, creating=False)
            self._account = str(me["id"])
        return self._account

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        link = next((w for w in request["status"].split() if w.startswith("http")), "\0")
        account = self.account_id()
        statuses = self.guarded(lambda: self.client.account_statuses(account, limit=40), creating=False)
        for status in statuses:
            content = str(status.get("content") or "").replace("&amp;", "&")
            if contains_link(content, link) and after(parse_time(status.get("created_at")), since):
                return Receipt(str(status["id"]), status.get("url") or status.get("uri"))
        return NOT_SENT

    def remove(self, receipt: Receipt) -> bool:
        def delete() -> Any:
            try:
                return self.client.status_delete(receipt.remote_id)
            except MastodonNotFoundError:  # the id of our own status: a 404 means someone deleted it
                raise PostGone(self.service) from None

        self.guarded(delete, creating=False)
        return True

    def probe(self) -> str:
        me = self.guarded(self.client.account_verify_credentials, creating=False)
        limits = self.limits_of_instance()
        return (
            f"conectado como @{me['acct']} en {self.client.api_base_url}; hasta {limits.max_characters} "
            f"caracteres por publicación (cada enlace cuenta {limits.characters_reserved_per_url})."
        )


def build(channel: ChannelConfig, config: Config) -> MastodonChannel:
    settings = channel.settings
    limits = http.patience(settings, channel.name)
    client = Mastodon(
        access_token=http.credential(TOKEN, channel.name, WHERE),
        api_base_url=http.base_url(settings, channel.name, "instancia", None),
        mastodon_version=http.setting(settings, channel.name, "version_mastodon", VERSION),
        version_check_mode="created",  # with a version given: parsed here, never asked of the instance
        ratelimit_method="throw",
        request_timeout=limits.timeout,
        user_agent="ptedomex-publicacion",
    )
    return MastodonChannel(
        channel.name, channel.account, settings, config.output, limits, channel.verifiable, client=client
    )
