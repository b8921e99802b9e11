"""Video URLs given by editors: which provider, and a privacy-friendly embed address."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.").removeprefix("m.")


def provider(url: str) -> str:
    host = _host(url)
    if host in ("youtube.com", "youtu.be"):
        return "YouTube"
    if host in ("facebook.com", "fb.watch"):
        return "Facebook"
    if host in ("vimeo.com", "player.vimeo.com"):
        return "Vimeo"
    return "video"


def embed_url(url: str) -> str | None:
    """The iframe address loaded only after the reader clicks play."""
    parts = urlsplit(url)
    host = _host(url)
    if host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host == "youtube.com":
        if parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
        else:
            video_id = parse_qs(parts.query).get("v", [""])[0]
    elif host == "vimeo.com":
        video_id = parts.path.strip("/").split("/")[0]
        return f"https://player.vimeo.com/video/{video_id}" if video_id.isdigit() else None
    elif host in ("facebook.com", "fb.watch"):
        return "https://www.facebook.com/plugins/video.php?href=" + quote(url, safe="")
    else:
        return None
    if not video_id or not all(c.isalnum() or c in "-_" for c in video_id):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"


FILTERS = {"video_embed": embed_url, "video_proveedor": provider}
