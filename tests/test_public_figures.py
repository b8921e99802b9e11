"""The public agenda (/agenda/) and the optional transparency page (/transparencia/), built from the
fixture content of reportkit: only what is public counts or shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from reportkit import AFTER_EMBARGO, LEVELS, NOW, files, report_project

from pressroom.exceptions import BuildError, ContentError
from pressroom.model.item import MEXICO_CITY
from sitekit import build_project, item, make_project

ON = "\nTRANSPARENCIA = True\n"


def settings(conf: Path, extra: str) -> Path:
    conf.write_text(conf.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return conf


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cifras")
    conf = settings(report_project(root, files()), ON)
    build_project(conf, NOW)
    return root


def page(root: Path, path: str) -> lxml.html.HtmlElement:
    tree: lxml.html.HtmlElement = lxml.html.fromstring((root / "output" / path).read_bytes())
    return tree


def find(doc: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements by `.class` or `.class tag`, or by XPath when the selector starts with '/'."""
    if selector.startswith("/"):
        found: list[lxml.html.HtmlElement] = doc.xpath(selector)
        return found
    name, _, tail = selector.partition(" ")
    path = f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name[1:]} ')]"
    found = doc.xpath(path + (f"//{tail}" if tail else ""))
    return found


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_the_agenda_lists_upcoming_announced_conferences_only(project: Path) -> None:
    agenda = page(project, "agenda/index.html")
    titles = [text(a) for a in find(agenda, ".agenda__titulo a")]
    assert titles == ["Conferencia de prensa 2026-11-20-conf7"]
    entry = find(agenda, ".agenda__item")[0]
    assert "jueves 10 de diciembre de 2026, 11:00" in text(entry)
    assert "Sede estatal del PT, Chalco" in text(entry)
    link = find(agenda, ".agenda__titulo a")[0].get("href")
    assert link == "/conferencias/2026/11/conferencia-2026-11-20-conf7/"
    raw = (project / "output/agenda/index.html").read_text(encoding="utf-8")
    for hidden in ("2026-11-25-conf8", "2026-02-01-conf4", "2026-03-01-conf5"):  # embargoed, withdrawn, draft
        assert hidden not in raw
    # linked from every page's footer, and listed in the sitemap
    home = page(project, "index.html")
    assert [a.get("href") for a in find(home, ".pie a") if "agenda" in a.get("href")] == ["/agenda/"]
    sitemap = (project / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "/agenda/</loc>" in sitemap and "/transparencia/</loc>" in sitemap


def test_an_embargoed_conference_joins_the_agenda_when_its_embargo_lifts(tmp_path: Path) -> None:
    chosen = {k: v for k, v in files().items() if k.startswith("conferencias/")}
    conf = make_project(tmp_path, chosen)
    build_project(conf, NOW)
    agenda = page(tmp_path, "agenda/index.html")
    assert [text(a) for a in find(agenda, ".agenda__titulo a")] == ["Conferencia de prensa 2026-11-20-conf7"]
    build_project(conf, AFTER_EMBARGO)  # a rebuild over the previous output: no page carried over stale
    agenda = page(tmp_path, "agenda/index.html")
    assert [text(a) for a in find(agenda, ".agenda__titulo a")] == [
        "Conferencia de prensa 2026-11-25-conf8",
        "Conferencia de prensa 2026-11-20-conf7",
    ]
    build_project(conf, dt.datetime(2026, 12, 10, 11, 1, tzinfo=MEXICO_CITY))  # both have started
    agenda = page(tmp_path, "agenda/index.html")
    assert find(agenda, ".agenda__titulo a") == []
    assert "No hay conferencias programadas por ahora." in text(agenda)
    assert not (tmp_path / "output/transparencia").exists()  # off by default
    assert "/transparencia/" not in (tmp_path / "output/index.html").read_text(encoding="utf-8")
    assert "/transparencia/" not in (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")


def test_the_transparency_page_shows_the_year_so_far(project: Path) -> None:
    doc = page(project, "transparencia/index.html")
    assert text(find(doc, "//h1")[0]) == "Transparencia: indicadores de 2026"
    goals = [
        [text(c) for c in row.xpath("th|td")]
        for row in find(doc, "//section[h2/@id='metas-titulo']/table/tbody/tr")
    ]
    assert goals == [
        ["Primer trimestre de 2026", "Conferencias de prensa", "2", "0", "4", "50 %"],
        ["Segundo trimestre de 2026", "Conferencias de prensa", "1", "0", "4", "25 %"],
        ["Tercer trimestre de 2026", "Conferencias de prensa", "0", "0", "4", "0 %"],
        # the embargoed conference of 3 December is not counted as announced: it is not public yet
        ["Cuarto trimestre de 2026", "Conferencias de prensa", "1", "1", "4", "25 %"],
        ["2026", "Conferencias de prensa", "4", "1", "12", "33 %"],
    ]
    months = {
        text(row.xpath("th")[0]): [text(c) for c in row.xpath("td")]
        for row in find(doc, "//section[h2/@id='meses-titulo']//table/tbody/tr")
    }
    #                        boletín actividad conferencia reportaje cápsula spot galería total
    assert months["Marzo"] == ["1", "0", "1", "0", "0", "0", "0", "2"]
    assert months["Octubre"] == ["0", "14", "1", "0", "0", "0", "0", "15"]
    assert months["Noviembre"] == [
        "0",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
    ]  # not the embargoed bulletin
    assert months["Diciembre"] == ["0"] * 8  # the conference of 10 December has not been held
    coverage = text(find(doc, "//section[h2/@id='cobertura-titulo']/p")[0])
    assert coverage.startswith(
        "En 2026, 4 de 125 municipios tienen al menos una publicación, y 1 publicación es para"
    )
    svg = find(doc, ".mapa-figura svg")[0]
    shapes = {p.get("data-clave"): (p.get("class") or "").split()[1] for p in svg.xpath(".//path")}
    assert len(shapes) == 125
    assert shapes["15106"] == "nivel-4"  # Toluca: 8 activities + 3 conferences in the year
    assert shapes["15099"] == "nivel-3"  # Texcoco: 2 bulletins + 1 conference + 3 activities = 6
    assert shapes["15120"] == "nivel-0"  # Zumpango: only embargoed items
    assert shapes["15033"] == "nivel-0"  # Ecatepec: only a withdrawn one
    assert sum(level != "nivel-0" for level in shapes.values()) == len(LEVELS)
    assert "Fuente: INEGI" in text(doc)
    weight = len((project / "output/transparencia/index.html").read_bytes())
    assert weight < 70_000  # page, map and charts inline; the CSS is shared with every page


def test_wrong_goal_or_switch_settings_stop_the_build(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    settings(conf, '\nMETAS = {"conferencia": {"trimestre": "4"}}\nTRANSPARENCIA = "sí"\n')
    with pytest.raises(BuildError) as error:
        build_project(conf)
    assert str(error.value).splitlines() == [
        "pelican.conf.py: METAS['conferencia']: 'trimestre' debe ser un número entero mayor que cero, no '4'",
        "pelican.conf.py: TRANSPARENCIA debe ser True o False, no 'sí'",
    ]


def test_a_page_cannot_take_the_agenda_address(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"paginas/agenda.md": "---\ntitulo: Agenda\nslug: agenda\n---\nTexto.\n"})
    with pytest.raises(ContentError) as error:
        build_project(conf)
    assert "el slug 'agenda' ya lo usa el sitio (/agenda/); elige otro" in str(error.value)


def test_without_the_outlines_the_transparency_page_is_a_clear_error(tmp_path: Path) -> None:
    conf = settings(make_project(tmp_path, {"boletines/2026/a.md": item()}), ON)
    with pytest.raises(BuildError) as error:
        build_project(conf)
    assert str(error.value) == (
        "content/datos/edomex_municipios.geojson: no existe; la página de transparencia dibuja con él el "
        "mapa de cobertura: restaura el archivo del repositorio o pon TRANSPARENCIA = False en pelican.conf.py"
    )
    assert not (tmp_path / "output").exists()


def test_figures_pages_are_carried_over_while_nothing_shown_changes(tmp_path: Path) -> None:
    """Ten minutes later nothing shown changes: an incremental build keeps the site. When the
    embargoed bulletin comes out (27 Nov 08:00) the transparency page is made again with it."""
    conf = settings(report_project(tmp_path, files()), ON)
    build_project(conf, NOW)
    before = text(page(tmp_path, "transparencia/index.html"))
    assert build_project(conf, NOW + dt.timedelta(minutes=10)).unchanged
    released = build_project(conf, dt.datetime(2026, 11, 27, 8, 0, tzinfo=MEXICO_CITY))
    assert not released.unchanged
    doc = page(tmp_path, "transparencia/index.html")
    november = find(doc, "//section[h2/@id='meses-titulo']//table/tbody/tr")[10]
    assert [text(c) for c in november.xpath("th|td")][:2] == ["Noviembre", "1"]  # the bulletin
    assert "Cifras actualizadas el 26 de noviembre de 2026" in before
    assert "Cifras actualizadas el 27 de noviembre de 2026" in text(doc)
