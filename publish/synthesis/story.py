"""A story and its notes: what one or several outlets published about the same thing. No I/O.

A note is one publication (an article in a feed, or a radio or TV mention written down on a manual
card); a story groups the notes that tell the same thing. Counts by outlet and medium count notes;
tone, people and municipalities belong to the story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .outlets import REACH
from .tone import Suggestion
from .topics import Matches


@dataclass(frozen=True)
class Note:
    enlace: str  # normalised link (the identity); for a card, "ficha:<path>"
    enlace_original: str  # as published; "" for a card without a recording link
    medio: str  # the outlet's name
    tipo: str  # prensa, radio, tv, digital, redes
    alcance: str  # nacional, estatal, local
    titulo: str
    resumen: str
    fecha: dt.datetime  # published (UTC)
    vista: dt.datetime  # first found (UTC)
    programa: str = ""  # radio or TV programme, for a card

    @property
    def is_card(self) -> bool:
        return self.enlace.startswith("ficha:")


@dataclass(frozen=True)
class Story:
    id: int
    titulo: str
    resumen: str
    fecha: dt.datetime  # earliest publication
    vista: dt.datetime  # first found
    tono: str | None  # set by an editor (or on the card); None until then
    sugerencia: Suggestion
    temas: Matches
    huella: str  # fingerprint of the rules the matches and suggestion were made with
    notes: tuple[Note, ...]
    ficha: str | None = None  # the card file, for a manual monitoring card

    @property
    def alcance(self) -> str:
        """The widest reach among its notes: a story in one national outlet is national news."""
        return min((n.alcance for n in self.notes), key=REACH.index, default="local")

    @property
    def outlets(self) -> tuple[str, ...]:
        seen: list[str] = []
        for note in self.notes:
            if note.medio not in seen:
                seen.append(note.medio)
        return tuple(seen)

    def texts(self) -> tuple[str, ...]:
        """Everything matched against topics and tone: its own text and each note's."""
        found = [self.titulo, self.resumen]
        for note in self.notes:
            found += [note.titulo, note.resumen]
        return tuple(found)
