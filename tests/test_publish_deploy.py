"""Putting the site online: a reader never sees half a site, a kill mid-deploy leaves the old site
live, and the rsync target deploys into a folder (rsync to a local path, no SSH needed)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from publishkit import (
    KILLED,
    Project,
    build_site,
    contacts_yaml,
    http_server,
    new_project,
    served,
    serving,
    tree,
)

from publish.deploy import LocalTarget
from publish.verify import local_server

PAGES = 80
DEPLOYS = 30


def version(root: Path, name: str) -> dict[str, bytes]:
    """A whole site whose every page says which version it is; each version has one page of its own."""
    files = {
        f"seccion-{n % 7}/pagina-{n}/index.html": (
            f"<!doctype html><title>{n}</title><p>versión {name}</p>".encode() + b"x" * 2048 + b"<!-- fin -->"
        )
        for n in range(PAGES)
    }
    files["index.html"] = f"<!doctype html><p>portada, versión {name}</p><!-- fin -->".encode()
    files[f"solo-{name}/index.html"] = f"<p>solo en la versión {name}</p><!-- fin -->".encode()
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    private = root / ".publicacion/manifiesto.json"
    private.parent.mkdir()
    private.write_text("{}", encoding="utf-8")
    return files


def snapshot(current: Path) -> dict[str, bytes]:
    """Every file of the site as one reader sees it: `actual` is followed once, then read whole."""
    found: dict[str, bytes] = {}
    top = os.open(current, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for folder, _, names, folder_fd in os.fwalk(".", dir_fd=top):
            for name in names:
                handle = os.open(name, os.O_RDONLY, dir_fd=folder_fd)
                with os.fdopen(handle, "rb") as stream:
                    found[os.path.normpath(os.path.join(folder, name))] = stream.read()
    finally:
        os.close(top)
    return found


def test_a_reader_sees_the_whole_old_site_or_the_whole_new_one(tmp_path: Path) -> None:
    sites = {name: version(tmp_path / name, name) for name in ("a", "b")}
    target = LocalTarget(tmp_path / "publicado", keep=8)
    target.apply(tmp_path / "a")
    stop = threading.Event()
    seen: dict[str, int] = {"a": 0, "b": 0}
    served: dict[str, int] = {"a": 0, "b": 0}
    problems: list[str] = []

    def read_files() -> None:
        while not stop.wait(0.002):
            try:
                site = snapshot(target.current)
            except OSError as error:
                problems.append(f"actual no se pudo leer: {error!r}")
                continue
            matches = [name for name, files in sites.items() if site == files]
            if matches:
                seen[matches[0]] += 1
            else:
                mixed = sorted(set(site) ^ set(sites["a"]))[:5]
                problems.append(f"un sitio incompleto o mezclado: {len(site)} archivos, diferencias {mixed}")

    def read_web(base: str) -> None:
        session = requests.Session()
        while not stop.wait(0.002):
            try:
                page = session.get(base + "/", timeout=10)
            except requests.RequestException as error:
                problems.append(f"la portada no respondió entera: {error!r}")
                continue
            if page.status_code != 200 or page.content not in (
                sites["a"]["index.html"],
                sites["b"]["index.html"],
            ):
                problems.append(f"la portada respondió {page.status_code}: {page.content[:80]!r}")
                continue
            name = "a" if b"versi\xc3\xb3n a<" in page.content else "b"
            served[name] += 1

    with local_server(target.current) as base:
        readers = [threading.Thread(target=read_files), threading.Thread(target=read_web, args=(base,))]
        for reader in readers:
            reader.start()
        try:
            for n in range(DEPLOYS):
                target.apply(tmp_path / ("b" if n % 2 == 0 else "a"))
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=30)
    assert problems == []
    # the readers really did read while the site was switching back and forth
    assert min(seen.values()) >= 3 and min(served.values()) >= 3, (seen, served)
    assert snapshot(target.current) == sites["b" if DEPLOYS % 2 else "a"]  # the last deploy
    assert not (target.current / ".publicacion").exists()
    releases = sorted((target.folder / "versiones").iterdir())
    assert len(releases) == 9 and not [r for r in releases if r.name.startswith(".")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("sitio"), 1)


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Iterator[Project]:
    with served(new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(1))) as project:
        yield project


def test_a_kill_during_deploy_leaves_the_old_site_live(project: Project) -> None:
    (project.output / "version.txt").write_text("versión 1\n", encoding="utf-8")
    assert project.publish("run").returncode == 0
    old = project.live_release()
    (project.output / "version.txt").write_text("versión 2\n", encoding="utf-8")
    (project.output / "nueva.html").write_text("<p>nueva</p>\n", encoding="utf-8")

    killed = project.publish("run", env={"PUBLISH_CRASH_AT": "despliegue:1"})
    assert killed.returncode == KILLED
    assert project.live_release() == old
    assert (project.current / "version.txt").read_text(encoding="utf-8") == "versión 1\n"
    assert not (project.current / "nueva.html").exists()
    with http_server(serving(project.current)) as base:
        assert requests.get(base + "/version.txt", timeout=10).content == "versión 1\n".encode()
        assert requests.get(base + "/nueva.html", timeout=10).status_code == 404

    done = project.publish("run")
    assert done.returncode == 0
    assert "  Sitio: 1 archivos nuevos, 1 cambiados, 0 borrados\n" in done.stdout
    assert (project.current / "version.txt").read_text(encoding="utf-8") == "versión 2\n"
    assert project.live_release() != old


def test_rsync_deploys_into_a_local_folder(tmp_path: Path, built: Path) -> None:
    if shutil.which("rsync") is None:
        pytest.fail(
            "rsync no está instalado y esta prueba lo necesita: instálalo con `apt-get install rsync`"
        )
    destination = tmp_path / "servidor/www"
    destination.mkdir(parents=True)
    project = new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(1))
    with http_server(serving(destination)) as base:
        project.configure(despliegue={"destino": "rsync", "remoto": f"{destination}/", "verificar_en": base})
        count = len([p for p in tree(project.output) if not p.startswith(".publicacion/")])  # not private
        plan = project.publish("plan")
        assert plan.returncode == 0, plan.stderr
        assert plan.stdout.startswith(
            f"Despliegue: rsync a {destination}/: {count} archivos nuevos, 0 cambiados, 0 borrados\n"
        )
        assert list(destination.iterdir()) == []

        done = project.publish("run")
        assert (done.returncode, done.stderr) == (0, ""), done.stdout
        assert f"  Sitio: {count} archivos nuevos, 0 cambiados, 0 borrados\n" in done.stdout
        assert "  Notas anunciadas en esta corrida: 1\n" in done.stdout
        expected = {k: v for k, v in tree(project.output).items() if not k.startswith(".publicacion")}
        assert tree(destination) == expected

        again = project.publish("run")
        assert "  Sitio: sin cambios\n" in again.stdout

        (project.output / "robots.txt").write_text("User-agent: *\nDisallow: /privado/\n", encoding="utf-8")
        (project.output / "nuevo.html").write_text("<p>nuevo</p>\n", encoding="utf-8")
        (project.output / "sitemap.xml").unlink()
        done = project.publish("run")
        assert "  Sitio: 1 archivos nuevos, 1 cambiados, 1 borrados\n" in done.stdout
        expected = {k: v for k, v in tree(project.output).items() if not k.startswith(".publicacion")}
        assert tree(destination) == expected
    # a deploy leaves no rsync temporary folders behind
    assert not [p for p in destination.rglob("*") if p.name.startswith(".~tmp~")]
