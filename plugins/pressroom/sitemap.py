"""sitemap.xml (an index past the protocol's 50,000 URLs per file) and robots.txt."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from .syndication import SiteInfo

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000


def sitemaps(
    entries: list[tuple[str, dt.datetime | None]], site: SiteInfo, max_urls: int = MAX_URLS
) -> dict[str, bytes]:
    """{output path: bytes}; entries are (root-relative URL, last modification or None)."""
    unique = sorted(dict(entries).items())
    chunks = [unique[i : i + max_urls] for i in range(0, len(unique), max_urls)] or [[]]
    if len(chunks) == 1:
        return {"sitemap.xml": _urlset(chunks[0], site)}
    files = {f"sitemap-{n}.xml": _urlset(chunk, site) for n, chunk in enumerate(chunks, start=1)}
    index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">']
    index += [f"  <sitemap><loc>{escape(site.absolute(name))}</loc></sitemap>" for name in files]
    index.append("</sitemapindex>\n")
    return {"sitemap.xml": "\n".join(index).encode("utf-8"), **files}


def _urlset(entries: list[tuple[str, dt.datetime | None]], site: SiteInfo) -> bytes:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(site.absolute(url))}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def robots(site: SiteInfo, hidden: list[str] | None = None) -> bytes:
    """Everything open to crawlers but `hidden` (root-relative folders, e.g. the web editor)."""
    rules = "".join(f"Disallow: {path}\n" for path in hidden or [])
    return f"User-agent: *\nAllow: /\n{rules}\nSitemap: {site.absolute('sitemap.xml')}\n".encode()
