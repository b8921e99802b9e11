"""The synthesis's files never reach the public site: a cards or state folder inside the site's
folder (or the site inside the folder of the cards or of the synthesis pages) is refused through
the real command, in Spanish with the configuration's file and line, before anything is written;
and a whole month of work (run, tone, card, check, balance) writes only in the state and cards
folders, wherever the site's folder is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from feedkit import Done, FeedServer, Office, Route, mexico, office, outlet, rss


def files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def line_of(project: Office, text: str) -> str:
    """`publicacion.toml:N`, N the line that holds `text`: where the refusal must point."""
    lines = project.config_path.read_text(encoding="utf-8").splitlines()
    return f"publicacion.toml:{next(n for n, line in enumerate(lines, 1) if line == text)}"


SITE = "'sitio.salida' = output"
INSIDE = (
    "{where}: '{key}' = {value} está dentro de la carpeta del sitio público ({site}); la síntesis, su "
    "base de notas, sus balances y las fichas son internos y nunca van al sitio: usa para '{key}' una "
    "carpeta fuera de {output}"
)
AROUND = (
    "{where}: la carpeta del sitio público ({site}) está dentro de la carpeta {what}, {value}, que es "
    "interna y nunca va al sitio: usa para 'sitio.salida' una carpeta fuera de {value}"
)
CASES = {
    "state inside the site": (
        {"sitio": {"estado": "output/estado"}},
        'estado = "output/estado"',
        INSIDE,
        {"key": "sitio.estado", "value": "output/estado", "site": SITE, "output": "output"},
    ),
    "cards inside the site": (
        {"fichas": "output/monitoreo"},
        'fichas = "output/monitoreo"',
        INSIDE,
        {"key": "sintesis.fichas", "value": "output/monitoreo", "site": SITE, "output": "output"},
    ),
    "the state folder is the site": (
        {"sitio": {"estado": "output"}},
        'estado = "output"',
        INSIDE,
        {"key": "sitio.estado", "value": "output", "site": SITE, "output": "output"},
    ),
    "the site elsewhere, the state inside it": (
        {"sitio": {"salida": "publico", "estado": "publico/privado"}},
        'estado = "publico/privado"',
        INSIDE,
        {
            "key": "sitio.estado",
            "value": "publico/privado",
            "site": "'sitio.salida' = publico",
            "output": "publico",
        },
    ),
    "the site inside the synthesis pages": (
        {"sitio": {"salida": "estado/sintesis"}},
        'salida = "estado/sintesis"',
        AROUND,
        {
            "what": "de las síntesis y balances",
            "value": "estado/sintesis",
            "site": "'sitio.salida' = estado/sintesis",
        },
    ),
    "the site inside the cards": (
        {"sitio": {"salida": "monitoreo/2026"}},
        'salida = "monitoreo/2026"',
        AROUND,
        {
            "what": "de las fichas ('sintesis.fichas')",
            "value": "monitoreo",
            "site": "'sitio.salida' = monitoreo/2026",
        },
    ),
}
COMMANDS = {
    "the morning run": ("--sin-correo",),
    "a balance": ("balance", "2026-11"),
    "a new card": ("ficha", "--emisora", "Radio Mexiquense Ejemplo"),
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_private_folder_and_the_site_one_inside_the_other_are_refused_before_anything_is_written(
    tmp_path: Path,
    cli: Callable[..., Done],
    case: tuple[dict[str, Any], str, str, dict[str, str]],
    command: tuple[str, ...],
) -> None:
    changes, written, message, values = case
    project = office(tmp_path, "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n")
    project.configure(**changes)
    before = files(tmp_path)
    done = cli(project, "2026-11-25T07:00", *command)
    expected = message.format(where=line_of(project, written), **values)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"Error: {expected}\n")
    assert files(tmp_path) == before  # nothing written anywhere: no lock, no database, no page, no card
    assert not (tmp_path / "estado").exists()


def test_the_synthesis_writes_only_in_its_own_folders_wherever_the_site_is(
    tmp_path: Path, cli: Callable[..., Done]
) -> None:
    feed = rss(
        [
            {
                "title": "El PT propone parque en Toluca",
                "link": "https://diario.example.org/parque",
                "pubDate": mexico(24, 20),
            }
        ]
    )
    with FeedServer({"/rss.xml": Route(feed)}).running() as server:
        project = office(
            tmp_path,
            outlet("Diario del Valle (ejemplo)", [server.url("/rss.xml")])
            + "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n",
        )
        project.configure(sitio={"salida": "publico"})
        (tmp_path / "publico").mkdir()
        (tmp_path / "publico/index.html").write_text("<h1>Sitio</h1>", encoding="utf-8")
        before = files(tmp_path)
        run = cli(project, "2026-11-25T07:00", "--sin-correo")
        assert run.returncode == 0, run.stderr
        number = cli(project, "2026-11-25T08:00", "notas").stdout.split()[0]
        assert cli(project, "2026-11-25T08:00", "tono", number, "negativo").returncode == 0
        card = cli(project, "2026-11-25T08:00", "ficha", "--emisora", "Radio Mexiquense Ejemplo")
        assert card.returncode == 0, card.stderr
        assert cli(project, "2026-11-25T08:00", "revisar").returncode == 1  # the new card is unfilled
        balance = cli(project, "2026-12-01T09:00", "balance", "2026-11")
        assert balance.returncode == 0, balance.stderr
    written = {p.relative_to(tmp_path).as_posix() for p in files(tmp_path) - before}
    assert written == {
        "estado/sintesis.lock",
        "estado/sintesis.sqlite3",
        "estado/sintesis/2026/11/sintesis-2026-11-25.html",
        "estado/sintesis/balances/balance-2026-11.html",
        "estado/sintesis/balances/balance-2026-11.csv",
        "monitoreo/2026/11/2026-11-25-0800-radio-mexiquense-ejemplo.yml",
    }
    assert files(tmp_path / "publico") == {tmp_path / "publico/index.html"}
    assert files(tmp_path / "output") == set()  # the folder the default configuration names
