"""What a note talks about: the party, its people, the municipalities. Pure.

The rules live in `datos/temas.yml` and the people file; each name is matched as whole words with
accents (and, unless the rule says otherwise, case) folded, so "PT" never matches inside "PTU" and
"Héctor Salgado" matches "HECTOR SALGADO". `Matcher.fingerprint` changes whenever the rules or
the people change, so stored matches made under older rules are redone.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.model.item import Person
from pressroom.model.problems import fold
from pressroom.model.refdata import RefData

from ..errors import ConfigError
from .datafiles import FOLDER, read_rules

RULES = FOLDER / "temas.yml"
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "san", "santa", "van", "von"})
CONTEXT = ("municipio de", "ayuntamiento de", "alcalde de", "alcaldesa de", "cabildo de")


def bare(text: str) -> str:
    """Accents removed, case kept, hyphens and runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").replace("_", " ").split())


def _alternation(names: list[str], letters: str) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(set(names), key=lambda n: (-len(n), n))  # the longest name wins at a position
    body = "|".join(re.escape(n) for n in ordered)
    return re.compile(rf"(?<![{letters}])(?:{body})(?![{letters}])")


LOWER = "a-z0-9"
ANY = "A-Za-z0-9"


def name_variants(person: Person) -> tuple[str, ...]:
    """The full name, the variants from the people file, and — for names without particles —
    given names + first surname and first name + first surname (Spanish order: the last two
    words are the surnames)."""
    found = [person.nombre, *person.variantes]
    words = person.nombre.split()
    if len(words) >= 3 and not PARTICLES & {fold(w) for w in words[1:]}:
        found += [" ".join(words[:-1]), f"{words[0]} {words[-2]}"]
    unique: list[str] = []
    for name in found:
        if len(name.split()) >= 2 and fold(name) not in {fold(u) for u in unique}:
            unique.append(name)
    return tuple(unique)


@dataclass(frozen=True)
class Matches:
    partido: bool = False
    personas: tuple[str, ...] = ()  # ids, in the people file's order
    municipios: tuple[str, ...] = ()  # slugs, sorted

    @property
    def relevant(self) -> bool:
        return self.partido or bool(self.personas) or bool(self.municipios)


class Matcher:
    def __init__(self, ref: RefData, rules: dict[str, Any]) -> None:
        party = [str(t) for t in rules.get("partido", [])]
        self._party_upper = _alternation([bare(t) for t in party if t.isupper()], ANY)
        self._party = _alternation([fold(t) for t in party if not t.isupper()], LOWER)
        places = rules.get("municipios", {})
        known = {m.slug for m in ref.municipalities}
        named = [
            *places.get("con_mayuscula", []),
            *places.get("con_contexto", []),
            *(places.get("cortos") or {}),
        ]
        for slug in named:
            if slug not in known:
                raise ConfigError(f"{RULES}: '{slug}' no es el slug de ninguno de los 125 municipios")
        capital = set(places.get("con_mayuscula", []))
        context = set(places.get("con_contexto", []))
        by_name: dict[str, str] = {}
        for municipality in ref.municipalities:
            if municipality.slug not in capital | context:
                by_name[fold(municipality.nombre)] = municipality.slug
        for slug, names in (places.get("cortos") or {}).items():
            for name in names:
                by_name[fold(name)] = slug  # a press name wins over another municipality's official one
        self._places = by_name
        self._place_pattern = _alternation(list(by_name), LOWER)
        self._capital = {
            form: m.slug
            for m in ref.municipalities
            if m.slug in capital
            for form in (bare(m.nombre), bare(m.nombre).upper())
        }
        self._capital_pattern = _alternation(list(self._capital), ANY)
        self._context = {fold(m.nombre): m.slug for m in ref.municipalities if m.slug in context}
        self._context_pattern = _alternation(
            [f"{prefix} {name}" for prefix in CONTEXT for name in self._context], LOWER
        )
        self._people = [
            (person.id, _alternation([fold(v) for v in name_variants(person)], LOWER))
            for person in ref.people.values()
        ]
        described = {
            "reglas": rules,
            "personas": {pid: name_variants(p) for pid, p in ref.people.items()},
            "municipios": sorted((m.slug, m.nombre) for m in ref.municipalities),
        }
        text = json.dumps(described, sort_keys=True, ensure_ascii=False, default=str)
        self.fingerprint = hashlib.sha256(text.encode()).hexdigest()[:16]

    def match(self, *texts: str) -> Matches:
        joined = " \n ".join(texts)
        folded, kept = fold(joined), bare(joined)
        partido = bool(
            (self._party_upper and self._party_upper.search(kept))
            or (self._party and self._party.search(folded))
        )
        places: set[str] = set()
        if self._place_pattern:
            places |= {self._places[m.group(0)] for m in self._place_pattern.finditer(folded)}
        if self._capital_pattern:
            places |= {self._capital[m.group(0)] for m in self._capital_pattern.finditer(kept)}
        if self._context_pattern:
            for found in self._context_pattern.finditer(folded):
                name = found.group(0).split(" de ", 1)[1]
                places.add(self._context[name])
        people = tuple(pid for pid, pattern in self._people if pattern and pattern.search(folded))
        return Matches(partido, people, tuple(sorted(places)))


def load_rules(path: Path = RULES) -> dict[str, Any]:
    return read_rules(path, "las reglas de temas")
