"""`python -m benchmarks medir|perfil|informe` — see `make bench` and BENCHMARKS.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.corpus import ROOT

WORKDIR = ROOT / ".bench"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.replace(",", " ").split()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' no es una lista de números, p. ej. \"1000 5000\""
        ) from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("cada tamaño debe ser de al menos 10 notas")
    return sizes


def cmd_measure(args: argparse.Namespace) -> int:
    from benchmarks.report import write
    from benchmarks.session import Session, save

    for count in args.tamanos:
        result = Session(count, args.rondas, args.carpeta, args.semilla).run()
        print(f"Resultados guardados en {save(result).relative_to(ROOT)}")
        print(f"{write().relative_to(ROOT)} actualizado")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from benchmarks.profile import profile_size
    from benchmarks.report import write

    profile_size(args.n, args.etiqueta, args.carpeta, args.semilla)
    print(f"{write().relative_to(ROOT)} actualizado")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from benchmarks.report import write

    print(f"{write().relative_to(ROOT)} actualizado")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m benchmarks", description="Banco de pruebas de velocidad.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMANDO")
    measure = commands.add_parser(
        "medir", help="mide este proyecto, Pelican y Hugo y reescribe BENCHMARKS.md"
    )
    measure.add_argument(
        "--tamanos", type=_sizes, default=[1000], help='notas del archivo, p. ej. "1000 5000 20000"'
    )
    measure.add_argument(
        "--rondas", type=int, default=3, help="rondas pareadas por tamaño (mediana, mín–máx)"
    )
    measure.set_defaults(run=cmd_measure)
    profile = commands.add_parser(
        "perfil", help="perfil (cProfile) de la construcción completa y sin cambios"
    )
    profile.add_argument("--n", type=int, default=1000, help="notas del archivo")
    profile.add_argument(
        "--etiqueta", default="actual", help="nombre del perfil en BENCHMARKS.md (antes, después)"
    )
    profile.set_defaults(run=cmd_profile)
    commands.add_parser("informe", help="reescribe BENCHMARKS.md con los resultados guardados").set_defaults(
        run=cmd_report
    )
    for sub in (measure, profile):
        sub.add_argument(
            "--carpeta", type=Path, default=WORKDIR, help="carpeta de trabajo (por omisión .bench/)"
        )
        sub.add_argument("--semilla", type=int, default=13, help="semilla del archivo sintético")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
