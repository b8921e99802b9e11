"""A report as a self-contained printable HTML page (styles and charts inline, no JavaScript) and
as CSV tables; an agenda as HTML. Pure: figures in, text out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from pressroom.indicators import agenda
from pressroom.indicators.charts import goal_chart, monthly_chart
from pressroom.indicators.coverage_map import MapDataError, base_map, choropleth, level
from pressroom.indicators.goals import Progress
from pressroom.model.item import MEXICO_CITY, TYPES

from ..printable import OFFICE, templates
from ..synthesis.balance import Count
from ..synthesis.report import TOP
from ..synthesis.report import charts as media_charts
from .report import Report
from .weekly import Agenda, day_label

TEMPLATES = Path(__file__).parent / "plantillas"
CHANNEL_NAMES = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "telegram": "Telegram",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "correo": "Correo",
    "whatsapp": "WhatsApp",
}
Table = list[list[object]]  # rows of cells: text and numbers


def _environment() -> Environment:
    return templates(
        TEMPLATES,
        hora=lambda value: value.astimezone(MEXICO_CITY).strftime("%H:%M"),
        plural=plural,
    )


def plural(count: int, one: str, many: str) -> str:
    """'1 publicación', '3 publicaciones'."""
    return f"{count} {one if count == 1 else many}"


def _css() -> Markup:
    return Markup((TEMPLATES / "estilo.css").read_text(encoding="utf-8"))


def headline(report: Report) -> list[Progress]:
    """The goal figures of the summary: the period's own quarter or year."""
    wanted = report.period.year_period() if report.period.kind == "año" else report.period.quarters()[0]
    return [p for p in report.goals if p.period == wanted]


def coverage_map(report: Report, outlines: str | None) -> tuple[Markup | None, str | None]:
    """The map, or why there is none."""
    if outlines is None:
        return None, None
    try:
        base = base_map(outlines, report.coverage.municipalities)
    except MapDataError as exc:
        return None, f"Sin mapa de cobertura: los contornos de los municipios no sirven ({exc})."
    title = f"Publicaciones por municipio, {report.period.label}"
    return Markup(choropleth(base, report.coverage.counts, title, ident="mapa-informe")), None


def report_html(report: Report, outlines: str | None) -> str:
    mapa, problem = coverage_map(report, outlines)
    shown = report if problem is None else _with_notice(report, problem)
    return (
        _environment()
        .get_template("informe.html")
        .render(
            r=shown,
            notices=shown.notices,
            css=_css(),
            oficina=OFFICE,
            tipos=list(TYPES.values()),
            canales=CHANNEL_NAMES,
            metas_periodo=headline(report),
            grafica_metas=Markup(goal_chart(report.goals, f"Avance contra las metas, {report.period.label}")),
            grafica_meses=Markup(
                monthly_chart(report.months, f"Publicaciones por mes, {report.period.label}")
            ),
            mapa=mapa,
            graficas_medios=media_charts(report.media.figures) if report.media.figures else {},
            listas_medios=media_lists(report),
        )
    )


def media_lists(report: Report) -> list[tuple[str, str, str, tuple[Count, ...]]]:
    """The ranked lists of the media section: (chart key, heading, column, rows)."""
    b = report.media.figures
    if b is None:
        return []
    return [
        (
            "outlet",
            f"Los {TOP} medios de comunicación con más notas",
            "Medio de comunicación",
            b.por_outlet[:TOP],
        ),
        ("persona", "Personas mencionadas", "Persona", b.por_persona[:TOP]),
        ("municipio", f"Los {TOP} municipios con más notas", "Municipio", b.por_municipio[:TOP]),
    ]


def media_table(report: Report) -> Table:
    """The media section's figures, one count a row: every medium, tone and month even at zero;
    every outlet, person and municipality with notes (not only those the page shows)."""
    b = report.media.figures
    assert b is not None
    rows: Table = [
        ["dimension", "clave", "nombre", "notas"],
        ["total", "notas", "Notas publicadas", b.notas],
        ["total", "historias", "Historias distintas", b.historias],
    ]
    for dimension, counts in (
        ("medio", b.por_medio),
        ("alcance", b.por_alcance),
        ("tono", b.por_tono),
        ("medio_de_comunicacion", b.por_outlet),
        ("persona", b.por_persona),
        ("municipio", b.por_municipio),
    ):
        rows += [[dimension, c.key, c.label, c.notas] for c in counts]
    rows += [["mes", month.key, month.label, figures.notas] for month, figures in report.media.months]
    return rows


def _with_notice(report: Report, notice: str) -> Report:
    return replace(report, notices=[*report.notices, notice])


def agenda_html(sheet: Agenda) -> str:
    return (
        _environment()
        .get_template("agenda.html")
        .render(
            a=sheet,
            notices=sheet.notices,
            css=_css(),
            oficina=OFFICE,
            day_label=day_label,
            release=agenda.release,
        )
    )


def tables(report: Report) -> dict[str, Table]:
    """The report's figures as CSV tables, by file name."""
    found: dict[str, Table] = {}
    found["publicaciones-por-mes.csv"] = [
        ["mes", *TYPES, "total"],
        *[[row.month.key, *(row.counts[k] for k in TYPES), row.total] for row in report.months],
        ["total", *(report.totals[k] for k in TYPES), report.total],
    ]
    found["metas.csv"] = [
        ["periodo", "tipo", "realizadas", "programadas", "meta", "avance_por_ciento", "faltan", "situacion"],
        *[
            [p.period.key, p.goal.tipo.key, p.done, p.scheduled, p.target, p.percent, p.needed, p.state]
            for p in report.goals
        ],
    ]
    found["municipios.csv"] = [
        ["clave_inegi", "municipio", "publicaciones", "nivel"],
        *[
            [m.clave, m.nombre, report.coverage.counts[m.slug], level(report.coverage.counts[m.slug])]
            for m in report.coverage.municipalities
        ],
    ]
    found["personas.csv"] = [
        ["id", "nombre", "cargo", "municipio", "publicaciones"],
        *[[p.id, p.nombre, p.cargo, p.municipio.nombre if p.municipio else "", n] for p, n in report.people],
    ]
    if report.deliveries is not None:
        found["envios-por-canal.csv"] = [
            ["canal", "enviados", "fallidos", "desconocidos", "pendientes"],
            *[[t.channel, t.sent, t.failed, t.unknown, t.pending] for t in report.deliveries.channels],
        ]
        found["envios-por-distrito.csv"] = [
            ["distrito", "nombre", "canal", "enviados", "fallidos", "desconocidos", "pendientes"],
            *[
                [t.key, t.label, t.channel, t.sent, t.failed, t.unknown, t.pending]
                for t in report.deliveries.districts
            ],
        ]
    if report.media.figures is not None:
        found["monitoreo-de-medios.csv"] = media_table(report)
    fresh = report.freshness
    found["directorio.csv"] = [
        ["distrito", "contactos", "verificados_6_meses", "mas_antiguos", "sin_verificar"],
        *[[t.label, t.contacts, t.recent, t.stale, t.never] for t in (*fresh.districts, fresh.statewide)],
        ["total", fresh.total.contacts, fresh.total.recent, fresh.total.stale, fresh.total.never],
    ]
    return found
