"""Instagram (professional account) through the Graph API's content publishing: a media container
from the photo's (or the social card's) public URL with caption and alt text, waited on until
Instagram has fetched it, then published. Instagram makes no link in a caption clickable, so the
caption carries the address as text. The API cannot delete a post: withdrawals are done by hand."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import ChannelError
from . import http
from .base import NOT_SENT, Receipt
from .graph import Graph, graph_for
from .social import SocialChannel, after, contains_link, parse_time

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

TOKEN = "INSTAGRAM_TOKEN"
WHERE = (
    "Es un token con instagram_basic e instagram_content_publish de la página de Facebook vinculada "
    "a la cuenta profesional de Instagram (developers.facebook.com → Explorador de la API Graph)."
)
TOKEN_FIX = (
    "el token de Instagram venció o fue revocado: genera uno nuevo de larga duración en developers.facebook.com "
    f"→ Herramientas → Explorador de la API Graph (con instagram_content_publish) y ponlo en {TOKEN}"
)
PERMISSION_FIX = (
    "al token de Instagram le falta un permiso: genéralo de nuevo con instagram_basic, "
    "instagram_content_publish y pages_read_engagement"
)
POLLS = 10  # times the container's status is asked before giving up for this run


class InstagramChannel(SocialChannel):
    network = "instagram"
    service = "Instagram"
    can_delete = False  # the content publishing API has no delete

    def __init__(self, *args: Any, graph: Graph, user: str, poll_wait: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.graph, self.user, self.poll_wait = graph, user, poll_wait

    def publish(self, request: dict[str, Any]) -> Receipt:
        if not request.get("image_url"):
            raise self.refused("la nota", "no tiene foto ni tarjeta; Instagram solo publica imágenes")
        fields = {k: request[k] for k in ("image_url", "caption", "alt_text") if request.get(k)}
        container = str(self.graph.call("POST", f"{self.user}/media", fields)["id"])  # nothing public yet
        self.wait_for(container)
        answer = http.with_retries(
            lambda: self.graph.call(
                "POST", f"{self.user}/media_publish", {"creation_id": container}, creating=True
            ),
            http.Patience(POLLS, self.poll_wait + 1, self.limits.timeout),
            self.sleep,
        )
        media = str(answer["id"])
        try:
            permalink = self.graph.call("GET", media, {"fields": "permalink"}).get("permalink")
        except ChannelError:
            permalink = None  # published; the address can be looked up later
        return Receipt(media, permalink)

    def wait_for(self, container: str) -> None:
        for _ in range(POLLS):
            status = self.graph.call("GET", container, {"fields": "status_code,status"})
            code = status.get("status_code")
            if code in ("FINISHED", "PUBLISHED"):
                return
            if code in ("ERROR", "EXPIRED"):
                raise ChannelError(
                    f"Instagram no pudo procesar la imagen ({status.get('status') or code}); revisa que la foto "
                    "o la tarjeta de la nota estén en línea y sean JPEG. Se reintentará",
                    retryable=True,
                )
            self.sleep(self.poll_wait)
        raise ChannelError(
            "Instagram aún procesa la imagen; se reintentará en la próxima publicación", retryable=True
        )

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        link = next((w for w in request.get("caption", "").split() if w.startswith("http")), "\0")
        answer = self.graph.call(
            "GET", f"{self.user}/media", {"fields": "id,caption,permalink,timestamp", "limit": 50}
        )
        for media in answer.get("data", []):
            if contains_link(media.get("caption"), link) and after(parse_time(media.get("timestamp")), since):
                return Receipt(str(media["id"]), media.get("permalink"))
        return NOT_SENT

    def probe(self) -> str:
        account = self.graph.call("GET", self.user, {"fields": "id,username"})
        return f"conectado a la cuenta de Instagram @{account.get('username')} ({self.user})."


def build(channel: ChannelConfig, config: Config) -> InstagramChannel:
    settings = channel.settings
    token = http.credential(TOKEN, channel.name, WHERE)
    limits = http.patience(settings, channel.name)
    return InstagramChannel(
        channel.name,
        channel.account,
        settings,
        config.output,
        limits,
        channel.verifiable,
        graph=graph_for(settings, channel.name, token, "Instagram", TOKEN_FIX, PERMISSION_FIX),
        user=http.setting(settings, channel.name, "usuario"),
        poll_wait=min(limits.max_wait, 2.0),
    )
