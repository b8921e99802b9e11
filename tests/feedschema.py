"""The rules of the syndication formats, written from their specs, for the feed tests.

- `JSON_FEED_SCHEMA`: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema
  (Draft 2020-12). Formats are enforced with patterns, because jsonschema only checks `format: uri`
  and `date-time` when optional packages are installed.
- `check_rss`, `check_atom`, `check_json_feed`, `check_podcast`, `check_ics`, `check_sitemap`: the
  rules the W3C feed validator (and RFC 4287, RFC 5545, the sitemaps.org protocol and Apple's podcast
  requirements) enforce. Each raises AssertionError naming the feed and the rule, and returns the
  parsed document so a test can go on checking what it is about.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
from lxml import etree
from PIL import Image as PILImage

SITEURL = "https://ptedomex.example.org"
HOST = "ptedomex.example.org"
LANGUAGE = "es-MX"
MEXICO_CITY = ZoneInfo("America/Mexico_City")
UTC = dt.UTC

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NS = {"atom": ATOM_NS, "content": CONTENT_NS, "dc": DC_NS, "itunes": ITUNES_NS, "sm": SITEMAP_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STYLESHEET_PI = "<?xml-stylesheet"  # feeds name no stylesheet: browsers are removing XSLT


def assert_no_stylesheet(data: bytes, where: str) -> None:
    """A feed stays a feed: no XSLT (or any) stylesheet for browsers to apply."""
    assert STYLESHEET_PI.encode() not in data, f"{where}: el feed no debe depender de una hoja XSLT"


# RFC 3339 date-time (section 5.6), e.g. 2026-11-25T10:30:00-06:00
RFC3339 = r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
# RFC 3986 absolute URI: a scheme, then no whitespace
ABSOLUTE_URI = r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$"
# BCP 47 / RFC 5646 language tag, as far as a feed needs: es, es-MX, zh-Hant-TW
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# RFC 822 (with RFC 1123's four-digit years), as RSS 2.0 and the W3C validator read it
RFC822 = re.compile(
    r"^(?:(?P<wday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?P<day>\d{1,2}) "
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<year>\d{4}) "
    r"\d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|EST|EDT|CST|CDT|MST|MDT|PST|PDT)$"
)
# W3C Datetime, as the sitemaps protocol asks for <lastmod>
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2}))?$")
RELATIVE_URL_ATTR = re.compile(r"""\b(href|src|srcset|poster)\s*=\s*["']?/""", re.IGNORECASE)
MIME_BY_SUFFIX = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
}
AUDIO_MIME = {".mp3": "audio/mpeg", ".m4a": ("audio/mp4", "audio/x-m4a"), ".ogg": "audio/ogg"}

_url = {"type": "string", "pattern": ABSOLUTE_URI, "format": "uri"}
_date = {"type": "string", "pattern": RFC3339, "format": "date-time"}
_extension = {"^_[A-Za-z]": True}  # "Names must start with an _ character followed by a letter"

JSON_FEED_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://www.jsonfeed.org/version/1.1/",
    "title": "JSON Feed 1.1",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": _url,
        "feed_url": _url,
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": _url,
        "icon": _url,
        "favicon": _url,
        "author": {"$ref": "#/$defs/author"},  # 1.0, deprecated in 1.1 but still valid
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "language": {"type": "string", "pattern": LANGUAGE_TAG},
        "expired": {"type": "boolean"},
        "hubs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "url"],
                "properties": {"type": {"type": "string"}, "url": _url},
            },
        },
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    "patternProperties": _extension,
    "additionalProperties": False,
    "$defs": {
        "author": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": _url, "avatar": _url},
            "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
            "patternProperties": _extension,
            "additionalProperties": False,
        },
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": _url,
                "external_url": _url,
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": _url,
                "banner_image": _url,
                "date_published": _date,
                "date_modified": _date,
                "author": {"$ref": "#/$defs/author"},
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string", "pattern": LANGUAGE_TAG},
                "attachments": {"type": "array", "items": {"$ref": "#/$defs/attachment"}},
            },
            "patternProperties": _extension,
            "additionalProperties": False,
        },
        "attachment": {
            "type": "object",
            "required": ["url", "mime_type"],
            "properties": {
                "url": _url,
                "mime_type": {"type": "string", "pattern": r"^[a-z]+/[A-Za-z0-9.+\-]+$"},
                "title": {"type": "string"},
                "size_in_bytes": {"type": "number", "minimum": 0},
                "duration_in_seconds": {"type": "number", "minimum": 0},
            },
            "patternProperties": _extension,
            "additionalProperties": False,
        },
    },
}


