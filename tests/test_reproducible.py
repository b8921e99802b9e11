"""The same content builds the same bytes, so a publish with nothing new deploys nothing.

Two builds of one content folder, minutes apart and with the media cache emptied in between (as on
a fresh clone), are compared file by file: pages, feeds, calendars, photos, cards, audio, the search
index (Pagefind's varying files are settled by searchbundle.py) and the manifest. Then the real
publish command runs twice with a rebuild in between: the second run deploys nothing and keeps the
rollback versions as they were.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import cbor2
import pytest
from publishkit import Project, contacts_yaml, served, tree
from test_audio import tagged_mp3

from pressroom import searchbundle
from pressroom.build import build
from pressroom.exceptions import BuildError
from sitekit import NOW, ROOT, git, item, make_project

LATER = NOW + dt.timedelta(minutes=10)  # the next scheduled `make publish`
FILES: dict[str, str | bytes] = {
    "boletines/2026/a.md": item(etiquetas="[salud, obra pública]"),
    "actividades/2026/b.md": item(
        id="2026-11-20-actv1", tipo="actividad", slug="actividad", municipios="[chalco, toluca]"
    ),
    "conferencias/2026/c.md": item(
        id="2026-11-24-conf1",
        tipo="conferencia",
        slug="conferencia",
        municipios="[toluca]",
        evento="{inicio: 2026-11-27 11:00, lugar: Sede estatal del PT, municipio: toluca}",
    ),
    "galerias/2026/d.md": item(
        id="2026-11-15-gale1",
        tipo="galeria",
        slug="galeria",
        imagen=None,
        galeria="[{archivo: imagenes/2026/11/f1.jpg, pie: Danzantes}, {archivo: imagenes/2026/11/f2.jpg, pie: Público}]",
    ),
    "spots/2026/e.md": item(
        id="2026-11-10-spot1",
        tipo="spot",
        slug="spot",
        municipios="[estatal]",
        audio="audio/2026/11/s.mp3",
        body="",
    ),
    "boletines/2026/f.md": item(
        id="2026-11-23-retir", slug="retirada", estado="retirado", motivo_retiro="Error en las cifras."
    ),
    "boletines/2026/g.md": item(id="2026-11-25-borr1", slug="borrador", estado="borrador"),
}
IMAGES = ("imagenes/2026/11/f1.jpg", "imagenes/2026/11/f2.jpg")


def differences(first: Path, second: Path) -> list[str]:
    """Relative paths that exist in only one build or differ in bytes."""
    a, b = tree(first), tree(second)
    return sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))


def content_in_git(root: Path) -> Path:
    """A project whose content is committed (items get their 'updated' date from git)."""
    conf = make_project(root, FILES, images=IMAGES)
    tagged_mp3(root / "content/audio/2026/11/s.mp3")
    git(root, "init", "-q")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "contenido", when="2026-11-25T12:00:00-06:00")
    return conf


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    conf = content_in_git(tmp_path / "sitio")
    build(conf, NOW, tmp_path / "primera")
    shutil.rmtree(tmp_path / "sitio/.cache")  # as on a fresh clone: every photo, card and audio made again
    build(conf, LATER, tmp_path / "segunda")
    build(conf, LATER + dt.timedelta(minutes=10), tmp_path / "tercera")  # from the cache
    names = set(tree(tmp_path / "primera"))
    assert {"pagefind/pagefind-entry.json", ".publicacion/manifiesto.json", "audio/2026/11/s.mp3"} <= names
    assert len([n for n in names if n.startswith("pagefind/filter/")]) == 2  # tipo and municipio
    assert differences(tmp_path / "primera", tmp_path / "segunda") == []
    assert differences(tmp_path / "primera", tmp_path / "tercera") == []


def test_the_manifest_is_dated_by_the_content_not_the_clock(tmp_path: Path) -> None:
    conf = content_in_git(tmp_path / "sitio")
    build(conf, LATER, tmp_path / "salida")
    text = (tmp_path / "salida/.publicacion/manifiesto.json").read_text(encoding="utf-8")
    assert '"construido": "2026-11-25T12:00:00-06:00"' in text  # the last commit of the content


def test_the_sample_site_builds_byte_identical(tmp_path: Path) -> None:
    build(ROOT / "pelican.conf.py", NOW, tmp_path / "primera")
    build(ROOT / "pelican.conf.py", LATER, tmp_path / "segunda")
    assert differences(tmp_path / "primera", tmp_path / "segunda") == []


def test_a_publish_with_nothing_new_deploys_nothing_and_keeps_the_rollback_versions(tmp_path: Path) -> None:
    root = tmp_path / "proyecto"
    conf = content_in_git(root)
    build(conf, NOW)
    (root / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    project = Project(root)
    project.configure()
    with served(project):
        first = project.publish("run")
        assert first.returncode == 0, first.stderr
        assert " archivos nuevos, 0 cambiados, 0 borrados\n" in first.stdout
        releases = sorted(p.name for p in (project.deployed / "versiones").iterdir())
        history = (project.deployed / ".historial").read_text(encoding="utf-8")
        live = project.live_release()
        for minutes in (10, 20):  # two more scheduled runs, each after a fresh build
            build(conf, NOW + dt.timedelta(minutes=minutes))
            again = project.publish("run")
            assert again.returncode == 0, again.stderr
            assert "  Sitio: sin cambios\n" in again.stdout
            assert "  Notas anunciadas en esta corrida: 0\n" in again.stdout
            plan = project.publish("plan")
            assert plan.stdout.startswith(f"Despliegue: carpeta local {project.current}: sin cambios\n")
        assert sorted(p.name for p in (project.deployed / "versiones").iterdir()) == releases
        assert (project.deployed / ".historial").read_text(encoding="utf-8") == history
        assert project.live_release() == live


def pagefind_bundle(folder: Path, values: list[tuple[str, list[int]]], filter_name: str) -> None:
    """A bundle as Pagefind 1.5 writes it: entry, metadata naming one filter file, the filter."""

    def write(path: Path, document: object) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(document), mtime=0))

    write(folder / f"filter/{filter_name}.pf_filter", ["tipo", [[v, p] for v, p in values]])
    meta = ["1.5.2", [["es-mx_p1", 10], ["es-mx_p2", 20]], [], [["tipo", filter_name]], [], ["title"]]
    write(folder / "pagefind.es-mx_0000000000000.pf_meta", meta)
    entry = '{"version":"1.5.2","languages":{"es-mx":{"hash":"es-mx_0000000000000","wasm":"es-mx","page_count":2}}}'
    (folder / "pagefind-entry.json").write_text(entry, encoding="utf-8")


def test_a_search_bundle_is_settled_whatever_order_pagefind_wrote(tmp_path: Path) -> None:
    pagefind_bundle(tmp_path / "a", [("Boletín", [1, 0]), ("Galería", [1])], "es-mx_aaaaaaa")
    pagefind_bundle(tmp_path / "b", [("Galería", [1]), ("Boletín", [0, 1])], "es-mx_bbbbbbb")
    for folder in (tmp_path / "a", tmp_path / "b"):
        searchbundle.settle(folder)
    assert differences(tmp_path / "a", tmp_path / "b") == []
    (filter_file,) = (tmp_path / "a/filter").iterdir()
    document = cbor2.loads(gzip.decompress(filter_file.read_bytes())[len(b"pagefind_dcd") :])
    assert document == ["tipo", [["Boletín", [0, 1]], ["Galería", [1]]]]
    entry = json.loads((tmp_path / "a/pagefind-entry.json").read_text(encoding="utf-8"))
    assert (tmp_path / "a" / f"pagefind.{entry['languages']['es-mx']['hash']}.pf_meta").is_file()
    assert len(list((tmp_path / "a").glob("*.pf_meta"))) == 1


def test_a_damaged_search_bundle_stops_the_build_in_spanish(tmp_path: Path) -> None:
    pagefind_bundle(tmp_path, [("Boletín", [0])], "es-mx_aaaaaaa")
    (tmp_path / "filter/es-mx_aaaaaaa.pf_filter").write_bytes(b"no es gzip")
    with pytest.raises(BuildError, match=r"no se pudo leer el índice de búsqueda es-mx_aaaaaaa\.pf_filter"):
        searchbundle.settle(tmp_path)
