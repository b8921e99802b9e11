"""Stories: the same wire story from three outlets is one story with three sources; different
stories stay apart; the day's synthesis page groups them by reach and topic, privately."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from feedkit import FeedServer, Office, Route, atom, mexico, office, outlet, rss
from lxml import html

from pressroom.model.item import MEXICO_CITY
from publish.synthesis.compose import Synthesis
from publish.synthesis.daily import collect, make_synthesis, open_context, window_for

NOW = dt.datetime(2026, 11, 25, 7, 0, tzinfo=MEXICO_CITY)
WIRE = "Alcaldesa de Texcoco inaugura clínica comunitaria con apoyo del PT"


def item(title: str, link: str, hour: int, summary: str = "") -> dict[str, str]:
    return {"title": title, "link": link, "description": summary, "pubDate": mexico(24, hour)}


FEEDS = {
    "/nacional.xml": rss(
        [
            item(
                WIRE,
                "https://nacional.example.org/estados/clinica-texcoco?utm_source=rss",
                10,
                "Nota de agencia.",
            ),
            item(
                "Alcaldesa de Chalco inaugura biblioteca pública", "https://nacional.example.org/chalco", 11
            ),
            item("Cae el peso frente al dólar", "https://nacional.example.org/economia", 12),
        ]
    ),
    "/estatal.atom": atom(
        [
            {
                "title": "Inaugura alcaldesa de Texcoco clínica comunitaria con apoyo del PT",
                "link": "https://estatal.example.org/texcoco/clinica",
                "summary": "La clínica atenderá a tres mil familias.",
                "updated": "2026-11-24T17:30:00Z",
            },
            {
                "title": "Denuncian corrupción en obra de Ecatepec; el PT pide investigar",
                "link": "https://estatal.example.org/ecatepec/obra",
                "summary": "Vecinos acusan desvío de recursos.",
                "updated": "2026-11-24T19:00:00Z",
            },
        ]
    ),
    "/local.xml": rss(
        [
            item(
                "Texcoco: alcaldesa inaugura clínica comunitaria, con apoyo del PT",
                "https://local.example.org/a/",
                12,
            ),
            # the same article twice in the feed, once with tracking parameters
            item(
                "Texcoco: alcaldesa inaugura clínica comunitaria, con apoyo del PT",
                "https://local.example.org/a?utm_medium=x",
                12,
            ),
            item("Héctor Salgado recorre mercados de Texcoco", "https://local.example.org/b", 13),
        ]
    ),
}
OUTLETS = [
    ("El Diario Nacional (ejemplo)", "/nacional.xml", "nacional", ""),
    ("Heraldo Mexiquense (ejemplo)", "/estatal.atom", "estatal", ""),
    ("La Voz del Oriente (ejemplo)", "/local.xml", "local", "texcoco"),
]


@dataclass
class Ran:
    project: Office
    synthesis: Synthesis
    page: Path


@pytest.fixture
def ran(tmp_path: Path) -> Ran:
    routes = {
        path: Route(
            body, content_type="application/atom+xml" if path.endswith("atom") else "application/rss+xml"
        )
        for path, body in FEEDS.items()
    }
    with FeedServer(routes).running() as server:
        listed = "".join(outlet(n, [server.url(p)], alcance=a, municipios=m) for n, p, a, m in OUTLETS)
        listed += outlet("Gaceta Caída (ejemplo)", [server.url("/caida.xml")])
        project = office(tmp_path, listed)
        context = open_context(project.load())
        try:
            collected = collect(context, NOW)
            synthesis, page = make_synthesis(context, window_for(context.store, NOW), NOW, collected.cards)
        finally:
            context.close()
    return Ran(project, synthesis, page)


def test_one_story_from_three_outlets_is_one_story_with_three_sources(ran: Ran) -> None:
    synthesis = ran.synthesis
    by_title = {s.titulo: s for s in synthesis.stories}
    wire = by_title[WIRE]
    assert wire.outlets == (
        "El Diario Nacional (ejemplo)",
        "Heraldo Mexiquense (ejemplo)",
        "La Voz del Oriente (ejemplo)",
    )
    assert [n.enlace_original for n in wire.notes] == [
        "https://nacional.example.org/estados/clinica-texcoco?utm_source=rss",
        "https://estatal.example.org/texcoco/clinica",
        "https://local.example.org/a/",
    ]
    assert wire.alcance == "nacional"  # told by a national outlet: national news
    assert wire.fecha == dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)  # the earliest publication
    # different stories stay apart, though they share words with the wire story
    assert "Alcaldesa de Chalco inaugura biblioteca pública" in by_title
    assert sum(len(s.notes) for s in synthesis.stories) == 6
    assert "Cae el peso frente al dólar" not in by_title  # not about the party, its people or a municipality


def test_the_page_groups_by_reach_and_topic(ran: Ran) -> None:
    project, synthesis, page = ran.project, ran.synthesis, ran.page
    assert page == project.root / "estado/sintesis/2026/11/sintesis-2026-11-25.html"
    assert page.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert not list((project.root / "output").rglob("*"))
    tree = html.fromstring(page.read_bytes())
    outline = []
    for element in tree.iter("h2", "h3", "h4"):
        outline.append((element.tag, element.text_content().strip()))
    assert outline == [
        ("h2", "Nacional"),
        ("h3", "El partido"),
        ("h4", WIRE),
        ("h3", "Municipios"),
        ("h4", "Alcaldesa de Chalco inaugura biblioteca pública"),
        ("h2", "Estatal"),
        ("h3", "El partido"),
        ("h4", "Denuncian corrupción en obra de Ecatepec; el PT pide investigar"),
        ("h2", "Local"),
        ("h3", "Nuestra gente"),
        ("h4", "Héctor Salgado recorre mercados de Texcoco"),
        ("h2", "Fuentes con problemas"),
    ]
    wire = tree.get_element_by_id(f"nota-{next(s.id for s in synthesis.stories if s.titulo == WIRE)}")
    sources = wire.find_class("fuentes")[0]
    assert [a.text for a in sources.iter("a")] == [
        "El Diario Nacional (ejemplo)",
        "Heraldo Mexiquense (ejemplo)",
        "La Voz del Oriente (ejemplo)",
    ]
    denuncia = next(a for a in tree.iter("article") if "Ecatepec" in a.text_content())
    assert (
        "Tono sugerido: negativo (positivas: —; negativas: denunci*, corrup*, acus*, desví*, investig*)"
        in " ".join(denuncia.text_content().split())
    )
    problems = [" ".join(li.text_content().split()) for li in tree.find_class("problemas")[0].iter("li")]
    assert len(problems) == 1 and problems[0].startswith(
        "Gaceta Caída (ejemplo): la dirección del feed no existe (HTTP 404)"
    )
    assert problems[0].endswith("en medios.yml:21)")
    assert not tree.xpath("//script")
