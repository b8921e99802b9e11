"""One lock covers build and publish together: a `make html` started while a publication reads
output/ waits for it (never swaps output/ under it) and gives up with a Spanish error after a bound;
a publication started while a build swaps output/ waits for the swap."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from publishkit import (
    Project,
    contacts_yaml,
    environment,
    http_server,
    item_id,
    serving,
    tree,
)

from pressroom import outputlock
from pressroom.exceptions import BuildError
from sitekit import NOW, build_project, item, make_project

A, B = item_id(0), item_id(1)


def site(root: Path) -> tuple[Project, Path]:
    files: dict[str, str | bytes] = {"boletines/2026/a.md": item(id=A, slug="nota-a", titulo="Nota A")}
    conf = make_project(root, files)
    build_project(conf)
    (root / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    project = Project(root)
    project.configure()
    return project, conf


def add_item(root: Path) -> None:
    (root / "content/boletines/2026/b.md").write_text(
        item(id=B, slug="nota-b", titulo="Nota B"), encoding="utf-8"
    )


@contextmanager
def held_server(folder: Path) -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A web server for verification that answers only once released: the publication waits in
    verification, after deploying, with output/ still in use. Yields (base, reached, release)."""
    reached, release = threading.Event(), threading.Event()
    with http_server(serving(folder, gate=(reached, release))) as base:
        yield base, reached, release


def start_build(root: Path) -> subprocess.Popen[str]:
    env = environment({"PRESSROOM_NOW": NOW.isoformat()})
    return subprocess.Popen(
        [sys.executable, "-m", "pressroom", "build"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_build_waits_while_a_publication_uses_output(tmp_path: Path) -> None:
    project, _ = site(tmp_path)
    manifest = (project.output / ".publicacion/manifiesto.json").read_bytes()
    with held_server(project.current) as (base, reached, release):
        project.configure(despliegue={"verificar_en": base})
        publishing = project.start("run")
        try:
            assert reached.wait(60), "the publication never reached verification"
            add_item(tmp_path)
            building = start_build(tmp_path)
            assert building.stderr is not None
            line = building.stderr.readline()
            assert line == (
                f"Esperando a que termine la publicación que está usando {project.output} para reemplazarlo…\n"
            )
            # the whole new site is ready beside output/, and output/ is still the old one
            assert building.poll() is None
            assert (project.output / ".publicacion/manifiesto.json").read_bytes() == manifest
        finally:
            release.set()
        out, err = publishing.communicate(timeout=120)
        assert (publishing.returncode, err) == (0, ""), out
        built_out, built_err = building.communicate(timeout=120)
        assert building.returncode == 0, built_err
    assert "Sitio construido en" in built_out
    assert project.item_ids() == [A, B], "the build swapped output/ once the publication ended"
    deployed = project.live_release()
    assert not (deployed / "boletines/2026/11/nota-b").exists(), "the publication copied the old output whole"
    assert (deployed / "boletines/2026/11/nota-a/index.html").is_file()


def test_a_publication_waits_while_a_build_swaps_output(tmp_path: Path) -> None:
    project, _ = site(tmp_path)
    with outputlock.holding(project.output, shared=False, wait=5):
        publishing = project.start("run")
        assert publishing.stderr is not None
        line = publishing.stderr.readline()
        assert line == f"Esperando a que la construcción termine de reemplazar {project.output}…\n"
        assert publishing.poll() is None and not project.deployed.exists()
    out, err = publishing.communicate(timeout=120)
    assert publishing.returncode == 0, out + err
    assert "  Notas anunciadas en esta corrida: 1\n" in out


def test_a_build_gives_up_after_its_bound_and_leaves_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project, conf = site(tmp_path)
    before = tree(project.output)
    add_item(tmp_path)
    monkeypatch.setattr(outputlock, "BUILD_WAIT", 1.0)
    with outputlock.holding(project.output, shared=True, wait=5), pytest.raises(BuildError) as raised:
        build_project(conf)
    assert str(raised.value) == (
        f"{project.output} sigue en uso después de esperar 1 s: una publicación lo está usando. No se "
        "reemplazó; vuelve a construir cuando termine (`make html`)"
    )
    assert capsys.readouterr().err == (
        f"Esperando a que termine la publicación que está usando {project.output} para reemplazarlo…\n"
    )
    assert tree(project.output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == [".output.candado"]
