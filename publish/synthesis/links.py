"""One link per article: the same page reached through different spellings of its address.

`normalize` lowercases scheme and host, treats http and https and a leading `www.` as the same
site, drops default ports, fragments, tracking parameters (utm_*, fbclid, gclid…) and a trailing
slash, and sorts what is left of the query. Pure.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "smid",
        "s_cid",
        "wt_mc",
    }
)


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(("utm_", "__twitter", "hsa_")) or lowered in TRACKING


def normalize(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").rstrip(".")
    host = host.removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = parts.path or "/"
    while "//" in path:
        path = path.replace("//", "/")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
