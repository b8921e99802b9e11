"""RSS, Atom and JSON Feed: valid by the validators' rules, stable ids, nothing leaks, goldens.

Most tests read one throwaway site built once (`sitio`); the last ones check every feed of the
sample site. The rules of each format live in feedschema.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import lxml.html
import pytest
from feedschema import (
    ATOM_NS,
    JSON_FEED_SCHEMA,
    NS,
    SITEURL,
    check_atom,
    check_ics,
    check_json_feed,
    check_podcast,
    check_rss,
    check_sitemap,
    event_utc,
    parse_rfc822,
    parse_rfc3339,
    tag_uri,
)
from lxml import etree

from pressroom.build import build
from pressroom.content import load_site
from sitekit import NOW, ROOT, build_project, git, item, make_project

AUTHOR = "Comunicación Social PT Estado de México"
SECTIONS = ("boletines", "actividades", "conferencias", "reportajes", "capsulas", "spots", "galerias")
MUNICIPALITIES = [
    row["slug"]
    for row in csv.DictReader((ROOT / "content/datos/municipios_edomex.csv").open(encoding="utf-8"))
]
MP3 = ROOT / "content/audio/2026/10/spot-vacunacion-invernal.mp3"
TODO = ("feeds/todo.rss.xml", "feeds/todo.atom.xml", "feeds/todo.json")
SITE_FEED_TYPES = {
    "application/rss+xml": f"{SITEURL}/feeds/todo.rss.xml",
    "application/atom+xml": f"{SITEURL}/feeds/todo.atom.xml",
    "application/feed+json": f"{SITEURL}/feeds/todo.json",
    "text/calendar": f"{SITEURL}/calendario/conferencias.ics",
}
MEXICO = NOW.tzinfo

DRAFT_MARK = "zqxborradorzqx"
EMBARGO_MARK = "zqxembargozqx"
FUTURE_MARK = "zqxfuturozqx"
DRAFT_SPOT_MARK = "zqxspotborradorzqx"
CONTROL_MARK = "zqxpublicozqx"
SECRET_IDS = ("2026-11-25-bor01", "2026-11-25-emb01", "2026-11-25-fut01", "2026-11-25-bor02")


def local(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=MEXICO)


# --- the throwaway site -------------------------------------------------------------------------

BOLETIN = item(
    etiquetas="[salud, obra pública]",
    body="La clínica atenderá a tres mil familias.\n\nMás datos en la [sala de prensa](/sala-de-prensa/).",
)
ACTIVIDAD = item(
    id="2026-11-20-actv1",
    titulo="Regidores de Chalco y Toluca entregan útiles escolares",
    slug="regidores-entregan-utiles",
    fecha="2026-11-20 13:00",
    tipo="actividad",
    municipios="[chalco, toluca]",
    personas="[luis-mora]",
    resumen="Se entregaron paquetes de útiles en seis escuelas primarias.",
    body="Se entregaron paquetes de útiles.",
)
CONFERENCIA = item(
    id="2026-11-24-conf1",
    titulo="Conferencia de prensa sobre el presupuesto estatal 2027",
    slug="conferencia-presupuesto-2027",
    fecha="2026-11-24 09:00",
    tipo="conferencia",
    municipios="[toluca]",
    personas="[luis-mora]",
    resumen="La dirigencia presentará su postura sobre el paquete económico 2027.",
    evento="{inicio: 2026-11-27 11:00, fin: 2026-11-27 12:00, lugar: Sede estatal del PT, municipio: toluca}",
    body="Se invita a los medios a cubrir la conferencia.",
)
CONTROL = item(
    id="2026-11-21-ctrl1",
    titulo=f"Conferencia {CONTROL_MARK}",
    slug=f"conferencia-{CONTROL_MARK}",
    fecha="2026-11-21 09:00",
    tipo="conferencia",
    municipios="[toluca]",
    personas="[luis-mora]",
    resumen=f"Resumen {CONTROL_MARK}",
    evento=f"{{inicio: 2026-11-28 10:00, lugar: Sala {CONTROL_MARK}, municipio: toluca}}",
    etiquetas=f"[{CONTROL_MARK}]",
    body=f"Cuerpo {CONTROL_MARK}",
)
SPOT = item(
    id="2026-11-10-spot1",
    titulo='"Spot: jornada de vacunación invernal"',
    slug="spot-vacunacion-invernal",
    fecha="2026-11-10 07:00",
    tipo="spot",
    municipios="[estatal]",
    personas=None,
    resumen="Spot de 30 segundos para radio sobre la jornada de vacunación.",
    audio="audio/2026/11/spot.mp3",
    body="",
)
CAPSULA = item(
    id="2026-11-18-caps1",
    titulo='"Cápsula: así funciona el comedor comunitario"',
    slug="capsula-comedor-comunitario",
    fecha="2026-11-18 18:00",
    tipo="capsula",
    resumen="Un recorrido de dos minutos por el comedor.",
    video="https://www.youtube.com/watch?v=abcdefghijk",
    body="",
)
GALERIA = item(
    id="2026-11-15-gale1",
    titulo="Galería del festival cultural de Tepotzotlán",
    slug="galeria-festival-tepotzotlan",
    fecha="2026-11-15 20:00",
    tipo="galeria",
    municipios="[tepotzotlan]",
    personas=None,
    resumen="Imágenes del festival en la plaza principal.",
    galeria="[{archivo: imagenes/2026/11/festival-1.jpg, pie: Danzantes}, {archivo: imagenes/2026/11/festival-2.jpg, pie: Público}]",
    body="",
)
REPORTAJE = item(
    id="2026-11-12-repo1",
    titulo='"Reportaje: el agua en la zona oriente"',
    slug="reportaje-agua-zona-oriente",
    fecha="2026-11-12 08:00",
    tipo="reportaje",
    resumen="Un recorrido por las colonias que reciben agua por tandeo.",
    imagen="{archivo: imagenes/2026/11/reportaje.jpg, pie: Una pipa reparte agua, credito: Comunicación PT}",
    body="Texto del reportaje.",
)
RETIRADO = item(
    id="2026-11-23-retir",
    titulo="Nota retirada",
    slug="nota-retirada-zqxretiradozqx",
    fecha="2026-11-23 10:00",
    estado="retirado",
    motivo_retiro="Se retiró por un error en las cifras.",
)
CANCELADA = item(
    id="2026-11-22-cance",
    titulo="Conferencia cancelada",
    slug="conferencia-cancelada-zqxcanceladazqx",
    fecha="2026-11-22 10:00",
    tipo="conferencia",
    municipios="[toluca]",
    personas="[luis-mora]",
    estado="retirado",
    motivo_retiro="Se canceló la conferencia.",
    evento="{inicio: 2026-11-30 10:00, lugar: Sede estatal del PT, municipio: toluca}",
)


def secret(mark: str, item_id: str, **fields: str | None) -> str:
    values: dict[str, str | None] = {
        "id": item_id,
        "titulo": f"Título {mark}",
        "slug": f"nota-{mark}",
        "body": f"Cuerpo {mark}",
        "resumen": f"Resumen {mark}",
        "tipo": "conferencia",
        "municipios": "[toluca]",
        "personas": "[luis-mora]",
        "etiquetas": f"[{mark}]",
        "evento": f"{{inicio: 2026-11-29 10:00, lugar: Sala {mark}, municipio: toluca}}",
    }
    values.update(fields)
    return item(**values)  # type: ignore[arg-type]


SITE_FILES: dict[str, str | bytes] = {
    "boletines/2026/a.md": BOLETIN,
    "actividades/2026/b.md": ACTIVIDAD,
    "conferencias/2026/c.md": CONFERENCIA,
    "conferencias/2026/control.md": CONTROL,
    "spots/2026/d.md": SPOT,
    "capsulas/2026/e.md": CAPSULA,
    "galerias/2026/f.md": GALERIA,
    "reportajes/2026/g.md": REPORTAJE,
    "boletines/2026/retirado.md": RETIRADO,
    "conferencias/2026/cancelada.md": CANCELADA,
    "conferencias/2026/borrador.md": secret(DRAFT_MARK, SECRET_IDS[0], estado="borrador"),
    "conferencias/2026/embargo.md": secret(
        EMBARGO_MARK, SECRET_IDS[1], estado="programado", embargo="2026-11-26 08:00:01"
    ),
    "boletines/2026/futuro.md": secret(
        FUTURE_MARK,
        SECRET_IDS[2],
        tipo="boletin",
        evento=None,
        fecha="2026-12-01 09:00",
        imagen=f"{{archivo: imagenes/2026/11/{FUTURE_MARK}.jpg, pie: Pie {FUTURE_MARK}}}",
    ),
    "spots/2026/borrador.md": secret(
        DRAFT_SPOT_MARK,
        SECRET_IDS[3],
        tipo="spot",
        evento=None,
        estado="borrador",
        audio="audio/2026/11/secreto.mp3",
    ),
    "audio/2026/11/spot.mp3": MP3.read_bytes(),
    "audio/2026/11/secreto.mp3": MP3.read_bytes(),
}
SITE_IMAGES = (
    "imagenes/2026/11/festival-1.jpg",
    "imagenes/2026/11/festival-2.jpg",
    "imagenes/2026/11/reportaje.jpg",
    f"imagenes/2026/11/{FUTURE_MARK}.jpg",
)
# newest first; withdrawn, draft, embargoed and future items are not listed
LISTED = [
    ("2026-11-25-abcde", "2026-11-25 10:30"),
    ("2026-11-24-conf1", "2026-11-24 09:00"),
    ("2026-11-21-ctrl1", "2026-11-21 09:00"),
    ("2026-11-20-actv1", "2026-11-20 13:00"),
    ("2026-11-18-caps1", "2026-11-18 18:00"),
    ("2026-11-15-gale1", "2026-11-15 20:00"),
    ("2026-11-12-repo1", "2026-11-12 08:00"),
    ("2026-11-10-spot1", "2026-11-10 07:00"),
]
FECHAS = {item_id: local(fecha) for item_id, fecha in LISTED}


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    result = build_project(make_project(root, SITE_FILES, images=SITE_IMAGES))
    assert (result.published, result.held_back) == (10, 4)
    return root / "output"


# --- reading feeds into one shape ---------------------------------------------------------------


@dataclass
class Entry:
    id: str
    title: str
    link: str
    content: str
    summary: str
    categories: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    enclosures: list[tuple[str, int, str]] = field(default_factory=list)
    image: str | None = None
    published: dt.datetime | None = None
    updated: dt.datetime | None = None


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def read_feed(output: Path, relative: str) -> list[Entry]:
    """Validate a feed file and return its entries, in document order."""
    data = (output / relative).read_bytes()
    url = f"{SITEURL}/{relative}"
    found: list[Entry] = []
    if relative.endswith(".json"):
        feed = check_json_feed(data, url, output)
        feed_authors = [a.get("name", "") for a in feed.get("authors", [])]
        for e in feed["items"]:
            found.append(
                Entry(
                    id=e["id"],
                    title=e.get("title", ""),
                    link=e.get("url", ""),
                    content=e.get("content_html", ""),
                    summary=e.get("summary", ""),
                    categories=e.get("tags", []),
                    authors=[a.get("name", "") for a in e.get("authors", [])] or feed_authors,
                    enclosures=[
                        (a["url"], a["size_in_bytes"], a["mime_type"]) for a in e.get("attachments", [])
                    ],
                    image=e.get("image"),
                    published=parse_rfc3339(e["date_published"], url) if "date_published" in e else None,
                    updated=parse_rfc3339(e["date_modified"], url) if "date_modified" in e else None,
                )
            )
    elif relative.endswith(".atom.xml"):
        root = check_atom(data, url, output)
        feed_authors = [_text(a.find("atom:name", NS)) for a in root.findall("atom:author", NS)]
        for e in root.findall("atom:entry", NS):
            links = e.findall("atom:link", NS)
            published = e.find("atom:published", NS)
            found.append(
                Entry(
                    id=_text(e.find("atom:id", NS)),
                    title=_text(e.find("atom:title", NS)),
                    link=next(a.get("href") for a in links if a.get("rel") in (None, "alternate")),
                    content=_text(e.find("atom:content", NS)),
                    summary=_text(e.find("atom:summary", NS)),
                    categories=[c.get("label") or c.get("term") for c in e.findall("atom:category", NS)],
                    authors=[_text(a.find("atom:name", NS)) for a in e.findall("atom:author", NS)]
                    or feed_authors,
                    enclosures=[
                        (a.get("href"), int(a.get("length")), a.get("type"))
                        for a in links
                        if a.get("rel") == "enclosure"
                    ],
                    published=parse_rfc3339(_text(published), url) if published is not None else None,
                    updated=parse_rfc3339(_text(e.find("atom:updated", NS)), url),
                )
            )
    else:
        channel = check_rss(data, url, output)
        for e in channel.findall("item"):
            found.append(
                Entry(
                    id=_text(e.find("guid")),
                    title=_text(e.find("title")),
                    link=_text(e.find("link")),
                    content=_text(e.find("content:encoded", NS)),
                    summary=_text(e.find("description")),
                    categories=[_text(c) for c in e.findall("category")],
                    authors=[_text(a) for a in e.findall("author") + e.findall("dc:creator", NS)],
                    enclosures=[
                        (a.get("url"), int(a.get("length")), a.get("type")) for a in e.findall("enclosure")
                    ],
                    published=parse_rfc822(_text(e.find("pubDate")), url),
                )
            )
    return found


def ids(output: Path, relative: str) -> list[str]:
    return [e.id for e in read_feed(output, relative)]


def guids(*item_ids: str) -> list[str]:
    return [tag_uri(i) for i in item_ids]


def by_id(output: Path, relative: str, item_id: str) -> Entry:
    matches = [e for e in read_feed(output, relative) if e.id == tag_uri(item_id)]
    assert len(matches) == 1, f"{relative}: {item_id} aparece {len(matches)} veces"
    return matches[0]


def syndication_files(output: Path) -> list[Path]:
    """Every feed, calendar, sitemap and robots.txt of a build."""
    found = [p for p in (output / "feeds").rglob("*") if p.is_file()]
    found += [p for p in (output / "calendario").rglob("*") if p.is_file()]
    found += [*sorted(output.glob("sitemap*.xml")), output / "robots.txt"]
    return sorted(found)


def unfolded(path: Path) -> bytes:
    """File bytes with iCalendar line folding undone, so a marker split over two lines is found."""
    return path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n\t", b"").lower()


# --- files and validity -------------------------------------------------------------------------


def test_every_feed_file_is_written(sitio: Path) -> None:
    expected = {*TODO, "feeds/spots.podcast.xml"}
    expected |= {f"feeds/{s}.{kind}.xml" for s in SECTIONS for kind in ("rss", "atom")}
    expected |= {f"feeds/municipios/{m}.{kind}.xml" for m in MUNICIPALITIES for kind in ("rss", "atom")}
    expected |= {
        f"feeds/personas/{p}.{kind}.xml" for p in ("ana-perez", "luis-mora") for kind in ("rss", "atom")
    }
    assert len(MUNICIPALITIES) == 125
    written = {str(p.relative_to(sitio)) for p in (sitio / "feeds").rglob("*") if p.is_file()}
    assert expected - written == set()


def test_every_feed_passes_the_validator_rules(sitio: Path) -> None:
    checked = 0
    for path in sorted((sitio / "feeds").rglob("*")):
        if path.name.endswith((".rss.xml", ".atom.xml", ".json")):
            read_feed(sitio, str(path.relative_to(sitio)))
            checked += 1
    assert checked == 3 + 2 * (7 + 125 + 2)
    # an empty feed is still a valid feed
    assert read_feed(sitio, "feeds/municipios/acambay-de-ruiz-castaneda.rss.xml") == []
    assert read_feed(sitio, "feeds/municipios/acambay-de-ruiz-castaneda.atom.xml") == []


def test_rss_atom_and_json_feeds_have_distinct_titles(sitio: Path) -> None:
    """A reader that lists both the RSS and the Atom feed of a page can tell them apart."""
    titles: dict[str, str] = {}
    for path in sorted((sitio / "feeds").rglob("*")):
        relative = str(path.relative_to(sitio))
        if relative.endswith(".json"):
            titles[relative] = json.loads(path.read_bytes())["title"]
        elif relative.endswith(".atom.xml"):
            titles[relative] = _text(etree.fromstring(path.read_bytes()).find("atom:title", NS))
        elif relative.endswith(".rss.xml"):
            titles[relative] = _text(etree.fromstring(path.read_bytes()).find("channel/title"))
    assert len(titles) == 3 + 2 * (7 + 125 + 2)
    assert len(set(titles.values())) == len(titles)  # no two feeds share a title
    site = "Comunicación Social — PT Estado de México"
    assert titles["feeds/todo.rss.xml"] == f"{site} (RSS)"
    assert titles["feeds/todo.atom.xml"] == f"{site} (Atom)"
    assert titles["feeds/todo.json"] == f"{site} (JSON Feed)"
    assert titles["feeds/municipios/texcoco.atom.xml"] == f"Texcoco — {site} (Atom)"


def test_an_empty_feed_is_dated_by_the_newest_item_of_the_site(sitio: Path) -> None:
    """Not 2020-01-01 and not the wall clock: the site's newest item, so rebuilds stay identical."""
    newest = FECHAS["2026-11-25-abcde"]
    atom = etree.fromstring((sitio / "feeds/municipios/acambay-de-ruiz-castaneda.atom.xml").read_bytes())
    assert atom.findall("atom:entry", NS) == []
    assert parse_rfc3339(_text(atom.find("atom:updated", NS)), "atom") == newest
    rss = etree.fromstring((sitio / "feeds/municipios/acambay-de-ruiz-castaneda.rss.xml").read_bytes())
    assert parse_rfc822(_text(rss.find("channel/lastBuildDate")), "rss") == newest


