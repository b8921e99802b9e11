"""The `sintesis` command line on publish's argument parser; each action's code (commands.py: the
feeds, the notes database, the pages) is imported only when the action runs."""

from __future__ import annotations

import argparse

from ..lazy import later

COMMANDS = "publish.synthesis.commands"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    main = commands.add_parser(
        "sintesis",
        help="síntesis de prensa: descarga los feeds de los medios, arma la síntesis del día y la envía",
    )
    main.add_argument("--fecha", metavar="AAAA-MM-DD", help="rehace la síntesis de ese día (sin descargar)")
    main.add_argument("--sin-descargar", action="store_true", help="no consulta los feeds (solo fichas)")
    main.add_argument("--sin-correo", action="store_true", help="arma la página pero no la envía")
    main.add_argument("--reenviar", action="store_true", help="la envía otra vez a quien ya la recibió")
    main.set_defaults(run=later(COMMANDS, "cmd_run"))
    actions = main.add_subparsers(dest="accion", metavar="ACCIÓN")
    notes = actions.add_parser("notas", help="las notas del día con su número, tono y medios")
    notes.add_argument("--fecha", metavar="AAAA-MM-DD")
    notes.set_defaults(run=later(COMMANDS, "cmd_notes"))
    tone = actions.add_parser("tono", help="fija el tono de una nota: positivo, neutral o negativo")
    tone.add_argument("nota", help="el número de la nota (make notas)")
    tone.add_argument("tono", help="positivo, neutral o negativo")
    tone.set_defaults(run=later(COMMANDS, "cmd_tone"))
    card = actions.add_parser("ficha", help="crea una ficha de monitoreo (radio, TV) para llenar")
    card.add_argument("--emisora", required=True)
    card.add_argument("--programa", default="")
    card.add_argument(
        "--fecha", default="", metavar='"AAAA-MM-DD HH:MM"', help="cuándo salió (ahora si no se dice)"
    )
    card.set_defaults(run=later(COMMANDS, "cmd_card"))
    check = actions.add_parser("revisar", help="revisa la lista de medios y las fichas, sin descargar nada")
    check.set_defaults(run=later(COMMANDS, "cmd_check"))
    balance = actions.add_parser(
        "balance", help="balance mensual (2026-11), informe trimestral (2026-T4) o anual (2026)"
    )
    balance.add_argument("periodo", help="AAAA-MM, AAAA-T1…T4 o AAAA (los mismos periodos que el informe)")
    balance.set_defaults(run=later(COMMANDS, "cmd_balance"))
