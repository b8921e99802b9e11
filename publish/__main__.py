"""`python -m publish plan|run|init|estado|resolver|probar|sintesis` — see `make` and the README."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote

from rich.console import Console

from . import config as config_module
from .errors import PublishError
from .ledger import Key, open_ledger
from .lock import exclusive
from .manifest import load
from .plan import deliveries, make_plan
from .run import channels_for, run, target_for
from .secrets import load_env, redact
from .summary import plan_report, report
from .synthesis.commands import add_parser as add_synthesis


def cmd_plan(args: argparse.Namespace, config: config_module.Config) -> int:
    manifest = load(config.output)
    rows = []
    if config.ledger_path.exists():
        ledger = open_ledger(config.ledger_path, create=False)
        rows = ledger.rows()
        ledger.close()
    elif target_for(config).has_site():
        open_ledger(config.ledger_path, create=False)  # raises: a lost ledger is not an empty one
    force = frozenset(getattr(args, "reenviar", []))
    plan = make_plan(manifest, rows, config, only=frozenset(args.solo), limit=args.max, force=force)
    target = target_for(config)
    deploy = target.plan(config.output)
    print(plan_report(plan, deploy.lines(), f"{target.description}: {deploy.summary()}"))
    return 0


def cmd_run(args: argparse.Namespace, config: config_module.Config) -> int:
    if args.dry_run:
        return cmd_plan(args, config)
    outcome = run(
        config,
        only=frozenset(args.solo),
        limit=args.max,
        force=frozenset(args.reenviar),
        console=Console(),
        delete_withdrawn=args.borrar_retiradas,
    )
    print(report(outcome))
    return 1 if outcome.failed or outcome.not_live else 0


def cmd_init(args: argparse.Namespace, config: config_module.Config) -> int:
    manifest = load(config.output)
    with exclusive(config.lock_path):
        ledger = open_ledger(config.ledger_path, create=True)
        try:
            marked = 0
            for item in manifest.items:
                keys, _ = deliveries(item, config)
                marked += ledger.mark_announced(keys, item.hash)
        finally:
            ledger.close()
    print(
        f"Registro listo en {config.ledger_path}: {len(manifest.items)} notas del sitio marcadas como ya "
        f"anunciadas ({marked} envíos registrados). La próxima publicación anunciará solo lo nuevo."
    )
    return 0


def cmd_status(args: argparse.Namespace, config: config_module.Config) -> int:
    ledger = open_ledger(config.ledger_path, create=False)
    try:
        rows = ledger.rows(args.id)
    finally:
        ledger.close()
    if args.id and not rows:
        print(f"No hay envíos registrados para {args.id}.")
        return 1
    names = {
        "pending": "pendiente",
        "attempting": "intentando",
        "sent": "enviado",
        "failed": "fallido",
        "unknown": "desconocido",
    }
    if args.id:
        for row in rows:
            detail = row.remote_url or row.error or ""
            if row.state == "sent" and row.remote_id and row.remote_id not in unquote(detail):
                detail = f"{detail}  (id {row.remote_id})".strip()
            if row.withdrawal:
                detail += f"  [nota retirada: {row.withdrawal}]"
            print(
                f"{row.key.channel:<9} {row.key.recipient:<40} {names[row.state]:<11} intentos {row.attempts}  {row.updated_at}  {detail}"
            )
        return 0
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    print(f"{len({r.key.item_id for r in rows})} notas, {len(rows)} envíos registrados:")
    for state, count in sorted(counts.items()):
        print(f"  {names[state]}: {count}")
    return 0


def cmd_resolve(args: argparse.Namespace, config: config_module.Config) -> int:
    with exclusive(config.lock_path):
        ledger = open_ledger(config.ledger_path, create=False)
        try:
            unknown = [
                r
                for r in ledger.rows(args.id)
                if r.state == "unknown"
                and r.key.channel == args.canal
                and (args.destinatario is None or r.key.recipient == args.destinatario)
            ]
            if not unknown:
                print(f"No hay envíos desconocidos de {args.id} por {args.canal}.", file=sys.stderr)
                return 1
            if len(unknown) > 1 and args.destinatario is None:
                print(
                    f"Hay {len(unknown)} envíos desconocidos de {args.id} por {args.canal}; indica cuál con "
                    "--destinatario: " + ", ".join(r.key.recipient for r in unknown),
                    file=sys.stderr,
                )
                return 1
            key: Key = unknown[0].key
            detail = "resuelto a mano: " + ("enviado" if args.enviado else "no enviado")
            ledger.resolve(key, args.enviado is not None, args.enviado, detail)
        finally:
            ledger.close()
    state = "enviado" if args.enviado else "pendiente (se enviará en la próxima publicación)"
    print(f"{args.id} {args.canal} {key.recipient}: ahora {state}.")
    return 0


def cmd_probe(args: argparse.Namespace, config: config_module.Config) -> int:
    """Check a channel's connection and credentials without posting or sending anything."""
    if args.canal not in config.channels:
        configured = ", ".join(config.channels) or "ninguno"
        print(
            f"El canal '{args.canal}' no está en [canales] de la configuración; los configurados son: "
            f"{configured}",
            file=sys.stderr,
        )
        return 1
    channel = channels_for(config)[args.canal]
    probe = getattr(channel, "probe", None)
    if probe is None:
        print(
            f"{args.canal}: es la bandeja de salida ({config.channels[args.canal].kind}); no usa "
            "credenciales, no hay nada que probar."
        )
        return 0
    print(f"{args.canal}: {redact(probe())}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m publish", description="Publica el sitio y anuncia lo nuevo."
    )
    main.add_argument(
        "--config", type=Path, default=None, help="archivo de configuración (publish/publicacion.toml)"
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMANDO")

    def selection(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--solo", action="append", default=[], metavar="ID", help="solo esta nota (se puede repetir)"
        )
        sub.add_argument("--max", type=int, default=None, metavar="N", help="cambia la válvula de seguridad")

    plan = commands.add_parser("plan", help="muestra qué se desplegaría y enviaría, y por qué")
    selection(plan)
    plan.set_defaults(run=cmd_plan)
    run_cmd = commands.add_parser("run", help="despliega, verifica y anuncia")
    selection(run_cmd)
    run_cmd.add_argument("--dry-run", action="store_true", help="solo muestra el plan; no cambia nada")
    run_cmd.add_argument(
        "--reenviar",
        action="append",
        default=[],
        metavar="ID",
        help="vuelve a anunciar esta nota a propósito",
    )
    run_cmd.add_argument(
        "--borrar-retiradas",
        action="store_true",
        help="borra en las redes (donde la API lo permite) las publicaciones de notas retiradas",
    )
    run_cmd.set_defaults(run=cmd_run)
    commands.add_parser("init", help="marca todo lo que ya está en el sitio como anunciado").set_defaults(
        run=cmd_init
    )
    status = commands.add_parser("estado", help="muestra el registro de envíos (de una nota con ID)")
    status.add_argument("id", nargs="?", default=None)
    status.set_defaults(run=cmd_status)
    resolve = commands.add_parser("resolver", help="asienta a mano un envío desconocido")
    resolve.add_argument("id")
    resolve.add_argument("canal")
    resolve.add_argument("--destinatario", default=None)
    outcome = resolve.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--enviado", metavar="URL", help="sí salió; URL de la publicación o del mensaje")
    outcome.add_argument(
        "--no-enviado", action="store_true", help="no salió; se enviará en la próxima publicación"
    )
    resolve.set_defaults(run=cmd_resolve)
    probe = commands.add_parser(
        "probar", help="revisa la conexión y las credenciales de un canal sin publicar nada"
    )
    probe.add_argument("canal", help="nombre del canal: x, facebook, correo, whatsapp…")
    probe.set_defaults(run=cmd_probe)
    add_synthesis(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    load_env(Path.cwd())
    try:
        config = config_module.load(args.config)
        return int(args.run(args, config))
    except PublishError as error:
        print(f"Error: {redact(str(error))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