@pytest.mark.parametrize("relative", TODO)
def test_whole_site_feed_lists_public_items_newest_first(sitio: Path, relative: str) -> None:
    assert ids(sitio, relative) == guids(*(i for i, _ in LISTED))


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_municipality_and_person_feeds_list_their_items(sitio: Path, kind: str) -> None:
    def listed(name: str) -> list[str]:
        return ids(sitio, f"feeds/{name}.{kind}.xml")

    assert listed("boletines") == guids("2026-11-25-abcde")
    assert listed("conferencias") == guids("2026-11-24-conf1", "2026-11-21-ctrl1")
    assert listed("actividades") == guids("2026-11-20-actv1")
    assert listed("reportajes") == guids("2026-11-12-repo1")
    assert listed("capsulas") == guids("2026-11-18-caps1")
    assert listed("galerias") == guids("2026-11-15-gale1")
    assert listed("spots") == guids("2026-11-10-spot1")
    spot = tag_uri("2026-11-10-spot1")  # statewide: whether it is in every municipality is not fixed
    municipal = {
        m: [i for i in listed(f"municipios/{m}") if i != spot] for m in ("texcoco", "toluca", "chalco")
    }
    assert municipal["texcoco"] == guids("2026-11-25-abcde", "2026-11-18-caps1", "2026-11-12-repo1")
    assert municipal["toluca"] == guids("2026-11-24-conf1", "2026-11-21-ctrl1", "2026-11-20-actv1")
    assert municipal["chalco"] == guids("2026-11-20-actv1")
    assert listed("personas/luis-mora") == guids("2026-11-24-conf1", "2026-11-21-ctrl1", "2026-11-20-actv1")
    assert listed("personas/ana-perez") == guids("2026-11-25-abcde", "2026-11-18-caps1", "2026-11-12-repo1")


