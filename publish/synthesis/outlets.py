"""The media outlets the office follows (medios.yml): name, kind of medium, reach, municipalities
and feeds. Read with the content's YAML reader and field checks, so every problem names its file
and line, and all of them are reported at once: an outlet or a feed listed twice among them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from pressroom.model import fields as read
from pressroom.model.fields import Checker
from pressroom.model.frontmatter import Node, decode, parse
from pressroom.model.problems import Problem, fold
from pressroom.model.refdata import RefData

from .links import normalize

MEDIA = ("prensa", "radio", "tv", "digital", "redes")
MEDIA_NAMES = {
    "prensa": "Prensa",
    "radio": "Radio",
    "tv": "Televisión",
    "digital": "Medios digitales",
    "redes": "Redes sociales",
}
REACH = ("nacional", "estatal", "local")
REACH_NAMES = {"nacional": "Nacional", "estatal": "Estatal", "local": "Local"}
KEYS = ("nombre", "medio", "alcance", "municipios", "feeds")
MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str  # the outlet's name
    where: str  # `file:line` of the URL, for messages


@dataclass(frozen=True)
class Outlet:
    nombre: str
    medio: str  # one of MEDIA
    alcance: str  # one of REACH
    municipios: tuple[str, ...]  # slugs
    feeds: tuple[Feed, ...]
    where: str


@dataclass(frozen=True)
class Outlets:
    outlets: tuple[Outlet, ...] = ()

    def named(self, name: str) -> Outlet | None:
        wanted = fold(name)
        return next((o for o in self.outlets if fold(o.nombre) == wanted), None)

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return tuple(feed for outlet in self.outlets for feed in outlet.feeds)


def refuse_aliases(path: str, text: str) -> list[Problem]:
    """YAML anchors and aliases (`&a`, `*a`) can make a small file expand without bound; neither
    list needs them. One linear pass over YAML's tokens finds them before anything is built."""
    try:
        for token in yaml.scan(text, Loader=yaml.BaseLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return [
                    Problem(
                        path,
                        token.start_mark.line + 1,
                        "la línea usa un ancla o alias de YAML ('&' o '*' al principio de un valor); escribe el "
                        "valor completo, o entre comillas si empieza con esos signos",
                    )
                ]
    except yaml.YAMLError:
        return []  # the parser reports the syntax error with its line
    return []


def _is_feed_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _feeds(check: Checker, outlet: str) -> list[Feed]:
    feeds = []
    for url, line in check.text_list("feeds") or []:
        if not _is_feed_url(url):
            check.add(
                line,
                f"'{url}' no es una dirección de feed; escribe la dirección completa del RSS o Atom, "
                "por ejemplo https://diario.example.org/rss.xml",
            )
            continue
        feeds.append(Feed(url, outlet, f"{check.path}:{line}"))
    return feeds


def read_outlet(path: str, entry: Node, ref: RefData) -> tuple[Outlet | None, list[Problem]]:
    assert isinstance(entry.value, dict)
    check = Checker(path, entry.value)
    read.unknown_keys(check, entry.value, KEYS)
    for key in ("nombre", "medio", "alcance"):
        if key not in entry.value:
            check.add(entry.line, f"falta '{key}' en este medio")
    nombre = check.text("nombre") or ""
    medio = check.one_of("medio", MEDIA, "medio")
    alcance = check.one_of("alcance", REACH, "alcance")
    _, found = read.municipalities(check, ref)
    if alcance == "local" and not found and "municipios" not in entry.value:
        check.add(entry.line, "un medio de alcance local necesita 'municipios': [donde circula]")
    feeds = _feeds(check, nombre)
    if check.problems or not (nombre and medio and alcance):
        return None, check.problems
    slugs = tuple(m.slug for m in found)
    return Outlet(nombre, medio, alcance, slugs, tuple(feeds), f"{path}:{entry.line}"), []


def _duplicates(path: str, entries: list[Node]) -> list[Problem]:
    """Two outlets with one name, compared as names are matched (`fold`: no case, no accents), and
    one feed listed twice, compared as links are (`links.normalize`). Read from every entry, even
    one with other problems, so that every problem comes out at once."""
    problems: list[Problem] = []
    names: dict[str, tuple[str, int]] = {}  # folded name → as first written, its line
    feeds: dict[str, tuple[str, int, Node, str]] = {}  # normalized URL → as first written, line, outlet
    for entry in entries:
        assert isinstance(entry.value, dict)
        check = Checker(path, entry.value)  # what it finds wrong, read_outlet has reported
        nombre = check.text("nombre") or ""
        named_at = entry.value["nombre"].line if nombre else entry.line
        if fold(nombre) in names:
            first, first_line = names[fold(nombre)]
            spelled = "" if first == nombre else f" como '{first}' (sin mayúsculas ni acentos es el mismo)"
            message = f"el medio '{nombre}' ya está en la línea {first_line}{spelled}; deja uno solo, con todos sus feeds"
            problems.append(Problem(path, named_at, message))
        elif fold(nombre):
            names[fold(nombre)] = (nombre, named_at)
        for url, line in check.text_list("feeds") or []:
            if not _is_feed_url(url):
                continue  # read_outlet has said why
            if normalize(url) not in feeds:
                feeds[normalize(url)] = (url, line, entry, nombre)
                continue
            first_url, first_line, owner, owner_name = feeds[normalize(url)]
            spelled = "" if first_url == url else f" escrito {first_url} (es la misma dirección)"
            if owner is entry:
                where, fix = "en este mismo medio", "deja uno solo"
            else:
                where = (
                    f"en el medio '{owner_name}'" if owner_name else f"en el medio de la línea {owner.line}"
                )
                fix = "cada feed va en un solo medio: quítalo de uno de los dos"
            message = f"el feed {url} ya está en la línea {first_line}{spelled}, {where}; {fix}"
            problems.append(Problem(path, line, message))
    return problems


def read_outlets(path: str, data: bytes, ref: RefData) -> tuple[Outlets, list[Problem]]:
    """Every outlet of the file, or every problem in it (all at once, by line)."""
    if len(data) > MAX_BYTES:
        return Outlets(), [
            Problem(path, 1, f"el archivo pesa más de {MAX_BYTES // 1024} KB; ¿es el correcto?")
        ]
    text, problems = decode(path, data)
    if text is None:
        return Outlets(), problems
    problems = refuse_aliases(path, text)
    if problems:
        return Outlets(), problems
    root, problems = parse(path, text)
    if root is None or (isinstance(root.value, str) and not root.value.strip()):
        return Outlets(), problems
    if not isinstance(root.value, list):
        message = "el archivo debe ser una lista de medios, cada uno empezando con '- nombre: ...'"
        return Outlets(), [*problems, Problem(path, root.line, message)]
    outlets: list[Outlet] = []
    entries: list[Node] = []
    kept: set[str] = set()  # folded names: a repeated outlet is reported, and kept once
    for entry in root.value:
        if not isinstance(entry.value, dict):
            problems.append(
                Problem(path, entry.line, "cada medio debe ser un grupo de claves ('- nombre: ...')")
            )
            continue
        entries.append(entry)
        outlet, found = read_outlet(path, entry, ref)
        problems += found
        if outlet is not None and fold(outlet.nombre) not in kept:
            kept.add(fold(outlet.nombre))
            outlets.append(outlet)
    problems += _duplicates(path, entries)
    return Outlets(tuple(outlets)), sorted(problems)
