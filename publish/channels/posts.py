"""What each social network gets for an item, within that network's real limits. Pure.

`render_post` returns the JSON a post's Message carries: a few common keys and, under "envio",
exactly what the network's adapter sends (the outbox writes the same bytes, so a dry run with
`tipo = "bandeja"` shows what the real account would get).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlsplit

from ..manifest import ManifestItem
from . import textfit
from .event import event_lines

SITE_TAG = "#PTEdomex"
X_TAGS = 2  # municipality hashtags in a short post
INSTAGRAM_TAGS = 30  # Instagram refuses a caption with more
INSTAGRAM_LIMIT = 2200
TELEGRAM_CAPTION = 1024
TELEGRAM_MESSAGE = 4096
BLUESKY_LIMIT = 300
FACEBOOK_LIMIT = 63206
PLACE_ROOM = 80  # a venue longer than this is cut in short posts


@dataclass(frozen=True)
class Limits:
    """Mastodon's limits come from its instance (`configuration.statuses`)."""

    max_characters: int = 500
    characters_reserved_per_url: int = 23


def hashtag(name: str) -> str:
    """'Valle de Chalco Solidaridad' → '#ValleDeChalcoSolidaridad' (accents kept, as networks allow)."""
    words = re.findall(r"\w+", textfit.nfc(name))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words)


def hashtags(item: ManifestItem, municipalities: int) -> list[str]:
    tags = [SITE_TAG]
    for name in item.municipios[:municipalities]:
        tag = hashtag(name)
        if tag not in tags:
            tags.append(tag)
    return tags


def _short_event(item: ManifestItem) -> list[str]:
    return event_lines(item.evento, place_room=PLACE_ROOM) if item.evento else []


def _join(*blocks: str | list[str], gap: str = "\n") -> str:
    """Non-empty blocks (a line, or lines kept together) joined by `gap`."""
    texts = [block if isinstance(block, str) else "\n".join(block) for block in blocks]
    return gap.join(text for text in texts if text)


def short_text(item: ManifestItem, fits: Any, tags: int = X_TAGS) -> str:
    """Title (cut on a word boundary with "…" if it must be), event, hashtags, link last."""
    event = _short_event(item)
    tag_line = " ".join(hashtags(item, tags))
    title = textfit.fit(item.titulo, lambda title: fits(_join(title, event, tag_line, item.url)))
    return _join(title, event, tag_line, item.url)


def long_text(item: ManifestItem, fits: Any, *, tags: int, link_label: str = "") -> str:
    """Title, summary (cut if it must be), event, link, hashtags: for roomy networks."""
    event = event_lines(item.evento) if item.evento else []
    tag_line = " ".join(hashtags(item, tags))
    link = f"{link_label}{item.url}"

    def compose(summary: str) -> str:
        return _join(item.titulo, summary, event, link, tag_line, gap="\n\n")

    summary = textfit.fit(item.resumen.strip(), lambda s: fits(compose(s)))
    return compose(summary)


# -- X --
def x_request(item: ManifestItem) -> dict[str, Any]:
    text = short_text(item, lambda t: textfit.x_weight(t) <= textfit.X_LIMIT)
    return {"text": text, "foto": _photo(item)}


# -- Mastodon --
def mastodon_request(item: ManifestItem, channel: str, limits: Limits) -> dict[str, Any]:
    def fits(text: str) -> bool:
        return textfit.mastodon_length(text, limits.characters_reserved_per_url) <= limits.max_characters

    return {
        "status": long_text(item, fits, tags=X_TAGS),
        "visibility": "public",
        "language": "es",
        "foto": _photo(item),
        "idempotency_key": idempotency_key(item, channel),
    }


# -- Bluesky --
def bluesky_request(item: ManifestItem, channel: str) -> dict[str, Any]:
    text = short_text(item, lambda t: textfit.graphemes(t) <= BLUESKY_LIMIT)
    return {
        "text": text,
        "langs": ["es"],
        "facets": facets(text, item.url),
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": item.url,
                "title": item.titulo,
                "description": item.resumen,
                "thumb": _local(item.tarjeta) or (item.imagen.web if item.imagen else None),
            },
        },
        "rkey": record_key(item, channel),
    }


def facets(text: str, url: str) -> list[dict[str, Any]]:
    """Link and hashtag facets over UTF-8 byte offsets (an accent before them moves them)."""
    found = []
    encoded = text.encode("utf-8")
    start = encoded.rfind(url.encode("utf-8"))
    if start >= 0:
        found.append(_facet(start, start + len(url.encode("utf-8")), "link", uri=url))
    for match in re.finditer(r"(?<!\w)#(\w+)", text):
        begin = len(text[: match.start()].encode("utf-8"))
        end = begin + len(match.group().encode("utf-8"))
        found.append(_facet(begin, end, "tag", tag=match.group(1)))
    return sorted(found, key=lambda facet: facet["index"]["byteStart"])


def _facet(start: int, end: int, kind: str, **value: str) -> dict[str, Any]:
    return {
        "index": {"byteStart": start, "byteEnd": end},
        "features": [{"$type": f"app.bsky.richtext.facet#{kind}", **value}],
    }