# --- small shared rules -------------------------------------------------------------------------


def feed_url(output: Path, path: Path) -> str:
    """The public address of a file written under output/."""
    return f"{SITEURL}/{path.relative_to(output).as_posix()}"


def local_file(output: Path, url: str) -> Path:
    """The file under output/ that serves a URL of the site."""
    assert url.startswith(SITEURL + "/"), f"{url} no es una dirección absoluta del sitio"
    relative = url[len(SITEURL) + 1 :].split("#", 1)[0].split("?", 1)[0]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return output / relative


def tag_uri(item_id: str) -> str:
    """The stable GUID of an item: tag:ptedomex.example.org,2026-11-25:2026-11-25-abcde"""
    return f"tag:{HOST},{item_id[:10]}:{item_id}"


def parse_rfc822(value: str, where: str) -> dt.datetime:
    value = (value or "").strip()
    match = RFC822.match(value)
    assert match, f"{where}: '{value}' no es una fecha RFC 822"
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None, f"{where}: '{value}' no tiene zona horaria"
    if match["wday"]:
        assert parsed.strftime("%a") == match["wday"], f"{where}: '{value}' tiene mal el día de la semana"
    return parsed


def parse_rfc3339(value: str, where: str) -> dt.datetime:
    value = (value or "").strip()
    assert re.match(RFC3339, value), f"{where}: '{value}' no es una fecha RFC 3339"
    return dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))


def assert_absolute(url: str | None, where: str) -> str:
    assert url and re.match(r"^https?://[^\s/]+", url), f"{where}: '{url}' no es una dirección absoluta"
    return url


def assert_absolute_html(html: str, where: str) -> None:
    found = RELATIVE_URL_ATTR.search(html or "")
    assert not found, (
        f"{where}: el HTML conserva una dirección relativa: …{html[found.start() : found.end() + 40]}…"
    )


def assert_enclosure(output: Path | None, url: str, length: str | int | None, mime: str, where: str) -> None:
    assert_absolute(url, where)
    assert length is not None and re.fullmatch(r"\d+", str(length)), (
        f"{where}: length '{length}' no es un entero"
    )
    assert int(length) > 0, f"{where}: length del adjunto {url} es 0"
    suffix = Path(url).suffix.lower()
    expected = MIME_BY_SUFFIX.get(suffix)
    assert expected and mime == expected, f"{where}: tipo '{mime}' no corresponde a {url}"
    if output is not None and url.startswith(SITEURL + "/"):
        path = local_file(output, url)
        assert path.is_file(), f"{where}: el adjunto {url} no existe en output/"
        assert int(length) == path.stat().st_size, (
            f"{where}: length={length} pero {url} pesa {path.stat().st_size} bytes"
        )


def assert_page_exists(output: Path | None, url: str, where: str) -> None:
    if output is not None and url.startswith(SITEURL + "/"):
        assert local_file(output, url).is_file(), f"{where}: el enlace {url} no lleva a ninguna página"


def assert_unique(values: list[str], what: str, where: str) -> None:
    repeated = [v for v, n in Counter(values).items() if n > 1]
    assert not repeated, f"{where}: {what} repetidos: {repeated}"


def _xml(data: bytes, where: str) -> etree._Element:
    assert data.startswith(b"<?xml"), f"{where}: falta la declaración XML"
    head = data.split(b"?>", 1)[0].lower()
    assert b"utf-8" in head, f"{where}: la declaración XML no dice encoding UTF-8: {head!r}"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _feedparser(data: bytes, where: str) -> Any:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{where}: feedparser lo rechaza: {parsed.get('bozo_exception')!r}"
    return parsed


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


# --- RSS 2.0 ------------------------------------------------------------------------------------