@pytest.mark.parametrize("relative", TODO)
def test_entry_carries_title_link_content_summary_categories_author_and_image(
    sitio: Path, relative: str
) -> None:
    entry = by_id(sitio, relative, "2026-11-25-abcde")
    assert entry.id == "tag:ptedomex.example.org,2026-11-25:2026-11-25-abcde"
    assert entry.title == "Alcaldesa de Texcoco inaugura clínica comunitaria"
    assert entry.link == f"{SITEURL}/boletines/2026/11/alcaldesa-inaugura-clinica/"
    assert "La clínica atenderá a tres mil familias." in entry.content
    assert f'href="{SITEURL}/sala-de-prensa/"' in entry.content
    assert 'href="/' not in entry.content and 'src="/' not in entry.content
    assert entry.summary == "La clínica atenderá a tres mil familias de la zona oriente."
    assert {"Boletín", "Texcoco", "salud", "obra pública"} <= set(entry.categories), entry.categories
    assert any(AUTHOR in a for a in entry.authors), entry.authors
    # the main photo as published: the file itself or one of its derivatives (full-size copy, sizes)
    photo = re.compile(rf"{re.escape(SITEURL)}/imagenes/2026/11/clinica(-[a-z0-9]+)?\.(jpg|webp)")
    if relative.endswith(".json"):
        assert entry.image and photo.fullmatch(entry.image), entry.image
        assert (sitio / entry.image.removeprefix(SITEURL + "/")).is_file()
    else:
        assert len(entry.enclosures) == 1, entry.enclosures
        url, length, mime = entry.enclosures[0]
        assert photo.fullmatch(url), url
        assert mime == ("image/jpeg" if url.endswith(".jpg") else "image/webp")
        assert length == (sitio / url.removeprefix(SITEURL + "/")).stat().st_size > 0


