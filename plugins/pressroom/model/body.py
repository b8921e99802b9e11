"""Bounds on a note's Markdown text, checked before it is rendered. Pure and linear.

Python-Markdown and html5ever (inside the sanitiser) promise no linear time: 20 KB of '[' take
most of a minute, a megabyte of nested <div> several, lists nested a few hundred deep end in a
RecursionError. These checks refuse the shapes we know, each with the line where it starts and what
to do; renderpool.py bounds whatever else by time and memory per file.
"""

from __future__ import annotations

import re

from .problems import Problem

MAX_BODY_BYTES = 512 * 1024  # about 80,000 words; a long report is a tenth of that
MAX_NESTING = 20  # lists and quotes inside each other; text rarely goes past three
MAX_HTML_DEPTH = 50  # HTML elements inside each other, written by hand
MAX_LINK_SCAN = 2_000_000  # characters the link parser would read looking for each ']'

# a line's opening markers: quotes ('>') and list bullets ('-', '*', '+', '1.', '1)')
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
# elements that never hold others (void) or close themselves when a sibling opens (optional end tag)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"}
    | {"track", "wbr"}
)
_SELF_CLOSING = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup"}
    | {"colgroup", "caption", "rb", "rt", "rp"}
)
_BRACKETS = re.compile(r"(?<!\\)[\[\]]|\n[ \t]*\n")


def body_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """The first problem of each kind in `body`, whose first line is `first_line` of the file."""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        return [
            Problem(
                path,
                first_line,
                f"el texto de la nota pesa {size // 1024} KB y el máximo es {MAX_BODY_BYTES // 1024} KB; "
                "divídelo en varias notas, o quita lo que se haya pegado por error",
            )
        ]
    problems = []
    for check in (_nesting, _html_depth, _link_scan):
        found = check(body)
        if found is not None:
            offset, message = found
            problems.append(Problem(path, first_line + body.count("\n", 0, offset), message))
    return problems


def _nesting(body: str) -> tuple[int, str] | None:
    for match in _CONTAINERS.finditer(body):
        prefix = body[match.start() : match.end() + 1]  # the space after the last marker too
        indent = len(prefix) - len(prefix.lstrip(" \t"))
        depth = len(_MARKER.findall(prefix)) + prefix[:indent].expandtabs(4).count(" ") // 4
        if depth > MAX_NESTING:
            return match.start(), (
                f"esta línea abre {depth} listas o citas una dentro de otra y el máximo es "
                f"{MAX_NESTING}; revisa los '>', '-', '*' o números al principio de la línea y su "
                "sangría (cada 4 espacios es un nivel más)"
            )
    return None


def _html_depth(body: str) -> tuple[int, str] | None:
    open_tags: list[str] = []
    for match in _TAG.finditer(body):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or name in _SELF_CLOSING or match.group(3).endswith("/"):
            continue
        if closing:
            if name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
            continue
        open_tags.append(name)
        if len(open_tags) > MAX_HTML_DEPTH:
            return match.start(), (
                f"hay más de {MAX_HTML_DEPTH} etiquetas HTML una dentro de otra (por ejemplo <{name}> "
                "que se abren y no se cierran); cierra cada etiqueta o, mejor, quita el HTML pegado "
                "y escribe el texto en Markdown"
            )
    return None


def _link_scan(body: str) -> tuple[int, str] | None:
    """Python-Markdown reads from each '[' to its ']', or to the end of the paragraph if none."""
    cost = 0
    opened: list[int] = []
    for match in _BRACKETS.finditer(body):
        sign = match.group()
        if sign == "[":
            opened.append(match.start())
        elif sign == "]":
            if opened:
                cost += match.start() - opened.pop()
        else:  # a blank line ends the paragraph: what is still open was read up to here
            cost += sum(match.start() - start for start in opened)
            if cost > MAX_LINK_SCAN:
                return opened[0], _BRACKETS_MESSAGE
            opened.clear()
        if cost > MAX_LINK_SCAN:
            return match.start(), _BRACKETS_MESSAGE
    cost += sum(len(body) - start for start in opened)
    if cost > MAX_LINK_SCAN:
        return opened[0], _BRACKETS_MESSAGE
    return None


_BRACKETS_MESSAGE = (
    "a partir de esta línea hay demasiados corchetes '[' sin su ']' para convertir el texto a tiempo; "
    "un enlace se escribe [texto](https://...): cierra los corchetes, o escribe \\[ si el corchete "
    "es parte del texto"
)