# TIDs are 13 characters of this alphabet: 53 bits of microseconds, then a 10-bit clock id
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def record_key(item: ManifestItem, channel: str) -> str:
    """A record key in TID form fixed by the item, its content and the channel: a repeated
    createRecord for the same post is refused instead of posted twice, and it can be looked up."""
    microseconds = int(item.fecha.timestamp() * 1_000_000) & ((1 << 53) - 1)
    digest = hashlib.sha256(f"{item.id}|{channel}|{item.hash}".encode()).digest()
    clock = int.from_bytes(digest[:2], "big") & 0x3FF
    value = (microseconds << 10) | clock
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


# -- Telegram --
def telegram_request(item: ManifestItem, chat: str) -> dict[str, Any]:
    photo = _public(item, item.imagen.web) if item.imagen and item.imagen.web else None
    if photo is None and item.imagen:
        photo = item.imagen.url
    if photo:
        caption = telegram_html(item, TELEGRAM_CAPTION, whole_summary=True)
        if caption is not None:
            return {
                "method": "sendPhoto",
                "chat_id": chat,
                "photo": photo,
                "caption": caption,
                "parse_mode": "HTML",
            }
    text = telegram_html(item, TELEGRAM_MESSAGE, whole_summary=False) or ""
    return {"method": "sendMessage", "chat_id": chat, "text": text, "parse_mode": "HTML"}


def telegram_html(item: ManifestItem, limit: int, *, whole_summary: bool) -> str | None:
    """HTML whose visible text is within `limit` UTF-16 units; None if the summary must be cut
    and `whole_summary` asks for it whole (then the post is a message, not a photo caption)."""
    event = event_lines(item.evento) if item.evento else []

    def compose(summary: str) -> tuple[str, str]:
        visible = _join(item.titulo, summary, event, f"Nota completa: {item.url}", gap="\n\n")
        html = _join(
            f"<b>{escape(item.titulo, quote=False)}</b>",
            escape(summary, quote=False),
            [escape(line, quote=False) for line in event],
            f'<a href="{escape(item.url)}">Nota completa</a>: {escape(item.url, quote=False)}',
            gap="\n\n",
        )
        return visible, html

    whole = item.resumen.strip()
    if textfit.utf16_units(compose(whole)[0]) <= limit:
        return compose(whole)[1]
    if whole_summary:
        return None
    summary = textfit.fit(whole, lambda s: textfit.utf16_units(compose(s)[0]) <= limit)
    return compose(summary)[1]


# -- Facebook --
def facebook_request(item: ManifestItem) -> dict[str, Any]:
    message = long_text(item, lambda t: len(t) <= FACEBOOK_LIMIT, tags=X_TAGS)
    if item.tipo == "galeria" and item.imagen:
        return {
            "edge": "photos",
            "url": item.imagen.url,
            "caption": message,
            "alt_text_custom": item.imagen.pie,
            "published": "true",
        }
    return {"edge": "feed", "message": message, "link": item.url}


# -- Instagram --
def instagram_request(item: ManifestItem) -> dict[str, Any]:
    """The photo (or else the social card) from its public URL; the link as text, since Instagram
    makes no link in a caption clickable."""
    caption = long_text(
        item, lambda t: len(t) <= INSTAGRAM_LIMIT, tags=INSTAGRAM_TAGS - 1, link_label="Nota completa: "
    )
    if item.imagen:
        image, alt = item.imagen.url, item.imagen.pie
    else:
        image, alt = item.tarjeta or "", f"Tarjeta de la nota: {item.titulo}"
    return {"image_url": image, "caption": caption, "alt_text": alt}


# -- shared --
def _photo(item: ManifestItem) -> dict[str, str] | None:
    if not item.imagen:
        return None
    return {"ruta": item.imagen.web or item.imagen.ruta, "alt": item.imagen.pie}


def _local(url: str | None) -> str | None:
    """A site URL as a root-relative path, to read the file from the build."""
    return urlsplit(url).path if url else None


def _public(item: ManifestItem, path: str) -> str:
    parts = urlsplit(item.url)
    return f"{parts.scheme}://{parts.netloc}{path}"


def idempotency_key(item: ManifestItem, channel: str) -> str:
    return hashlib.sha256(f"{item.id}|{channel}|{item.hash}".encode()).hexdigest()[:32]


NETWORKS = ("x", "mastodon", "bluesky", "telegram", "facebook", "instagram")


def request(item: ManifestItem, network: str, settings: dict[str, Any], channel: str) -> dict[str, Any]:
    if network == "x":
        return x_request(item)
    if network == "mastodon":
        limits = Limits(
            int(settings.get("max_caracteres", 500)), int(settings.get("caracteres_por_enlace", 23))
        )
        return mastodon_request(item, channel, limits)
    if network == "bluesky":
        return bluesky_request(item, channel)
    if network == "telegram":
        return telegram_request(item, str(settings.get("chat") or settings.get("cuenta", "")))
    if network == "facebook":
        return facebook_request(item)
    if network == "instagram":
        return instagram_request(item)
    raise ValueError(network)


def render_post(item: ManifestItem, channel: str, account: str, envio: dict[str, Any]) -> bytes:
    payload = {"canal": channel, "cuenta": account, "id": item.id, "enlace": item.url, "envio": envio}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def payload(body: bytes) -> dict[str, Any]:
    """The "envio" part of a rendered post, as the adapter sends it."""
    data: dict[str, Any] = json.loads(body)["envio"]
    return data
