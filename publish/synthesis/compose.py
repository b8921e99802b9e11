"""The daily synthesis as data: the relevant stories of a window, grouped by reach and topic. Pure.

A story is relevant when it names the party, one of its people or a municipality, or when an
editor wrote it down on a monitoring card. Each story appears once, under its first topic in the
order of TOPICS; within a topic, the stories told by more outlets come first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from pressroom.model.refdata import RefData

from .outlets import REACH, REACH_NAMES
from .story import Story

TOPICS = {
    "partido": "El partido",
    "personas": "Nuestra gente",
    "municipios": "Municipios",
    "monitoreo": "Otros temas del monitoreo",
}


@dataclass(frozen=True)
class Group:
    tema: str
    titulo: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class Section:
    alcance: str
    titulo: str
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(g.stories) for g in self.groups)


@dataclass(frozen=True)
class Synthesis:
    fecha: dt.date
    desde: dt.datetime
    hasta: dt.datetime
    sections: tuple[Section, ...]
    problems: tuple[str, ...]  # sources that could not be read, cards with problems
    personas: dict[str, str]  # id → name, for display
    municipios: dict[str, str]  # slug → name

    @property
    def stories(self) -> tuple[Story, ...]:
        return tuple(s for section in self.sections for g in section.groups for s in g.stories)

    @property
    def notes(self) -> int:
        return sum(len(s.notes) for s in self.stories)

    def tones(self) -> Counter[str]:
        """Stories by tone: the editor's, or 'sin clasificar'."""
        return Counter(s.tono or "sin clasificar" for s in self.stories)


def topic(story: Story) -> str | None:
    if story.temas.partido:
        return "partido"
    if story.temas.personas:
        return "personas"
    if story.temas.municipios:
        return "municipios"
    if story.ficha:
        return "monitoreo"
    return None


def compose(
    fecha: dt.date,
    desde: dt.datetime,
    hasta: dt.datetime,
    stories: list[Story],
    ref: RefData,
    problems: tuple[str, ...] = (),
) -> Synthesis:
    by_place: dict[tuple[str, str], list[Story]] = {}
    for story in stories:
        found = topic(story)
        if found is not None:
            by_place.setdefault((story.alcance, found), []).append(story)
    sections = []
    for alcance in REACH:
        groups = []
        for tema, titulo in TOPICS.items():
            chosen = by_place.get((alcance, tema), [])
            chosen.sort(key=lambda s: (-len(s.notes), -s.fecha.timestamp(), s.id))
            if chosen:
                groups.append(Group(tema, titulo, tuple(chosen)))
        if groups:
            sections.append(Section(alcance, REACH_NAMES[alcance], tuple(groups)))
    return Synthesis(
        fecha,
        desde,
        hasta,
        tuple(sections),
        problems,
        {p.id: p.nombre for p in ref.people.values()},
        {m.slug: m.nombre for m in ref.municipalities},
    )
