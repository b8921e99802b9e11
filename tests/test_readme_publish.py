"""The README's publishing commands work as written: each `make …` it shows in "Publicar" is a target
of the Makefile, and each runs for real (through the venv's python, never a bare `python -m`) against
a throwaway project named by PUBLICACION_CONFIG. The build (`html`) is skipped with `-o html`: the
project's output was built already, and `make html` has tests of its own."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from publishkit import SOCIAL, Project, environment, item_id

from publish.ledger import Key

ROOT = Path(__file__).resolve().parent.parent
A = item_id(0)


def publishing_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Publicar\n")
    return text[start : text.index("\n## ", start + 1)]


def make(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.instalado", "-o", "html", *args],
        cwd=ROOT,
        env=environment({"PUBLICACION_CONFIG": str(project.config), **(env or {})}),
        capture_output=True,
        text=True,
        timeout=300,
    )


def absolute(project: Project) -> Project:
    """The project's folders spelled out, since make runs from the repository."""
    project.base["sitio"] = {
        "salida": str(project.output),
        "estado": str(project.state),
        "contactos": str(project.root / "contactos.yml"),
    }
    project.base["despliegue"]["carpeta"] = str(project.deployed)
    project.base["bandeja"] = {"carpeta": str(project.outbox)}
    project.configure()
    return project


def test_every_make_command_in_the_readme_is_a_target() -> None:
    commands = re.findall(r"`(make [^`]*)`", publishing_section())
    targets = {shlex.split(c.replace("…", "x"))[1] for c in commands if len(c.split()) > 1}
    assert {"publish", "plan", "estado", "init", "resolver", "reenviar", "reintentar"} <= targets
    rules = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert targets <= rules, targets - rules
    assert "python -m publish" not in publishing_section(), "outside the venv it fails: use make"


def test_the_publishing_commands_run_as_written(project: Project) -> None:
    absolute(project)
    x = Key(A, "x", SOCIAL["x"])
    project.configure(canales={"x": {"verificable": False}})

    plan = make(project, "plan", f"SOLO={A}")
    assert plan.returncode == 0, plan.stderr
    assert "Envíos: 6 (1 notas nuevas)" in plan.stdout

    killed = make(project, "publish", env={"PUBLISH_CRASH_AT": "despues-de-enviar:1"})
    assert killed.returncode != 0 and project.rows()[x].state == "attempting", killed.stderr
    done = make(project, "publish")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"make resolver ID={A} CANAL=x DESTINATARIO='{SOCIAL['x']}' ENVIADO=URL" in done.stdout

    resolved = make(project, "resolver", f"ID={A}", "CANAL=x", "ENVIADO=https://x.com/PTEdomex/status/1")
    assert (resolved.returncode, resolved.stderr) == (0, ""), resolved.stdout
    assert resolved.stdout == f"{A} x {SOCIAL['x']}: ahora enviado.\n"

    summary = make(project, "estado")
    assert summary.returncode == 0 and summary.stdout.startswith("3 notas, 18 envíos registrados:\n")
    one = make(project, "estado", f"ID={A}")
    assert one.returncode == 0 and "https://x.com/PTEdomex/status/1" in one.stdout

    retry = make(project, "reintentar", f"ID={A}")
    assert retry.returncode == 0 and "  Enviados: ninguno" in retry.stdout, retry.stdout + retry.stderr
    again = make(project, "reenviar", f"ID={A}")
    assert again.returncode == 0 and "  Notas anunciadas en esta corrida: 1\n" in again.stdout

    init = make(project, "init")
    assert init.returncode == 0 and "3 notas que ya están en línea" in init.stdout, init.stdout
    probe = make(project, "probar", "CANAL=x")
    assert probe.returncode == 0 and "no hay nada que probar" in probe.stdout

    usage = make(project, "resolver", f"ID={A}")
    assert usage.returncode != 0
    assert "Uso: make resolver ID=… CANAL=… ENVIADO=URL (o NO_ENVIADO=1) [DESTINATARIO=…]" in usage.stderr
    assert project.copies_of(x) == 2  # the first send and the one on purpose
