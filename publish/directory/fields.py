"""Reading one contact's fields from YAML nodes, with a Spanish problem per mistake.

The values are personal data: a problem names the file, the line and the field, says what is wrong
and how to fix it, and never quotes what was written (a name, an address, a phone) — these messages
end up in the cron log. Suggestions come from the reference data only (district ids, official
municipality names, lists, roles).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pressroom.model.frontmatter import Node
from pressroom.model.problems import Problem, fold, suggestion
from pressroom.model.refdata import RefData

from .model import LISTS, ROLES, STATEWIDE

KEYS = (
    "nombre",
    "correo",
    "telefono",
    "rol",
    "medio",
    "distritos",
    "municipios",
    "listas",
    "activo",
    "verificado",
    "whatsapp",
    "notas",
)
# plain ASCII addresses: what every mail server and the SMTP envelope accept without SMTPUTF8
ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
E164 = re.compile(r"\+[1-9][0-9]{7,14}")
PHONE_SEPARATORS = re.compile(r"[\s().-]")
YES = ("si", "sí", "true", "yes", "verdadero")
NO = ("no", "false", "falso")
MAX_TEXT = 200
SAFE_KEY = re.compile(r"[a-záéíóúñü_]{1,30}")
ORDINAL = "º"


def bad_text(value: str) -> str | None:
    """Why a one-line field is not one line, or None."""
    if any(c in value for c in "\n\r\u2028\u2029\x85"):
        return "tiene un salto de línea; escríbelo en una sola línea"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in value):
        return "tiene un carácter de control invisible; vuelve a escribirlo"
    if len(value) > MAX_TEXT:
        return f"es demasiado largo (más de {MAX_TEXT} caracteres)"
    return None


def normalize_phone(value: str) -> str:
    return PHONE_SEPARATORS.sub("", value)


@dataclass
class Reader:
    """Reads the fields of one contact entry, collecting problems."""

    path: str
    entry: Node
    ref: RefData
    today: dt.date
    problems: list[Problem] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, Node]:
        assert isinstance(self.entry.value, dict)
        return self.entry.value

    def problem(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, (node or self.entry).line, message))

    def unknown_keys(self) -> None:
        for key, node in self.fields.items():
            if key in KEYS:
                continue
            if SAFE_KEY.fullmatch(key):
                self.problem(node, f"clave desconocida '{key}'{suggestion(key, KEYS) or self._valid_keys()}")
            else:
                self.problem(node, f"esta clave no es una de las del directorio{self._valid_keys()}")

    @staticmethod
    def _valid_keys() -> str:
        return "; las válidas son: " + ", ".join(KEYS)

    def text(self, key: str, *, required: bool = False) -> str:
        node = self.fields.get(key)
        if node is None:
            if required:
                self.problem(None, f"a este contacto le falta '{key}'")
            return ""
        if not isinstance(node.value, str):
            self.problem(node, f"'{key}' debe ser texto, no {node.describe()}")
            return ""
        value = node.value.strip(" \t")
        why = bad_text(value)
        if why:
            self.problem(node, f"'{key}' {why}")
            return ""
        if required and not value:
            self.problem(node, f"'{key}' está vacío")
        return value

    def address(self) -> str:
        value = self.text("correo", required=True)
        if value and not ADDRESS.fullmatch(value):
            self.problem(
                self.fields["correo"],
                "'correo' no es una dirección de correo válida; escríbela completa, sin espacios ni "
                "acentos, por ejemplo nombre@example.org",
            )
            return ""
        return value.lower()

    def phone(self) -> str | None:
        value = self.text("telefono")
        if not value:
            return None
        number = normalize_phone(value)
        if not E164.fullmatch(number):
            self.problem(
                self.fields["telefono"],
                "'telefono' no está en formato internacional (E.164): escribe +, la clave del país y el "
                "número, por ejemplo +52 55 0000 0000",
            )
            return None
        return number

    def role(self) -> str | None:
        value = self.text("rol")
        if not value:
            return None
        for canonical, others in ROLES.items():
            if fold(value) in {fold(canonical), *(fold(o) for o in others)}:
                return canonical
        self.problem(
            self.fields["rol"],
            f"'rol' no es uno de los roles{suggestion(value, ROLES)}; usa uno de: {', '.join(ROLES)}",
        )
        return None

    def values(self, key: str) -> list[Node]:
        """A list field; a single value is accepted as a list of one."""
        node = self.fields.get(key)
        if node is None:
            return []
        if isinstance(node.value, str):
            return [node] if node.value.strip() else []
        if isinstance(node.value, list):
            found = []
            for number, child in enumerate(node.value, start=1):
                if isinstance(child.value, str):
                    found.append(child)
                else:
                    self.problem(
                        child, f"'{key}': el {number}{ORDINAL} valor debe ser texto, no {child.describe()}"
                    )
            return found
        self.problem(node, f"'{key}' debe ser una lista, por ejemplo {key}: [uno, otro]")
        return []

    def districts(self) -> tuple[tuple[str, ...], bool]:
        ids = [d.id for d in self.ref.districts]
        found: list[str] = []
        statewide = False
        for number, node in enumerate(self.values("distritos"), start=1):
            assert isinstance(node.value, str)
            value = fold(node.value)
            if value == STATEWIDE:
                statewide = True
                continue
            match = next((i for i in ids if fold(i) == value), None)
            if match is None:
                hint = "; no hay distritos en ese archivo"
                if ids:
                    hint = (
                        "; los distritos son: " + ", ".join(ids)
                        if len(ids) <= 15
                        else suggestion(node.value, ids)
                    )
                self.problem(
                    node,
                    f"'distritos': el {number}{ORDINAL} valor no es un distrito de "
                    f"content/datos/distritos.yml{hint}, o usa 'estatal' para todo el estado",
                )
            elif match not in found:
                found.append(match)
        return tuple(found), statewide

    def municipalities(self) -> tuple[tuple[str, ...], bool]:
        found: list[str] = []
        statewide = False
        names = [m.nombre for m in self.ref.municipalities]
        for number, node in enumerate(self.values("municipios"), start=1):
            assert isinstance(node.value, str)
            if fold(node.value) == STATEWIDE:
                statewide = True
                continue
            municipality = self.ref.municipality(node.value)
            if municipality is None:
                hint = suggestion(node.value, names) or (
                    "; usa el nombre oficial o el slug (content/datos/municipios_edomex.csv)"
                )
                self.problem(
                    node, f"'municipios': el {number}{ORDINAL} valor no es uno de los 125 municipios{hint}"
                )
            elif municipality.slug not in found:
                found.append(municipality.slug)
        return tuple(found), statewide

    def lists(self) -> tuple[str, ...]:
        nodes = self.values("listas")
        if "listas" not in self.fields:
            return ("todo",)
        found: list[str] = []
        for number, node in enumerate(nodes, start=1):
            assert isinstance(node.value, str)
            value = fold(node.value).replace(" ", "")
            match = next((name for name in LISTS if fold(name) == value), None)
            if match is None:
                self.problem(
                    node,
                    f"'listas': el {number}{ORDINAL} valor no es una lista{suggestion(node.value, LISTS)}; "
                    f"las listas son: {', '.join(LISTS)}",
                )
            elif match not in found:
                found.append(match)
        if not nodes:
            self.problem(self.fields["listas"], "'listas' está vacía; quita la clave para recibir todo")
        return tuple(found)

    def flag(self, key: str, default: bool) -> bool:
        value = self.text(key)
        if not value:
            return default
        if fold(value) in YES:
            return True
        if fold(value) in NO:
            return False
        self.problem(self.fields[key], f"'{key}' debe ser sí o no")
        return default

    def date(self, key: str, *, may_be_no: bool = False) -> dt.date | None:
        value = self.text(key)
        if not value or (may_be_no and fold(value) in NO):
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            extra = " (o no)" if may_be_no else ""
            self.problem(
                self.fields[key], f"'{key}' debe ser una fecha AAAA-MM-DD{extra}, por ejemplo 2026-06-15"
            )
            return None
        if day > self.today:
            self.problem(self.fields[key], f"'{key}' es una fecha futura; escribe el día en que ocurrió")
            return None
        return day
