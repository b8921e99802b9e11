"""The whole sample site, built as a newcomer would see it."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from pressroom.build import BuildResult, build
from pressroom.content import Site, load_site
from pressroom.dates import long_datetime
from sitekit import NOW, ROOT

ENGLISH_DATES = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    output = tmp_path_factory.mktemp("sitio") / "output"
    return output, build(ROOT / "pelican.conf.py", NOW, output)


def pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def test_sample_content_is_valid_and_rich_enough(site: Site) -> None:
    assert [str(p) for p in site.problems] == []
    public = site.public_items(NOW)
    assert len(public) >= 40
    assert {i.tipo.key for i in public} == {
        "boletin",
        "actividad",
        "conferencia",
        "reportaje",
        "capsula",
        "spot",
        "galeria",
    }
    assert len({m.slug for i in public for m in i.municipios}) >= 15
    months = {(i.fecha.year, i.fecha.month) for i in site.items}
    first, last = min(months), max(months)
    assert (last[0] - first[0]) * 12 + last[1] - first[1] >= 17
    states = [i.estado for i in site.items]
    assert states.count("borrador") >= 1
    assert any(i.estado == "programado" and i.embargo and i.embargo > NOW for i in site.items)


def test_all_125_municipality_pages(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    rows = list(csv.DictReader((ROOT / "content/datos/municipios_edomex.csv").open(encoding="utf-8")))
    assert len(rows) == 125
    index = (output / "municipios/index.html").read_text(encoding="utf-8")
    for row in rows:
        page = output / "municipios" / row["slug"] / "index.html"
        assert page.exists(), row["slug"]
        assert html.escape(row["nombre"], quote=False) in page.read_text(encoding="utf-8")
        assert f'href="/municipios/{row["slug"]}/"' in index


def test_every_published_item_has_its_page_with_spanish_date(
    site: Site, built: tuple[Path, BuildResult]
) -> None:
    output, result = built
    public = site.public_items(NOW)
    assert result.published == len(public)
    for item in public:
        page = output / item.url.lstrip("/") / "index.html"
        text = page.read_text(encoding="utf-8")
        assert html.escape(item.titulo, quote=False) in text, item.path
        assert long_datetime(item.fecha) in text, item.path
    assert re.search(
        r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de \w+ de 20\d\d, \d\d:\d\d", text
    )


def test_items_not_yet_public_are_absent(site: Site, built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    held = [i for i in site.items if not i.is_public(NOW)]
    assert held
    everything = b"\n".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
    for item in held:
        assert item.slug.encode() not in everything, item.path
        assert item.id.encode() not in everything, item.path
        assert not (output / item.url.lstrip("/")).exists()


def test_every_page_is_spanish(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    found = pages(output)
    assert len(found) > 200
    for page in found:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="es-MX"' in text, page
        assert not ENGLISH_DATES.search(text), (page, ENGLISH_DATES.search(text))


def test_sections_archive_and_press_room_exist(built: tuple[Path, BuildResult]) -> None:
    output, _ = built
    for path in (
        "index.html",
        "404.html",
        "boletines/index.html",
        "actividades/index.html",
        "conferencias/index.html",
        "reportajes/index.html",
        "capsulas/index.html",
        "spots/index.html",
        "galerias/index.html",
        "archivo/index.html",
        "personas/index.html",
        "sala-de-prensa/index.html",
        "agenda/index.html",
        "acerca-de/index.html",
    ):
        assert (output / path).exists(), path
    assert not (output / "transparencia").exists()  # TRANSPARENCIA is off in the sample settings
    about = (output / "acerca-de/index.html").read_text(encoding="utf-8")
    assert "ficticia" in about or "inventad" in about
