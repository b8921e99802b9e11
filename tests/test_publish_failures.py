"""Every failure a user can cause or meet is a Spanish message with what to do, never a traceback:
a deploy folder that is a file or cannot be written, a full disk while deploying or while writing the
ledger, an immutable ledger or state folder (not a damaged ledger: no `init`). Nothing is deployed
or announced by a run that stops, and the next run, once the cause is fixed, loses and repeats nothing.

Immutability is real (chattr +i as root, read-only permissions otherwise). A full disk is real where
a small tmpfs can be mounted (root), and is also injected at the write seam so it is tested everywhere.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from publishkit import Project, tree, unwritable

from publish import __main__ as cli
from publish import deploy
from publish import ledger as ledger_module

UNCHANGED = "El sitio en línea no cambió y no se anunció nada"
DENIED = (
    "no hay permiso para escribir ahí: revisa el dueño y los permisos (`ls -ld`) y si está marcado como "
    "inmutable (`lsattr -d`; se quita con `chattr -i`)"
)
FULL = "el disco está lleno: libera espacio (`df -h` muestra cuánto queda) y vuelve a intentar"
NOT_DAMAGED = "el registro no está dañado, así que no ejecutes init"


def run_in_process(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(["--config", str(project.config), *args])
    out, err = capsys.readouterr()
    return status, out, err


def a_new_item_waiting(project: Project, built: Path) -> None:
    """A published site (two items), then a build that adds a third."""
    third = project.item_ids()[2]
    project.hide_items(third)
    assert project.publish("run").returncode == 0
    project.rebuild_from(built)


def assert_nothing_happened(project: Project, sent: dict[str, bytes | str], release: Path | None) -> None:
    assert tree(project.outbox) == sent
    if release is not None:
        assert project.live_release() == release
    releases = project.deployed / "versiones"
    if releases.is_dir():
        assert not [p for p in releases.iterdir() if p.name.startswith(".")], "a partial copy was left"


def assert_recovers(project: Project) -> None:
    done = project.publish("run")
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    copies = project.copies()
    assert set(copies.values()) == {1} and len(copies) == 18, "nothing lost, nothing sent twice"


def test_a_deploy_folder_that_is_a_file(project: Project) -> None:
    project.deployed.write_text("no soy una carpeta\n", encoding="utf-8")
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {project.deployed} debería ser una carpeta y es un archivo: muévelo o cambia "
        f"`despliegue.carpeta` en la configuración. {UNCHANGED}\n"
    )
    assert not project.outbox.exists()
    project.deployed.unlink()
    assert_recovers(project)


def test_a_deploy_folder_that_cannot_be_written(project: Project, built: Path) -> None:
    a_new_item_waiting(project, built)
    sent, release = tree(project.outbox), project.live_release()
    with unwritable(project.deployed):
        done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Error: no se pudo desplegar: {project.deployed}: {DENIED}. {UNCHANGED}\n"
    assert_nothing_happened(project, sent, release)
    assert_recovers(project)


def test_a_full_disk_while_copying_the_site(
    project: Project, built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a_new_item_waiting(project, built)
    sent, release = tree(project.outbox), project.live_release()
    (project.output / "grande.bin").write_bytes(b"\0" * 4096)
    real = deploy.shutil.copy2
    calls = []

    def copy2(source: Any, target: Any, **kwargs: Any) -> Any:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real(source, target, **kwargs)

    monkeypatch.setattr(deploy.shutil, "copy2", copy2)
    monkeypatch.chdir(project.root)
    status, out, err = run_in_process(project, capsys, "run")
    assert (status, out) == (1, "")
    assert err == f"Error: no se pudo desplegar en {project.deployed}: {calls[1]}: {FULL}. {UNCHANGED}\n"
    assert_nothing_happened(project, sent, release)
    monkeypatch.undo()
    assert_recovers(project)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(
            "no se puede montar un tmpfs aquí (hace falta ser root); el disco lleno se prueba además "
            "inyectando ENOSPC en test_a_full_disk_while_copying_the_site"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_for_real(project: Project, tmp_path: Path) -> None:
    size = sum(p.stat().st_size for p in project.output.rglob("*") if p.is_file())
    with small_disk(tmp_path / "disco", f"{size // 2}") as disk:
        project.base["despliegue"]["carpeta"] = str(disk / "publicado")
        project.configure()
        done = project.publish("run")
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr.startswith(f"Error: no se pudo desplegar en {disk / 'publicado'}: ")
        assert done.stderr.endswith(f": {FULL}. {UNCHANGED}\n"), done.stderr
        assert not project.outbox.exists()
        assert not [p for p in (disk / "publicado/versiones").iterdir()], "the partial copy was removed"


def test_a_full_disk_while_writing_the_ledger(
    project: Project, built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's own 'database or disk is full', made real by capping the file at its current size."""
    a_new_item_waiting(project, built)
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(ledger_module.sqlite3, "connect", connect)
    monkeypatch.chdir(project.root)
    status, out, err = run_in_process(project, capsys, "run")
    assert (status, out) == (1, "")
    assert err == (
        f"Error: no se pudo escribir en el registro de envíos {project.ledger} ({FULL}). La publicación se "
        "detuvo ahí: lo que se estaba enviando queda como desconocido y la próxima publicación lo revisa; "
        f"{NOT_DAMAGED}. Corrige lo anterior y vuelve a publicar\n"
    )
    monkeypatch.undo()
    assert_recovers(project)