def check_rss(
    data: bytes, url: str, output: Path | None = None, *, full_content: bool = True
) -> etree._Element:
    """RSS 2.0 as the W3C validator checks it; returns the <channel>.

    `full_content`: each item carries the whole HTML body in <content:encoded> and an author (site
    feeds do; a podcast need not).
    """
    where = url
    root = _xml(data, where)
    _feedparser(data, where)
    assert_no_stylesheet(data, where)
    assert root.tag == "rss" and root.get("version") == "2.0", f'{where}: la raíz no es <rss version="2.0">'
    channels = root.findall("channel")
    assert len(channels) == 1, f"{where}: debe haber exactamente un <channel>"
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert _text(channel.find(required)), f"{where}: falta <{required}> en el canal"
    assert_absolute(_text(channel.find("link")), f"{where} <link>")
    language = _text(channel.find("language"))
    assert re.match(LANGUAGE_TAG, language), f"{where}: <language> '{language}' no es un código válido"
    assert language == LANGUAGE, f"{where}: <language> es '{language}', no {LANGUAGE}"
    for tag in ("pubDate", "lastBuildDate"):
        for element in channel.findall(tag):
            parse_rfc822(_text(element), f"{where} <{tag}>")
    selfs = [a for a in channel.findall("atom:link", NS) if a.get("rel") == "self"]
    assert len(selfs) == 1, f'{where}: debe tener un <atom:link rel="self">'
    assert selfs[0].get("href") == url, f"{where}: atom:link self es {selfs[0].get('href')}, no {url}"
    image = channel.find("image")
    if image is not None:
        for required in ("url", "title", "link"):
            assert _text(image.find(required)), f"{where}: <image> sin <{required}>"
        assert_absolute(_text(image.find("url")), f"{where} <image><url>")
    guids: list[str] = []
    for number, entry in enumerate(channel.findall("item"), 1):
        at = f"{where} <item> {number}"
        for required in ("title", "link", "description", "guid", "pubDate"):
            assert entry.find(required) is not None, f"{at}: falta <{required}>"
        assert _text(entry.find("title")), f"{at}: <title> vacío"
        link = assert_absolute(_text(entry.find("link")), f"{at} <link>")
        assert_page_exists(output, link, at)
        guid = entry.find("guid")
        assert guid is not None
        guids.append(_text(guid))
        assert guid.get("isPermaLink") == "false", f'{at}: <guid> sin isPermaLink="false"'
        assert re.match(ABSOLUTE_URI, _text(guid)), f"{at}: <guid> '{_text(guid)}' no es un URI"
        parse_rfc822(_text(entry.find("pubDate")), f"{at} <pubDate>")
        encoded = entry.find("content:encoded", NS)
        if full_content:
            assert encoded is not None and _text(encoded), (
                f"{at}: falta el contenido completo <content:encoded>"
            )
        assert_absolute_html(_text(encoded), f"{at} <content:encoded>")
        assert_absolute_html(_text(entry.find("description")), f"{at} <description>")
        for category in entry.findall("category"):
            assert _text(category), f"{at}: <category> vacía"
        for author in entry.findall("author"):  # RSS 2.0: "email address of the author"
            assert re.match(r"^[^@\s]+@[^@\s]+\.[a-z]+( \(.+\))?$", _text(author)), (
                f"{at}: <author> '{_text(author)}' debe ser un correo, p. ej. 'correo@x.org (Nombre)'"
            )
        if full_content:  # site feeds name the office as author; a podcast has its itunes:author
            assert entry.findall("author") or entry.findall("dc:creator", NS), (
                f"{at}: sin <author> ni <dc:creator>"
            )
        enclosures = entry.findall("enclosure")
        assert len(enclosures) <= 1, f"{at}: más de un <enclosure>"
        for enclosure in enclosures:
            assert_enclosure(output, enclosure.get("url"), enclosure.get("length"), enclosure.get("type"), at)
    assert_unique(guids, "<guid>", where)
    return channel


# --- Atom 1.0 -----------------------------------------------------------------------------------


