"""The subscription page: every feed and calendar, how to subscribe, in Spanish, from every page."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from sitekit import ROOT, build_project, item, make_project

MP3 = ROOT / "content/audio/2026/10/spot-vacunacion-invernal.mp3"
FILES: dict[str, str | bytes] = {
    "boletines/2026/a.md": item(),
    "conferencias/2026/c.md": item(
        id="2026-11-24-conf1",
        titulo="Conferencia de prensa sobre el presupuesto",
        slug="conferencia-presupuesto",
        fecha="2026-11-24 09:00",
        tipo="conferencia",
        municipios="[toluca]",
        personas="[luis-mora]",
        evento="{inicio: 2026-11-27 11:00, lugar: Sede estatal del PT, municipio: toluca}",
    ),
    "spots/2026/d.md": item(
        id="2026-11-10-spot1",
        titulo='"Spot: jornada de vacunación"',
        slug="spot-vacunacion",
        fecha="2026-11-10 07:00",
        tipo="spot",
        municipios="[estatal]",
        personas=None,
        audio="audio/2026/11/spot.mp3",
        body="",
    ),
    "audio/2026/11/spot.mp3": MP3.read_bytes(),
}
RFC822 = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun),|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|[+-]0[56]00\b"
)


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("suscripciones")
    build_project(make_project(root, FILES))
    return root / "output"


def page(output: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((output / "suscripciones/index.html").read_bytes())


def test_the_page_links_every_feed_and_the_calendar(sitio: Path) -> None:
    links = {a.get("href") for a in page(sitio).iter("a")}
    published = {"/" + str(p.relative_to(sitio)) for p in (sitio / "feeds").rglob("*") if p.is_file()}
    assert len(published) == 3 + 1 + 2 * (7 + 125 + 2)  # todo, podcast, types, municipalities, people
    # people's feeds (their number grows) are explained by their address pattern and linked from
    # each person's page; every other feed is linked here
    people = {p for p in published if p.startswith("/feeds/personas/")}
    assert len(people) == 4 and "/personas/" in links
    assert published - people - links == set()
    assert "/calendario/conferencias.ics" in links
    assert "webcal://ptedomex.example.org/calendario/conferencias.ics" in links
    for link in links:
        if link.startswith(("/feeds/", "/calendario/")):
            assert (sitio / link.lstrip("/")).is_file(), link


def test_each_address_is_shown_in_full_to_copy(sitio: Path) -> None:
    shown = [code.text_content() for code in page(sitio).iter("code")]
    for address in (
        "https://ptedomex.example.org/feeds/todo.rss.xml",
        "https://ptedomex.example.org/feeds/todo.atom.xml",
        "https://ptedomex.example.org/feeds/todo.json",
        "https://ptedomex.example.org/feeds/boletines.rss.xml",
        "https://ptedomex.example.org/feeds/spots.podcast.xml",
        "https://ptedomex.example.org/calendario/conferencias.ics",
    ):
        assert address in shown


def test_it_explains_how_to_subscribe_in_spanish_with_spanish_dates(sitio: Path) -> None:
    text = " ".join(page(sitio).find(".//main").text_content().split())
    for explained in (
        "Cómo suscribirte",
        "Agregar suscripción",
        "Seguir un programa por URL",
        "«Desde URL»",
        "Suscribirse desde la web",
        "Última publicación: 25 de noviembre de 2026",  # the whole site: the bulletin
        "Todavía sin publicaciones",  # e.g. the galleries
        "https://ptedomex.example.org/feeds/personas/persona.rss.xml",
    ):
        assert explained in text, explained
    assert RFC822.search(text) is None, RFC822.search(text)


def test_every_page_links_the_subscription_page_from_its_footer(sitio: Path) -> None:
    pages = sorted(sitio.rglob("*.html"))
    assert len(pages) > 140  # items, sections, the 125 municipalities, people, fixed pages
    for path in pages:
        footer = lxml.html.fromstring(path.read_bytes()).find(".//footer")
        assert footer is not None, path
        assert "/suscripciones/" in {a.get("href") for a in footer.iter("a")}, path


def test_the_page_is_in_the_sitemap_and_the_press_room_points_to_it(sitio: Path) -> None:
    assert "<loc>https://ptedomex.example.org/suscripciones/</loc>" in (sitio / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    press_room = lxml.html.fromstring((sitio / "sala-de-prensa/index.html").read_bytes())
    assert "/suscripciones/" in {a.get("href") for a in press_room.find(".//main").iter("a")}
