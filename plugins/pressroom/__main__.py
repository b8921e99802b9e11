"""Command line for editors: `python -m pressroom build|validate|new|serve` (see `make`)."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

from . import preview
from .build import build, build_clock, load_settings, validate
from .content import load_ref, open_cache
from .exceptions import BuildError, ContentError, PressroomError
from .scaffold import create

DEFAULT_CONFIG = Path("pelican.conf.py")


def _report(error: PressroomError) -> int:
    if isinstance(error, ContentError):
        for problem in error.problems:
            print(problem, file=sys.stderr)
        files = len({p.path for p in error.problems})
        print(
            f"\n{len(error.problems)} error(es) en {files} archivo(s). No se construyó nada; "
            "output/ se quedó como estaba. Corrige lo anterior y vuelve a intentar.",
            file=sys.stderr,
        )
    else:
        print(f"Error: {error}", file=sys.stderr)
        if isinstance(error, BuildError):
            print("No se construyó nada; output/ se quedó como estaba.", file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    result = build(args.config, build_clock(), args.output)
    if result.advisories:
        print("Advertencias (no detienen la construcción, pero conviene revisarlas):", file=sys.stderr)
        for advisory in result.advisories:
            print(f"  {advisory}", file=sys.stderr)
    print(
        f"Sitio construido en {result.output}: {result.published} notas publicadas, "
        f"{result.pages} páginas fijas, {result.held_back} en espera (borradores, con embargo "
        "o con fecha futura)."
    )
    if result.unchanged:
        print("  Nada cambió desde la construcción anterior: el sitio ya estaba al día.")
    elif result.reused:
        print(f"  {result.reused} páginas sin cambios se tomaron de la construcción anterior.")
    for path, veda in result.veda:
        print(f"  Retenida por veda hasta {veda.hasta:%Y-%m-%d %H:%M} ({veda.motivo}): {path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    cache = open_cache(Path(settings["PATH"]))
    site = validate(args.config, cache)
    if cache is not None:
        cache.save()
    print(f"Todo en orden: {len(site.items)} notas y {len(site.pages)} páginas revisadas.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    content_dir = Path(settings["PATH"])
    ref, problems = load_ref(content_dir)
    if problems:
        raise ContentError(problems)
    path = create(content_dir, ref, args.tipo, args.titulo, args.municipio)
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    print(f"Nota creada: {shown}\nÁbrela, escribe el texto y, cuando esté lista, cambia 'estado: borrador'.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The editors' preview: drafts and scheduled items built too, marked, into their own folder
    (never output/); rebuilt on every save; served on 127.0.0.1 only."""
    from watchfiles import watch  # only the preview needs it

    settings = load_settings(args.config)
    output = preview.folder(settings)

    def rebuild() -> None:
        try:
            result = build(args.config, build_clock(), preview=True)
        except PressroomError as error:
            _report(error)
            return
        for advisory in result.advisories:
            print(f"  {advisory}", file=sys.stderr)
        print(
            f"Vista previa construida: {result.published} notas publicadas y {result.held_back} "
            "borradores o programadas (marcadas como tales; no salen en `make html` ni en "
            "`make publish`).",
            flush=True,
        )

    rebuild()
    try:
        server = preview.Server(output, args.port)
    except OSError as exc:
        raise BuildError(
            f"no se pudo abrir el puerto {args.port} ({exc.strerror}); quizá ya hay otra vista "
            "previa abierta: ciérrala o usa otro puerto, por ejemplo make serve PUERTO=8001"
        ) from exc
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Vista previa en http://localhost:{server.server_port}/ — guarda un archivo para "
        "reconstruir; Ctrl+C para salir.",
        flush=True,
    )
    watched = [settings["PATH"], settings["THEME"], "plugins"]
    try:
        for _changes in watch(*watched):
            print("Cambios detectados; reconstruyendo…", flush=True)
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def cmd_editor(args: argparse.Namespace) -> int:
    from .editor.server import running  # only the web editor needs it

    with running(args.config, args.puerto) as editor:
        print(
            f"Editor web listo en {editor.url} (solo en esta computadora).\n"
            f"Guarda las notas en {editor.project / 'content'}; revísalas con `make validar` y "
            "publícalas con `make publish`.\nCtrl+C para salir."
        )
        try:
            while editor.proxy.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
    raise PressroomError(
        "el servidor local del editor (decap-server) se detuvo; vuelve a correr `make editor`"
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m pressroom", description="Sitio de Comunicación Social del PT Estado de México."
    )
    main.add_argument(
        "--config", type=Path, default=DEFAULT_CONFIG, help="archivo de configuración de Pelican"
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMANDO")
    build_cmd = commands.add_parser("build", help="revisa el contenido y construye el sitio en output/")
    build_cmd.add_argument(
        "--output", type=Path, default=None, help="carpeta de salida (por omisión output/)"
    )
    build_cmd.set_defaults(run=cmd_build)
    commands.add_parser("validate", help="solo revisa el contenido").set_defaults(run=cmd_validate)
    new = commands.add_parser("new", help="crea una nota nueva como borrador")
    new.add_argument(
        "--tipo", required=True, help="boletin, actividad, conferencia, reportaje, capsula, spot o galeria"
    )
    new.add_argument("--titulo", required=True, help="título de la nota")
    new.add_argument("--municipio", required=True, help="municipio (nombre o slug) o estatal")
    new.set_defaults(run=cmd_new)
    serve = commands.add_parser("serve", help="vista previa en localhost que se reconstruye al guardar")
    serve.add_argument("--port", type=int, default=8000, help="puerto local (0: uno libre)")
    serve.set_defaults(run=cmd_serve)
    editor = commands.add_parser(
        "editor", help="editor web (Decap CMS) sobre este repositorio, en http://127.0.0.1:PUERTO/admin/"
    )
    editor.add_argument("--puerto", type=int, default=8001, help="puerto del editor (por omisión 8001)")
    editor.set_defaults(run=cmd_editor)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except PressroomError as error:
        return _report(error)


if __name__ == "__main__":
    sys.exit(main())
