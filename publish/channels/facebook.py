"""Facebook Page: a post with the message and the note's link (Facebook draws the preview from the
page's Open Graph tags), or a photo post for galleries, through the Graph API with `requests`."""

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

TOKEN = "FACEBOOK_TOKEN"
WHERE = (
    "Es un token de página de larga duración con los permisos pages_manage_posts y "
    "pages_read_engagement (developers.facebook.com → Herramientas → Explorador de la API Graph)."
)
TOKEN_FIX = (
    "el token de la página de Facebook venció o fue revocado: genera uno nuevo (token de página de larga "
    f"duración) en developers.facebook.com → Herramientas → Explorador de la API Graph y ponlo en {TOKEN}"
)
PERMISSION_FIX = (
    "al token de Facebook le falta un permiso: genéralo de nuevo con pages_manage_posts y "
    "pages_read_engagement, como administrador de la página"
)


class FacebookChannel(SocialChannel):
    network = "facebook"
    service = "Facebook"

    def __init__(self, *args: Any, graph: Graph, page: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.graph, self.page = graph, page

    def publish(self, request: dict[str, Any]) -> Receipt:
        fields = {k: v for k, v in request.items() if k != "edge"}
        answer = self.graph.call("POST", f"{self.page}/{request['edge']}", fields, creating=True)
        post = str(answer.get("post_id") or answer.get("id") or "")
        if not post:
            raise ChannelError(
                "Facebook no devolvió el id de la publicación", retryable=False, ambiguous=True
            )
        return Receipt(post, f"https://www.facebook.com/{post}")

    def find(self, request: dict[str, Any], since: dt.datetime) -> Receipt | None:
        link = request.get("link") or _link_in(request.get("caption", ""))
        answer = self.graph.call(
            "GET",
            f"{self.page}/posts",
            {
                "fields": "id,message,created_time,permalink_url",
                "since": int(since.timestamp()) - 120,
                "limit": 50,
            },
        )
        for post in answer.get("data", []):
            if contains_link(post.get("message"), link) and after(
                parse_time(post.get("created_time")), since
            ):
                return Receipt(
                    str(post["id"]), post.get("permalink_url") or f"https://www.facebook.com/{post['id']}"
                )
        return NOT_SENT

    def remove(self, receipt: Receipt) -> bool:
        answer = self.graph.call("DELETE", receipt.remote_id)
        return bool(answer.get("success"))

    def probe(self) -> str:
        me = self.graph.call("GET", "me", {"fields": "id,name"})
        if str(me.get("id")) != self.page:
            raise ChannelError(
                f"el token de {TOKEN} es de «{me.get('name')}» ({me.get('id')}), no de la página {self.page}: "
                "usa el token de la página (no el de tu usuario) o corrige 'pagina' en la configuración",
                retryable=False,
            )
        return f"conectado a la página «{me.get('name')}» ({self.page})."


def _link_in(text: str) -> str:
    words = [w for w in text.split() if w.startswith("http")]
    return words[0] if words else "\0"


def build(channel: ChannelConfig, config: Config) -> FacebookChannel:
    settings = channel.settings
    token = http.credential(TOKEN, channel.name, WHERE)
    return FacebookChannel(
        channel.name,
        channel.account,
        settings,
        config.output,
        http.patience(settings, channel.name),
        channel.verifiable,
        graph=graph_for(settings, channel.name, token, "Facebook", TOKEN_FIX, PERMISSION_FIX),
        page=http.setting(settings, channel.name, "pagina"),
    )
