"""The tone of a note: set by an editor; suggested, as a suggestion only, by a keyword lexicon.

The lexicon (`datos/tono.yml`) lists positive and negative words; `*` at the end of a word accepts
any ending. The suggestion counts the words found in the title and summary: more positive ones →
positivo, more negative ones → negativo, otherwise neutral; it says which words it counted. Pure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pressroom.model.problems import fold

from ..errors import ConfigError
from .datafiles import FOLDER, read_rules

LEXICON = FOLDER / "tono.yml"
TONES = ("positivo", "neutral", "negativo")
TONE_NAMES = {"positivo": "Positivo", "neutral": "Neutral", "negativo": "Negativo"}


@dataclass(frozen=True)
class Suggestion:
    tono: str
    positivas: tuple[str, ...]  # the words of the note that counted, as written in the lexicon
    negativas: tuple[str, ...]

    @property
    def reason(self) -> str:
        """'positivas: inaugur*; negativas: —' for a person to judge the suggestion."""
        return f"positivas: {', '.join(self.positivas) or '—'}; negativas: {', '.join(self.negativas) or '—'}"


def _pattern(term: str) -> re.Pattern[str]:
    word = fold(term)
    if word.endswith("*"):
        return re.compile(rf"(?<![a-z0-9]){re.escape(word[:-1])}[a-z0-9]*")
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")


class Lexicon:
    def __init__(self, positive: list[str], negative: list[str]) -> None:
        self._positive = [(term, _pattern(term)) for term in positive]
        self._negative = [(term, _pattern(term)) for term in negative]
        described = "\n".join(["+", *positive, "-", *negative])
        self.fingerprint = hashlib.sha256(described.encode()).hexdigest()[:16]

    def suggest(self, *texts: str) -> Suggestion:
        folded = fold(" \n ".join(texts))
        positive = tuple(term for term, pattern in self._positive if pattern.search(folded))
        negative = tuple(term for term, pattern in self._negative if pattern.search(folded))
        score = sum(len(p.findall(folded)) for t, p in self._positive if t in positive) - sum(
            len(p.findall(folded)) for t, p in self._negative if t in negative
        )
        tono = "positivo" if score > 0 else "negativo" if score < 0 else "neutral"
        return Suggestion(tono, positive, negative)


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    lists = read_rules(path, "el léxico de tono")
    positive, negative = lists.get("positivo"), lists.get("negativo")
    if not isinstance(positive, list) or not isinstance(negative, list):
        raise ConfigError(f"{path}: el léxico de tono necesita dos listas, 'positivo' y 'negativo'")
    return Lexicon([str(t) for t in positive], [str(t) for t in negative])