@pytest.mark.parametrize("relative", TODO)
def test_spot_enclosure_is_its_audio_file(sitio: Path, relative: str) -> None:
    entry = by_id(sitio, relative, "2026-11-10-spot1")
    published = (sitio / "audio/2026/11/spot.mp3").stat().st_size  # the copy without the upload's tags
    assert entry.enclosures == [(f"{SITEURL}/audio/2026/11/spot.mp3", published, "audio/mpeg")]


@pytest.mark.parametrize("relative", TODO)
def test_dates_without_git_are_the_items_fecha(sitio: Path, relative: str) -> None:
    for entry in read_feed(sitio, relative):
        fecha = FECHAS[entry.id.rsplit(":", 1)[1]]
        assert entry.published == fecha, entry.id
        if entry.updated is not None or relative.endswith(".atom.xml"):
            assert entry.updated == fecha, entry.id


def test_every_rss_self_link_declares_its_type(sitio: Path) -> None:
    untyped = []
    for path in sorted((sitio / "feeds").rglob("*.xml")):
        root = etree.fromstring(path.read_bytes())
        if root.tag != "rss":
            continue
        link = root.find("channel/atom:link[@rel='self']", NS)
        assert link is not None, path
        if link.get("type") != "application/rss+xml":
            untyped.append(str(path.relative_to(sitio)))
    assert untyped == [], f'{len(untyped)} feeds RSS sin type="application/rss+xml" en atom:link self'


