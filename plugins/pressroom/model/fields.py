"""Reading front-matter fields into values, each problem recorded with its line. Pure."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

from markupsafe import Markup
from unidecode import unidecode

from .frontmatter import Node
from .item import CHANNELS, MEXICO_CITY, STATEWIDE, Event, Image, Municipality, Person
from .problems import Problem, fold, one_line_problem, slugify, suggestion
from .refdata import RefData

IMAGE_KEYS = ("archivo", "pie", "credito")
IMAGE_REQUIRED = ("archivo", "pie")
EVENT_KEYS = ("inicio", "fin", "lugar", "municipio")
EVENT_REQUIRED = ("inicio", "lugar")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")  # HEIC: pillow-heif
AUDIO_EXTENSIONS = (".mp3", ".m4a", ".ogg")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "facebook.com", "fb.watch", "vimeo.com")
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
TRUE = ("si", "sí", "true", "yes", "verdadero")
FALSE = ("no", "false", "falso")


class Checker:
    """Collects problems for one file while reading its fields."""

    def __init__(self, path: str, fields: dict[str, Node]) -> None:
        self.path = path
        self.fields = fields
        self.problems: list[Problem] = []
        self.refused: set[int] = set()  # id() of the nodes whose text was reported as not one line

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def text(self, key: str, node: Node | None = None, label: str | None = None) -> str | None:
        """A one-line text (stripped); anything else is reported and read as None."""
        node = node if node is not None else self.fields.get(key)
        if node is None:
            return None
        if not isinstance(node.value, str):
            self.add(node.line, f"'{label or key}' debe ser texto, no {node.describe()}")
            return None
        return self._one_line(node, label or key)

    def _one_line(self, node: Node, label: str) -> str | None:
        assert isinstance(node.value, str)
        value = node.value.strip()
        problem = one_line_problem(label, value)
        if problem is None:
            return value
        self.add(node.line, problem)
        self.refused.add(id(node))
        return None

    def reported(self, node: Node | None) -> bool:
        """A value that is there but unusable (not text, or not one line): already reported."""
        return node is not None and (not isinstance(node.value, str) or id(node) in self.refused)

    def text_list(self, key: str) -> list[tuple[str, int]] | None:
        """A list of texts; a single text is taken as a list of one."""
        node = self.fields.get(key)
        if node is None:
            return None
        if isinstance(node.value, str):
            value = self._one_line(node, key)
            return [(value, node.line)] if value else []
        if isinstance(node.value, dict):
            self.add(node.line, f"'{key}' debe ser una lista, por ejemplo: {key}: [uno, dos]")
            return None
        values = []
        for element in node.value:
            if not isinstance(element.value, str):
                self.add(element.line, f"cada elemento de '{key}' debe ser texto")
            elif (value := self._one_line(element, key)) is not None:
                values.append((value, element.line))
        return values

    def date(self, key: str, node: Node | None = None, label: str | None = None) -> dt.datetime | None:
        value = self.text(key, node, label)
        if value is None:
            return None
        line = (node or self.fields[key]).line
        return parse_date(value, lambda message: self.add(line, f"'{label or key}' {message}"))

    def one_of(self, key: str, allowed: Collection[str], what: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        for option in allowed:
            if fold(option) == fold(value):
                return option
        self.add(
            self.fields[key].line,
            f"{what} '{value}' no existe{suggestion(value, allowed)}; usa uno de: {', '.join(allowed)}",
        )
        return None


def parse_date(value: str, report: Callable[[str], None]) -> dt.datetime | None:
    """`2026-11-25 10:30` (or with seconds, or just the day) in Mexico City time."""
    match = DATE_RE.match(value.strip())
    example = "usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30"
    if not match:
        report(f"'{value}' no es una fecha válida; {example}")
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        report(f"'{value}' no es una fecha que exista (revisa día, mes y hora); {example}")
        return None
    return naive.replace(tzinfo=MEXICO_CITY)


def unknown_keys(check: Checker, fields: dict[str, Node], allowed: tuple[str, ...], where: str = "") -> None:
    for key, node in fields.items():
        if key in allowed:
            continue
        hint = suggestion(key, allowed) or f"; las claves válidas{where} son: {', '.join(allowed)}"
        check.add(node.line, f"clave desconocida '{key}'{where}{hint}")


def municipalities(check: Checker, ref: RefData) -> tuple[bool, tuple[Municipality, ...]]:
    values = check.text_list("municipios")
    if values is None:
        return False, ()
    if not values and "municipios" in check.fields:
        check.add(
            check.fields["municipios"].line,
            "'municipios' está vacía; pon al menos un municipio, o [estatal] si es de todo el estado",
        )
        return False, ()
    found: list[Municipality] = []
    estatal = False
    for value, line in values:
        if fold(value) == STATEWIDE:
            estatal = True
            continue
        municipality = ref.municipality(value)
        if municipality is None:
            check.add(line, ref.municipality_problem(value))
        elif municipality not in found:
            found.append(municipality)
    if estatal and found:
        check.add(
            check.fields["municipios"].line,
            "'estatal' no se combina con municipios; usa [estatal] o la lista de municipios",
        )
    return estatal, tuple(found)


def people(check: Checker, ref: RefData) -> tuple[Person, ...]:
    found: list[Person] = []
    for value, line in check.text_list("personas") or []:
        person = ref.people.get(value)
        if person is None:
            hint = suggestion(value, ref.people) or "; agrégala primero a content/datos/personas.yml"
            check.add(line, f"persona '{value}' no está en content/datos/personas.yml{hint}")
        elif person not in found:
            found.append(person)
    return tuple(found)


def media_path(
    check: Checker, value: str, line: int, label: str, extensions: tuple[str, ...], files: Collection[str]
) -> str | None:
    path = value.strip().lstrip("/")
    if path.startswith("content/"):
        path = path[len("content/") :]
    if not path.lower().endswith(extensions):
        check.add(
            line,
            f"'{label}' debe ser un archivo {', '.join(e.lstrip('.') for e in extensions)}; "
            f"'{value}' no lo es",
        )
        return None
    if ".." in path.split("/"):
        check.add(line, f"'{label}' no puede salir de la carpeta content/ ('{value}')")
        return None
    if path not in files:
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        siblings = [f for f in files if f.startswith(folder)]
        hint = suggestion(path, siblings) or f"; súbelo a content/{folder} o corrige la ruta"
        check.add(line, f"el archivo '{path}' de '{label}' no existe en content/{hint}")
        return None
    return path


def image(check: Checker, node: Node, label: str, files: Collection[str]) -> Image | None:
    if not isinstance(node.value, dict):
        check.add(
            node.line,
            f"'{label}' debe tener 'archivo' y 'pie', por ejemplo: {label}: "
            "{archivo: imagenes/2026/11/foto.jpg, pie: Descripción de la foto}",
        )
        return None
    fields = node.value
    unknown_keys(check, fields, IMAGE_KEYS, f" en '{label}'")
    archivo = (
        check.text("archivo", fields.get("archivo"), f"{label}.archivo") if "archivo" in fields else None
    )
    pie = check.text("pie", fields.get("pie"), f"{label}.pie") if "pie" in fields else None
    credito = check.text("credito", fields.get("credito"), f"{label}.credito") if "credito" in fields else ""
    if not archivo and not check.reported(fields.get("archivo")):
        check.add(node.line, f"falta 'archivo' en '{label}': la ruta de la foto dentro de content/")
    if not pie and not check.reported(fields.get("pie")):
        check.add(
            node.line,
            f"falta 'pie' en '{label}': describe la foto para quien no puede verla "
            "(es el texto alternativo y el pie de foto)",
        )
    path = (
        media_path(check, archivo, fields["archivo"].line, label, IMAGE_EXTENSIONS, files)
        if archivo
        else None
    )
    if path is None or not pie:
        return None
    return Image(path, pie, credito or "", fields["archivo"].line)


def gallery(check: Checker, files: Collection[str]) -> tuple[Image, ...]:
    node = check.fields.get("galeria")
    if node is None:
        return ()
    if not isinstance(node.value, list):
        check.add(node.line, "'galeria' debe ser una lista de fotos, cada una con 'archivo' y 'pie'")
        return ()
    images = [image(check, element, "galeria", files) for element in node.value]
    return tuple(image for image in images if image is not None)


def audio(check: Checker, files: Collection[str]) -> str | None:
    value = check.text("audio")
    if not value:
        return None
    return media_path(check, value, check.fields["audio"].line, "audio", AUDIO_EXTENSIONS, files)


def video(check: Checker) -> str | None:
    value = check.text("video")
    if not value:
        return None
    parts = urlsplit(value)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if parts.scheme != "https" or not any(host == h or host.endswith("." + h) for h in VIDEO_HOSTS):
        check.add(
            check.fields["video"].line,
            f"video '{value}' no es una dirección https de YouTube, Facebook o Vimeo; "
            "copia la dirección completa del video, por ejemplo https://www.youtube.com/watch?v=...",
        )
        return None
    return value


def event(check: Checker, ref: RefData) -> Event | None:
    node = check.fields.get("evento")
    if node is None:
        return None
    if not isinstance(node.value, dict):
        check.add(
            node.line,
            "'evento' debe tener inicio, lugar y municipio, por ejemplo: evento: "
            "{inicio: 2026-11-27 11:00, lugar: Sede estatal, municipio: toluca}",
        )
        return None
    fields = node.value
    unknown_keys(check, fields, EVENT_KEYS, " en 'evento'")
    inicio = check.date("inicio", fields["inicio"], "evento.inicio") if "inicio" in fields else None
    fin = check.date("fin", fields["fin"], "evento.fin") if "fin" in fields else None
    lugar = check.text("lugar", fields["lugar"], "evento.lugar") if "lugar" in fields else None
    given = {"inicio": fields.get("inicio"), "lugar": lugar}
    for key in EVENT_REQUIRED:
        if not given[key] and not check.reported(fields.get(key)):
            check.add(node.line, f"falta '{key}' en 'evento'")
    if inicio and fin and fin <= inicio:
        check.add(fields["fin"].line, "'evento.fin' debe ser después de 'evento.inicio'")
    municipio = None
    if "municipio" in fields:
        name = check.text("municipio", fields["municipio"], "evento.municipio")
        if name:
            municipio = ref.municipality(name)
            if municipio is None:
                check.add(fields["municipio"].line, ref.municipality_problem(name, statewide=False))
    if inicio is None or not lugar:
        return None
    return Event(inicio, fin, lugar, municipio)


def channels(check: Checker) -> tuple[str, ...] | None:
    values = check.text_list("canales")
    if values is None:
        return None
    found: list[str] = []
    for value, line in values:
        channel = next((c for c in CHANNELS if fold(c) == fold(value)), None)
        if channel is None:
            check.add(
                line,
                f"canal '{value}' no existe{suggestion(value, CHANNELS)}; usa: {', '.join(CHANNELS)}",
            )
        elif channel not in found:
            found.append(channel)
    return tuple(found)


def boolean(check: Checker, key: str) -> bool:
    value = check.text(key)
    if value is None:
        return False
    if fold(value) in [fold(v) for v in TRUE]:
        return True
    if fold(value) not in FALSE:
        check.add(check.fields[key].line, f"'{key}' debe ser 'sí' o 'no', no '{value}'")
    return False


__all__ = ["Checker", "parse_date", "slugify"]


def earlier_addresses(check: Checker) -> tuple[str, ...]:
    """`direcciones_anteriores`: root-relative addresses the item had before, each made canonical
    ('/boletines/2026/11/viejo' → '/boletines/2026/11/viejo/'); whether they clash with the site is
    content.py's to say."""
    found: list[str] = []
    for value, line in check.text_list(ADDRESSES_KEY) or []:
        address, problem = _address(value)
        if problem:
            check.add(line, f"la dirección anterior '{value}' {problem}")
        elif address in found:
            check.add(line, f"la dirección anterior '{value}' está repetida; déjala una sola vez")
        else:
            found.append(address)
    return tuple(found)