def check_atom(data: bytes, url: str, output: Path | None = None) -> etree._Element:
    """Atom (RFC 4287) as the W3C validator checks it; returns the <feed>."""
    where = url
    root = _xml(data, where)
    _feedparser(data, where)
    assert_no_stylesheet(data, where)
    assert root.tag == f"{{{ATOM_NS}}}feed", f"{where}: la raíz no es <feed> de Atom"
    language = root.get(XML_LANG) or ""
    assert language == LANGUAGE, f"{where}: xml:lang es '{language}', no {LANGUAGE}"
    for required in ("id", "title", "updated"):
        assert _text(root.find(f"atom:{required}", NS)), f"{where}: falta <{required}> en el feed"
    assert re.match(ABSOLUTE_URI, _text(root.find("atom:id", NS))), f"{where}: <id> no es un IRI absoluto"
    parse_rfc3339(_text(root.find("atom:updated", NS)), f"{where} <updated>")
    links = root.findall("atom:link", NS)
    selfs = [a for a in links if a.get("rel") == "self"]
    assert len(selfs) == 1, f'{where}: debe tener un <link rel="self">'
    assert selfs[0].get("href") == url, f"{where}: link self es {selfs[0].get('href')}, no {url}"
    for link in links:
        assert_absolute(link.get("href"), f"{where} <link rel={link.get('rel')}>")
    feed_author = [a for a in root.findall("atom:author", NS) if _text(a.find("atom:name", NS))]
    ids: list[str] = []
    for number, entry in enumerate(root.findall("atom:entry", NS), 1):
        at = f"{where} <entry> {number}"
        for required in ("id", "title", "updated"):
            assert _text(entry.find(f"atom:{required}", NS)), f"{at}: falta <{required}>"
        entry_id = _text(entry.find("atom:id", NS))
        ids.append(entry_id)
        assert re.match(ABSOLUTE_URI, entry_id), f"{at}: <id> '{entry_id}' no es un IRI absoluto"
        updated = parse_rfc3339(_text(entry.find("atom:updated", NS)), f"{at} <updated>")
        published = entry.find("atom:published", NS)
        if published is not None:
            assert parse_rfc3339(_text(published), f"{at} <published>") <= updated, (
                f"{at}: updated < published"
            )
        alternates = [a for a in entry.findall("atom:link", NS) if a.get("rel") in (None, "alternate")]
        assert len(alternates) == 1, f'{at}: debe tener un <link rel="alternate">'
        for link in entry.findall("atom:link", NS):
            assert_absolute(link.get("href"), f"{at} <link rel={link.get('rel')}>")
        assert_page_exists(output, alternates[0].get("href"), at)
        content = entry.find("atom:content", NS)
        assert content is not None and _text(content), f"{at}: falta <content>"
        assert content.get("type") in ("html", "xhtml"), f'{at}: <content> debe ser type="html"'
        assert_absolute_html(_text(content), f"{at} <content>")
        summary = entry.find("atom:summary", NS)
        if summary is not None:
            assert_absolute_html(_text(summary), f"{at} <summary>")
        assert feed_author or [
            a for a in entry.findall("atom:author", NS) if _text(a.find("atom:name", NS))
        ], f"{at}: sin <author><name> (ni en la entrada ni en el feed)"
        for category in entry.findall("atom:category", NS):
            assert category.get("term"), f"{at}: <category> sin term"
        enclosures = [a for a in entry.findall("atom:link", NS) if a.get("rel") == "enclosure"]
        for enclosure in enclosures:
            assert_enclosure(
                output, enclosure.get("href"), enclosure.get("length"), enclosure.get("type"), at
            )
    assert_unique(ids, "<id>", where)
    return root


# --- JSON Feed 1.1 ------------------------------------------------------------------------------