def test_feeds_declare_language_and_self_link(sitio: Path) -> None:
    rss = etree.fromstring((sitio / "feeds/todo.rss.xml").read_bytes())
    assert rss.findtext("channel/language") == "es-MX"
    self_link = rss.find("channel/atom:link[@rel='self']", NS)
    assert self_link is not None
    assert self_link.get("href") == f"{SITEURL}/feeds/todo.rss.xml"  # its type: the test above
    atom = etree.fromstring((sitio / "feeds/municipios/texcoco.atom.xml").read_bytes())
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "es-MX"
    assert (
        atom.find(f"{{{ATOM_NS}}}link[@rel='self']").get("href")
        == f"{SITEURL}/feeds/municipios/texcoco.atom.xml"
    )
    feed = json.loads((sitio / "feeds/todo.json").read_bytes())
    assert (feed["version"], feed["language"]) == ("https://jsonfeed.org/version/1.1", "es-MX")


def test_feeds_depend_on_no_stylesheet(sitio: Path) -> None:
    """Chromium is removing XSLT: feeds stay plain feeds and the site ships no XSL at all."""
    for path in syndication_files(sitio):
        assert b"xml-stylesheet" not in path.read_bytes(), path
    assert [p.name for p in sitio.rglob("*.xsl")] == []


# --- head links ---------------------------------------------------------------------------------


def alternates(output: Path, relative: str) -> set[tuple[str, str]]:
    """(type, absolute href) of every <link rel="alternate"> in a page's <head>."""
    page = lxml.html.fromstring((output / relative).read_bytes())
    base = f"{SITEURL}/{relative.removesuffix('index.html')}"
    return {
        (a.get("type"), urljoin(base, a.get("href"))) for a in page.xpath("/html/head/link[@rel='alternate']")
    }


def test_every_page_announces_the_site_feeds(sitio: Path) -> None:
    pages = sorted(str(p.relative_to(sitio)) for p in sitio.rglob("*.html"))
    assert len(pages) > 140
    for relative in pages:
        found = alternates(sitio, relative)
        for kind, url in SITE_FEED_TYPES.items():
            assert (kind, url) in found, (relative, kind, sorted(found))
        for _, url in found:
            assert (sitio / url.removeprefix(SITEURL + "/")).is_file(), (relative, url)


@pytest.mark.parametrize(
    ("page", "own"),
    [
        ("municipios/texcoco/index.html", "feeds/municipios/texcoco"),
        ("municipios/acolman/index.html", "feeds/municipios/acolman"),
        ("boletines/index.html", "feeds/boletines"),
        ("galerias/index.html", "feeds/galerias"),
        ("personas/luis-mora/index.html", "feeds/personas/luis-mora"),
    ],
)
def test_municipality_section_and_person_pages_announce_their_own_feeds(
    sitio: Path, page: str, own: str
) -> None:
    found = alternates(sitio, page)
    assert ("application/rss+xml", f"{SITEURL}/{own}.rss.xml") in found, sorted(found)
    assert ("application/atom+xml", f"{SITEURL}/{own}.atom.xml") in found, sorted(found)


# --- what must never be in a feed ---------------------------------------------------------------


def test_drafts_and_embargoed_items_leak_into_no_feed_calendar_or_sitemap(sitio: Path) -> None:
    files = syndication_files(sitio)
    assert {"sitemap.xml", "robots.txt", "calendario/conferencias.ics", "feeds/todo.json"} <= {
        str(p.relative_to(sitio)) for p in files
    }
    secrets = (DRAFT_MARK, EMBARGO_MARK, FUTURE_MARK, DRAFT_SPOT_MARK, *SECRET_IDS)
    hits = {
        s: [str(p.relative_to(sitio)) for p in files if s.encode() in unfolded(p)]
        for s in (*secrets, CONTROL_MARK)
    }
    assert {s: hits[s] for s in secrets} == {s: [] for s in secrets}
    assert not [p for p in files if any(m in p.name for m in secrets)]
    # the control proves the search finds a marker wherever the item is syndicated
    for expected in (
        *TODO,
        "feeds/conferencias.rss.xml",
        "feeds/conferencias.atom.xml",
        "feeds/municipios/toluca.rss.xml",
        "feeds/municipios/toluca.atom.xml",
        "feeds/personas/luis-mora.rss.xml",
        "calendario/conferencias.ics",
        "calendario/municipios/toluca.ics",
        "sitemap.xml",
    ):
        assert expected in hits[CONTROL_MARK], expected


