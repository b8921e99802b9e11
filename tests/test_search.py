"""The search index (Pagefind) built with the site: what is in it, and what never is.

Pagefind's files are gzip-compressed, so the leak tests elsewhere (plain bytes) cannot see inside
them: these tests decompress every file of the bundle and read its records.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from pressroom import search
from pressroom.exceptions import BuildError
from sitekit import build_project, item, make_project

SIGNATURE = b"pagefind_dcd"
CONTROL = "zqxpublicozqx"
SECRETS = {
    "borrador": "zqxborradorzqx",
    "embargo": "zqxembargozqx",
    "futuro": "zqxfuturozqx",
    "retirado": "zqxretiradozqx",
}
PAGE = """---
titulo: Acerca de este sitio
slug: acerca-de
---
Un sitio de muestra con personas inventadas.
"""


def bundle_bytes(output: Path) -> dict[str, bytes]:
    """Every file of the search bundle, decompressed where it is compressed."""
    found = {}
    for path in sorted((output / search.BUNDLE).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            found[str(path.relative_to(output))] = data
    return found


def fragments(output: Path) -> dict[str, dict[str, Any]]:
    """The indexed pages by URL: content, filters and meta as Pagefind stored them."""
    records = {}
    for data in bundle_bytes(output).values():
        if data.startswith(SIGNATURE) and data[len(SIGNATURE) :].lstrip().startswith(b"{"):
            record = json.loads(data[len(SIGNATURE) :])
            if "url" in record:
                records[record["url"]] = record
    return records


def secret(kind: str, mark: str, item_id: str, **fields: str) -> str:
    return item(
        id=item_id,
        titulo=f"Título {mark}",
        slug=f"nota-{mark}",
        body=f"Cuerpo {mark}",
        resumen=f"Resumen {mark}",
        municipios="[toluca]",
        **fields,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("buscador")
    files = {
        "boletines/2026/control.md": item(
            id="2026-11-25-ctrl1",
            titulo=f"Jornada de vacunación {CONTROL}",
            slug=f"nota-{CONTROL}",
            body=f"Cuerpo {CONTROL} con vacunación en Texcoco.",
            municipios="[texcoco, Valle de Chalco Solidaridad]",
        ),
        "actividades/2026/estatal.md": item(
            id="2026-11-24-estat",
            tipo="actividad",
            titulo="Recorrido estatal",
            slug="recorrido-estatal",
            fecha="2026-11-24 09:00",
            municipios="[estatal]",
        ),
        "boletines/2026/borrador.md": secret(
            "borrador", SECRETS["borrador"], "2026-11-25-bor01", estado="borrador"
        ),
        "boletines/2026/embargo.md": secret(
            "embargo",
            SECRETS["embargo"],
            "2026-11-25-emb01",
            estado="programado",
            embargo="2026-11-26 08:00:01",
        ),
        "boletines/2026/futuro.md": secret(
            "futuro", SECRETS["futuro"], "2026-11-25-fut01", fecha="2026-12-01 09:00"
        ),
        "boletines/2026/retirado.md": secret(
            "retirado",
            SECRETS["retirado"],
            "2026-11-20-ret01",
            fecha="2026-11-20 09:00",
            estado="retirado",
            motivo_retiro="Error en las cifras.",
        ),
        "paginas/acerca-de.md": PAGE,
    }
    conf = make_project(root, files)
    build_project(conf)
    return root / "output"


def test_the_bundle_is_in_the_site(site: Path) -> None:
    assert (site / "pagefind/pagefind.js").is_file()
    assert list((site / "pagefind").glob("wasm.*.pagefind"))
    assert list((site / "pagefind").glob("pagefind.*.pf_meta"))


def test_drafts_embargoed_future_and_withdrawn_items_are_never_indexed(site: Path) -> None:
    everything = bundle_bytes(site)
    assert everything
    for kind, mark in SECRETS.items():
        hits = [name for name, data in everything.items() if mark[:10].encode() in data.lower()]
        assert hits == [], kind
    # the control proves the search can see a marker inside the index where one exists
    assert [n for n, d in everything.items() if CONTROL.encode() in d and "fragment" in n]
    assert [n for n, d in everything.items() if CONTROL[:10].encode() in d and "index" in n]


def test_what_is_indexed_and_what_is_not(site: Path) -> None:
    urls = set(fragments(site))
    municipalities = {u for u in urls if u.startswith("/municipios/")}
    people = {u for u in urls if u.startswith("/personas/")}
    assert len(municipalities) == 125
    assert people == {"/personas/ana-perez/", "/personas/luis-mora/"}
    assert urls - municipalities - people == {
        f"/boletines/2026/11/nota-{CONTROL}/",
        "/actividades/2026/11/recorrido-estatal/",
        "/acerca-de/",
        "/sala-de-prensa/",
        "/suscripciones/",  # its introduction and instructions: "suscribirse" finds it
    }
    # never: home, listings, archives, tags, the search page itself, 404
    assert not urls & {"/", "/boletines/", "/archivo/", "/municipios/", "/personas/", "/buscar/", "/404.html"}


def test_navigation_footer_and_page_furniture_are_not_indexed(site: Path) -> None:
    record = fragments(site)[f"/boletines/2026/11/nota-{CONTROL}/"]
    content = record["content"]
    assert f"Cuerpo {CONTROL} con vacunación en Texcoco." in content
    for furniture in (
        "Saltar al contenido",  # skip link
        "Menú",  # navigation
        "Actividades municipales",
        "Aviso de privacidad",  # footer
        "Contenido de muestra",
        "Inicio",  # breadcrumbs
        "Compartir",  # share links
        "WhatsApp",
        "Descargar en alta resolución",
        "Buscar",  # the header search box
    ):
        assert furniture not in content, furniture


def test_filters_meta_and_sort_of_an_item(site: Path) -> None:
    records = fragments(site)
    control = records[f"/boletines/2026/11/nota-{CONTROL}/"]
    assert control["filters"] == {
        "tipo": ["Boletín"],
        "municipio": ["Texcoco", "Valle de Chalco Solidaridad"],
    }
    meta = control["meta"]
    assert meta["title"] == f"Jornada de vacunación {CONTROL}"
    assert meta["tipo"] == "Boletín"
    assert meta["fecha"] == "25 nov 2026"
    assert meta["fecha_iso"] == "2026-11-25T10:30:00-06:00"
    assert re.fullmatch(r"/imagenes/2026/11/clinica-\d+\.jpg", meta["miniatura"])
    statewide = records["/actividades/2026/11/recorrido-estatal/"]
    assert statewide["filters"] == {"tipo": ["Actividad municipal"], "municipio": ["Todo el estado"]}
    assert "miniatura" not in statewide["meta"]
    texcoco = records["/municipios/texcoco/"]
    assert texcoco["filters"] == {"municipio": ["Texcoco"]}
    assert texcoco["meta"]["tipo"] == "Municipio"
    # the municipality page must not borrow the caption of an item listed on it (meta is searchable)
    assert texcoco["meta"]["image_alt"] == "Texcoco"
    # the date is a sort key: an integer timestamp, so it sorts across time zone offsets
    html = (site / f"boletines/2026/11/nota-{CONTROL}/index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-sort="fecha">1795624200</span>' in html


def test_search_page_and_header_box(site: Path) -> None:
    page = (site / "buscar/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, follow">' in page
    assert 'src="/tema/js/buscar.js"' in page and 'type="module"' in page
    assert '<form class="busqueda" role="search"' in page
    assert 'name="tipo"' in page and 'name="municipio"' in page
    noscript = page[page.index("<noscript>") : page.index("</noscript>")]
    assert 'href="/archivo/"' in noscript
    assert (site / "tema/js/buscar.js").is_file()
    for html in [site / "index.html", site / "404.html", site / "municipios/texcoco/index.html"]:
        text = html.read_text(encoding="utf-8")
        assert (
            '<form class="buscador" role="search" aria-label="Sitio" action="/buscar/" method="get"' in text
        )
        assert 'name="q"' in text


def test_a_failing_indexer_fails_the_build_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    build_project(conf)
    before = sorted(p.relative_to(tmp_path / "output") for p in (tmp_path / "output").rglob("*"))
    monkeypatch.setattr(search, "executable", lambda: Path("/bin/false"))
    new = item(id="2026-11-25-nueva", slug="otra-nota", titulo="Otra nota")  # something to index
    (tmp_path / "content/boletines/2026/b.md").write_text(new, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build_project(conf)
    assert str(error.value).startswith("el índice de búsqueda (Pagefind) falló con código 1")
    after = sorted(p.relative_to(tmp_path / "output") for p in (tmp_path / "output").rglob("*"))
    assert after == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".output.nuevo-")
    ] == []  # no staging left


def test_pages_without_a_marked_body_are_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="es-MX"><head><title>x</title></head>'
        "<body><nav>Menú</nav><main>Hola</main></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as error:
        search.index(tmp_path)
    assert "data-pagefind-body" in str(error.value)


def test_summary_reads_pagefinds_closing_lines() -> None:
    log = "Total: \n  Indexed 1 language\n  Indexed 194 pages\n  Indexed 1675 words\n  Indexed 2 filters\n  Indexed 1 sort\n"
    found = search.summary(log, Path("x"))
    assert (found.pages, found.words, found.filters, found.sorts) == (194, 1675, 2, 1)


def test_the_binary_is_the_extended_one_from_the_wheel() -> None:
    path = search.executable()
    assert path.name == "pagefind_extended"
    assert "site-packages" in path.parts


def test_a_municipality_or_person_listed_on_several_pages_is_indexed_once(tmp_path: Path) -> None:
    """Their heading is what is indexed: page 2 of a listing would be the same result again."""
    files = {
        f"boletines/2026/n{n}.md": item(
            id=f"2026-11-2{n}-pagi{n}", slug=f"nota-{n}", titulo=f"Nota {n}", fecha=f"2026-11-2{n} 10:00"
        )
        for n in range(5)
    }
    conf = make_project(tmp_path, files)
    conf.write_text(conf.read_text(encoding="utf-8") + "\nDEFAULT_PAGINATION = 2\n", encoding="utf-8")
    build_project(conf)
    output = tmp_path / "output"
    assert (output / "municipios/texcoco/pagina/3/index.html").is_file()
    assert (output / "personas/ana-perez/pagina/3/index.html").is_file()
    urls = sorted(fragments(output))
    assert [u for u in urls if u.startswith("/municipios/texcoco/")] == ["/municipios/texcoco/"]
    assert [u for u in urls if u.startswith("/personas/ana-perez/")] == ["/personas/ana-perez/"]
