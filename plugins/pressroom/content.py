"""Read the whole content folder: reference data, items and pages, with every problem at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .model.frontmatter import decode
from .model.item import TYPES, Item, Page
from .model.problems import Problem
from .model.refdata import RefData, load_districts, load_municipalities, load_people
from .model.validate import parse_item, parse_page
from .model.veda import Veda, holding
from .parsecache import ParseCache, file_digest

DATA_DIR = "datos"
PAGES_DIR = "paginas"
MUNICIPALITIES_FILE = "datos/municipios_edomex.csv"
PEOPLE_FILE = "datos/personas.yml"
DISTRICTS_FILE = "datos/distritos.yml"
RESERVED_SLUGS = frozenset(
    {t.section for t in TYPES.values()}
    | {"municipios", "personas", "archivo", "etiquetas", "sala-de-prensa", "tema", "imagenes", "audio", "404"}
    | {"buscar", "pagefind"}  # the search page and its index
    | {"admin"}  # the web editor, when it is deployed
)


@dataclass
class Site:
    ref: RefData
    items: list[Item] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    vedas: list[Veda] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # Markdown file → sha256 (with a cache)

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
    if people_path.exists():
        shown = display_path(content_dir, PEOPLE_FILE)
        ref.people, found = load_people(shown, _read_text(people_path, shown, problems), ref)
        problems += found
    districts_path = content_dir / DISTRICTS_FILE
    if districts_path.exists():
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


def content_files(content_dir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(content_dir)).replace("\\", "/") for p in content_dir.rglob("*") if p.is_file()
    )


def load_site(content_dir: Path, cache: ParseCache | None = None) -> Site:
    """Parse every file; `Site.problems` holds all that is wrong, sorted by file and line.

    With a cache, a file whose bytes were parsed before without problems is not parsed again
    (see parsecache.py); everything else, including every check across files, runs as always.
    """
    ref, problems = load_ref(content_dir)
    site = Site(ref, problems=problems)
    files = content_files(content_dir)
    file_set = frozenset(files)
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
    site.problems.sort()
    return site


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
    return problems