def test_an_immutable_ledger_file_is_not_a_damaged_one(project: Project, built: Path) -> None:
    a_new_item_waiting(project, built)
    sent, release = tree(project.outbox), project.live_release()
    with unwritable(project.ledger):
        for command in (["run"], ["plan"], ["init"]):
            done = project.publish(*command)
            assert (done.returncode, done.stdout) == (1, ""), command
            assert done.stderr == (
                f"Error: el registro de envíos {project.ledger} no se puede escribir ({DENIED}). El registro "
                "no está dañado, así que no ejecutes init: devuélvele el permiso de escritura y vuelve a "
                "publicar. No se desplegó ni se anunció nada\n"
            ), command
    assert_nothing_happened(project, sent, release)
    assert_recovers(project)


def test_an_immutable_state_folder_is_not_a_damaged_ledger(project: Project, built: Path) -> None:
    a_new_item_waiting(project, built)
    sent, release = tree(project.outbox), project.live_release()
    message = (
        f"Error: no se puede escribir en la carpeta de estado {project.state} ({DENIED}). Ahí viven el "
        f"registro de envíos y el candado de la publicación; {NOT_DAMAGED}: corrige la carpeta y vuelve a "
        "publicar. No se desplegó ni se anunció nada\n"
    )
    with unwritable(project.state):
        for command in (["run"], ["plan"], ["init"], ["estado"]):
            done = project.publish(*command)
            assert (done.returncode, done.stdout, done.stderr) == (1, "", message), command
    assert_nothing_happened(project, sent, release)
    assert_recovers(project)


def test_a_state_folder_that_is_a_file(project: Project) -> None:
    project.state.write_text("no soy una carpeta\n", encoding="utf-8")
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {project.state} debería ser la carpeta de estado (registro de envíos y candado) y es un "
        "archivo: muévelo o cambia `sitio.estado` en la configuración. No se desplegó ni se anunció nada\n"
    )
    assert not project.deployed.exists() and not project.outbox.exists()


def test_rsync_refused_by_the_server_is_explained(project: Project, tmp_path: Path) -> None:
    destination = tmp_path / "servidor/www"
    destination.mkdir(parents=True)
    project.configure(despliegue={"destino": "rsync", "remoto": f"{destination}/"})
    with unwritable(destination):
        done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(
        f"Error: rsync no pudo desplegar en {destination}/ ({DENIED}). rsync pone los archivos en su lugar "
        "al final, así que el sitio en línea no cambió; no se anunció nada. Lo que dijo rsync (error "
    ), done.stderr
    assert "Traceback" not in done.stderr
    assert list(destination.iterdir()) == [] and not project.outbox.exists()