def check_json_feed(data: bytes, url: str, output: Path | None = None) -> dict[str, Any]:
    where = url
    feed = json.loads(data.decode("utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(JSON_FEED_SCHEMA).iter_errors(feed), key=str)
    assert not errors, f"{where}: no cumple JSON Feed 1.1: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
    )
    assert feed.get("feed_url") == url, f"{where}: feed_url es {feed.get('feed_url')}, no {url}"
    assert_absolute(feed.get("home_page_url"), f"{where} home_page_url")
    assert feed.get("language") == LANGUAGE, f"{where}: language es {feed.get('language')}, no {LANGUAGE}"
    for number, entry in enumerate(feed["items"], 1):
        at = f"{where} items[{number}]"
        for key in ("date_published", "date_modified"):
            if key in entry:
                parse_rfc3339(entry[key], f"{at} {key}")
        if "date_published" in entry and "date_modified" in entry:
            assert parse_rfc3339(entry["date_modified"], at) >= parse_rfc3339(entry["date_published"], at), (
                f"{at}: date_modified anterior a date_published"
            )
        assert_page_exists(output, assert_absolute(entry.get("url"), f"{at} url"), at)
        assert_absolute_html(entry.get("content_html", ""), f"{at} content_html")
        for attachment in entry.get("attachments", []):
            size = attachment.get("size_in_bytes")
            assert size is not None, f"{at}: adjunto {attachment['url']} sin size_in_bytes"
            assert_enclosure(output, attachment["url"], int(size), attachment["mime_type"], at)
        if "image" in entry:
            assert_page_exists(output, entry["image"], at)
    assert_unique([str(e["id"]) for e in feed["items"]], "id", where)
    return feed


# --- Podcast (RSS 2.0 + iTunes) -----------------------------------------------------------------


def parse_duration(value: str, where: str) -> int:
    """itunes:duration in seconds: '75', '1:15' or '00:01:15'."""
    match = re.fullmatch(r"(?:(?:(\d+):)?([0-5]?\d):)?(\d+)", value.strip())
    assert match, f"{where}: itunes:duration '{value}' no es segundos ni HH:MM:SS"
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def check_podcast(data: bytes, url: str, output: Path | None = None) -> etree._Element:
    """An RSS feed as Apple Podcasts requires it; returns the <channel>."""
    channel = check_rss(data, url, output, full_content=False)
    where = url
    assert ITUNES_NS in (channel.getparent().nsmap or {}).values(), (
        f"{where}: falta el espacio de nombres itunes"
    )
    images = channel.findall("itunes:image", NS)
    assert len(images) == 1, f"{where}: falta <itunes:image>"
    image = assert_absolute(images[0].get("href"), f"{where} <itunes:image href>")
    assert Path(image).suffix.lower() in (".jpg", ".jpeg", ".png"), (
        f"{where}: itunes:image debe ser JPEG o PNG"
    )
    assert_page_exists(output, image, f"{where} <itunes:image>")
    if output is not None and image.startswith(SITEURL + "/"):
        with PILImage.open(local_file(output, image)) as artwork:  # Apple: 1400–3000 px square, RGB
            width, height = artwork.size
            assert width == height and 1400 <= width <= 3000, f"{where}: itunes:image mide {width}x{height}"
            assert artwork.mode == "RGB", f"{where}: itunes:image en modo {artwork.mode}, Apple pide RGB"
    categories = channel.findall("itunes:category", NS)
    assert [c.get("text") for c in categories] == ["News"], f"{where}: itunes:category debe ser 'News'"
    subcategories = [c.get("text") for c in categories[0].findall("itunes:category", NS)]
    assert subcategories == ["Politics"], (
        f"{where}: subcategoría de News debe ser 'Politics': {subcategories}"
    )
    explicit = _text(channel.find("itunes:explicit", NS))
    assert explicit in ("true", "false"), (
        f"{where}: itunes:explicit '{explicit}' no es 'true' ni 'false' (Apple)"
    )
    for number, entry in enumerate(channel.findall("item"), 1):
        at = f"{where} <item> {number}"
        enclosure = entry.find("enclosure")
        assert enclosure is not None, f"{at}: un episodio necesita <enclosure>"
        suffix = Path(enclosure.get("url", "")).suffix.lower()
        assert suffix in AUDIO_MIME, f"{at}: el enclosure {enclosure.get('url')} no es audio"
        duration = entry.find("itunes:duration", NS)
        assert duration is not None, f"{at}: falta <itunes:duration>"
        assert parse_duration(_text(duration), at) > 0, f"{at}: itunes:duration es 0"
    return channel


# --- iCalendar (RFC 5545) -----------------------------------------------------------------------


def vtimezone(calendar: icalendar.Calendar) -> dt.tzinfo:
    """America/Mexico_City as the file itself defines it (not as this machine knows it)."""
    zones = [z for z in calendar.walk("VTIMEZONE") if str(z.get("TZID")) == "America/Mexico_City"]
    assert len(zones) == 1, "el calendario debe traer un VTIMEZONE America/Mexico_City"
    return zones[0].to_tz(lookup_tzid=False)


def event_utc(calendar: icalendar.Calendar, event: icalendar.Event, prop: str) -> dt.datetime:
    """DTSTART/DTEND as a UTC instant, read through the calendar's own VTIMEZONE."""
    value = event[prop]
    assert value.params.get("TZID") == "America/Mexico_City", f"{prop} sin TZID=America/Mexico_City"
    local = value.dt
    assert isinstance(local, dt.datetime), f"{prop} debe ser fecha y hora, no solo fecha"
    naive = local.replace(tzinfo=None)
    return naive.replace(tzinfo=vtimezone(calendar)).astimezone(UTC)


def check_ics(data: bytes, url: str, output: Path | None = None) -> icalendar.Calendar:
    where = url
    assert data.startswith(b"BEGIN:VCALENDAR\r\n"), f"{where}: no empieza con BEGIN:VCALENDAR y CRLF"
    assert data.endswith(b"END:VCALENDAR\r\n"), f"{where}: no termina con END:VCALENDAR y CRLF"
    lines = data.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, 1):
        assert b"\n" not in line and b"\r" not in line, f"{where}:{number}: fin de línea que no es CRLF"
        assert len(line) <= 75, f"{where}:{number}: línea de {len(line)} octetos (máximo 75, RFC 5545 3.1)"
        try:  # folding must not split a multi-octet UTF-8 character (RFC 5545 3.1)
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise AssertionError(f"{where}:{number}: el doblez de línea parte un carácter UTF-8") from None
    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, f"{where}: {component.name} con errores: {component.errors}"
    assert calendar.name == "VCALENDAR"
    assert str(calendar.get("VERSION")) == "2.0", f"{where}: VERSION debe ser 2.0"
    assert str(calendar.get("PRODID", "")).strip(), f"{where}: falta PRODID"
    zone = vtimezone(calendar)
    winter = dt.datetime(2026, 1, 15, 12, 0, tzinfo=zone).utcoffset()
    summer = dt.datetime(2026, 7, 15, 12, 0, tzinfo=zone).utcoffset()
    assert winter == summer == dt.timedelta(hours=-6), (
        f"{where}: el VTIMEZONE da {winter}/{summer}; México no tiene horario de verano desde 2022"
    )
    uids: list[str] = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        at = f"{where} VEVENT {uid}"
        uids.append(uid)
        assert re.fullmatch(rf"\d{{4}}-\d{{2}}-\d{{2}}-[a-z0-9]{{5}}@{re.escape(HOST)}", uid), f"{at}: UID"
        for prop in (
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "URL",
            "DESCRIPTION",
            "STATUS",
            "SEQUENCE",
        ):
            assert prop in event, f"{at}: falta {prop}"
        stamp = event["DTSTAMP"].dt
        assert isinstance(stamp, dt.datetime) and stamp.utcoffset() == dt.timedelta(0), (
            f"{at}: DTSTAMP no es UTC"
        )
        assert event_utc(calendar, event, "DTEND") > event_utc(calendar, event, "DTSTART"), (
            f"{at}: DTEND <= DTSTART"
        )
        for prop in ("SUMMARY", "LOCATION", "DESCRIPTION"):
            assert str(event[prop]).strip(), f"{at}: {prop} vacío"
        link = assert_absolute(str(event["URL"]), f"{at} URL")
        assert_page_exists(output, link, at)
        assert str(event["STATUS"]) in ("CONFIRMED", "CANCELLED"), f"{at}: STATUS {event['STATUS']}"
        sequence = event["SEQUENCE"]
        assert isinstance(sequence, int) and sequence >= 0, f"{at}: SEQUENCE '{sequence}' no es entero >= 0"
    for stamp_line in re.findall(rb"^DTSTAMP[;:].*$", data, re.MULTILINE):
        assert re.fullmatch(rb"DTSTAMP:\d{8}T\d{6}Z\r?", stamp_line), (
            f"{where}: {stamp_line!r} no está en UTC"
        )
    assert_unique(uids, "UID", where)
    return calendar


