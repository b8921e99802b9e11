"""Read the whole content folder: reference data, items and pages, with every problem at once.

Every body is rendered here too (renderpool.py, within a time and memory budget per file), so a
text that cannot be turned into HTML is a problem of validation, reported like any other.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .model.fields import ADDRESSES_KEY
from .model.frontmatter import decode
from .model.item import TYPES, Item, Page
from .model.problems import Problem
from .model.refdata import RefData, load_districts, load_municipalities, load_people
from .model.validate import parse_item, parse_page
from .model.veda import Veda, holding
from .renderpool import DEFAULT_LIMITS, Limits, Rendered, failure_message, render_all
from .renditions import PhotoError, inspect

DATA_DIR = "datos"
PAGES_DIR = "paginas"
MUNICIPALITIES_FILE = "datos/municipios_edomex.csv"
PEOPLE_FILE = "datos/personas.yml"
DISTRICTS_FILE = "datos/distritos.yml"
RESERVED_SLUGS = frozenset(
    {t.section for t in TYPES.values()}
    | {"municipios", "personas", "archivo", "etiquetas", "sala-de-prensa", "tema", "imagenes", "audio", "404"}
    | {"buscar", "pagefind"}  # the search page and its index
    | {"feeds", "calendario"}
    | {"admin"}  # the web editor, when it is deployed
)
# names the build writes at the top of output/: an earlier address may not lead into them
OUTPUT_NAMES = RESERVED_SLUGS | {".publicacion", "sitemap.xml", "robots.txt", "404.html", "index.html"}
ITEM_ADDRESS = re.compile(r"^/[a-z]+/\d{4}/\d{2}/[^/]+/$")


@dataclass
class Site:
    ref: RefData
    items: list[Item] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    vedas: list[Veda] = field(default_factory=list)
    rendered: Rendered = field(default_factory=Rendered)  # each body's HTML, for the reader

    def public_items(self, now: dt.datetime) -> list[Item]:
        return [item for item in self.items if item.is_public(now) and not holding(self.vedas, item, now)]

    def held_by_veda(self, now: dt.datetime) -> list[tuple[Item, Veda]]:
        found = [(item, holding(self.vedas, item, now)) for item in self.items if item.is_public(now)]
        return [(item, veda) for item, veda in found if veda is not None]


def display_path(content_dir: Path, relative: str) -> str:
    """How messages name a file: relative to the project, e.g. content/boletines/x.md."""
    return str(Path(content_dir.name) / relative)


def load_ref(content_dir: Path) -> tuple[RefData, list[Problem]]:
    csv_text = (content_dir / MUNICIPALITIES_FILE).read_text(encoding="utf-8")
    ref = RefData(load_municipalities(csv_text))
    problems: list[Problem] = []
    people_path = content_dir / PEOPLE_FILE
    if people_path.exists() and inside(content_dir, PEOPLE_FILE):  # a link out is refused by scan
        shown = display_path(content_dir, PEOPLE_FILE)
        ref.people, found = load_people(shown, _read_text(people_path, shown, problems), ref)
        problems += found
    districts_path = content_dir / DISTRICTS_FILE
    if districts_path.exists() and inside(content_dir, DISTRICTS_FILE):
        shown = display_path(content_dir, DISTRICTS_FILE)
        ref.districts, found = load_districts(shown, _read_text(districts_path, shown, problems), ref)
        problems += found
    return ref, problems


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str:
    text, found = decode(shown, path.read_bytes())
    problems += found
    return text or ""


def content_files(content_dir: Path) -> list[str]:
    """The files under content/ the site may read (relative, sorted); see `scan`."""
    return scan(content_dir).files


@dataclass(frozen=True)
class Tree:
    """What is under content/: the files the site may read and those it must not, with why."""

    files: list[str]  # relative to content/, sorted
    refused: dict[str, Problem]  # relative path → the problem that names it


def scan(content_dir: Path) -> Tree:
    """Every file under content/, and a problem for each one the site must not read.

    Hidden names (a leading '.', as editors' lock and swap files) are skipped, as Pelican skips
    them. A symbolic link is read only when it is a photo, audio or data file inside content/:
    a link out of content/ (it would publish a file of the build machine), a broken link, a
    linked folder and a linked note are refused, so `validar` and `html` see the same files.
    """
    root = content_dir.resolve()
    files: list[str] = []
    refused: dict[str, Problem] = {}
    for folder, folders, names in os.walk(content_dir):  # linked folders are listed, never entered
        here = Path(folder)
        folders[:] = [name for name in folders if not name.startswith(".")]
        found = [(name, _LINKED_FOLDER if (here / name).is_symlink() else None) for name in folders]
        found += [(name, _refusal(here / name, root)) for name in names if not name.startswith(".")]
        for name, refusal in found:
            relative = (here / name).relative_to(content_dir).as_posix()
            if refusal:
                refused[relative] = Problem(display_path(content_dir, relative), 1, refusal)
            elif name in names:
                files.append(relative)
    return Tree(sorted(files), refused)


def inside(content_dir: Path, relative: str) -> bool:
    """Whether content/`relative`, links followed, is a file inside content/."""
    try:
        target = (content_dir / relative).resolve()
    except (RuntimeError, OSError):
        return False
    return target.is_relative_to(content_dir.resolve()) and target.is_file()


def _refusal(path: Path, root: Path) -> str | None:
    mode = path.lstat().st_mode
    if stat.S_ISREG(mode):
        return None
    if not stat.S_ISLNK(mode):
        return "no es un archivo normal (¿una tubería o un dispositivo?); bórralo"
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # a loop of links
        return "es un enlace simbólico que no lleva a ningún archivo (un ciclo de enlaces); bórralo"
    if not target.is_relative_to(root):
        return (
            "es un enlace simbólico que apunta fuera de content/, y el sitio solo publica lo que "
            "está dentro de content/; copia aquí el archivo real en lugar del enlace"
        )
    if not target.exists():
        return (
            "es un enlace simbólico roto (apunta a algo que no existe); bórralo o copia aquí el archivo real"
        )
    if path.suffix == ".md":
        return "es un enlace simbólico a otra nota; cada nota es un archivo propio: copia el archivo en lugar de enlazarlo"
    return None if target.is_file() else "no es un archivo normal; bórralo"


_LINKED_FOLDER = (
    "es un enlace simbólico a una carpeta, y las carpetas de content/ no pueden ser enlaces; "
    "copia aquí la carpeta real"
)


def load_site(content_dir: Path, limits: Limits = DEFAULT_LIMITS) -> Site:
    """Parse every file; `Site.problems` holds all that is wrong, sorted by file and line."""
    ref, problems = load_ref(content_dir)
    site = Site(ref, problems=problems, rendered=Rendered(limits=limits))
    tree = scan(content_dir)
    site.problems += tree.refused.values()
    files = tree.files
    file_set = frozenset(files) | frozenset(tree.refused)  # a refused photo is not also "missing"
    sections = {t.section: t for t in TYPES.values()}
    for relative in files:
        if not relative.endswith(".md"):
            continue
        shown = display_path(content_dir, relative)
        data = (content_dir / relative).read_bytes()
        top = relative.split("/", 1)[0]
        if top == PAGES_DIR:
            page, found = parse_page(shown, data)
            site.problems += found
            if page:
                site.pages.append(page)
        elif top in sections:
            item, found = parse_item(shown, data, ref, file_set)
            site.problems += found
            if item is None:
                continue
            if item.tipo.section != top:
                site.problems.append(
                    Problem(
                        shown,
                        1,
                        f"la nota es de tipo '{item.tipo.key}' pero está en content/{top}/; "
                        f"muévela a content/{item.tipo.section}/ o corrige 'tipo'",
                    )
                )
            site.items.append(item)
        else:
            site.problems.append(
                Problem(
                    shown,
                    1,
                    "este archivo no está en la carpeta de una sección; muévelo a "
                    + ", ".join(f"content/{s}/" for s in sections)
                    + f" o content/{PAGES_DIR}/",
                )
            )
    site.problems += _collisions(site)
    site.problems += _photos(site, content_dir, frozenset(files))
    site.problems += _render(site, limits)
    site.problems.sort()
    return site


def _photos(site: Site, content_dir: Path, files: frozenset[str]) -> list[Problem]:
    """What each cited photo's header shows is wrong (not a photo, too large), at the citing line."""
    checked: dict[str, PhotoError | None] = {}
    problems = []
    for item in site.items:
        for image in ((item.imagen,) if item.imagen else ()) + item.galeria:
            if image.archivo not in files:
                continue  # missing or refused: already a problem
            if image.archivo not in checked:
                checked[image.archivo] = inspect(content_dir / image.archivo, image.archivo)
            error = checked[image.archivo]
            if error is not None:
                problems.append(Problem(item.path, image.line, str(error)))
    return problems


def _render(site: Site, limits: Limits) -> list[Problem]:
    """Every body's HTML into `site.rendered`; a body past its time or memory is a problem."""
    texts: list[Item | Page] = [*site.items, *site.pages]
    results = render_all({t.path: t.body for t in texts if t.body.strip()}, limits)
    problems = []
    for text in texts:
        outcome = results.get(text.path, "")
        if isinstance(outcome, str):
            site.rendered.add(text.body, outcome)
        else:
            problems.append(Problem(text.path, text.body_line, failure_message(outcome, limits)))
    return problems


def _collisions(site: Site) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Item] = {}
    by_url: dict[str, str] = {}
    for item in site.items:
        if item.id in by_id:
            problems.append(
                Problem(
                    item.path,
                    1,
                    f"el id '{item.id}' ya lo usa {by_id[item.id].path}; cada nota necesita un id "
                    "único: crea las notas con `make nuevo` en lugar de copiar otra",
                )
            )
        by_id.setdefault(item.id, item)
        if item.url in by_url:
            problems.append(
                Problem(
                    item.path,
                    1,
                    f"la dirección {item.url} ya la usa {by_url[item.url]}; cambia el 'slug' de "
                    "una de las dos notas",
                )
            )
        by_url.setdefault(item.url, item.path)
    for page in site.pages:
        if page.slug in RESERVED_SLUGS or page.url in by_url:
            problems.append(
                Problem(
                    page.path,
                    1,
                    f"el slug '{page.slug}' ya lo usa el sitio ({page.url}); elige otro",
                )
            )
        by_url.setdefault(page.url, page.path)
    return problems + _earlier_addresses(site, by_url)


