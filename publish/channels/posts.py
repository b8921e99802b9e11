"""What each social network gets for an item: text within its limits, link, image. Pure."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from ..manifest import ManifestItem

SITE_TAG = "#PTEdomex"


@dataclass(frozen=True)
class Network:
    name: str
    limit: int  # characters (graphemes for Bluesky)
    url_weight: int | None  # characters a link counts for, None = its real length
    hashtags: bool
    with_summary: bool


NETWORKS = {
    "x": Network("x", 280, 23, True, False),
    "bluesky": Network("bluesky", 300, None, True, False),
    "mastodon": Network("mastodon", 500, 23, True, True),
    "telegram": Network("telegram", 4096, None, False, True),
    "facebook": Network("facebook", 63206, None, True, True),
    "instagram": Network("instagram", 2200, None, True, True),
}


def hashtag(name: str) -> str:
    """'Valle de Chalco Solidaridad' → '#ValleDeChalcoSolidaridad' (accents kept, as networks allow)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", name))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words)


def _fit(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rstrip(" ,.;:") + "…"


def text(item: ManifestItem, network: Network) -> str:
    """The post: title (and summary where there is room), hashtags, link last."""
    tags = " ".join([SITE_TAG, *(hashtag(m) for m in item.municipios[:2])]) if network.hashtags else ""
    link_cost = network.url_weight if network.url_weight is not None else len(item.url)
    fixed = link_cost + (len(tags) + 1 if tags else 0) + 2  # separators
    body = item.titulo
    if network.with_summary:
        body = f"{item.titulo}\n\n{item.resumen}"
    body = _fit(body, network.limit - fixed)
    parts = [body, tags, item.url] if tags else [body, item.url]
    return "\n".join(p for p in parts if p)


def render_post(item: ManifestItem, channel: str, account: str) -> bytes:
    network = NETWORKS[channel]
    payload = {
        "canal": channel,
        "cuenta": account,
        "id": item.id,
        "texto": text(item, network),
        "enlace": item.url,
        "imagen": item.imagen.url if item.imagen else None,
        "texto_alternativo": item.imagen.pie if item.imagen else None,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