ADDRESSES_KEY = "direcciones_anteriores"
MAX_ADDRESS = 300
_SEGMENT = re.compile(r"^[A-Za-z0-9._~%-]+$")
_EXAMPLE = "por ejemplo /boletines/2026/11/slug-anterior/"


def _address(value: str) -> tuple[str, str | None]:
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        path = parts.path or "/"
        return "", (f"debe ser solo la ruta dentro del sitio, sin 'https://' ni el dominio: escribe '{path}'")
    if not value.startswith("/"):
        return "", f"debe empezar con '/' (la ruta dentro del sitio), {_EXAMPLE}"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "", f"no puede llevar '?' ni '#': escribe solo la ruta, {_EXAMPLE}"
    if len(value) > MAX_ADDRESS:
        return "", f"tiene {len(value)} caracteres y el máximo es {MAX_ADDRESS}"
    segments = value.strip("/").split("/")
    if value == "/" or not all(_SEGMENT.match(s) and s not in (".", "..") for s in segments):
        return "", (
            "no es una ruta válida: usa letras sin acentos, números, guiones y '/' entre las "
            f"carpetas, {_EXAMPLE}"
        )
    address = "/" + "/".join(segments)
    return (address if "." in segments[-1] else address + "/"), None


MAX_TAG = 60  # characters; a tag names a folder of the site (/etiquetas/<slug>/)


def tags(check: Checker) -> tuple[str, ...]:
    """`etiquetas`: each must give a usable address, made as Pelican makes it from its letters."""
    found: list[str] = []
    for value, line in check.text_list("etiquetas") or []:
        if not value:
            continue
        if not re.search(r"[a-z0-9]", tag_slug(value)):
            check.add(
                line,
                f"la etiqueta '{value}' no tiene letras ni números, y su página (/etiquetas/…/) se "
                "nombra con ellos; escríbela con palabras, por ejemplo 'salud' u 'obra pública'",
            )
        elif len(value) > MAX_TAG:
            check.add(
                line, f"la etiqueta '{value[:40]}…' tiene {len(value)} caracteres y el máximo es {MAX_TAG}"
            )
        else:
            found.append(value)
    return tuple(found)


def tag_slug(tag: str) -> str:
    """The slug Pelican gives a tag with its default settings (pelican.utils.slugify)."""
    text = unidecode(unicodedata.normalize("NFKC", str(Markup(tag).striptags())))
    text = re.sub(r"[^\w\s-]", "", text, flags=re.IGNORECASE).strip()
    return re.sub(r"[-\s]+", "-", text).lower()
