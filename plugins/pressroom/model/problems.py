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
    """Candidates that look like `value`, best first, comparing folded forms."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    folded = fold(value)
    matches = difflib.get_close_matches(folded, list(by_fold), n=n, cutoff=0.6)
    if not matches:  # "Atizapan" should suggest "Atizapán de Zaragoza" too
        matches = [f for f in by_fold if folded and (f.startswith(folded) or folded in f)][:n]
    return [by_fold[m] for m in matches]


def suggestion(value: str, candidates: Iterable[str]) -> str:
    """'; ¿quisiste decir 'X'?' or '' when nothing is close."""
    found = closest(value, candidates)
    if not found:
        return ""
    quoted = [f"'{c}'" for c in found]
    options = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " o " + quoted[-1]
    return f"; ¿quisiste decir {options}?"
