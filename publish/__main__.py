"""`python -m publish plan|run|init|estado|resolver|probar|directorio|baja|informe|agenda|sintesis` — see
`make` and the README."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from functools import partial
from pathlib import Path

from rich.console import Console

from . import config as config_module
from .directory import export, suppression
from .directory.review import Review
from .directory.review import report as directory_report
from .errors import PublishError, describe_os_error
from .history import Past
from .ledger import Key, Standing, open_ledger
from .lock import exclusive, reading
from .manifest import load
from .recovery import adopt_live
from .reports.cli import add_commands as add_reports
from .run import Selection, channels_for, checked_plan, run, target_for
from .secrets import load_env, redact
from .summary import plan_report, report, status_report
from .synthesis.cli import add_parser as add_synthesis


def cmd_plan(args: argparse.Namespace, config: config_module.Config) -> int:
    with reading(config.output):
        return _plan(args, config)


def _plan(args: argparse.Namespace, config: config_module.Config) -> int:
    target = target_for(config)
    manifest = load(config.output)
    deploy = target.plan(config.output)
    selection = Selection(
        only=frozenset(args.solo),
        limit=args.max,
        force=frozenset(getattr(args, "reenviar", [])),
        retry=frozenset(getattr(args, "reintentar", [])),
    )
    standing = Standing({}, [])
    past = Past({}, {})
    if config.ledger_path.exists():
        ledger = open_ledger(config.ledger_path, create=False)
        try:
            standing = ledger.standing(selection.force | selection.retry)
            past = ledger.history.past(partial(deploy.at_target, output=config.output))
        finally:
            ledger.close()
    elif target.has_site():
        open_ledger(config.ledger_path, create=False)  # raises: a lost ledger is not an empty one
    plan = checked_plan(manifest, standing, past, deploy, config, target.description, selection)
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
        retry=frozenset(args.reintentar),
        console=Console(),
        delete_withdrawn=args.borrar_retiradas,
    )
    print(report(outcome))
    return 1 if outcome.failed or outcome.not_live else 0


def cmd_init(args: argparse.Namespace, config: config_module.Config) -> int:
    """Mark as announced what the deploy target already serves; what was built but never deployed
    stays new, and the next publication deploys and announces it."""
    target = target_for(config)
    with exclusive(config.lock_path), reading(config.output):
        manifest = load(config.output)
        deploy = target.plan(config.output)
        ledger = open_ledger(config.ledger_path, create=True)
        try:
            live, marked, left = adopt_live(ledger, manifest, deploy, config)
        finally:
            ledger.close()
    text = (
        f"Registro listo en {config.ledger_path}: {live} notas que ya están en línea ({target.description}) "
        f"quedaron marcadas como ya anunciadas ({marked} envíos registrados)."
    )
    if left:
        text += (
            f" {left} notas construidas que todavía no están en línea se desplegarán y anunciarán en la "
            "próxima publicación."
        )
    else:
        text += " La próxima publicación anunciará solo lo nuevo."
    print(text)
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
    print(status_report(rows, args.id))
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


def cmd_directory(args: argparse.Namespace, config: config_module.Config) -> int:
    """The directory's freshness and coverage, and a private export for the periodic review."""
    review = Review(dt.date.today(), config.directory, config.suppression)
    written = export.write(review, config.state, (config.output, config.deploy_folder))
    print(
        directory_report(
            review,
            [str(p.relative_to(config.root)) if p.is_relative_to(config.root) else str(p) for p in written],
        )
    )
    return 0


def cmd_unsubscribe(args: argparse.Namespace, config: config_module.Config) -> int:
    """Put an address on the suppression list: it never receives email again."""
    address = suppression.check_address(args.correo)
    added = suppression.add(config.state, address, dt.date.today())
    where = suppression.path_in(config.state)
    if not added:
        print(f"{address} ya estaba dada de baja ({where}); no recibe correos.")
        return 0
    known = config.directory.by_address(address) is not None
    print(f"{address} dada de baja: no recibirá más correos (lista en {where}).")
    if known:
        print(
            "Sigue en el directorio de contactos: si ya no es un contacto, quítalo o pon `activo: no` "
            "en la próxima revisión."
        )
    else:
        print("No está en el directorio de contactos: si llega a agregarse, tampoco recibirá correos.")
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
        help="vuelve a anunciar esta nota a propósito, en todos sus canales",
    )
    run_cmd.add_argument(
        "--reintentar",
        action="append",
        default=[],
        metavar="ID",
        help="vuelve a intentar solo los envíos que fallaron de esta nota (después de corregirla)",
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
    commands.add_parser(
        "directorio",
        help="revisa el directorio de contactos y exporta una copia privada para la revisión periódica",
    ).set_defaults(run=cmd_directory)
    unsubscribe = commands.add_parser("baja", help="da de baja una dirección: no vuelve a recibir correos")
    unsubscribe.add_argument("correo", help="la dirección, por ejemplo nombre@example.org")
    unsubscribe.set_defaults(run=cmd_unsubscribe)
    add_reports(commands)
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
    except OSError as error:  # the disk or the file system, wherever it was met: never a traceback
        print(
            f"Error: {redact(describe_os_error(error))}. Corrígelo y vuelve a intentar; lo que ya quedó "
            "en el registro de envíos está a salvo",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
