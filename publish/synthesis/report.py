"""`make balance PERIODO=…`: the media balance of a month, or the quarterly (or yearly) report of published notes,
as a printable page with inline-SVG charts and a CSV of every note, in the private state folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from markupsafe import Markup

from pressroom.indicators.periods import MONTH, Period
from pressroom.model.item import MEXICO_CITY

from ..printable import OFFICE
from .balance import Balance, balance, tone_of
from .charts import TONE_COLOURS, bar_chart
from .classify import refresh
from .daily import Context, write_private
from .ingest import Ingestion, sync_cards
from .outlets import MEDIA_NAMES
from .period import parse_period, title
from .render import environment

TOP = 20  # outlets, people and municipalities shown in charts and tables


def charts(figures: Balance) -> dict[str, Markup]:
    def chart(
        key: str, title: str, counts: list[tuple[str, int]], colours: list[str] | None = None
    ) -> Markup:
        return Markup(bar_chart(counts, title, ident=f"grafica-{key}", colours=colours))

    tones = [(c.label, c.notas) for c in figures.por_tono]
    return {
        "medio": chart("medio", "Notas por medio", [(c.label, c.notas) for c in figures.por_medio]),
        "tono": chart("tono", "Notas por tono", tones, [TONE_COLOURS[c.key] for c in figures.por_tono]),
        "alcance": chart("alcance", "Notas por alcance", [(c.label, c.notas) for c in figures.por_alcance]),
        "outlet": chart(
            "outlet",
            "Notas por medio de comunicación",
            [(c.label, c.notas) for c in figures.por_outlet[:TOP]],
        ),
        "persona": chart(
            "persona", "Notas por persona", [(c.label, c.notas) for c in figures.por_persona[:TOP]]
        ),
        "municipio": chart(
            "municipio", "Notas por municipio", [(c.label, c.notas) for c in figures.por_municipio[:TOP]]
        ),
    }


def page(period: Period, figures: Balance, months: list[tuple[str, Balance]], now: dt.datetime) -> str:
    titulo = title(period)
    listas = [
        ("outlet", f"Los {TOP} medios con más notas", "Medio de comunicación", figures.por_outlet[:TOP]),
        ("persona", "Personas mencionadas", "Persona", figures.por_persona[:TOP]),
        ("municipio", f"Los {TOP} municipios con más notas", "Municipio", figures.por_municipio[:TOP]),
    ]
    return (
        environment()
        .get_template("balance.html")
        .render(
            titulo=titulo,
            p=period,
            b=figures,
            meses=months,
            tonos=figures.por_tono,
            listas=listas,
            graficas=charts(figures),
            office=OFFICE,
            ahora=now,
            ultimo_dia=period.end - dt.timedelta(days=1),
        )
    )


def table(figures: Balance, people: dict[str, str], places: dict[str, str]) -> str:
    """Every note of the period, one row each, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "fecha",
            "medio",
            "tipo",
            "alcance",
            "titulo",
            "enlace",
            "programa",
            "tono",
            "historia",
            "personas",
            "municipios",
        ]
    )
    for row in figures.rows:
        note, story = row.note, row.story
        writer.writerow(
            [
                f"{note.fecha.astimezone(MEXICO_CITY):%Y-%m-%d %H:%M}",
                note.medio,
                MEDIA_NAMES[note.tipo],
                note.alcance,
                note.titulo,
                note.enlace_original,
                note.programa,
                tone_of(story),
                story.id,
                "; ".join(people.get(p, p) for p in story.temas.personas),
                "; ".join(places.get(m, m) for m in story.temas.municipios),
            ]
        )
    return out.getvalue()


def make_balance(context: Context, text: str, now: dt.datetime) -> tuple[Path, str]:
    period = parse_period(text)
    settings = context.settings
    ingestion = Ingestion(context.store, context.classifier, settings.similarity, context.max_age, now)
    sync_cards(
        ingestion, settings.cards, context.config.root, context.ref, context.outlets
    )  # edited cards count
    stories = refresh(
        context.store, context.store.published_between(period.start, period.end), context.classifier
    )
    figures = balance(stories, period.start, period.end, context.ref)
    months = (
        []
        if period.kind == MONTH
        else [(m.label, balance(stories, m.start, m.end, context.ref)) for m in period.months()]
    )
    folder = settings.pages / "balances"
    target = folder / f"balance-{period.key}.html"
    write_private(target, page(period, figures, months, now))
    people = {p.id: p.nombre for p in context.ref.people.values()}
    places = {m.slug: m.nombre for m in context.ref.municipalities}
    write_private(target.with_suffix(".csv"), table(figures, people, places))
    tones = ", ".join(f"{c.label.lower()}: {c.notas}" for c in figures.por_tono)
    summary = f"Balance de {period.label}: {figures.notas} notas en {figures.historias} historias ({tones})."
    return target, summary
