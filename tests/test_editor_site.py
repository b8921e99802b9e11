"""The web editor is not part of the public site unless EDITOR_EN_SITIO says so."""

from __future__ import annotations

from pathlib import Path

from pressroom.build import build
from pressroom.content import load_site
from sitekit import NOW, item, make_project


def test_no_admin_in_the_site_by_default(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/x.md": item()})
    assert "\nEDITOR_EN_SITIO = False\n" in conf.read_text(encoding="utf-8")  # the shipped setting
    output = build(conf, NOW).output
    assert not (output / "admin").exists()
    assert "Disallow" not in (output / "robots.txt").read_text(encoding="utf-8")


def test_a_page_cannot_take_the_admin_address(tmp_path: Path) -> None:
    make_project(tmp_path, {"paginas/admin.md": "---\ntitulo: Administración\nslug: admin\n---\nTexto.\n"})
    problems = [str(p) for p in load_site(tmp_path / "content").problems]
    assert problems == [
        "content/paginas/admin.md:1: el slug 'admin' ya lo usa el sitio (/admin/); elige otro"
    ]
