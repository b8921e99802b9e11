"""Split a Markdown file into YAML front matter and body, keeping line numbers.

The YAML itself is read by yamlnodes.py (bounded: no aliases, limited depth); here the file's
bytes are decoded and checked, and the header is found and kept within MAX_HEADER_BYTES.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Problem
from .yamlnodes import Node, parse

__all__ = ["MAX_BYTES", "MAX_HEADER_BYTES", "Document", "Node", "decode", "parse", "parse_mapping", "split"]

MAX_BYTES = 2 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024  # a gallery of 300 photos takes about 50 KB
MAX_CONTROL_LINES = 10  # lines reported one by one; a file full of them gets one more line
FENCE = "---"


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
    problems = _control_characters(path, text)
    if problems:
        return None, problems
    return text, []


_INVISIBLE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\x85": " "})
# C0 but tab and newline, DEL, C1 but NEL (turned into a space above), and the two non-characters
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _control_characters(path: str, text: str) -> list[Problem]:
    """One problem per line holding an invisible control character, found by one regex pass."""
    problems: list[Problem] = []
    line, counted, lines = 1, 0, 0
    found = _CONTROL.search(text)
    while found is not None:
        line += text.count("\n", counted, found.start())
        lines += 1
        if lines <= MAX_CONTROL_LINES:
            problems.append(
                Problem(
                    path,
                    line,
                    f"la línea tiene un carácter de control invisible (U+{ord(found.group()):04X}), "
                    "probablemente pegado desde otro programa; bórralo o vuelve a escribir la línea",
                )
            )
        end = text.find("\n", found.start())
        if end < 0:
            break
        counted = end
        found = _CONTROL.search(text, end)
    if lines > MAX_CONTROL_LINES:
        problems.append(
            Problem(
                path,
                problems[-1].line,
                f"y otras {lines - MAX_CONTROL_LINES} líneas más tienen caracteres de control "
                "invisibles; ¿es un archivo de texto? Vuelve a guardarlo como texto UTF-8",
            )
        )
    return problems


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
    size = len(header.encode("utf-8"))
    if size > MAX_HEADER_BYTES:
        return None, [
            Problem(
                path,
                1,
                f"el encabezado pesa {size // 1024} KB y el máximo es {MAX_HEADER_BYTES // 1024} KB; "
                "un encabezado lleva solo los datos de la nota: si es una galería muy grande, "
                "divídela en varias notas, y si se pegó texto por error entre las líneas '---', quítalo",
            )
        ]
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
