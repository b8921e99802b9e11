"""Earlier addresses: after a slug changes, links already posted and emailed keep working.

A note lists its earlier addresses in `direcciones_anteriores`; the build writes a redirect page at
each (meta refresh and rel=canonical to the new address, noindex, a Spanish sentence with a link),
lists only the new address in the sitemap and the earlier ones in the manifest (`anteriores`).
Pages are parsed back with lxml, an independent HTML parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from sitekit import NOW, build_project, item, make_project

SITE = "https://ptedomex.example.org"
NEW = "/boletines/2026/11/clinica-de-texcoco/"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sitio")
    conf = make_project(
        root,
        {
            "boletines/2026/renombrada.md": item(
                slug="clinica-de-texcoco",
                direcciones_anteriores=(
                    "[/boletines/2026/11/alcaldesa-inaugura-clinica, /noticias/2019/clinica.html]"
                ),
            ),
            "boletines/2026/retirada.md": item(
                id="2026-11-24-retir",
                slug="cifras-corregidas",
                fecha="2026-11-24 09:00",
                estado="retirado",
                motivo_retiro="Se retiró por un error en las cifras.",
                direcciones_anteriores="[/boletines/2026/11/cifras]",
            ),
            "boletines/2026/embargada.md": item(
                id="2026-11-25-embar",
                slug="anuncio-embargado",
                estado="programado",
                embargo="2026-11-27 08:00",
                direcciones_anteriores="[/boletines/2026/11/anuncio-secreto]",
            ),
        },
    )
    build_project(conf, NOW)
    return root / "output"


def redirect_page(output: Path, relative: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((output / relative).read_bytes())


@pytest.mark.parametrize(
    "relative", ["boletines/2026/11/alcaldesa-inaugura-clinica/index.html", "noticias/2019/clinica.html"]
)
def test_each_earlier_address_sends_readers_and_search_engines_to_the_new_one(
    output: Path, relative: str
) -> None:
    page = redirect_page(output, relative)
    assert page.get("lang") == "es"
    [refresh] = page.xpath('//meta[@http-equiv="refresh"]')
    assert refresh.get("content") == f"0; url={NEW}"
    assert page.xpath('//link[@rel="canonical"]/@href') == [SITE + NEW]
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    [link] = page.xpath("//main//a")
    assert (link.get("href"), link.text) == (NEW, SITE + NEW)
    text = " ".join(page.xpath("//main")[0].text_content().split())
    assert text.startswith(
        "Esta nota cambió de dirección «Alcaldesa de Texcoco inaugura clínica comunitaria» ahora está en"
    )
    assert not page.xpath("//*[@data-pagefind-body]")  # never a search result
    assert (output / NEW.strip("/") / "index.html").is_file()


def test_a_withdrawn_note_keeps_its_earlier_address_too(output: Path) -> None:
    page = redirect_page(output, "boletines/2026/11/cifras/index.html")
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"{SITE}/boletines/2026/11/cifras-corregidas/"]


def test_an_embargoed_note_s_earlier_address_appears_with_it(tmp_path: Path, output: Path) -> None:
    assert not (output / "boletines/2026/11/anuncio-secreto").exists()
    assert b"anuncio" not in b"".join(p.read_bytes() for p in output.rglob("*.html"))
    conf = make_project(
        tmp_path,
        {
            "boletines/2026/embargada.md": item(
                id="2026-11-25-embar",
                slug="anuncio-embargado",
                estado="programado",
                embargo="2026-11-27 08:00",
                direcciones_anteriores="[/boletines/2026/11/anuncio-secreto]",
            )
        },
    )
    build_project(conf, NOW.replace(day=27))
    page = redirect_page(tmp_path / "output", "boletines/2026/11/anuncio-secreto/index.html")
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"{SITE}/boletines/2026/11/anuncio-embargado/"]


def test_only_the_new_address_is_in_the_sitemap_and_the_manifest_lists_the_earlier_ones(output: Path) -> None:
    sitemap = etree.fromstring((output / "sitemap.xml").read_bytes())
    urls = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert SITE + NEW in urls
    assert not [u for u in urls if "alcaldesa-inaugura-clinica" in u or "noticias" in u or "cifras" in u]
    manifest = json.loads((output / ".publicacion/manifiesto.json").read_text(encoding="utf-8"))
    [record] = [r for r in manifest["elementos"] if r["ruta"] == NEW]
    assert record["anteriores"] == [
        "/boletines/2026/11/alcaldesa-inaugura-clinica/",
        "/noticias/2019/clinica.html",
    ]
