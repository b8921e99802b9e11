"""Reference data: the 125 municipalities, the people file and the districts file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .aliases import ALIASES
from .frontmatter import Node, parse
from .item import STATEWIDE, District, Municipality, Person
from .problems import MAX_SLUG, SLUG_RE, Problem, closest, fold, one_line_problem, quoted, slugify, suggestion

CARGOS = (
    "diputada",
    "diputado",
    "presidenta municipal",
    "presidente municipal",
    "regidora",
    "regidor",
    "síndica",
    "síndico",
    "dirigente",
)


@dataclass
class RefData:
    municipalities: tuple[Municipality, ...]
    people: dict[str, Person] = field(default_factory=dict)
    districts: tuple[District, ...] = ()
    _index: dict[str, Municipality] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for m in self.municipalities:
            self._index[fold(m.nombre)] = m
            self._index[fold(m.slug)] = m
        for alias, official in ALIASES.items():  # only where the official name is in the data
            if fold(official) in self._index:
                self._index.setdefault(fold(alias), self._index[fold(official)])

    def municipality(self, name_or_slug: str) -> Municipality | None:
        """By official name, slug or a common short name (aliases.py), accents and case aside."""
        return self._index.get(fold(name_or_slug))

    def municipality_problem(self, value: str, statewide: bool = True) -> str:
        if not statewide and fold(value) == STATEWIDE:
            return "'estatal' no es un municipio: aquí va el municipio donde ocurre, por ejemplo toluca"
        hint = quoted(self.municipality_suggestions(value, statewide))
        if not hint:
            hint = (
                "; usa el nombre oficial o el slug de uno de los 125 municipios "
                "(content/datos/municipios_edomex.csv), o [estatal]"
            )
        return f"municipio '{value}' no existe{hint}"

    def municipality_suggestions(self, value: str, statewide: bool = True, n: int = 3) -> list[str]:
        """Official names for what was typed, never a different town before the one meant.

        Names that start with it come alone ('Tenango' → 'Tenango del Aire', 'Tenango del Valle';
        'Nauc' → 'Naucalpan de Juárez'). Otherwise the closest spellings, short names counting
        for their municipality ('Ecatepek' → 'Ecatepec de Morelos'), then names that contain it
        as a word ('Zaragoza' → 'Atizapán de Zaragoza').
        """
        folded = fold(value)
        official = {fold(m.nombre): m.nombre for m in self.municipalities}
        aliases = {alias: target for alias, target in ALIASES.items() if fold(target) in official}
        if len(folded) >= 3:
            starting = [name for key, name in sorted(official.items()) if key.startswith(folded)]
            starting += [official[fold(t)] for a, t in sorted(aliases.items()) if fold(a).startswith(folded)]
            if starting:
                return list(dict.fromkeys(starting))[:n]
        spellings = {m.nombre: m.nombre for m in self.municipalities} | aliases
        if statewide:
            spellings[STATEWIDE] = STATEWIDE
        close = [spellings[c] for c in closest(value, spellings, n=n)]
        words = [
            name for key, name in sorted(official.items()) if len(folded) >= 4 and f" {folded} " in f" {key} "
        ]
        return list(dict.fromkeys(close + words))[:n]

    def districts_of(self, municipalities: tuple[Municipality, ...]) -> tuple[District, ...]:
        wanted = set(municipalities)
        return tuple(d for d in self.districts if wanted & set(d.municipios))


def load_municipalities(text: str) -> tuple[Municipality, ...]:
    rows = csv.DictReader(io.StringIO(text))
    return tuple(Municipality(r["clave_inegi"], r["nombre"], r["slug"]) for r in rows)


def _text(node: Node | None) -> str:
    return node.value.strip() if node is not None and isinstance(node.value, str) else ""


def _line(path: str, fields: dict[str, Node], key: str, problems: list[Problem]) -> str | None:
    """A one-line text field: '' when absent, None when it breaks the line (reported here)."""
    value = _text(fields.get(key))
    problem = one_line_problem(key, value)
    if problem is None:
        return value
    problems.append(Problem(path, fields[key].line, problem))
    return None


def _entries(path: str, text: str, what: str) -> tuple[list[Node], list[Problem]]:
    root, problems = parse(path, text)
    if root is None:
        return [], problems
    if isinstance(root.value, str) and not root.value:
        return [], problems
    if not isinstance(root.value, list):
        return [], [
            *problems,
            Problem(path, root.line, f"el archivo debe ser una lista de {what} ('- id: ...')"),
        ]
    entries = []
    for node in root.value:
        if isinstance(node.value, dict):
            entries.append(node)
        else:
            problems.append(Problem(path, node.line, f"cada elemento debe ser un grupo de claves de {what}"))
    return entries, problems


def _unknown_keys(path: str, entry: Node, allowed: tuple[str, ...]) -> list[Problem]:
    assert isinstance(entry.value, dict)
    return [
        Problem(
            path,
            node.line,
            f"clave desconocida '{key}'{suggestion(key, allowed) or '; las válidas son: ' + ', '.join(allowed)}",
        )
        for key, node in entry.value.items()
        if key not in allowed
    ]


def load_people(path: str, text: str, ref: RefData) -> tuple[dict[str, Person], list[Problem]]:
    entries, problems = _entries(path, text, "personas")
    people: dict[str, Person] = {}
    for entry in entries:
        assert isinstance(entry.value, dict)
        fields = entry.value
        problems += _unknown_keys(path, entry, ("id", "nombre", "cargo", "municipio", "variantes"))
        found = {key: _line(path, fields, key, problems) for key in ("id", "nombre", "cargo", "municipio")}
        for key in ("id", "nombre", "cargo"):
            if found[key] == "":
                problems.append(Problem(path, entry.line, f"falta '{key}' en esta persona"))
        pid, nombre, cargo = (found[key] or "" for key in ("id", "nombre", "cargo"))
        if pid and (not SLUG_RE.match(pid) or len(pid) > MAX_SLUG):
            problems.append(
                Problem(
                    path,
                    fields["id"].line,
                    f"el id '{pid}' no es válido: es la dirección de la persona en el sitio "
                    f"(/personas/{pid}/); usa solo minúsculas sin acentos, números y guiones "
                    f"(hasta {MAX_SLUG}), por ejemplo '{slugify(pid)}'",
                )
            )
        if cargo and fold(cargo) not in {fold(c) for c in CARGOS}:
            problems.append(
                Problem(
                    path,
                    fields["cargo"].line,
                    f"cargo '{cargo}' no es válido{suggestion(cargo, CARGOS)}; "
                    f"usa uno de: {', '.join(CARGOS)}",
                )
            )
        municipio = None
        if "municipio" in fields and found["municipio"] is not None:
            municipio = ref.municipality(found["municipio"])
            if municipio is None:
                problems.append(
                    Problem(
                        path,
                        fields["municipio"].line,
                        ref.municipality_problem(_text(fields["municipio"]), statewide=False),
                    )
                )
        variantes, variant_problems = _variants(path, fields.get("variantes"))
        problems += variant_problems
        if pid in people:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"el id '{pid}' ya está en la línea {people[pid].line}; cada persona necesita un id único",
                )
            )
        elif pid:
            canonical = next((c for c in CARGOS if fold(c) == fold(cargo)), cargo)
            people[pid] = Person(pid, nombre, canonical, municipio, entry.line, variantes)
    return people, problems


def _variants(path: str, node: Node | None) -> tuple[tuple[str, ...], list[Problem]]:
    """`variantes: [Rosy Martínez, La Maestra Rosa]`: other spellings of a name, for the press synthesis."""
    if node is None:
        return (), []
    values = [node] if isinstance(node.value, str) else node.value if isinstance(node.value, list) else None
    if values is None:
        return (), [Problem(path, node.line, "'variantes' debe ser una lista: [Nombre Corto, Otro Nombre]")]
    found, problems = [], []
    for value in values:
        text = _text(value)
        if not isinstance(value.value, str):
            problems.append(Problem(path, value.line, "cada variante del nombre debe ser texto"))
        elif (broken := one_line_problem("variantes", text)) is not None:
            problems.append(Problem(path, value.line, broken))
        elif len(text.split()) < 2:
            problems.append(
                Problem(
                    path,
                    value.line,
                    f"la variante '{text}' tiene una sola palabra y confundiría a otras personas; "
                    "usa nombre y apellido, por ejemplo 'Rosy Martínez'",
                )
            )
        else:
            found.append(text)
    return tuple(found), problems


def load_districts(path: str, text: str, ref: RefData) -> tuple[tuple[District, ...], list[Problem]]:
    entries, problems = _entries(path, text, "distritos")
    districts: list[District] = []
    for entry in entries:
        assert isinstance(entry.value, dict)
        fields = entry.value
        problems += _unknown_keys(path, entry, ("id", "nombre", "municipios"))
        did, nombre = _line(path, fields, "id", problems), _line(path, fields, "nombre", problems)
        if did == "" or nombre == "":
            problems.append(Problem(path, entry.line, "cada distrito necesita 'id' y 'nombre'"))
        members: list[Municipality] = []
        node = fields.get("municipios")
        values = node.value if node is not None and isinstance(node.value, list) else []
        for value in values:
            found = ref.municipality(value.value) if isinstance(value.value, str) else None
            if found is None:
                problems.append(Problem(path, value.line, ref.municipality_problem(str(value.value))))
            else:
                members.append(found)
        districts.append(District(did or "", nombre or "", tuple(members)))
    return tuple(districts), problems
