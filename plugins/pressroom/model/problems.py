"""Problems found in content: each names the file, the line and what to do."""

from __future__ import annotations

import difflib
import re
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


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100  # characters; a slug names a folder of the site


def slugify(text: str) -> str:
    """'Alcaldesa de Texcoco' → 'alcaldesa-de-texcoco'; the example given when a slug is wrong."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:MAX_SLUG].rstrip("-") or "mi-nota"


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


# what a one-line value must not hold: line breaks of any kind and invisible control characters
# (tab is fine); YAML puts them there from a '|' block or an escape such as "\n", "\r", "\0", "\e"
_NOT_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def one_line_problem(label: str, value: str) -> str | None:
    """Why `value` of field `label` is not a single line of text, or None when it is."""
    found = _NOT_ONE_LINE.search(value)
    if found is None:
        return None
    char = found.group()
    if char in _BREAKS:
        return (
            f"'{label}' tiene un salto de línea, y este dato va en una sola línea (es el asunto de "
            "un correo, el texto de una publicación o una línea de un listado): escríbelo todo "
            "seguido, sin '|' y sin '\\n'"
        )
    return (
        f"'{label}' tiene un carácter de control invisible (U+{ord(char):04X}), escrito con un "
        "escape entre comillas como '\\0' o '\\e'; bórralo"
    )