def _earlier_addresses(site: Site, by_url: dict[str, str]) -> list[Problem]:
    """Each `direcciones_anteriores` entry gets a redirect page: it may not be anyone's address."""
    problems: list[Problem] = []
    taken: dict[str, str] = {}
    sections = {t.section for t in TYPES.values()}
    for item in site.items:
        line = item.lines.get(ADDRESSES_KEY, 1)
        for address in item.direcciones_anteriores:
            first = address.strip("/").split("/")[0]
            if address == item.url:
                why = "es la dirección actual de esta nota; quítala de la lista"
            elif address in by_url:
                why = f"es la dirección de {by_url[address]}; una dirección lleva a una sola nota"
            elif address in taken:
                why = f"ya está en '{ADDRESSES_KEY}' de {taken[address]}; déjala solo en la nota a la que debe llevar"
            elif first in sections and not ITEM_ADDRESS.match(address):
                why = (
                    f"queda dentro de la sección /{first}/ pero no es la dirección de una nota "
                    f"(/{first}/AAAA/MM/slug/); copia la dirección anterior completa"
                )
            elif first in OUTPUT_NAMES - sections:
                why = f"es parte del sitio (/{first}/…), no de una nota; quítala de la lista"
            else:
                taken[address] = item.path
                continue
            problems.append(Problem(item.path, line, f"la dirección anterior {address} {why}"))
    return problems