def test_withdrawn_items_leave_feeds_and_sitemap_but_a_cancelled_conference_stays_in_the_calendar(
    sitio: Path,
) -> None:
    withdrawn = (b"2026-11-23-retir", b"zqxretiradozqx", b"2026-11-22-cance", b"zqxcanceladazqx")
    for path in syndication_files(sitio):
        if path.suffix == ".ics":
            continue
        data = unfolded(path)
        assert not [w for w in withdrawn if w in data], path.relative_to(sitio)
    assert (sitio / "boletines/2026/11/nota-retirada-zqxretiradozqx/index.html").is_file()  # the URL lives on
    for relative in ("calendario/conferencias.ics", "calendario/municipios/toluca.ics"):
        calendar = check_ics((sitio / relative).read_bytes(), f"{SITEURL}/{relative}", sitio)
        status = {str(e["UID"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
        assert status["2026-11-22-cance@ptedomex.example.org"] == "CANCELLED", relative
        assert status["2026-11-24-conf1@ptedomex.example.org"] == "CONFIRMED", relative


# --- ids survive edits, limits, git -------------------------------------------------------------


def syndicated_ids(output: Path) -> dict[str, object]:
    rss = read_feed(output, "feeds/todo.rss.xml")
    atom = read_feed(output, "feeds/todo.atom.xml")
    jsonfeed = read_feed(output, "feeds/todo.json")
    calendar = check_ics(
        (output / "calendario/conferencias.ics").read_bytes(), f"{SITEURL}/calendario/conferencias.ics"
    )
    return {
        "rss": sorted(e.id for e in rss),
        "atom": sorted(e.id for e in atom),
        "json": sorted(e.id for e in jsonfeed),
        "ics": sorted(str(e["UID"]) for e in calendar.walk("VEVENT")),
        "links": sorted(e.link for e in rss),
    }


def test_changing_title_and_slug_keeps_every_guid_and_uid(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(), "conferencias/2026/c.md": CONFERENCIA})
    build_project(conf)
    before = syndicated_ids(tmp_path / "output")
    assert before["rss"] == guids("2026-11-24-conf1", "2026-11-25-abcde")
    assert before["ics"] == ["2026-11-24-conf1@ptedomex.example.org"]

    (tmp_path / "content/boletines/2026/a.md").write_text(
        item(titulo="Inauguran clínica comunitaria en Texcoco", slug="inauguran-clinica-texcoco"),
        encoding="utf-8",
    )
    (tmp_path / "content/conferencias/2026/c.md").write_text(
        CONFERENCIA.replace(
            "slug: conferencia-presupuesto-2027", "slug: conferencia-paquete-economico"
        ).replace(
            "titulo: Conferencia de prensa sobre el presupuesto estatal 2027",
            "titulo: Postura ante el paquete económico",
        ),
        encoding="utf-8",
    )
    build_project(conf)
    after = syndicated_ids(tmp_path / "output")
    assert after["links"] == [
        f"{SITEURL}/boletines/2026/11/inauguran-clinica-texcoco/",
        f"{SITEURL}/conferencias/2026/11/conferencia-paquete-economico/",
    ]
    for kind in ("rss", "atom", "json", "ics"):
        assert after[kind] == before[kind], kind
    titles = {e.id: e.title for e in read_feed(tmp_path / "output", "feeds/todo.atom.xml")}
    assert titles[tag_uri("2026-11-25-abcde")] == "Inauguran clínica comunitaria en Texcoco"


def test_feed_max_items_keeps_the_newest(tmp_path: Path) -> None:
    files = {
        f"boletines/2026/{n}.md": item(
            id=f"2026-11-2{n}-bolet", slug=f"nota-{n}", fecha=f"2026-11-2{n} 09:00"
        )
        for n in (1, 2, 3)
    }
    conf = make_project(tmp_path, files)
    conf.write_text(conf.read_text(encoding="utf-8") + "\nFEED_MAX_ITEMS = 2\n", encoding="utf-8")
    build_project(conf)
    newest = guids("2026-11-23-bolet", "2026-11-22-bolet")
    for relative in (
        *TODO,
        "feeds/boletines.rss.xml",
        "feeds/boletines.atom.xml",
        "feeds/municipios/texcoco.rss.xml",
    ):
        assert ids(tmp_path / "output", relative) == newest, relative


def test_updated_is_the_later_of_fecha_and_last_commit(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(), "actividades/2026/b.md": ACTIVIDAD})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "content/actividades")
    git(tmp_path, "commit", "-q", "-m", "actividad", when="2026-11-19T10:00:00-06:00")  # before its fecha
    git(tmp_path, "add", "content")
    git(tmp_path, "commit", "-q", "-m", "boletín", when="2026-11-25T12:15:00-06:00")  # after its fecha
    build_project(conf)
    output = tmp_path / "output"
    atom = {e.id: e for e in read_feed(output, "feeds/todo.atom.xml")}
    edited, untouched = atom[tag_uri("2026-11-25-abcde")], atom[tag_uri("2026-11-20-actv1")]
    assert edited.published == local("2026-11-25 10:30")
    assert edited.updated == local("2026-11-25 12:15")
    assert untouched.updated == untouched.published == local("2026-11-20 13:00")
    jsonfeed = {e.id: e for e in read_feed(output, "feeds/todo.json")}
    assert jsonfeed[tag_uri("2026-11-25-abcde")].updated == local("2026-11-25 12:15")
    assert jsonfeed[tag_uri("2026-11-25-abcde")].published == local("2026-11-25 10:30")


# --- goldens ------------------------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_IMAGE = ROOT / "content/imagenes/2026/04/toluca-dia-nino-5.jpg"  # committed: fixed bytes
GOLDEN_FILES = {
    "todo.rss.xml": "feeds/todo.rss.xml",
    "todo.atom.xml": "feeds/todo.atom.xml",
    "todo.json": "feeds/todo.json",
    "spots.podcast.xml": "feeds/spots.podcast.xml",
    "conferencias.ics": "calendario/conferencias.ics",
    "sitemap.xml": "sitemap.xml",
}


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(
            imagen="{archivo: imagenes/2026/11/foto.jpg, pie: La alcaldesa corta el listón, credito: Comunicación PT}",
            etiquetas="[salud]",
            body="La clínica atenderá a tres mil familias.\n\nMás datos en la [sala de prensa](/sala-de-prensa/).",
        ),
        "conferencias/2026/c.md": CONFERENCIA,
        "spots/2026/d.md": SPOT,
        "audio/2026/11/spot.mp3": MP3.read_bytes(),
        "imagenes/2026/11/foto.jpg": GOLDEN_IMAGE.read_bytes(),
    }
    build_project(make_project(root, files))
    return root / "output"


@pytest.mark.parametrize("name", list(GOLDEN_FILES))
def test_golden_output(golden_site: Path, name: str) -> None:
    built = (golden_site / GOLDEN_FILES[name]).read_bytes()
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(built)
    assert golden.exists(), f"falta {golden}; créalo con UPDATE_GOLDEN=1 y revísalo antes de aceptarlo"
    assert built == golden.read_bytes(), f"{GOLDEN_FILES[name]} cambió; si es a propósito: UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", list(GOLDEN_FILES))
