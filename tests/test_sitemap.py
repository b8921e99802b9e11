"""sitemap.xml (sitemaps.org protocol), its split into an index, and robots.txt."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pytest
from feedschema import NS, SITEMAP_NS, SITEURL, check_sitemap
from lxml import etree

from sitekit import NOW, build_project, item, make_project

SECTIONS = ("boletines", "actividades", "conferencias", "reportajes", "capsulas", "spots", "galerias")
FILES = {
    "boletines/2026/a.md": item(),
    "boletines/2026/b.md": item(
        id="2026-11-24-bolet", slug="segunda-nota", titulo="Segunda nota", fecha="2026-11-24 18:45"
    ),
    "actividades/2026/c.md": item(
        id="2026-10-02-actv1",
        slug="actividad-en-toluca",
        tipo="actividad",
        fecha="2026-10-02 12:00",
        municipios="[toluca]",
    ),
    "boletines/2026/retirado.md": item(
        id="2026-11-23-retir",
        slug="nota-retirada-zqxretiradozqx",
        fecha="2026-11-23 10:00",
        estado="retirado",
        motivo_retiro="Se retiró por un error en las cifras.",
    ),
    "boletines/2026/borrador.md": item(id="2026-11-25-borr1", slug="nota-zqxborradorzqx", estado="borrador"),
    "boletines/2026/programado.md": item(
        id="2026-11-25-progr", slug="nota-zqxembargozqx", estado="programado", embargo="2026-11-26 08:00:01"
    ),
}
PUBLISHED = {
    f"{SITEURL}/boletines/2026/11/alcaldesa-inaugura-clinica/": dt.datetime(
        2026, 11, 25, 10, 30, tzinfo=NOW.tzinfo
    ),
    f"{SITEURL}/boletines/2026/11/segunda-nota/": dt.datetime(2026, 11, 24, 18, 45, tzinfo=NOW.tzinfo),
    f"{SITEURL}/actividades/2026/10/actividad-en-toluca/": dt.datetime(2026, 10, 2, 12, 0, tzinfo=NOW.tzinfo),
}


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sitemap")
    build_project(make_project(root, FILES))
    return root / "output"


def urls(output: Path, relative: str = "sitemap.xml", max_urls: int = 50_000) -> dict[str, str | None]:
    """{loc: lastmod} of a urlset, validated."""
    root = check_sitemap((output / relative).read_bytes(), f"{SITEURL}/{relative}", output, max_urls)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset", relative
    return {
        u.findtext("sm:loc", namespaces=NS): u.findtext("sm:lastmod", namespaces=NS)
        for u in root.findall("sm:url", NS)
    }


def lastmod(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_sitemap_lists_public_pages_absolute_and_existing(sitio: Path) -> None:
    found = urls(sitio)
    assert f"{SITEURL}/" in found
    for section in SECTIONS:
        assert f"{SITEURL}/{section}/" in found, section
    for url, fecha in PUBLISHED.items():
        assert url in found, url
        if found[url] is not None:  # without git, an item's last change is its fecha
            assert lastmod(found[url]) == fecha, (url, found[url])
    assert not [
        u for u in found if "/feeds/" in u or "/tema/" in u or u.endswith(("404.html", ".xml", ".json"))
    ]


def test_withdrawn_drafts_and_embargoed_items_are_not_in_the_sitemap(sitio: Path) -> None:
    data = (sitio / "sitemap.xml").read_bytes()
    for absent in (b"zqxretiradozqx", b"zqxborradorzqx", b"zqxembargozqx"):
        assert absent not in data
    assert (
        sitio / "boletines/2026/11/nota-retirada-zqxretiradozqx/index.html"
    ).is_file()  # the page still exists
    assert not list(sitio.glob("sitemap-*.xml"))  # far below 50,000: one file, no index


def test_robots_txt_points_to_the_sitemap(sitio: Path) -> None:
    lines = (sitio / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://ptedomex.example.org/sitemap.xml" in lines
    assert not [line for line in lines if re.match(r"(?i)disallow:\s*/\s*$", line)]


def test_more_urls_than_the_limit_make_an_index(tmp_path: Path) -> None:
    conf = make_project(tmp_path, FILES)
    settings = conf.read_text(encoding="utf-8")
    build_project(conf)
    output = tmp_path / "output"
    everything = urls(output)
    total = len(everything)

    # exactly at the limit: still one urlset
    conf.write_text(settings + f"\nSITEMAP_MAX_URLS = {total}\n", encoding="utf-8")
    build_project(conf)
    assert urls(output, max_urls=total) == everything
    assert not list(output.glob("sitemap-*.xml"))

    conf.write_text(settings + "\nSITEMAP_MAX_URLS = 3\n", encoding="utf-8")
    build_project(conf)
    index = check_sitemap((output / "sitemap.xml").read_bytes(), f"{SITEURL}/sitemap.xml", output)
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    parts = [s.findtext("sm:loc", namespaces=NS) for s in index.findall("sm:sitemap", NS)]
    expected_parts = math.ceil(total / 3)
    assert parts == [f"{SITEURL}/sitemap-{n}.xml" for n in range(1, expected_parts + 1)]
    assert sorted(p.name for p in output.glob("sitemap-*.xml")) == sorted(
        f"sitemap-{n}.xml" for n in range(1, expected_parts + 1)
    )
    combined: dict[str, str | None] = {}
    for n in range(1, expected_parts + 1):
        part = urls(output, f"sitemap-{n}.xml", max_urls=3)
        assert 1 <= len(part) <= 3
        assert not set(part) & set(combined), f"sitemap-{n}.xml repite direcciones"
        combined |= part
    assert combined == everything
    for entry in index.findall("sm:sitemap", NS):
        stamp = entry.findtext("sm:lastmod", namespaces=NS)
        assert stamp is None or lastmod(stamp) <= NOW
    robots = (output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://ptedomex.example.org/sitemap.xml" in robots
    assert etree.fromstring((output / "sitemap-1.xml").read_bytes()).tag == f"{{{SITEMAP_NS}}}urlset"
