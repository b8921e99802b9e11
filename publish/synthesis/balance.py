"""The media balance of a period (a month, a quarter): how many notes about the party, its people
and the municipalities were published, by medium, outlet, tone, person and municipality. Pure.

A note is one publication: a wire story in three outlets is three notes (and one story). Its tone
is its story's, as an editor set it, or "sin clasificar". Only relevant stories count (those the
synthesis shows: party, people, municipalities, or a monitoring card).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pressroom.model.refdata import RefData

from .outlets import MEDIA, MEDIA_NAMES, REACH, REACH_NAMES
from .story import Note, Story
from .tone import TONE_NAMES, TONES

UNSET = "sin clasificar"


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    notas: int


@dataclass(frozen=True)
class Row:
    """One published note, for the balance's table of notes (and its CSV)."""

    note: Note
    story: Story


@dataclass(frozen=True)
class Balance:
    desde: dt.datetime
    hasta: dt.datetime  # exclusive
    notas: int
    historias: int
    por_medio: tuple[Count, ...]
    por_alcance: tuple[Count, ...]
    por_tono: tuple[Count, ...]
    por_outlet: tuple[Count, ...]
    por_persona: tuple[Count, ...]
    por_municipio: tuple[Count, ...]
    tono_por_medio: dict[str, dict[str, int]]  # medio → tono → notes
    rows: tuple[Row, ...]


def _ordered(counter: Counter[str], keys: Iterable[str], labels: dict[str, str]) -> tuple[Count, ...]:
    return tuple(Count(k, labels.get(k, k), counter[k]) for k in keys)


def _ranked(counter: Counter[str], labels: dict[str, str]) -> tuple[Count, ...]:
    ranked = sorted(counter.items(), key=lambda pair: (-pair[1], labels.get(pair[0], pair[0])))
    return tuple(Count(k, labels.get(k, k), n) for k, n in ranked)


def tone_of(story: Story) -> str:
    return story.tono or UNSET


def balance(stories: Iterable[Story], desde: dt.datetime, hasta: dt.datetime, ref: RefData) -> Balance:
    rows = [
        Row(note, story)
        for story in stories
        if story.temas.relevant or story.ficha
        for note in story.notes
        if desde <= note.fecha < hasta
    ]
    rows.sort(key=lambda r: (r.note.fecha, r.note.medio, r.story.id))
    media: Counter[str] = Counter()
    reach: Counter[str] = Counter()
    tones: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    people: Counter[str] = Counter()
    places: Counter[str] = Counter()
    matrix: dict[str, Counter[str]] = {m: Counter() for m in MEDIA}
    for row in rows:
        media[row.note.tipo] += 1
        reach[row.note.alcance] += 1
        tones[tone_of(row.story)] += 1
        outlets[row.note.medio] += 1
        people.update(row.story.temas.personas)
        places.update(row.story.temas.municipios)
        matrix[row.note.tipo][tone_of(row.story)] += 1
    person_names = {p.id: p.nombre for p in ref.people.values()}
    place_names = {m.slug: m.nombre for m in ref.municipalities}
    tone_keys = (*TONES, UNSET)
    tone_labels = {**TONE_NAMES, UNSET: "Sin clasificar"}
    return Balance(
        desde,
        hasta,
        len(rows),
        len({r.story.id for r in rows}),
        _ordered(media, MEDIA, MEDIA_NAMES),
        _ordered(reach, REACH, REACH_NAMES),
        _ordered(tones, tone_keys, tone_labels),
        _ranked(outlets, {}),
        _ranked(people, person_names),
        _ranked(places, place_names),
        {m: {t: matrix[m][t] for t in tone_keys} for m in MEDIA},
        tuple(rows),
    )
