"""Problems found in content: each names the file, the line and what to do."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def fold(text: str) -> str:
    """Lowercase, accents removed, hyphens and runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").replace("_", " ").split())


def closest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Candidates that look like `value`, best first, comparing folded forms.

    Only matches nearly as good as the best one are kept, so 'Texcoko' suggests 'Texcoco'
    alone rather than every name that shares a few letters.
    """
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    folded = fold(value)
    scored = sorted(
        ((difflib.SequenceMatcher(None, folded, f).ratio(), f) for f in by_fold),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if scored and scored[0][0] >= 0.6:
        best, best_name = scored[0]
        close = [f for score, f in scored[:n] if score >= max(0.6, best - 0.08)]
        # names that extend the best one: 'Atizapam' → 'Atizapán' and 'Atizapán de Zaragoza'
        longer = sorted(f for f in by_fold if f.startswith(best_name + " ") and f not in close)
        return [by_fold[f] for f in (close + longer)[:n]]
    # a prefix still helps: 'Cuautitlan Izc' → 'Cuautitlán Izcalli'
    prefixed = [f for f in by_fold if folded and len(folded) >= 3 and f.startswith(folded)]
    return [by_fold[f] for f in prefixed[:n]]


def suggestion(value: str, candidates: Iterable[str]) -> str:
    """'; ¿quisiste decir 'X'?' or '' when nothing is close."""
    return quoted(closest(value, candidates))


def quoted(found: list[str]) -> str:
    """'; ¿quisiste decir 'A', 'B' o 'C'?' for a list of suggestions, '' for none."""
    if not found:
        return ""
    names = [f"'{c}'" for c in found]
    options = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " o " + names[-1]
    return f"; ¿quisiste decir {options}?"
