"""`make nuevo`: every type gives a valid draft with a fresh id, in its section's folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest

from pressroom.content import load_ref, load_site
from pressroom.exceptions import PressroomError
from pressroom.model.item import MEXICO_CITY, TYPES
from pressroom.scaffold import create, slugify
from sitekit import ROOT, build_project, make_project

WHEN = dt.datetime(2026, 11, 25, 10, 31, 17, tzinfo=MEXICO_CITY)


@pytest.mark.parametrize("tipo", list(TYPES))
def test_every_type_scaffolds_a_valid_draft(tmp_path: Path, tipo: str) -> None:
    conf = make_project(tmp_path, {})
    content = tmp_path / "content"
    ref, _ = load_ref(content)
    path = create(content, ref, tipo, "Alcaldesa de Texcoco inaugura clínica: ¡nueva!", "Texcoco", WHEN)
    assert path == content / TYPES[tipo].section / "2026" / (
        "2026-11-25-alcaldesa-de-texcoco-inaugura-clinica-nueva.md"
    )
    site = load_site(content)
    assert [str(p) for p in site.problems] == []
    [item] = site.items
    assert re.fullmatch(r"2026-11-25-[a-z0-9]{5}", item.id)
    assert item.titulo == "Alcaldesa de Texcoco inaugura clínica: ¡nueva!"
    assert item.estado == "borrador"
    assert item.fecha == WHEN.replace(second=0)
    assert [m.slug for m in item.municipios] == ["texcoco"]
    assert build_project(conf).held_back == 1


def test_ids_are_fresh(tmp_path: Path) -> None:
    make_project(tmp_path, {})
    content = tmp_path / "content"
    ref, _ = load_ref(content)
    ids = set()
    for n in range(20):
        create(content, ref, "boletin", f"Nota número {n}", "estatal", WHEN)
    for item in load_site(content).items:
        ids.add(item.id)
    assert len(ids) == 20


def test_bad_arguments_are_explained_in_spanish(tmp_path: Path) -> None:
    make_project(tmp_path, {})
    content = tmp_path / "content"
    ref, _ = load_ref(content)
    with pytest.raises(PressroomError) as error:
        create(content, ref, "boletn", "Título", "texcoco", WHEN)
    assert str(error.value) == (
        "TIPO 'boletn' no existe; ¿quisiste decir 'boletin'?; usa uno de: boletin, actividad, "
        "conferencia, reportaje, capsula, spot, galeria"
    )
    with pytest.raises(PressroomError) as error:
        create(content, ref, "boletin", "Título", "Texcoko", WHEN)
    assert str(error.value) == "MUNICIPIO 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"
    create(content, ref, "boletin", "Título", "texcoco", WHEN)
    with pytest.raises(PressroomError, match="ya existe"):
        create(content, ref, "boletin", "Título", "texcoco", WHEN)


def test_slug_is_ascii_and_short() -> None:
    assert slugify("¿Qué pasó en Nezahualcóyotl? Año 2026") == "que-paso-en-nezahualcoyotl-ano-2026"
    assert slugify("uno dos tres cuatro cinco seis siete ocho nueve diez once doce") == (
        "uno-dos-tres-cuatro-cinco-seis-siete-ocho-nueve-diez"
    )


def test_make_nuevo_writes_the_file(tmp_path: Path) -> None:
    make_project(tmp_path, {})
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(
        [
            "make",
            "-s",
            "nuevo",
            "TIPO=conferencia",
            'TITULO=Conferencia "sobre" agua',
            "MUNICIPIO=Nezahualcóyotl",
            f"CONFIG={tmp_path / 'pelican.conf.py'}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    created = [line for line in done.stdout.splitlines() if line.startswith("Nota creada: ")]
    assert created and created[0].startswith(f"Nota creada: {tmp_path}/content/conferencias/"), done.stdout
    [item] = load_site(tmp_path / "content").items
    assert item.titulo == 'Conferencia "sobre" agua'
    assert item.tipo.key == "conferencia"
