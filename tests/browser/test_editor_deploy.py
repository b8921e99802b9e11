"""EDITOR_EN_SITIO = True: /admin/ goes online with the site, saving through the git host, with
Decap from node_modules, and still nothing private in the output."""

from __future__ import annotations

from pathlib import Path

import yaml
from browserkit import require_editor

from pressroom.build import build
from sitekit import NOW, ROOT, item, make_project

MARKER = "CONTACTO-PRIVADO-4c1d2"
SETTINGS = """
EDITOR_EN_SITIO = True
EDITOR_BACKEND = {"name": "gitlab", "repo": "oficina/sitio", "branch": "main", "auth_type": "pkce", "app_id": "abc123"}
EDITOR_FLUJO_EDITORIAL = True
"""


def test_the_admin_goes_online_when_asked(tmp_path: Path) -> None:
    require_editor()
    conf = make_project(tmp_path, {"boletines/2026/x.md": item(), "datos/contactos.yml": f"- {MARKER}\n"})
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "publish").mkdir()
    (tmp_path / "publish/contactos.yml").write_text(f"- correo: {MARKER}@example.org\n", encoding="utf-8")
    with conf.open("a", encoding="utf-8") as settings:
        settings.write(SETTINGS)
    output = build(conf, NOW).output
    admin = output / "admin"
    assert (admin / "index.html").is_file()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "branch": "main",
        "name": "gitlab",
        "repo": "oficina/sitio",
        "auth_type": "pkce",
        "app_id": "abc123",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config and "proxy_url" not in str(config)
    decap = ROOT / "node_modules/decap-cms/dist"
    assert (admin / "decap/decap-cms.js").read_bytes() == (decap / "decap-cms.js").read_bytes()
    chunks = {p.name for p in decap.glob("*.decap-cms.js")}
    assert chunks and chunks <= {p.name for p in (admin / "decap").iterdir()}
    assert "Disallow: /admin/" in (output / "robots.txt").read_text(encoding="utf-8")
    assert "/admin/" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    for path in output.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
