"""YAML text to Nodes, with bounded work: no anchors or aliases, a limited depth, no recursion.

Every scalar is read as text (PyYAML's BaseLoader rules), so `No`, `Sí`, `10:30` and unquoted
dates arrive exactly as the editor wrote them; the validator gives them meaning.

The tree is built from PyYAML's event stream in one loop, without PyYAML's composer: an alias
(`*a`) is refused where it stands, so a few hundred bytes can never expand into gigabytes
("billion laughs", CVE-2019-11253's kind) nor refer to itself, and a collection nested deeper
than MAX_DEPTH stops the reading there, so `[[[[…` is neither a RecursionError nor slow. Editors
never need anchors or aliases; Go's YAML library refuses "excessive aliasing" for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from .problems import Problem

MAX_DEPTH = 10  # lists and key groups inside each other; a note needs 3 (galeria → foto → pie)


@dataclass(frozen=True)
class Node:
    """A YAML value and the 1-based line where it (or its key) stands."""

    value: str | list[Node] | dict[str, Node]
    line: int

    def describe(self) -> str:
        if isinstance(self.value, dict):
            return "un grupo de claves"
        if isinstance(self.value, list):
            return "una lista"
        return "texto"


class _Stop(Exception):
    """The document cannot be read further; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


_SKIP = object()  # the value of a key that was already reported (repeated, or not a word)


@dataclass
class _Open:
    """A list or key group whose end has not been read yet."""

    line: int
    items: list[Node] | None = None  # a list
    mapping: dict[str, Node] | None = None  # a key group
    key: tuple[str, int] | object | None = None  # the key waiting for its value
    key_lines: dict[str, int] = field(default_factory=dict)


