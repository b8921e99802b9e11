"""Read the whole content folder: reference data, items and pages, with every problem at once.

Every body is rendered here too (renderpool.py, within a time and memory budget per file), so a
text that cannot be turned into HTML is a problem of validation, reported like any other; what
is under content/ is decided by tree.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model.fields import ADDRESSES_KEY
from .model.frontmatter import decode
from .model.item import TYPES, Item, Page
from .model.problems import Problem
from .model.refdata import RefData, load_districts, load_municipalities, load_people
from .model.validate import parse_item, parse_page
from .model.veda import Veda, holding
from .parsecache import ParseCache, file_digest
from .renderpool import DEFAULT_LIMITS, Limits, Rendered, failure_message, render_all
from .renditions import inspect
from .tree import content_files, display_path, inside, scan

__all__ = [
    "PAGES_DIR",
    "Site",
    "content_files",
    "display_path",
    "inside",
    "load_ref",
    "load_site",
    "open_cache",
]

DATA_DIR = "datos"
PAGES_DIR = "paginas"
MUNICIPALITIES_FILE = "datos/municipios_edomex.csv"
PEOPLE_FILE = "datos/personas.yml"
DISTRICTS_FILE = "datos/distritos.yml"
RESERVED_SLUGS = frozenset(
    {t.section for t in TYPES.values()}
    | {"municipios", "personas", "archivo", "etiquetas", "sala-de-prensa", "tema", "imagenes", "audio", "404"}
    | {"buscar", "pagefind"}  # the search page and its index
    | {"suscripciones", "feeds", "calendario"}  # the subscription page, the feeds, the calendars
    | {"agenda", "transparencia"}  # the public agenda and the transparency page
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
    digests: dict[str, str] = field(default_factory=dict)  # Markdown file → sha256 (with a cache)
    rendered: Rendered = field(default_factory=Rendered)  # each body's HTML, for the reader

    def public_items(self, now: dt.datetime) -> list[Item]:
        return [item for item in self.items if item.is_public(now) and not holding(self.vedas, item, now)]

    def held_by_veda(self, now: dt.datetime) -> list[tuple[Item, Veda]]:
        found = [(item, holding(self.vedas, item, now)) for item in self.items if item.is_public(now)]
        return [(item, veda) for item, veda in found if veda is not None]


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


def ref_bytes(content_dir: Path) -> bytes:
    """The reference files as read: what every item's verdict depends on besides its own bytes."""
    parts = []
    for relative in (MUNICIPALITIES_FILE, PEOPLE_FILE, DISTRICTS_FILE):
        path = content_dir / relative
        parts.append(path.read_bytes() if path.exists() else b"-")
    return b"\x00".join(parts)


def open_cache(content_dir: Path) -> ParseCache | None:
    """The parse cache of this project, or None when the reference data has problems."""
    ref, problems = load_ref(content_dir)
    if problems:
        return None
    return ParseCache.open(content_dir.resolve().parent, ref, ref_bytes(content_dir))


def load_site(content_dir: Path, cache: ParseCache | None = None, limits: Limits = DEFAULT_LIMITS) -> Site:
    """Parse every file; `Site.problems` holds all that is wrong, sorted by file and line.

    With a cache, a file whose bytes were parsed before without problems is not parsed again
    (see parsecache.py); everything else, including every check across files, runs as always.
    """
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
        digest = file_digest(data) if cache else ""
        if digest:
            site.digests[relative] = digest
        known = cache.lookup(relative, digest, file_set) if cache else None
        top = relative.split("/", 1)[0]
        if top == PAGES_DIR:
            page, found = (known, []) if isinstance(known, Page) else parse_page(shown, data)
            site.problems += found
            if page:
                site.pages.append(page)
                if cache and known is None:
                    cache.keep(relative, digest, page)
        elif top in sections:
            item, found = (known, []) if isinstance(known, Item) else parse_item(shown, data, ref, file_set)
            site.problems += found
            if item is None:
                continue
            if cache and known is None and not found:
                cache.keep(relative, digest, item, tuple(item.media_files()))
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
    site.problems += _photos(site, content_dir, frozenset(files), cache)
    site.problems += _render(site, limits, cache)
    site.problems.sort()
    return site


def _photos(site: Site, content_dir: Path, files: frozenset[str], cache: ParseCache | None) -> list[Problem]:
    """What each cited photo's header shows is wrong (not a photo, too large), at the citing line.

    Read once per photo, and with a cache once per change of the photo (its size and time).
    """
    verdicts: dict[str, str] = {}
    problems = []
    for item in site.items:
        for image in ((item.imagen,) if item.imagen else ()) + item.galeria:
            if image.archivo not in files:
                continue  # missing or refused: already a problem
            if image.archivo not in verdicts:
                verdicts[image.archivo] = _photo_verdict(content_dir, image.archivo, cache)
            if verdicts[image.archivo]:
                problems.append(Problem(item.path, image.line, verdicts[image.archivo]))
    return problems


def _photo_verdict(content_dir: Path, archivo: str, cache: ParseCache | None) -> str:
    """'' for a usable photo, else why not; from the cache while the file is unchanged."""

    def judge(_: str) -> str:
        error = inspect(content_dir / archivo, archivo)
        return str(error) if error else ""

    if cache is None:
        return judge("")
    found = (content_dir / archivo).stat()
    return cache.derive("foto", f"{archivo}\x1f{found.st_size}\x1f{found.st_mtime_ns}", judge)


def _render(site: Site, limits: Limits, cache: ParseCache | None) -> list[Problem]:
    """Every body's HTML into `site.rendered` (and the cache); a body past its limits is a problem.

    Bodies rendered before come from the cache; only successes are kept there, so a body that
    failed is tried again, within its limits, on the next build.
    """
    texts: list[Item | Page] = [*site.items, *site.pages]
    todo: dict[str, str] = {}
    for text in texts:
        known = cache.rendered(text.body) if cache else None
        if known is not None:
            site.rendered.add(text.body, known)
        elif text.body.strip():
            todo[text.path] = text.body
    results = render_all(todo, limits)
    problems = []
    for text in texts:
        outcome = results.get(text.path)
        if isinstance(outcome, str):
            site.rendered.add(text.body, outcome)
            if cache:
                cache.keep_rendered(text.body, outcome)
        elif outcome is not None:
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
                    item.lines.get("id", 1),
                    f"el id '{item.id}' ya lo usa {by_id[item.id].path}; cada nota necesita un id "
                    "único: crea las notas con `make nuevo` en lugar de copiar otra",
                )
            )
        by_id.setdefault(item.id, item)
        if item.url in by_url:
            problems.append(
                Problem(
                    item.path,
                    item.lines.get("slug", 1),
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
