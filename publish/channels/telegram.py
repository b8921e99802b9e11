"""Telegram: a channel's posts through the Bot API (sendPhoto with a caption, or sendMessage).

The bot token travels in the URL path (`/bot<token>/sendMessage`), so every text built from a URL
or an exception passes through redact(); log records are redacted when they are made. The Bot API
cannot read a channel's history: a post whose outcome was lost is left to `publish resolver`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import requests

from ..errors import ChannelError, PostGone
from ..secrets import redact
from . import http
from .base import Receipt
from .social import SocialChannel

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

TOKEN = "TELEGRAM_TOKEN"
API = "https://api.telegram.org"
WHERE = "El token lo da @BotFather en Telegram (/newbot o /token)."
FIX_TOKEN = (
    f"el token del bot no es válido o fue revocado: pide uno nuevo a @BotFather (/token) y ponlo en {TOKEN}"
)
FIX_ADMIN = "agrega el bot como administrador del canal con permiso para publicar mensajes"
UNDELETABLE = "message can't be deleted"  # deleteMessage's refusal for a message older than 48 h
GONE = "message to delete not found"  # deleteMessage's answer for a message someone already deleted


class TelegramChannel(SocialChannel):
    network = "telegram"
    service = "Telegram"

    def __init__(self, *args: Any, api: str, token: str, chat: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api, self.token, self.chat = api, token, chat
        self.session = http.TimeoutSession(self.limits.timeout)

    def call(self, method: str, data: dict[str, Any], *, creating: bool) -> Any:
        url = f"{self.api}/bot{self.token}/{method}"
        try:
            response = self.session.post(url, json=data)
        except requests.RequestException as error:
            raise http.network_error(error, self.service, creating=creating) from None
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.ok and isinstance(answer, dict) and answer.get("ok"):
            return answer.get("result")
        raise self.failure(response.status_code, answer if isinstance(answer, dict) else {}, creating)

    def failure(self, status: int, answer: dict[str, Any], creating: bool) -> ChannelError:
        description = redact(str(answer.get("description") or f"HTTP {status}"))[:300]
        code = int(answer.get("error_code") or status)
        lowered = description.lower()
        if code == 429:
            wait = (answer.get("parameters") or {}).get("retry_after")
            return http.rate_limited(self.service, float(wait) if wait is not None else None)
        if code == 401 or code == 404:
            return self.refused("el token", FIX_TOKEN)
        if code == 403:
            return self.refused(f"la publicación ({description})", FIX_ADMIN)
        if code >= 500:
            return http.server_error(code, self.service, description, creating=creating)
        if "chat not found" in lowered:
            return self.refused(
                f"el chat '{self.chat}' ({description})",
                "revisa 'chat' en [canales.telegram] (por ejemplo \"@canal\") y " + FIX_ADMIN,
            )
        if "http url" in lowered or "wrong file" in lowered or "failed to get" in lowered:
            return ChannelError(
                f"Telegram no pudo descargar la foto de la nota ({description}); revisa que el sitio esté "
                "en línea. Se reintentará",
                retryable=True,
            )
        if "can't parse entities" in lowered:
            return self.refused("el formato del texto", f"{description}; avisa a quien mantiene el sistema")
        return self.refused(f"la publicación ({description})", "revisa el mensaje de Telegram")

    def publish(self, request: dict[str, Any]) -> Receipt:
        fields = {k: v for k, v in request.items() if k != "method"}
        fields["chat_id"] = self.chat
        result = self.call(request["method"], fields, creating=True)
        chat = result.get("chat") or {}
        message_id = result.get("message_id")
        username = chat.get("username")
        url = f"https://t.me/{username}/{message_id}" if username else None
        return Receipt(f"{chat.get('id', self.chat)}:{message_id}", url)

    def remove(self, receipt: Receipt) -> bool:
        chat, _, message_id = receipt.remote_id.rpartition(":")
        try:
            return bool(
                self.call("deleteMessage", {"chat_id": chat, "message_id": int(message_id)}, creating=False)
            )
        except ChannelError as error:
            said = str(error).lower()
            if GONE in said:
                raise PostGone(self.service) from None
            if UNDELETABLE in said:
                return False  # too old (48 h): removed by hand
            raise  # a retryable failure, or one a person can fix (token, the bot's rights)

    def probe(self) -> str:
        me = self.call("getMe", {}, creating=False)
        chat = self.call("getChat", {"chat_id": self.chat}, creating=False)
        member = self.call("getChatMember", {"chat_id": self.chat, "user_id": me.get("id")}, creating=False)
        if (
            member.get("status") not in ("administrator", "creator")
            or member.get("can_post_messages") is False
        ):
            raise self.refused(f"al bot en '{self.chat}'", FIX_ADMIN)
        title = chat.get("title") or self.chat
        return f"conectado como @{me.get('username')}; publica en «{title}» ({self.chat})."


def build(channel: ChannelConfig, config: Config) -> TelegramChannel:
    settings = channel.settings
    return TelegramChannel(
        channel.name,
        channel.account,
        settings,
        config.output,
        http.patience(settings, channel.name),
        channel.verifiable,
        api=http.base_url(settings, channel.name, "api", API),
        token=http.credential(TOKEN, channel.name, WHERE),
        chat=http.setting(settings, channel.name, "chat"),
    )