def parse(path: str, text: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Any YAML document as Nodes; syntax errors, aliases and excessive depth as Spanish problems."""
    try:
        root, problems = _read(path, text, first_line)
    except _Stop as stop:
        return None, [stop.problem]
    except yaml.MarkedYAMLError as exc:
        # where the mistake starts (an unclosed quote or bracket, a stray line) rather than where
        # YAML gave up; a block's own start says nothing, so then the problem's place is better
        use_context = exc.context_mark is not None and "block" not in (exc.context or "")
        mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
        line = (mark.line if mark else 0) + first_line
        return None, [Problem(path, line, _yaml_message(exc))]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, e.g. a control character
        line = text.count("\n", 0, exc.position) + first_line
        return None, [
            Problem(
                path,
                line,
                "la línea tiene un carácter que YAML no acepta; bórralo o vuelve a escribir la línea",
            )
        ]
    except yaml.YAMLError:  # pragma: no cover - every other YAML error we know is marked
        return None, [Problem(path, first_line, "el encabezado YAML no se puede leer; revisa su formato")]
    return root or Node("", first_line), problems


# libyaml's parser when PyYAML was built with it: the same events and line marks, several times faster
_FAST_LOADER: type[yaml.BaseLoader] | None = getattr(yaml, "CBaseLoader", None)


def _read(path: str, text: str, first_line: int) -> tuple[Node | None, list[Problem]]:
    """The tree, from libyaml's events when it is installed. Text libyaml refuses is read again by
    PyYAML's own parser, so every mistake is reported with the same words and line whichever is
    installed; so is text with a tab, which libyaml accepts inside a plain value and PyYAML does not.
    """
    if _FAST_LOADER is not None and "\t" not in text:
        problems: list[Problem] = []
        try:
            return _build(path, yaml.parse(text, Loader=_FAST_LOADER), first_line, problems), problems
        except yaml.YAMLError:
            pass
    problems = []
    return _build(path, yaml.parse(text, Loader=yaml.BaseLoader), first_line, problems), problems


def _build(path: str, events: Iterable[yaml.Event], first_line: int, problems: list[Problem]) -> Node | None:
    """One pass over the events; `stack` holds the open collections, innermost last."""
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    for event in events:
        line = (event.start_mark.line if event.start_mark else 0) + first_line
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Stop(
                    Problem(
                        path,
                        line,
                        "aquí empieza un segundo documento YAML (una línea '---' o '...'); "
                        "un archivo lleva uno solo: quita esa línea",
                    )
                )
            continue
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            continue  # stream and document boundaries
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Stop(Problem(path, line, _alias_message(event)))
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            value: str | list[Node] | dict[str, Node] = (
                done.items if done.items is not None else done.mapping or {}
            )
            node = Node(value, done.line)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Stop(Problem(path, line, _DEPTH_MESSAGE))
            is_list = isinstance(event, yaml.SequenceStartEvent)
            stack.append(_Open(line, [] if is_list else None, None if is_list else {}))
            continue
        else:
            assert isinstance(event, yaml.ScalarEvent)
            node = Node(str(event.value), line)
        if not stack:
            root = node
        else:
            _attach(path, stack[-1], node, problems)
    return root


def _attach(path: str, parent: _Open, node: Node, problems: list[Problem]) -> None:
    if parent.items is not None:
        parent.items.append(node)
        return
    assert parent.mapping is not None
    if parent.key is None:  # this node is a key
        if not isinstance(node.value, str):
            problems.append(Problem(path, node.line, "una clave debe ser una palabra"))
            parent.key = _SKIP
        elif node.value in parent.key_lines:
            problems.append(
                Problem(
                    path,
                    node.line,
                    f"la clave '{node.value}' está repetida (ya aparece en la línea "
                    f"{parent.key_lines[node.value]}); "
                    "deja solo una",
                )
            )
            parent.key = _SKIP
        else:
            parent.key = (node.value, node.line)
            parent.key_lines[node.value] = node.line
        return
    if isinstance(parent.key, tuple):
        key, key_line = parent.key
        parent.mapping[key] = Node(node.value, key_line)
    parent.key = None


_DEPTH_MESSAGE = (
    f"hay más de {MAX_DEPTH} listas o grupos de claves uno dentro de otro (por ejemplo muchos '[' "
    "o '{' seguidos); una nota usa como mucho tres niveles: revisa los corchetes y llaves de esta "
    "línea, y si el valor es texto, escríbelo entre comillas"
)


def _alias_message(event: yaml.Event) -> str:
    sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
    what = "un alias" if sign == "*" else "un ancla"
    return (
        f"un valor empieza con '{sign}'; escríbelo entre comillas (YAML lo leería como {what}, "
        "y las anclas '&' y los alias '*' no se admiten: escribe cada valor completo)"
    )


_YAML_HINTS = {
    "mapping values are not allowed here": (
        "hay dos puntos ':' donde YAML no los espera; si el valor contiene ': ', "
        'escríbelo entre comillas dobles, por ejemplo titulo: "Salud: nueva clínica"'
    ),
    "found character '\\t' that cannot start any token": (
        "hay un tabulador; YAML solo admite espacios, reemplázalo por espacios"
    ),
    "could not find expected ':'": (
        "falta ':' después de una clave, o un texto de varias líneas no está entre comillas"
    ),
    "found character '@' that cannot start any token": ("un valor empieza con '@'; escríbelo entre comillas"),
    "found character '`' that cannot start any token": ("un valor empieza con '`'; escríbelo entre comillas"),
    "expected ',' or ']', but got": (
        "una lista entre corchetes [ ] no está bien cerrada; si el valor es texto que empieza con '[', "
        "escríbelo entre comillas"
    ),
    "expected ',' or '}', but got": (
        "un grupo entre llaves { } no está bien cerrado; si el valor es texto que empieza con '{', "
        "escríbelo entre comillas"
    ),
    "found unexpected end of stream while scanning a quoted scalar": (
        "unas comillas se abren y no se cierran"
    ),
    "found unexpected end of stream": "unas comillas o corchetes se abren y no se cierran",
}


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if context.startswith("while scanning a quoted scalar"):
        return "el encabezado YAML no se puede leer: unas comillas se abren en esta línea y no se cierran"
    if context.startswith(("while scanning an alias", "while scanning an anchor")):
        sign = "*" if "alias" in context else "&"
        return f"el encabezado YAML no se puede leer: un valor empieza con '{sign}'; escríbelo entre comillas"
    for english, spanish in _YAML_HINTS.items():
        if problem.startswith(english):
            return f"el encabezado YAML no se puede leer: {spanish}"
    return (
        "el encabezado YAML no se puede leer: revisa sangrías, comillas y dos puntos en esta línea; "
        "si un valor empieza con [, {, -, ?, %, !, & o comillas y sigue con más texto, escríbelo "
        'completo entre comillas dobles, por ejemplo titulo: "[Video] Alcaldesa inaugura clínica"'
    )
