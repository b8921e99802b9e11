"""`python -m publish informe [PERIODO]` and `python -m publish agenda` (also `make informe`,
`make agenda`): what the coordinator runs, and what they read back in the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from pressroom.indicators.periods import PeriodError, parse_period, quarter_of

from ..config import Config
from ..errors import ReportError
from .files import write_agenda, write_report
from .media import read_media
from .render import agenda_html, headline, plural, report_html, tables
from .report import Report, make_report
from .sources import gather
from .weekly import DAYS, make_agenda, text

MAX_DAYS = 62


def shown(path: Path) -> str:
    """A path as the coordinator can type it: relative to where the command runs, when inside."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def summary(report: Report) -> list[str]:
    lines = [f"  Publicaciones: {report.total}"]
    for p in headline(report):
        lines.append(f"  {p.goal.tipo.plural}: {p.done} de {p.target} ({p.percent} %). {p.advice}")
    reached = len(report.coverage.reached)
    lines.append(f"  Municipios con actividad: {reached} de {len(report.coverage.municipalities)}")
    if report.deliveries is not None:
        total = report.deliveries.total
        counts = (
            plural(total.sent, "enviado", "enviados"),
            plural(total.failed, "fallido", "fallidos"),
            plural(total.unknown, "desconocido", "desconocidos"),
            plural(total.pending, "pendiente", "pendientes"),
        )
        lines.append(f"  Envíos: {', '.join(counts)}")
    media = report.media.figures
    if media is None:
        lines.append(f"  Monitoreo de medios: {report.media.absent}")
    else:
        tones = ", ".join(f"{c.label.lower()}: {c.notas}" for c in media.por_tono)
        lines.append(
            f"  Monitoreo de medios: {plural(media.notas, 'nota', 'notas')} en "
            f"{plural(media.historias, 'historia', 'historias')} ({tones})"
        )
    lines += [f"  Monitoreo de medios: {notice}" for notice in report.media.notices]
    fresh = report.freshness.total
    lines.append(
        f"  Directorio: {fresh.recent} de {fresh.contacts} contactos activos verificados en los últimos seis "
        "meses (make directorio dice quiénes faltan)"
    )
    return lines


def cmd_report(args: argparse.Namespace, config: Config) -> int:
    sources = gather(config, args.ajustes)
    if args.periodo:
        try:
            period = parse_period(args.periodo)
        except PeriodError as exc:
            raise ReportError(str(exc)) from exc
    else:
        period = quarter_of(sources.now)
        print(
            f"Sin PERIODO: uso el trimestre actual, {period.key} (por ejemplo: make informe PERIODO=2026-T4)."
        )
    report = make_report(sources, period, read_media(config, period, sources.site.ref, sources.now))
    written = write_report(config, period.key, report_html(report, sources.outlines), tables(report))
    print(f"Informe del {period.label} ({period.span}):")
    print(f"  {shown(written[0])}  ← ábrelo en el navegador; se imprime en A4")
    print(f"  Tablas CSV en {shown(written[0].parent)}/: {', '.join(p.name for p in written[1:])}")
    for line in summary(report):
        print(line)
    for notice in report.notices:
        print(f"Aviso: {notice}")
    return 0


def cmd_agenda(args: argparse.Namespace, config: Config) -> int:
    start = None
    if args.desde:
        try:
            start = dt.date.fromisoformat(args.desde.strip())
        except ValueError as exc:
            raise ReportError(
                f"--desde '{args.desde}' no es una fecha; escríbela como AAAA-MM-DD, por ejemplo 2026-11-30"
            ) from exc
    days = DAYS if args.dias is None else args.dias
    if not 1 <= days <= MAX_DAYS:
        raise ReportError(f"--dias debe estar entre 1 y {MAX_DAYS}, no {days}")
    sources = gather(config, args.ajustes)
    sheet = make_agenda(sources, start, days)
    print(text(sheet))
    path = write_agenda(config, f"agenda-{sheet.start:%Y-%m-%d}.html", agenda_html(sheet))
    print(f"Para imprimir: {shown(path)}")
    return 0
