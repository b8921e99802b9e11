"""`python -m publish informe` and `agenda` on publish's argument parser; the reports' code
(commands.py: the content model, the charts, the map) is imported only when one runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..lazy import later

COMMANDS = "publish.reports.commands"


def add_commands(commands: Any) -> None:
    """The two subcommands, on publish's argument parser."""
    settings_help = "configuración del sitio, de donde se leen el contenido y las metas (pelican.conf.py)"
    report = commands.add_parser(
        "informe",
        help="informe del periodo contra las metas: HTML para imprimir y tablas CSV en estado/informes/",
    )
    report.add_argument(
        "periodo",
        nargs="?",
        default="",
        help="2026 (año), 2026-T4 (trimestre) o 2026-11 (mes); sin él, el trimestre actual",
    )
    report.add_argument("--ajustes", type=Path, default=None, metavar="ARCHIVO", help=settings_help)
    report.set_defaults(run=later(COMMANDS, "cmd_report"))
    week = commands.add_parser(
        "agenda", help="conferencias y notas programadas de los próximos días (en pantalla y en HTML)"
    )
    week.add_argument("--desde", default="", metavar="AAAA-MM-DD", help="primer día (hoy si no se indica)")
    week.add_argument(
        "--dias", type=int, default=None, metavar="N", help="cuántos días (una semana si no se dice)"
    )
    week.add_argument("--ajustes", type=Path, default=None, metavar="ARCHIVO", help=settings_help)
    week.set_defaults(run=later(COMMANDS, "cmd_agenda"))
