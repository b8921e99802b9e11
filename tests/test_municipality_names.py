"""Municipality names as editors type them: common short names accepted, suggestions that put the
official name that starts with what was typed first, the same in front matter and `make nuevo`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pressroom.content import load_ref, load_site
from pressroom.exceptions import PressroomError
from pressroom.model.aliases import ALIASES
from pressroom.model.problems import fold
from pressroom.scaffold import create
from sitekit import NOW, ROOT, build_project, item, make_project

REF, _ = load_ref(ROOT / "content")
OFFICIAL = {fold(m.nombre): m.nombre for m in REF.municipalities}


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Ecatepec", "Ecatepec de Morelos"),
        ("ecatepec", "Ecatepec de Morelos"),
        ("Naucalpan", "Naucalpan de Juárez"),
        ("Tlalnepantla", "Tlalnepantla de Baz"),
        ("Neza", "Nezahualcóyotl"),
        ("nezahualcoyotl", "Nezahualcóyotl"),
        ("Izcalli", "Cuautitlán Izcalli"),
        ("cuautitlan izcalli", "Cuautitlán Izcalli"),
        ("Valle de Chalco", "Valle de Chalco Solidaridad"),
        ("valle-de-chalco-solidaridad", "Valle de Chalco Solidaridad"),
        ("Coacalco", "Coacalco de Berriozábal"),
        ("Tecamac", "Tecámac"),
        ("Ixtapaluca", "Ixtapaluca"),
        ("Los Reyes La Paz", "La Paz"),
        # short names that are municipalities of their own stay themselves
        ("Atizapán", "Atizapán"),
        ("Cuautitlán", "Cuautitlán"),
        ("Chalco", "Chalco"),
    ],
)
def test_common_names_mean_one_municipality(typed: str, official: str) -> None:
    found = REF.municipality(typed)
    assert found is not None and found.nombre == official


@pytest.mark.parametrize(
    "ambiguous", ["Tenango", "Almoloya", "Ixtapan", "Villa", "San", "Los Reyes", "Coatepec", "San Martín"]
)
def test_ambiguous_short_names_are_never_assumed(ambiguous: str) -> None:
    assert REF.municipality(ambiguous) is None


@pytest.mark.parametrize(("alias", "official"), sorted(ALIASES.items()))
def test_every_alias_names_exactly_one_official_municipality(alias: str, official: str) -> None:
    assert fold(official) in OFFICIAL, f"'{official}' no es un nombre oficial del INEGI"
    assert fold(alias) not in OFFICIAL, f"'{alias}' es un municipio; no puede ser otro nombre"
    assert fold(alias) not in {m.slug.replace("-", " ") for m in REF.municipalities}
    # no other municipality's name starts with it: it is not a shared short form
    others = [name for key, name in OFFICIAL.items() if key.startswith(fold(alias)) and name != official]
    assert others == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Ecatepek", "municipio 'Ecatepek' no existe; ¿quisiste decir 'Ecatepec de Morelos'?"),
        (
            "Tenango",
            "municipio 'Tenango' no existe; ¿quisiste decir 'Tenango del Aire' o 'Tenango del Valle'?",
        ),
        (
            "Almoloya",
            "municipio 'Almoloya' no existe; ¿quisiste decir 'Almoloya de Alquisiras', "
            "'Almoloya de Juárez' o 'Almoloya del Río'?",
        ),
        ("Nauc", "municipio 'Nauc' no existe; ¿quisiste decir 'Naucalpan de Juárez'?"),
        ("Coatepec", "municipio 'Coatepec' no existe; ¿quisiste decir 'Coatepec Harinas'?"),
        ("San Martin", "municipio 'San Martin' no existe; ¿quisiste decir 'San Martín de las Pirámides'?"),
        ("Los Reyes", "municipio 'Los Reyes' no existe; ¿quisiste decir 'La Paz'?"),
        ("Cuautitlan Izc", "municipio 'Cuautitlan Izc' no existe; ¿quisiste decir 'Cuautitlán Izcalli'?"),
        ("Zaragoza", "municipio 'Zaragoza' no existe; ¿quisiste decir 'Atizapán de Zaragoza'?"),
        ("Tlanepantla", "municipio 'Tlanepantla' no existe; ¿quisiste decir 'Tlalnepantla de Baz'?"),
        ("Izcali", "municipio 'Izcali' no existe; ¿quisiste decir 'Cuautitlán Izcalli'?"),
        ("Texcoko", "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"),
        ("Metepek", "municipio 'Metepek' no existe; ¿quisiste decir 'Metepec'?"),
    ],
)
def test_suggestions_put_the_town_meant_first(typed: str, message: str) -> None:
    assert REF.municipality(typed) is None
    assert REF.municipality_problem(typed) == message


def test_front_matter_accepts_short_names_and_pages_show_the_official_name(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(municipios="[Ecatepec, neza, Izcalli]")})
    [found] = load_site(tmp_path / "content").items
    assert [m.nombre for m in found.municipios] == [
        "Ecatepec de Morelos",
        "Nezahualcóyotl",
        "Cuautitlán Izcalli",
    ]
    build_project(conf, NOW)
    page = (tmp_path / "output/boletines/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    assert '<a href="/municipios/ecatepec-de-morelos/">Ecatepec de Morelos</a>' in page


def test_front_matter_error_suggests_the_town_first(tmp_path: Path) -> None:
    make_project(tmp_path, {"boletines/2026/a.md": item(municipios="[Tenango]")})
    assert [str(p) for p in load_site(tmp_path / "content").problems] == [
        "content/boletines/2026/a.md:7: municipio 'Tenango' no existe; "
        "¿quisiste decir 'Tenango del Aire' o 'Tenango del Valle'?"
    ]


def test_make_nuevo_takes_a_short_name_and_writes_the_slug(tmp_path: Path) -> None:
    make_project(tmp_path, {})
    content = tmp_path / "content"
    ref, _ = load_ref(content)
    path = create(content, ref, "boletin", "Entrega de tinacos", "Ecatepec", NOW)
    assert "municipios: [ecatepec-de-morelos]\n" in path.read_text(encoding="utf-8")
    with pytest.raises(PressroomError) as error:
        create(content, ref, "boletin", "Otra nota", "Naucalpam", NOW)
    assert str(error.value) == "MUNICIPIO 'Naucalpam' no existe; ¿quisiste decir 'Naucalpan de Juárez'?"


def test_make_nuevo_on_the_command_line(tmp_path: Path) -> None:
    make_project(tmp_path, {})

    def nuevo(municipio: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                *("make", "-s", "nuevo", "TIPO=boletin", f"TITULO=Nota en {municipio}"),
                *(f"MUNICIPIO={municipio}", f"CONFIG={tmp_path / 'pelican.conf.py'}"),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
            capture_output=True,
            text=True,
            check=False,
        )

    done = nuevo("Neza")
    assert done.returncode == 0, done.stderr
    [created] = load_site(tmp_path / "content").items
    assert [m.slug for m in created.municipios] == ["nezahualcoyotl"]
    failed = nuevo("Ecatepek")
    assert failed.returncode != 0
    assert failed.stderr.startswith(
        "Error: MUNICIPIO 'Ecatepek' no existe; ¿quisiste decir 'Ecatepec de Morelos'?\n"
    )
    assert "Traceback" not in failed.stderr
