"""The build as a whole, on throwaway sites: privacy, clean rebuilds, fatal problems, safety."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import lxml.html
import pytest

from pressroom.exceptions import BuildError, ContentError
from sitekit import NOW, build_project, item, make_project, write_jpeg

DRAFT_MARK = "zqxborradorzqx"
EMBARGO_MARK = "zqxembargozqx"
FUTURE_MARK = "zqxfuturozqx"
CONTROL_MARK = "zqxpublicozqx"


def secret_item(mark: str, item_id: str, **fields: str) -> str:
    return item(
        id=item_id,
        titulo=f"Título {mark}",
        slug=f"nota-{mark}",
        body=f"Cuerpo {mark}",
        resumen=f"Resumen {mark}",
        imagen=f"{{archivo: imagenes/2026/11/{mark}.jpg, pie: Pie {mark}}}",
        etiquetas=f"[{mark}]",
        municipios="[toluca]",
        **fields,
    )


def all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]


def test_drafts_embargoed_and_future_items_leave_no_trace(tmp_path: Path) -> None:
    files = {
        "boletines/2026/control.md": secret_item(CONTROL_MARK, "2026-11-25-ctrl1"),
        "boletines/2026/borrador.md": secret_item(DRAFT_MARK, "2026-11-25-bor01", estado="borrador"),
        "boletines/2026/embargo.md": secret_item(
            EMBARGO_MARK, "2026-11-25-emb01", estado="programado", embargo="2026-11-26 08:00:01"
        ),
        "boletines/2026/futuro.md": secret_item(FUTURE_MARK, "2026-11-25-fut01", fecha="2026-12-01 09:00"),
    }
    marks = (DRAFT_MARK, EMBARGO_MARK, FUTURE_MARK)
    images = tuple(f"imagenes/2026/11/{m}.jpg" for m in (*marks, CONTROL_MARK))
    conf = make_project(tmp_path, files, images=images)
    result = build_project(conf)
    assert (result.published, result.held_back) == (1, 3)

    output = tmp_path / "output"
    hits = {
        mark: [
            str(path.relative_to(output)) for path, data in all_bytes(output) if mark.encode() in data.lower()
        ]
        for mark in (*marks, CONTROL_MARK)
    }
    names = [str(p.relative_to(output)) for p in output.rglob("*")]
    assert hits[DRAFT_MARK] == [] and hits[EMBARGO_MARK] == [] and hits[FUTURE_MARK] == []
    assert not [n for n in names if any(m in n for m in marks)]
    assert not (output / "drafts").exists()
    # the control item proves the search can find a marker where one exists
    assert "boletines/2026/11/nota-zqxpublicozqx/index.html" in hits[CONTROL_MARK]
    assert f"imagenes/2026/11/{CONTROL_MARK}-original.jpg" in names
    assert f"imagenes/2026/11/{CONTROL_MARK}.jpg" not in names  # the upload itself is never published
    # the held-back photos were not even processed: nothing of theirs waits in the image cache
    cached = (tmp_path / ".cache/imagenes/huellas.json").read_text(encoding="utf-8")
    assert CONTROL_MARK in cached and not [m for m in marks if m in cached]


def test_embargo_lifts_at_its_instant(tmp_path: Path) -> None:
    files = {
        "boletines/2026/embargo.md": item(estado="programado", embargo="2026-11-26 08:00"),
    }
    conf = make_project(tmp_path, files)
    page = tmp_path / "output/boletines/2026/11/alcaldesa-inaugura-clinica/index.html"
    build_project(conf, NOW - dt.timedelta(seconds=1))
    assert not page.exists()
    build_project(conf, NOW)
    assert page.exists()


def test_rebuild_is_clean_so_a_removed_item_disappears(tmp_path: Path) -> None:
    second = item(id="2026-11-24-zzzzz", slug="segunda-nota", titulo="Segunda nota")
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(), "boletines/2026/b.md": second})
    build_project(conf)
    page = tmp_path / "output/boletines/2026/11/segunda-nota/index.html"
    assert page.exists()
    (tmp_path / "content/boletines/2026/b.md").unlink()
    build_project(conf)
    assert not page.exists()
    assert "segunda-nota" not in (tmp_path / "output/index.html").read_text(encoding="utf-8")


def test_content_error_keeps_previous_output(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    build_project(conf)
    before = all_bytes(tmp_path / "output")
    bad = tmp_path / "content/boletines/2026/b.md"
    bad.write_text(item(id="2026-11-24-yyyyy", slug="otra", municipios="[Texcoko]"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        build_project(conf)
    assert [str(p) for p in error.value.problems] == [
        "content/boletines/2026/b.md:7: municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"
    ]
    assert all_bytes(tmp_path / "output") == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".output.nuevo-")
    ] == []  # no staging left


def test_a_pelican_warning_fails_the_build_and_keeps_output(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    build_project(conf)
    before = all_bytes(tmp_path / "output")
    # two pages claiming the same URL: Pelican only warns; here that is fatal
    conf.write_text(conf.read_text() + '\nARCHIVES_SAVE_AS = "index.html"\n', encoding="utf-8")
    with pytest.raises(BuildError):
        build_project(conf)
    assert all_bytes(tmp_path / "output") == before


def test_raw_html_is_sanitised(tmp_path: Path) -> None:
    body = (
        'Texto <script>alert("x")</script> con <a href="javascript:alert(1)">enlace</a> y '
        '<iframe src="https://evil.example.com/"></iframe><img src="https://tracker.example.com/p.gif">'
        '<strong onclick="x()">negritas</strong>\n\n## Subtítulo'
    )
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(body=body)})
    build_project(conf)
    html = (tmp_path / "output/boletines/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    assert "<strong>negritas</strong>" in html
    assert '<h2 id="subtitulo">Subtítulo</h2>' in html or "<h2>Subtítulo</h2>" in html
    for forbidden in ("<script>alert", "javascript:", "evil.example.com", "tracker.example.com", "onclick"):
        assert forbidden not in html


WITHDRAWN_MARK = "zqxretiradozqx"
SPOT_AUDIO = Path(__file__).resolve().parent.parent / "content/audio/2025/09/spot-simulacro.mp3"


def withdrawn_site(tmp_path: Path) -> Path:
    withdrawn = item(
        estado="retirado",
        motivo_retiro="Se retiró por un error en las cifras.",
        resumen=f"Resumen {WITHDRAWN_MARK}",
        body=f"Cuerpo {WITHDRAWN_MARK}",
        etiquetas=f"[{WITHDRAWN_MARK}]",
        imagen=f"{{archivo: imagenes/2026/11/{WITHDRAWN_MARK}.jpg, pie: Pie {WITHDRAWN_MARK}}}",
    )
    spot = item(
        id="2026-11-24-spot1",
        slug="spot-retirado",
        tipo="spot",
        municipios="[estatal]",
        personas=None,
        estado="retirado",
        motivo_retiro="Spot retirado.",
        resumen=f"Resumen del spot {WITHDRAWN_MARK}",
        audio=f"audio/2026/11/{WITHDRAWN_MARK}.mp3",
        body="",
    )
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": withdrawn,
        "spots/2026/b.md": spot,
        "boletines/2026/c.md": item(id="2026-11-20-ctrl1", slug="nota-vigente", fecha="2026-11-20 09:00"),
        f"audio/2026/11/{WITHDRAWN_MARK}.mp3": SPOT_AUDIO.read_bytes(),
    }
    conf = make_project(tmp_path, files, images=(f"imagenes/2026/11/{WITHDRAWN_MARK}.jpg",))
    build_project(conf)
    return tmp_path / "output"


def test_withdrawn_item_keeps_its_url_with_a_notice_and_leaves_listings(tmp_path: Path) -> None:
    output = withdrawn_site(tmp_path)
    page = (output / "boletines/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(encoding="utf-8")
    assert "Este contenido fue retirado" in page
    assert "Se retiró por un error en las cifras." in page
    assert "<h1>Alcaldesa de Texcoco inaugura clínica comunitaria</h1>" in page
    for listing in (
        "index.html",
        "boletines/index.html",
        "archivo/index.html",
        "municipios/texcoco/index.html",
    ):
        assert "alcaldesa-inaugura-clinica" not in (output / listing).read_text(encoding="utf-8")


def test_withdrawn_item_drops_its_retracted_content_everywhere(tmp_path: Path) -> None:
    """Body, summary, tags, photo, download, audio and its own card: none is published."""
    output = withdrawn_site(tmp_path)
    hits = [
        str(path.relative_to(output)) for path, data in all_bytes(output) if WITHDRAWN_MARK.encode() in data
    ]
    names = [str(p.relative_to(output)) for p in output.rglob("*") if WITHDRAWN_MARK in p.name]
    assert hits == [] and names == []
    assert not (output / "boletines/2026/11/alcaldesa-inaugura-clinica/tarjeta.jpg").exists()
    assert not (output / "spots/2026/11/spot-retirado/tarjeta.jpg").exists()
    spot = (output / "spots/2026/11/spot-retirado/index.html").read_text(encoding="utf-8")
    assert "Spot retirado." in spot and "<audio" not in spot and ".mp3" not in spot
    # the control item still has everything
    assert (output / "boletines/2026/11/nota-vigente/tarjeta.jpg").exists()
    assert (output / "imagenes/2026/11/clinica-original.jpg").exists()


def test_withdrawn_page_is_noindex_with_the_site_card_and_no_description(tmp_path: Path) -> None:
    output = withdrawn_site(tmp_path)
    page = lxml.html.fromstring(
        (output / "boletines/2026/11/alcaldesa-inaugura-clinica/index.html").read_bytes()
    )
    metas = {(m.get("name") or m.get("property")): m.get("content") for m in page.iter("meta")}
    assert metas["robots"] == "noindex"
    assert metas["og:image"] == "https://ptedomex.example.org/tema/img/tarjeta.jpg"
    assert metas["description"] == "Este contenido fue retirado. Se retiró por un error en las cifras."
    for gone in ("og:description", "twitter:description", "twitter:image", "og:image:alt", "article:tag"):
        assert gone not in metas, gone
    assert page.find(".//script[@type='application/ld+json']") is None
    assert page.find(".//title").text.startswith("Retirado: Alcaldesa de Texcoco")
    assert page.find(".//*[@class='nota__cuerpo']") is None and page.find(".//figure") is None
    assert "descargar" not in page.text_content().lower()
    # a listed item is indexable and keeps its own card and description
    listed = lxml.html.fromstring((output / "boletines/2026/11/nota-vigente/index.html").read_bytes())
    metas = {(m.get("name") or m.get("property")): m.get("content") for m in listed.iter("meta")}
    assert "robots" not in metas
    assert metas["og:image"] == "https://ptedomex.example.org/boletines/2026/11/nota-vigente/tarjeta.jpg"
    assert metas["og:description"] == "La clínica atenderá a tres mil familias de la zona oriente."


def test_only_media_of_published_items_is_copied(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()}, images=("imagenes/2026/11/suelta.jpg",))
    write_jpeg(tmp_path / "content/imagenes/otra/privada.jpg")
    build_project(conf)
    copied = sorted(
        str(p.relative_to(tmp_path / "output")) for p in (tmp_path / "output/imagenes").rglob("*")
    )
    assert copied == [
        "imagenes/2026",
        "imagenes/2026/11",
        "imagenes/2026/11/clinica-480.jpg",
        "imagenes/2026/11/clinica-480.webp",
        "imagenes/2026/11/clinica-640.jpg",
        "imagenes/2026/11/clinica-640.webp",
        "imagenes/2026/11/clinica-original.jpg",
    ]


def test_build_never_uses_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"la construcción intentó conectarse a la red: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    assert build_project(conf).published == 1


def test_municipality_and_person_pages_are_paginated(tmp_path: Path) -> None:
    files = {
        f"boletines/2026/n{n:02d}.md": item(
            id=f"2026-11-{n + 1:02d}-pag{n:02d}", slug=f"nota-{n:02d}", fecha=f"2026-11-{n + 1:02d} 09:00"
        )
        for n in range(23)
    }
    conf = make_project(tmp_path, files)
    conf.write_text(conf.read_text(encoding="utf-8") + "\nDEFAULT_PAGINATION = 10\n", encoding="utf-8")
    build_project(conf)
    output = tmp_path / "output"
    for base in ("municipios/texcoco", "personas/ana-perez"):
        pages = [
            output / base / "index.html",
            output / base / "pagina/2/index.html",
            output / base / "pagina/3/index.html",
        ]
        texts = [p.read_text(encoding="utf-8") for p in pages]
        assert [t.count('<article class="tarjeta">') for t in texts] == [10, 10, 3], base
        assert "nota-22" in texts[0] and "nota-00" in texts[2]  # newest first
        assert "Página 2 de 3" in texts[1]
        assert f'href="/{base}/pagina/2/"' in texts[0]
        assert not (output / base / "pagina/4").exists()


def test_a_slug_repeated_in_another_section_or_month_builds_each_at_its_own_address(tmp_path: Path) -> None:
    """A weekly title ("Conferencia semanal") gives the same slug every month: the address tells the
    notes apart, so the build must not read them as translations of each other."""
    conf = make_project(
        tmp_path,
        {
            "boletines/2026/10/a.md": item(
                id="2026-10-20-aaaaa", fecha="2026-10-20 10:00", slug="conferencia-semanal", titulo="Octubre"
            ),
            "boletines/2026/11/b.md": item(
                id="2026-11-20-bbbbb",
                fecha="2026-11-20 10:00",
                slug="conferencia-semanal",
                titulo="Noviembre",
            ),
            "actividades/2026/11/c.md": item(
                id="2026-11-21-ccccc",
                fecha="2026-11-21 10:00",
                slug="conferencia-semanal",
                titulo="Actividad",
                tipo="actividad",
            ),
        },
    )
    result = build_project(conf)
    assert result.published == 3
    titles = {
        page: lxml.html.parse(str(result.output / page)).findtext(".//h1")
        for page in (
            "boletines/2026/10/conferencia-semanal/index.html",
            "boletines/2026/11/conferencia-semanal/index.html",
            "actividades/2026/11/conferencia-semanal/index.html",
        )
    }
    assert [t.strip() if t else t for t in titles.values()] == ["Octubre", "Noviembre", "Actividad"]


def test_the_same_address_twice_is_refused_naming_both_files(tmp_path: Path) -> None:
    conf = make_project(
        tmp_path,
        {
            "boletines/2026/11/a.md": item(
                id="2026-11-20-aaaaa", fecha="2026-11-20 10:00", slug="conferencia"
            ),
            "boletines/2026/11/b.md": item(
                id="2026-11-21-bbbbb", fecha="2026-11-21 10:00", slug="conferencia"
            ),
        },
    )
    with pytest.raises(ContentError) as raised:
        build_project(conf)
    text = str(raised.value)
    assert "la dirección /boletines/2026/11/conferencia/ ya la usa content/boletines/2026/11/a.md" in text
    assert "content/boletines/2026/11/b.md:4: la dirección" in text  # the slug's line