def test_goldens_pass_the_validator_rules(name: str) -> None:
    """A golden is only as good as its review: it must itself be valid."""
    data = (GOLDEN / name).read_bytes()
    url = f"{SITEURL}/{GOLDEN_FILES[name]}"
    check = GOLDEN_CHECKS[name]
    check(data, url)


GOLDEN_CHECKS = {
    "todo.rss.xml": check_rss,
    "todo.atom.xml": check_atom,
    "todo.json": check_json_feed,
    "spots.podcast.xml": check_podcast,
    "conferencias.ics": check_ics,
    "sitemap.xml": check_sitemap,
}
BOLETIN_GUID = "tag:ptedomex.example.org,2026-11-25:2026-11-25-abcde"
CONF_GUID = "tag:ptedomex.example.org,2026-11-24:2026-11-24-conf1"
BREAKAGES = [
    # (golden, what, replaced by): each must make the validator fail
    ("todo.rss.xml", f'<guid isPermaLink="false">{CONF_GUID}</guid>', ""),
    ("todo.rss.xml", CONF_GUID, BOLETIN_GUID),
    ("todo.rss.xml", 'isPermaLink="false"', 'isPermaLink="true"'),
    ("todo.rss.xml", "<link>https://ptedomex.example.org/boletines/", "<link>/boletines/"),
    ("todo.rss.xml", "<pubDate>Wed, 25 Nov 2026 10:30:00 -0600", "<pubDate>2026-11-25T10:30:00-06:00"),
    ("todo.rss.xml", "<pubDate>Wed, 25 Nov", "<pubDate>Mon, 25 Nov"),
    ("todo.rss.xml", "<language>es-MX</language>", "<language>español</language>"),
    ("todo.rss.xml", 'href="https://ptedomex.example.org/sala-de-prensa/"', 'href="/sala-de-prensa/"'),
    ("todo.rss.xml", 'src="https://ptedomex.example.org/imagenes', 'src="/imagenes'),
    ("todo.rss.xml", "feeds/todo.rss.xml", "feeds/otro.rss.xml"),
    ("todo.rss.xml", "<rss ", '<?xml-stylesheet type="text/xsl" href="/estilo.xsl"?>\n<rss '),
    ("todo.atom.xml", "<feed ", '<?xml-stylesheet type="text/css" href="/estilo.css"?>\n<feed '),
    ("todo.rss.xml", ' length="', ' length="0" data-antes="'),
    ("todo.rss.xml", "<author>prensa@ptedomex.example.org (", "<author>("),
    ("todo.rss.xml", "</channel>", ""),
    ("todo.atom.xml", CONF_GUID, BOLETIN_GUID),
    ("todo.atom.xml", "<updated>2026-11-24T09:00:00-06:00", "<updated>2026-11-24 09:00"),
    ("todo.atom.xml", 'rel="self"', 'rel="related"'),
    ("todo.atom.xml", 'xml:lang="es-MX"', 'xml:lang="en"'),
    ("todo.atom.xml", 'href="https://ptedomex.example.org/conferencias/', 'href="/conferencias/'),
    ("todo.atom.xml", 'length="84382" ', ""),
    ("todo.json", '"content_html": "<p><strong>Cuándo', '"content_text_no": "<p><strong>Cuándo'),
    ("todo.json", '"url": "https://ptedomex.example.org/spots/', '"url": "/spots/'),
    ("todo.json", '"date_published": "2026-11-24T09:00:00-06:00"', '"date_published": "24/11/2026"'),
    ("todo.json", '"Toluca"', "15"),
    ("todo.json", '"mime_type": "audio/mpeg",', ""),
    ("todo.json", '"size_in_bytes": 84382', '"size_in_bytes": "84382"'),
    ("todo.json", '"version": "https://jsonfeed.org/version/1.1"', '"version": "1.1"'),
    ("todo.json", '"id": "tag:ptedomex.example.org,2026-11-24', '"identificador": "x'),
    ("spots.podcast.xml", "<itunes:duration>00:00:21</itunes:duration>", ""),
    ("spots.podcast.xml", '<itunes:category text="Politics"/>', ""),
    ("spots.podcast.xml", "<itunes:explicit>false</itunes:explicit>\n    <itunes:owner>", "<itunes:owner>"),
    (
        "spots.podcast.xml",
        "<itunes:explicit>false</itunes:explicit>\n    <itunes:owner>",
        "<itunes:explicit>no</itunes:explicit>\n    <itunes:owner>",
    ),
    ("spots.podcast.xml", '<itunes:image href="https://ptedomex.example.org/tema/img/podcast.png"/>', ""),
    ("spots.podcast.xml", 'type="audio/mpeg"', 'type="image/jpeg"'),
    ("conferencias.ics", "DTSTART;TZID=America/Mexico_City:20261127T110000", "DTSTART:20261127T110000"),
    ("conferencias.ics", "UID:2026-11-24-conf1@ptedomex.example.org\r\n", ""),
    ("conferencias.ics", "DTSTAMP:20261124T150000Z", "DTSTAMP:20261124T150000"),
    ("conferencias.ics", "STATUS:CONFIRMED", "STATUS:MAYBE"),
    (
        "conferencias.ics",
        "DTEND;TZID=America/Mexico_City:20261127T120000",
        "DTEND;TZID=America/Mexico_City:20261127T100000",
    ),
    (
        "conferencias.ics",
        "URL:https://ptedomex.example.org/conferencias/2026/11/conferencia-presupue\r\n sto",
        "URL:/x",
    ),
    (
        "conferencias.ics",
        "TZOFFSETTO:-0600\r\nEND:STANDARD\r\nEND:VTIMEZONE",
        "TZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE",
    ),
    ("conferencias.ics", "\r\n sto-2027/", "sto-2027/"),
    ("conferencias.ics", "\r\n", "\n"),
    ("sitemap.xml", "<loc>https://ptedomex.example.org/boletines/</loc>", "<loc>/boletines/</loc>"),
    (
        "sitemap.xml",
        "<loc>https://ptedomex.example.org/capsulas/</loc>",
        "<loc>https://ptedomex.example.org/boletines/</loc>",
    ),
    ("sitemap.xml", "<lastmod>2026-11-10T07:00:00-06:00</lastmod>", "<lastmod>10/11/2026</lastmod>"),
]


