"""The same wire story republished by several outlets is one story with several sources.

The rule, meant to be checked by hand: two titles tell the same story when their sets of words —
accents, case and punctuation removed, Spanish empty words ("de", "la", "el"…) dropped — share at
least `threshold` of all their words (Jaccard: common words / words in either), and they were
published within `WINDOW` of each other. Titles with fewer than `MIN_WORDS` words must have the
very same words. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pressroom.model.problems import fold

WINDOW = dt.timedelta(days=3)
MIN_WORDS = 4
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


def best_match(
    title_words: frozenset[str], fecha: dt.datetime, candidates: Iterable[Candidate], threshold: float
) -> int | None:
    """The story this title belongs to (the most similar one within the window), or None."""
    best: tuple[float, int] | None = None
    for candidate in candidates:
        if abs(candidate.fecha - fecha) > WINDOW or not same_story(title_words, candidate.words, threshold):
            continue
        score = similarity(title_words, candidate.words)
        if best is None or score > best[0]:
            best = (score, candidate.story_id)
    return best[1] if best else None
