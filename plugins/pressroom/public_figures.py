"""Pelican generator for the public agenda (/agenda/) and the optional transparency page
(/transparencia/, when TRANSPARENCIA = True): computed from what is on the site, nothing else.

Only listed articles reach here: drafts, embargoed, veda-held and future items never exist for
Pelican, and withdrawn ones are hidden, so no figure can reveal something not yet public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from .exceptions import BuildError
from .generators import shared_ref, write_page
from .indicators.charts import goal_chart, monthly_chart
from .indicators.coverage_map import OUTLINES_FILE, MapDataError, base_map, choropleth
from .indicators.goals import parse_goals, progress_table
from .indicators.measures import Coverage, MonthRow, coverage, per_type_per_month, type_totals
from .indicators.periods import YEAR, Period
from .listings import upcoming_conferences
from .model.item import MEXICO_CITY, Item, ItemType
from .model.refdata import RefData

MAP_NEEDED = (
    "la página de transparencia dibuja con él el mapa de cobertura: restaura el archivo del "
    "repositorio o pon TRANSPARENCIA = False en pelican.conf.py"
)


@dataclass(frozen=True)
class GoalFigure:
    """One row of the goals table, without the clock (see Figures)."""

    period: Period
    tipo: ItemType
    done: int
    scheduled: int
    target: int
    percent: int


@dataclass(frozen=True)
class Figures:
    """What the transparency page shows: the current year so far. Nothing in it depends on the
    build's clock beyond the day and the counts, so an incremental build carries the page over
    until a figure or the date changes."""

    year: Period
    as_of: dt.date
    goals: list[GoalFigure]
    months: list[MonthRow]
    totals: dict[str, int]
    coverage: Coverage
    goal_chart: Markup
    monthly_chart: Markup
    map: Markup


def figures(items: list[Item], ref: RefData, settings: dict[str, Any], now: dt.datetime) -> Figures:
    year = Period(now.astimezone(MEXICO_CITY).year, YEAR, 0)
    goals, _ = parse_goals(settings.get("METAS"))  # problems were reported by the build's validation
    progress = progress_table(goals, year, items, now)
    months = per_type_per_month(items, year, now)
    found = coverage(items, ref.municipalities, year, now)
    outlines = Path(settings["PATH"]) / OUTLINES_FILE
    try:
        base = base_map(outlines.read_text(encoding="utf-8"), ref.municipalities)
    except FileNotFoundError as exc:
        raise BuildError(f"content/{OUTLINES_FILE}: no existe; {MAP_NEEDED}") from exc
    except (OSError, UnicodeDecodeError, MapDataError) as exc:
        raise BuildError(f"content/{OUTLINES_FILE}: {exc}; {MAP_NEEDED}") from exc
    return Figures(
        year=year,
        as_of=now.astimezone(MEXICO_CITY).date(),
        goals=[GoalFigure(p.period, p.goal.tipo, p.done, p.scheduled, p.target, p.percent) for p in progress],
        months=months,
        totals=type_totals(months),
        coverage=found,
        goal_chart=Markup(goal_chart(progress, f"Avance contra las metas en {year.year}")),
        monthly_chart=Markup(monthly_chart(months, f"Publicaciones por mes en {year.year}")),
        map=Markup(
            choropleth(base, found.counts, f"Notas por municipio en {year.year}", ident="mapa-transparencia")
        ),
    )


class PublicFigures(Generator):
    """Writes /agenda/ and, when TRANSPARENCIA is on, /transparencia/."""

    def generate_context(self) -> None:
        self.ref = shared_ref(self)

    def generate_output(self, writer: Any) -> None:
        articles = list(self.context["articles"])
        now: dt.datetime = self.settings["PRESSROOM_NOW"]
        write_page(
            self, writer, "agenda/index.html", "agenda", conferencias=upcoming_conferences(articles, now)
        )
        if self.settings.get("TRANSPARENCIA"):
            items = [a.item for a in articles]
            write_page(
                self,
                writer,
                "transparencia/index.html",
                "transparencia",
                cifras=figures(items, self.ref, self.settings, now),
            )