def test_json_feed_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(JSON_FEED_SCHEMA)


@pytest.mark.parametrize(("name", "what", "replacement"), BREAKAGES)
def test_the_validators_reject_a_broken_feed(name: str, what: str, replacement: str) -> None:
    """The rules bite: each single breakage of a valid golden is caught."""
    original = (GOLDEN / name).read_bytes()
    GOLDEN_CHECKS[name](original, f"{SITEURL}/{GOLDEN_FILES[name]}")
    broken = original.replace(what.encode(), replacement.encode(), 1)
    assert broken != original, f"{what!r} no está en {name}"
    with pytest.raises((AssertionError, etree.XMLSyntaxError, ValueError)):
        GOLDEN_CHECKS[name](broken, f"{SITEURL}/{GOLDEN_FILES[name]}")


def test_build_is_reproducible(golden_site: Path, tmp_path: Path) -> None:
    """Same content, same clock, another folder and moment: the same bytes (no wall-clock dates)."""
    shutil.copytree(golden_site.parent / "content", tmp_path / "content")
    # at least a second later than the first build, so a wall-clock timestamp cannot match by chance
    first_built = (golden_site / "sitemap.xml").stat().st_mtime
    time.sleep(max(0.0, first_built + 1.2 - time.time()))
    build_project(make_project(tmp_path, {}))
    for relative in GOLDEN_FILES.values():
        assert (tmp_path / "output" / relative).read_bytes() == (golden_site / relative).read_bytes(), (
            relative
        )


# --- the sample site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def muestra(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("muestra") / "output"
    build(ROOT / "pelican.conf.py", NOW, output)
    return output


def test_every_sample_feed_calendar_and_sitemap_passes_the_validator_rules(muestra: Path) -> None:
    kinds: dict[str, int] = {}
    for path in sorted(muestra.rglob("*")):
        relative = str(path.relative_to(muestra))
        url = f"{SITEURL}/{relative}"
        data = path.read_bytes() if path.is_file() else b""
        if relative.endswith(".podcast.xml"):
            check_podcast(data, url, muestra)
        elif relative.endswith(".rss.xml"):
            check_rss(data, url, muestra)
        elif relative.endswith(".atom.xml"):
            check_atom(data, url, muestra)
        elif relative.startswith("feeds/") and relative.endswith(".json"):
            check_json_feed(data, url, muestra)
        elif relative.endswith(".ics"):
            check_ics(data, url, muestra)
        elif relative.startswith("sitemap") and relative.endswith(".xml"):
            check_sitemap(data, url, muestra)
        else:
            continue
        kind = relative.rsplit("/", 1)[-1].split(".", 1)[1]
        kinds[kind] = kinds.get(kind, 0) + 1
    people = len(load_site(ROOT / "content").ref.people)
    assert kinds["rss.xml"] == kinds["atom.xml"] == 1 + 7 + 125 + people
    assert (kinds["json"], kinds["podcast.xml"], kinds["xml"]) == (1, 1, 1)
    assert kinds["ics"] >= 2


def test_sample_whole_site_feeds_hold_the_newest_public_items(muestra: Path) -> None:
    site = load_site(ROOT / "content")
    listed = sorted(
        (i for i in site.public_items(NOW) if not i.withdrawn), key=lambda i: i.fecha, reverse=True
    )[:50]
    assert len(listed) >= 40
    for relative in TODO:
        entries = read_feed(muestra, relative)
        assert {e.id for e in entries} == {tag_uri(i.id) for i in listed}, relative
        order = [e.published for e in entries]
        assert order == sorted(order, reverse=True), relative
        assert all(e.published == i.fecha for e in entries for i in listed if tag_uri(i.id) == e.id), relative


def test_sample_calendar_has_every_recent_conference_at_its_utc_instant(muestra: Path) -> None:
    site = load_site(ROOT / "content")
    expected = {
        f"{i.id}@ptedomex.example.org": i
        for i in site.public_items(NOW)
        if i.tipo.key == "conferencia" and i.evento and i.evento.inicio >= NOW - dt.timedelta(days=90)
    }
    assert len(expected) >= 3
    calendar = check_ics(
        (muestra / "calendario/conferencias.ics").read_bytes(), f"{SITEURL}/calendario/x", muestra
    )
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == set(expected)
    for uid, conference in expected.items():
        event, evento = events[uid], conference.evento
        assert evento is not None
        assert event_utc(calendar, event, "DTSTART") == evento.inicio.astimezone(dt.UTC), uid
        end = evento.fin or evento.inicio + dt.timedelta(hours=1)
        assert event_utc(calendar, event, "DTEND") == end.astimezone(dt.UTC), uid
        assert str(event["SUMMARY"]) == conference.titulo
        assert str(event["URL"]) == SITEURL + conference.url
        assert str(event["STATUS"]) == ("CANCELLED" if conference.withdrawn else "CONFIRMED")
        assert evento.municipio is not None
        own = muestra / f"calendario/municipios/{evento.municipio.slug}.ics"
        assert uid.encode() in own.read_bytes(), own


def test_every_sample_page_announces_the_site_feeds(muestra: Path) -> None:
    pages = sorted(str(p.relative_to(muestra)) for p in muestra.rglob("*.html"))
    assert len(pages) > 200
    for relative in pages:
        found = alternates(muestra, relative)
        for kind, url in SITE_FEED_TYPES.items():
            assert (kind, url) in found, (relative, kind)
