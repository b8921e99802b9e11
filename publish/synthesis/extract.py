"""From a feed's bytes to its notes (título, enlace, fecha, resumen), with feedparser.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, finds the encoding (HTTP header, XML declaration, or
a fallback such as Latin-1 when the declaration lies), never fetches external entities, and cleans
the HTML of summaries. Here: what counts as a note (a title and an http(s) link), plain text
summaries, dates in UTC, bounds on counts and lengths, and Spanish messages for a feed that cannot
be read. Pure: bytes in, values out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

MAX_ENTRIES = 500  # a feed with more is cut (the newest come first in practice)
MAX_TITLE = 300
MAX_SUMMARY = 600


@dataclass(frozen=True)
class Entry:
    titulo: str
    enlace: str
    fecha: dt.datetime | None  # UTC; None when the feed gives no date
    resumen: str


@dataclass(frozen=True)
class Parsed:
    entries: tuple[Entry, ...] = ()
    error: str = ""  # the feed could not be read: nothing was taken from it
    warning: str = ""  # read, with problems worth telling (some notes may be missing)


def plain(text: str) -> str:
    """HTML or text as one line of plain text."""
    if "<" in text:
        try:
            text = lxml_html.fragment_fromstring(text, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            text = html.unescape(text)
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Cut at a whole word with '…' when longer than `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def _date(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value is not None:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _link(entry: Any, base: str) -> str:
    candidates = [entry.get("link", "")]
    candidates += [link.get("href", "") for link in entry.get("links", []) if link.get("rel") == "alternate"]
    if str(entry.get("id", "")).startswith(("http://", "https://")):
        candidates.append(entry["id"])
    for candidate in candidates:
        if not str(candidate).strip():
            continue
        url = urljoin(base, str(candidate).strip())
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            return url
    return ""


def _xml_problem(exception: Exception | None) -> str:
    line = getattr(exception, "getLineNumber", lambda: None)()
    where = f" en la línea {line}" if line else ""
    return f"el XML del feed está mal formado{where}"


def parse_feed(body: bytes, headers: dict[str, str], url: str) -> Parsed:
    answer = {"content-type": headers.get("content-type", ""), "content-location": url}
    data = feedparser.parse(body, response_headers=answer, sanitize_html=True, resolve_relative_uris=True)
    problem = data.get("bozo_exception") if data.get("bozo") else None
    harmless = isinstance(problem, feedparser.CharacterEncodingOverride | feedparser.CharacterEncodingUnknown)
    if isinstance(problem, feedparser.NonXMLContentType):  # served as a web page: judged by what it holds
        harmless = True
    if not data.get("version") and not data.entries:
        if problem is not None and not harmless:
            return Parsed(error=f"{_xml_problem(problem)}; no se pudo leer ninguna nota")
        return Parsed(
            error="la dirección no es un feed RSS ni Atom (¿es la página web del medio?); busca su feed"
        )
    entries: list[Entry] = []
    incomplete = 0
    for raw in data.entries[:MAX_ENTRIES]:
        titulo = shorten(plain(raw.get("title", "")), MAX_TITLE)
        enlace = _link(raw, url)
        if not titulo or not enlace:
            incomplete += 1
            continue
        resumen = shorten(plain(raw.get("summary", "") or raw.get("description", "")), MAX_SUMMARY)
        entries.append(Entry(titulo, enlace, _date(raw), resumen))
    warnings = []
    if problem is not None and not harmless:
        warnings.append(f"{_xml_problem(problem)}; se leyó lo que se pudo")
    if incomplete:
        warnings.append(f"{incomplete} notas sin título o sin enlace se omitieron")
    if len(data.entries) > MAX_ENTRIES:
        warnings.append(f"trae {len(data.entries)} notas; se leyeron las primeras {MAX_ENTRIES}")
    if not entries and problem is not None and not harmless:
        return Parsed(error=f"{_xml_problem(problem)}; no se pudo leer ninguna nota")
    return Parsed(tuple(entries), warning="; ".join(warnings))