# --- Sitemaps -----------------------------------------------------------------------------------


def check_sitemap(
    data: bytes, url: str, output: Path | None = None, max_urls: int = 50_000
) -> etree._Element:
    """A <urlset> or <sitemapindex> per sitemaps.org; every <loc> absolute, on the site, existing."""
    where = url
    root = _xml(data, where)
    assert len(data) <= 50 * 1024 * 1024, f"{where}: más de 50 MB"
    assert root.tag in (f"{{{SITEMAP_NS}}}urlset", f"{{{SITEMAP_NS}}}sitemapindex"), (
        f"{where}: raíz {root.tag}"
    )
    child = "sm:url" if root.tag.endswith("urlset") else "sm:sitemap"
    entries = root.findall(child, NS)
    assert len(entries) <= max_urls, f"{where}: {len(entries)} direcciones (máximo {max_urls})"
    locs: list[str] = []
    for entry in entries:
        loc = _text(entry.find("sm:loc", NS))
        locs.append(loc)
        assert loc.startswith(SITEURL + "/"), f"{where}: <loc> {loc} no es una dirección absoluta del sitio"
        assert len(loc) < 2048, f"{where}: <loc> demasiado larga"
        assert_page_exists(output, loc, where)
        lastmod = entry.find("sm:lastmod", NS)
        if lastmod is not None:
            assert W3C_DATETIME.match(_text(lastmod)), (
                f"{where}: <lastmod> '{_text(lastmod)}' no es W3C Datetime"
            )
    assert_unique(locs, "<loc>", where)
    return root
