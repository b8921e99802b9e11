"""The same wire story republished by several outlets is one story with several sources.

The rule, meant to be checked by hand: two titles tell the same story when their sets of words —
accents, case and punctuation removed, Spanish empty words ("de", "la", "el"…) dropped — share at
least `threshold` of all their words (Jaccard: common words / words in either), and they were
published within `WINDOW` of each other. Titles with fewer than `MIN_WORDS` words must have the
very same words. Pure.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pressroom.model.problems import fold

WINDOW = dt.timedelta(days=3)
MIN_WORDS = 6  # "Alcaldesa de Toluca inaugura escuela" and "… mercado" share 3 of 5 words
_EMPTY_WORDS = """a al ante bajo con contra de del desde durante e el en entre es esta este hacia hasta la las
le les lo los mas o para pero por que se segun sin sobre su sus tras un una unas unos y ya"""
STOPWORDS = frozenset(_EMPTY_WORDS.split())
_WORD = re.compile(r"[a-z0-9ñ]+")


def words(title: str) -> frozenset[str]:
    """A title's meaningful words, folded."""
    return frozenset(w for w in _WORD.findall(fold(title)) if w not in STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def same_story(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    if min(len(a), len(b)) < MIN_WORDS:
        return bool(a) and a == b
    return similarity(a, b) >= threshold


@dataclass(frozen=True)
class Candidate:
    story_id: int
    words: frozenset[str]
    fecha: dt.datetime


class TitleIndex:
    """The stories a new title may belong to, looked up by word.

    Two titles with Jaccard ≥ t share at least ⌈t·n⌉ of the n words of the new one, so at least one
    of its n − ⌈t·n⌉ + 1 rarest words: only the stories holding one of those are compared (prefix
    filtering), which keeps a morning of thousands of notes from comparing every pair.
    """

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._by_word: dict[str, list[Candidate]] = {}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        for word in candidate.words:
            self._by_word.setdefault(word, []).append(candidate)

    def best_match(self, title_words: frozenset[str], fecha: dt.datetime, threshold: float) -> int | None:
        """The story this title belongs to (the most similar one within the window), or None."""
        if not title_words:
            return None
        count = len(title_words)
        needed = count if count < MIN_WORDS else math.ceil(threshold * count - 1e-9)
        rarest = sorted(title_words, key=lambda w: (len(self._by_word.get(w, ())), w))[: count - needed + 1]
        best: tuple[float, int] | None = None
        seen: set[int] = set()
        for word in rarest:
            for candidate in self._by_word.get(word, ()):
                if candidate.story_id in seen:
                    continue
                seen.add(candidate.story_id)
                # same_story and similarity, inlined: this loop runs for every stored title that shares a word
                common = len(title_words & candidate.words)
                union = count + len(candidate.words) - common
                if count < MIN_WORDS or len(candidate.words) < MIN_WORDS:
                    if common != union:
                        continue
                elif common / union < threshold:
                    continue
                if abs(candidate.fecha - fecha) > WINDOW:
                    continue
                score = common / union
                if best is None or (score, -candidate.story_id) > (best[0], -best[1]):
                    best = (score, candidate.story_id)
        return best[1] if best else None
