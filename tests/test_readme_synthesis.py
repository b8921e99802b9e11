"""The README's press-synthesis commands work as written: each `make …` of the section "Síntesis de
prensa y monitoreo de medios" is a Makefile target, and each runs for real through make (the venv's
python) against a throwaway project named by PUBLICACION_CONFIG, with feeds from a loopback server."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from feedkit import FeedServer, Office, Route, mexico, office, outlet, rss
from publishkit import environment

ROOT = Path(__file__).resolve().parent.parent
INTERNAL = """\
- nombre: Equipo de síntesis (ficticio)
  correo: sintesis@example.org
  rol: equipo interno
  distritos: [estatal]
  listas: [interno]
"""


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Síntesis de prensa y monitoreo de medios\n")
    return text[start : text.index("\n## ", start + 1)]


def commands() -> list[str]:
    found = re.findall(r"`(make [^`]*)`", section())
    found += re.findall(r"^0 7 \* \* \* cd /ruta/al/sitio && (make \S+)", section(), re.M)
    return list(dict.fromkeys(found))


def make(project: Office, command: str, now: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.instalado", *shlex.split(command)[1:]],
        cwd=ROOT,
        env=environment({"PUBLICACION_CONFIG": str(project.config_path), "SINTESIS_AHORA": now}),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_make_command_in_the_section_is_a_target() -> None:
    targets = {shlex.split(c)[1] for c in commands() if len(c.split()) > 1}
    assert {"sintesis", "notas", "tono", "ficha", "fichas", "balance"} <= targets
    rules = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert targets <= rules, targets - rules
    assert "python -m publish" not in section(), "outside the venv it fails: use make"


def test_the_synthesis_commands_run_as_written(tmp_path: Path) -> None:
    topics = [
        "agua",
        "parque",
        "escuela",
        "mercado",
        "drenaje",
        "alumbrado",
        "bacheo",
        "clínica",
        "becas",
        "feria",
        "deporte",
        "museo",
    ]
    items = [
        {
            "title": f"El PT propone {topic} en Toluca",
            "link": f"https://diario.example.org/{topic}",
            "pubDate": mexico(24, 8 + n),
        }
        for n, topic in enumerate(topics)
    ]
    with FeedServer({"/rss.xml": Route(rss(items))}).running() as server:
        radio = "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n"
        project = office(tmp_path, outlet("Diario del Valle (ejemplo)", [server.url("/rss.xml")]) + radio)
        project.configure(absolute=True)

        (tmp_path / "contactos.yml").write_text(INTERNAL, encoding="utf-8")
        steps = [
            ("make sintesis", "2026-11-25T07:00", "Síntesis del 2026-11-25 enviada a 1 destinatario(s)."),
            ("make notas", "2026-11-25T08:00", "El PT propone museo en Toluca"),
            (
                "make tono NOTA=12 TONO=negativo",
                "2026-11-25T08:00",
                "Nota 12 «El PT propone museo en Toluca»: tono negativo.",
            ),
            (
                'make ficha EMISORA="Radio Mexiquense Ejemplo" PROGRAMA="Noticiario matutino"',
                "2026-11-25T08:30",
                "Ficha nueva: ",
            ),
            ("make fichas", "2026-11-25T08:40", "Lista de medios: 2 medios, 1 feeds, sin problemas."),
            (
                "make sintesis FECHA=2026-11-25",
                "2026-11-25T09:00",
                "Ya la habían recibido 1 (para enviarla otra vez: REENVIAR=1).",
            ),
            (
                "make sintesis REENVIAR=1",
                "2026-11-25T09:10",
                "Síntesis del 2026-11-25 enviada a 1 destinatario(s).",
            ),
            (
                "make balance PERIODO=2026-11",
                "2026-12-01T09:00",
                "Balance de noviembre de 2026: 12 notas en 12 historias",
            ),
        ]
        listed = [c for c in commands() if c not in ("make tono", "make ficha")]
        assert sorted(listed) == sorted(command for command, _, _ in steps)
        for command, now, wanted in steps:
            done = make(project, command, now)
            if command == "make fichas":
                # the card `make ficha` just wrote is still to be filled in: said, with its file and line
                assert done.returncode != 0 and "todavía tiene el texto de ejemplo" in done.stderr
            else:
                assert done.returncode == 0, (command, done.stdout, done.stderr)
            assert wanted in done.stdout, (command, done.stdout)
        assert len(list((tmp_path / "bandeja/correo").glob("sintesis-2026-11-25__*.eml"))) == 2
        assert (tmp_path / "estado/sintesis/balances/balance-2026-11.html").is_file()


def test_make_tono_without_a_note_number_says_how_in_spanish(tmp_path: Path) -> None:
    project = office(tmp_path, "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n")
    project.configure(absolute=True)
    bare = make(project, "make tono", "2026-11-25T08:00")
    assert bare.returncode == 2 and "Uso: make tono NOTA=12 TONO=negativo" in bare.stderr
    word = make(project, "make tono NOTA=doce TONO=negativo", "2026-11-25T08:00")
    assert word.returncode != 0
    assert "'doce' no es un número de nota" in word.stderr and "usage:" not in word.stderr
