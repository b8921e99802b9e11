"""Who and where: the municipality and people indexes, as plain data for the templates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from .indicators import agenda
from .model.item import Municipality, Person
from .model.problems import fold


def by_municipality(articles: list[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        for municipality in article.item.municipios:
            found[municipality.slug].append(article)
    return found


def by_person(articles: list[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        for person in article.item.personas:
            found[person.id].append(article)
    return found


def alphabetical(
    municipalities: tuple[Municipality, ...], counts: dict[str, int]
) -> list[tuple[str, list[tuple[Municipality, int]]]]:
    """[('A', [(Acambay..., 0), ...]), ('C', ...)] sorted as a Spanish reader expects."""
    groups: dict[str, list[tuple[Municipality, int]]] = defaultdict(list)
    for municipality in sorted(municipalities, key=lambda m: fold(m.nombre)):
        letter = fold(municipality.nombre)[:1].upper()
        groups[letter].append((municipality, counts.get(municipality.slug, 0)))
    return sorted(groups.items())


def people_with_counts(people: dict[str, Person], counts: dict[str, int]) -> list[tuple[Person, int]]:
    return sorted(((p, counts.get(p.id, 0)) for p in people.values()), key=lambda pc: fold(pc[0].nombre))


def upcoming_conferences(articles: list[Any], now: dt.datetime) -> list[Any]:
    """The articles of the public conferences still to come, soonest first (see indicators.agenda)."""
    by_id = {a.item.id: a for a in articles}
    return [by_id[item.id] for item in agenda.upcoming_conferences([a.item for a in articles], now)]


def featured(articles: list[Any], limit: int = 4) -> list[Any]:
    return [a for a in articles if a.item.destacado][:limit]
