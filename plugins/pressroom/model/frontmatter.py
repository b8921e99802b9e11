"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Every scalar is read as text (YAML's BaseResolver), so `No`, `Sí`, `10:30` and unquoted dates
arrive exactly as the editor wrote them; the validator gives them meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .problems import Problem

MAX_BYTES = 2 * 1024 * 1024
FENCE = "---"


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


@dataclass(frozen=True)
class Document:
    fields: dict[str, Node]
    body: str
    body_line: int  # line where the body starts
    end_line: int  # line of the closing fence
    lines: tuple[str, ...] = ()  # the file's lines, for checks on what the editor typed


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 with or without BOM, any newline style."""
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        return None, [
            Problem(
                path,
                1,
                f"el archivo pesa {size:.1f} MB y el máximo es {MAX_BYTES // (1024 * 1024)} MB; "
                "las fotos, audios y documentos van en su propia carpeta (content/imagenes/, "
                "content/audio/), no dentro del texto",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                f"el archivo no está en UTF-8 (byte 0x{data[exc.start]:02X} en la columna "
                f"{column}); ábrelo en tu editor y guárdalo con la codificación UTF-8",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pasted from Word or the web: separators editors show inside a line, as the space they look like
    text = text.translate(_INVISIBLE_BREAKS)
    if _CONTROL.search(text) is None:  # one pass in C; the lines are examined only when needed
        return text, []
    problems: list[Problem] = []
    for number, row in enumerate(text.split("\n"), start=1):
        bad = next((c for c in row if _is_control(c)), None)
        if bad is not None:
            problems.append(
                Problem(
                    path,
                    number,
                    f"la línea tiene un carácter de control invisible (U+{ord(bad):04X}), probablemente "
                    "pegado desde otro programa; bórralo o vuelve a escribir la línea",
                )
            )
    if problems:
        return None, problems
    return text, []


# the characters _is_control refuses, as one character class
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_INVISIBLE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\x85": " "})


def _is_control(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code < 0x85
        or 0x86 <= code < 0xA0
        or code in (0xFFFE, 0xFFFF)
    )


def split(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Find the fenced YAML header and parse it into Nodes."""
    if not text.strip():
        return None, [
            Problem(
                path,
                1,
                "el archivo está vacío; crea las notas con `make nuevo` para empezar con un "
                "encabezado válido",
            )
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [
            Problem(
                path,
                1,
                "el archivo no empieza con un encabezado entre dos líneas '---'; la primera línea "
                "debe ser exactamente '---' (crea las notas con `make nuevo`)",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        return None, [
            Problem(
                path,
                1,
                "el encabezado que empieza en la línea 1 no se cierra; agrega una línea '---' "
                "después de la última clave y antes del texto",
            )
        ]
    tabbed = [
        Problem(
            path,
            i + 1,
            "la línea está sangrada con tabuladores y YAML solo admite espacios; "
            "reemplaza los tabuladores por espacios",
        )
        for i in range(1, end)
        if lines[i][: len(lines[i]) - len(lines[i].lstrip(" \t"))].count("\t")
    ]
    if tabbed:
        return None, tabbed
    header = "\n".join(lines[1:end])
    fields, problems = parse_mapping(path, header, first_line=2)
    body = "\n".join(lines[end + 1 :])
    if fields is None:
        return None, problems
    return Document(
        fields, body, body_line=end + 2, end_line=end + 1, lines=tuple(lines[: end + 1])
    ), problems


def parse_mapping(path: str, text: str, first_line: int = 1) -> tuple[dict[str, Node] | None, list[Problem]]:
    """YAML text whose top level must be a mapping (a front matter)."""
    node, problems = parse(path, text, first_line)
    if node is None:
        return None, problems
    if not isinstance(node.value, dict):
        if isinstance(node.value, str) and not node.value:
            return {}, problems
        return None, [
            Problem(
                path,
                node.line,
                "el encabezado debe ser una lista de claves con su valor, una por línea "
                "(por ejemplo 'titulo: Mi nota'), no " + node.describe(),
            )
        ]
    return node.value, problems


def parse(path: str, text: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Any YAML document as Nodes; syntax errors as Spanish problems."""
    try:
        root = _compose(text)
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
    if root is None:
        return Node("", first_line), []
    problems: list[Problem] = []
    return _convert(path, root, first_line, problems), problems


# libyaml's loader when PyYAML was built with it: the same nodes and line marks, several times faster
_FAST_LOADER: type[yaml.BaseLoader] | None = getattr(yaml, "CBaseLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """Nodes of a YAML document. Text libyaml refuses is read again by PyYAML's own loader, so
    every mistake is reported with the same words and line whichever loader is installed; so is
    text with a tab, which libyaml accepts inside a plain value and PyYAML does not."""
    if _FAST_LOADER is not None and "\t" not in text:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.BaseLoader)


def _convert(path: str, node: yaml.Node, first_line: int, problems: list[Problem]) -> Node:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + first_line
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, key_line, "una clave debe ser una palabra"))
                continue
            key = key_node.value
            if key in mapping:
                problems.append(
                    Problem(
                        path,
                        key_line,
                        f"la clave '{key}' está repetida (ya aparece en la línea "
                        f"{mapping[key].line}); deja solo una",
                    )
                )
                continue
            value = _convert(path, value_node, first_line, problems)
            mapping[key] = Node(value.value, key_line)
        return Node(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(path, item, first_line, problems) for item in node.value], line)
    return Node(str(node.value), line)


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
    "found undefined alias": "un valor empieza con '*'; escríbelo entre comillas",
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
