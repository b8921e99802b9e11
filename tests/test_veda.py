"""Veda windows hold matching items back and release them when the window closes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pressroom.exceptions import BuildError
from sitekit import NOW, build_project, item, make_project

VEDA = (
    '\nVEDAS = [{"desde": "2026-11-01 00:00", "hasta": "2026-12-01 00:00", '
    '"tipos": ["actividad"], "motivo": "Veda electoral de prueba"}]\n'
)


def project(tmp_path: Path) -> Path:
    files = {
        "actividades/2026/a.md": item(
            id="2026-11-20-act01", tipo="actividad", slug="actividad-en-veda", fecha="2026-11-20 10:00"
        ),
        "actividades/2026/b.md": item(
            id="2026-10-20-act02", tipo="actividad", slug="actividad-anterior", fecha="2026-10-20 10:00"
        ),
        "boletines/2026/c.md": item(id="2026-11-20-bol01", slug="boletin-en-veda", fecha="2026-11-20 10:00"),
    }
    conf = make_project(tmp_path, files)
    conf.write_text(conf.read_text(encoding="utf-8") + VEDA, encoding="utf-8")
    return conf


def test_veda_holds_matching_items_until_the_window_closes(tmp_path: Path) -> None:
    conf = project(tmp_path)
    output = tmp_path / "output"
    result = build_project(conf, NOW)
    assert [path for path, _ in result.veda] == ["content/actividades/2026/a.md"]
    assert result.veda[0][1].motivo == "Veda electoral de prueba"
    assert not (output / "actividades/2026/11/actividad-en-veda").exists()
    assert (output / "actividades/2026/10/actividad-anterior/index.html").exists()  # dated before
    assert (output / "boletines/2026/11/boletin-en-veda/index.html").exists()  # other type
    manifest = (output / ".publicacion/manifiesto.json").read_text(encoding="utf-8")
    assert "2026-11-20-act01" not in manifest

    closed = dt.datetime(2026, 12, 1, 0, 0, tzinfo=NOW.tzinfo)
    build_project(conf, closed - dt.timedelta(seconds=1))
    assert not (output / "actividades/2026/11/actividad-en-veda").exists()
    result = build_project(conf, closed)
    assert result.veda == ()
    assert (output / "actividades/2026/11/actividad-en-veda/index.html").exists()
    assert "2026-11-20-act01" in (output / ".publicacion/manifiesto.json").read_text(encoding="utf-8")


def test_a_wrong_veda_is_a_clear_error(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    bad = '\nVEDAS = [{"desde": "2026-12-01", "hasta": "2026-11-01", "tipos": ["actos"], "motivo": ""}]\n'
    conf.write_text(conf.read_text(encoding="utf-8") + bad, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build_project(conf)
    assert str(error.value).splitlines() == [
        "pelican.conf.py: veda 1: 'tipos' debe ser una lista de tipos (boletin, actividad, conferencia, "
        "reportaje, capsula, spot, galeria)",
        "pelican.conf.py: veda 1: falta 'motivo' (se muestra al construir)",
        "pelican.conf.py: veda 1: 'hasta' debe ser después de 'desde'",
    ]
