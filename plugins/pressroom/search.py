"""The site's search index: Pagefind run over the freshly built site, before it goes live.

What is indexed is decided by the templates, not here:

- `data-pagefind-body` marks the content of the pages people search for: every public item
  (not withdrawn ones), the fixed pages, the press room, and the heading of each municipality
  and person page. Pages without it (listings, archives, 404, the search page) are not indexed.
- The header, navigation and footer sit outside every body (and carry `data-pagefind-ignore`);
  inside a body, `EXCLUDE` keeps breadcrumbs, share, download and subscription links out.
- `data-pagefind-filter` gives the `tipo` and `municipio` filters, `data-pagefind-meta` the
  title, date, type and thumbnail of a result, `data-pagefind-sort` the date.

Drafts and embargoed items are never written by the build, so they can never be indexed: the
index is made from exactly the pages that go online. searchbundle.py then rewrites the files
Pagefind writes in a varying order, so the same pages always give the same bytes. The index is
written to `pagefind/` inside the site (root-relative `/pagefind/pagefind.js`), so it works the
same under `make serve` and on the deployed site.

The pages are indexed in parts (searchparts.py): the newest month and the site's other pages in
`pagefind/`, each year's closed months in `pagefind/partes/<año>/`, listed newest first in
`pagefind/partes.json` for the search page to merge. A closed part whose pages have the same keys
as in the previous build is linked from it, not indexed again. Each part is indexed from a folder
of hard links to its pages only, so Pagefind reads (and holds in memory) just that part.

The binary comes from the `pagefind_bin_extended` wheel (pinned in requirements.txt): nothing
is downloaded at build time. Pagefind's own summary is parsed into `SearchIndex`; a run that
fails, or that finds no `data-pagefind-body` at all (it would then index every page whole,
menus and footers included), is a `BuildError`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import searchbundle, searchparts
from .exceptions import BuildError

BUNDLE = "pagefind"  # the folder inside the site: /pagefind/pagefind.js
PARTS = "partes"  # inside it, one bundle per year of closed months: /pagefind/partes/<año>/
PARTS_LIST = "partes.json"  # inside it: the closed parts, newest first, for the search page
TIMEOUT = 900.0  # seconds; tens of thousands of pages index in well under a minute
NO_BODY = "Did not find a data-pagefind-body element"
INSTALL_HINT = "instala las dependencias con `make` (o `.venv/bin/pip install -r requirements.txt`)"
# Inside indexed pages, text that would match every item: breadcrumbs, share and download links,
# subscription links, the gallery's instructions (kept here so templates need no extra markup).
EXCLUDE = (
    ".migas",
    ".compartir",
    ".nota__descarga",
    ".descarga__datos",
    ".galeria__ayuda",
    ".galeria__descarga",
    ".galeria__cuenta",
    ".suscribete",
)
_COUNT = re.compile(r"Indexed (\d+) (pages?|words?|filters?|sorts?)\b")


@dataclass(frozen=True)
class SearchIndex:
    """What Pagefind reported after indexing a site."""

    pages: int
    words: int
    filters: int
    sorts: int
    bundle: Path
    parts: dict[str, str] = field(default_factory=dict)  # closed part -> digest, for the next build
    carried: tuple[str, ...] = ()  # closed parts linked from the previous build, not indexed


def executable() -> Path:
    """The Pagefind binary shipped by the `pagefind[extended]` package."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:
        raise BuildError(f"falta el buscador Pagefind (paquete pagefind[extended]); {INSTALL_HINT}") from exc
    try:
        found: Path = get_executable()
    except FileNotFoundError as exc:
        raise BuildError(f"el paquete de Pagefind está incompleto ({exc}); {INSTALL_HINT}") from exc
    return found


def command(site: Path, output: Path | None = None) -> list[str]:
    """Pagefind over the pages in `site`, into `output` (default: `site`/pagefind)."""
    excluded = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    where = ["--output-path", str(output)] if output else ["--output-subdir", BUNDLE]
    return [str(executable()), "--site", str(site), *where, *excluded]


def summary(log: str, bundle: Path) -> SearchIndex:
    """Pagefind's closing lines ('Indexed 44 pages', ...) as numbers; the last figure wins."""
    counts: dict[str, int] = {}
    for number, noun in _COUNT.findall(log):
        counts[noun.rstrip("s")] = int(number)
    return SearchIndex(
        pages=counts.get("page", 0),
        words=counts.get("word", 0),
        filters=counts.get("filter", 0),
        sorts=counts.get("sort", 0),
        bundle=bundle,
    )


def index(
    site: Path,
    timeout: float = TIMEOUT,
    *,
    page_keys: Mapping[str, str] | None = None,
    previous: Path | None = None,
    previous_parts: Mapping[str, str] | None = None,
) -> SearchIndex:
    """Index the built site in `site` (the staging folder) into `site/pagefind/`, part by part.

    `page_keys` are this build's page keys (carryover.py); `previous` is the site it replaces and
    `previous_parts` the digests its closed parts were indexed from: a closed part with the same
    digest is linked from `previous` instead of indexed again.
    """
    pages = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.is_file() and path.relative_to(site).parts[0] != BUNDLE
    ]
    parts = searchparts.split(pages)
    bundle = site / BUNDLE
    indexer = "\x1f".join(EXCLUDE)  # Pagefind's version and this code are in every page key
    total = _index_part(site, parts.pop(searchparts.RECENT), bundle, timeout, required=True)
    digests: dict[str, str] = {}
    carried: list[str] = []
    listed: list[dict[str, str]] = []
    for key, paths in parts.items():
        target = bundle / PARTS / key
        digest = searchparts.digest(key, paths, page_keys or {}, indexer)
        if (
            digest
            and previous
            and (previous_parts or {}).get(key) == digest
            and _link_bundle(previous / BUNDLE / PARTS / key, target)
        ):
            carried.append(key)
            counted = SearchIndex(pages=_page_count(target), words=0, filters=0, sorts=0, bundle=target)
        else:
            counted = _index_part(site, paths, target, timeout, required=False)
            _keep_index_only(target)
        if not (target / searchbundle.ENTRY).is_file():
            continue  # nothing in it to search (withdrawn items only)
        if digest:
            digests[key] = digest
        listed.append({"clave": key, "ruta": f"/{BUNDLE}/{PARTS}/{key}/"})
        total = SearchIndex(
            pages=total.pages + counted.pages,
            words=total.words + counted.words,
            filters=max(total.filters, counted.filters),
            sorts=max(total.sorts, counted.sorts),
            bundle=bundle,
        )
    text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
    (bundle / PARTS_LIST).write_text(text + "\n", encoding="utf-8")
    return SearchIndex(total.pages, total.words, total.filters, total.sorts, bundle, digests, tuple(carried))


def _index_part(site: Path, pages: list[str], output: Path, timeout: float, *, required: bool) -> SearchIndex:
    """Pagefind over `pages` only (hard links in a folder beside the site), into `output`.

    `required`: the part with the site's fixed pages must have marked bodies (else Pagefind would
    index whole pages, menus included); a closed part may have none (only withdrawn items).
    """
    links = Path(tempfile.mkdtemp(prefix=".buscador-", dir=site.parent))
    try:
        for page in pages:
            link = links / page
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(site / page, link)
        return _run(links, output, timeout, required=required)
    finally:
        shutil.rmtree(links, ignore_errors=True)


def _run(pages: Path, output: Path, timeout: float, *, required: bool) -> SearchIndex:
    try:
        run = subprocess.run(
            command(pages, output), cwd=pages, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"el índice de búsqueda (Pagefind) tardó más de {timeout:.0f} s") from exc
    except OSError as exc:
        raise BuildError(f"no se pudo ejecutar Pagefind ({exc}); {INSTALL_HINT}") from exc
    log = f"{run.stdout}\n{run.stderr}"
    if run.returncode != 0:
        tail = "\n".join(f"  {line}" for line in log.strip().splitlines()[-15:])
        raise BuildError(f"el índice de búsqueda (Pagefind) falló con código {run.returncode}:\n{tail}")
    if NO_BODY in log:
        if not required:  # Pagefind indexed those pages whole: dropped, there is nothing to search
            shutil.rmtree(output, ignore_errors=True)
            return SearchIndex(pages=0, words=0, filters=0, sorts=0, bundle=output)
        raise BuildError(
            "ninguna página marca su contenido con data-pagefind-body, así que el buscador indexaría "
            "menús y pies de página; revisa theme/templates/item.html y sala-de-prensa.html"
        )
    if not (output / "pagefind.js").is_file():
        raise BuildError(f"Pagefind terminó sin escribir {BUNDLE}/pagefind.js en el sitio")
    searchbundle.settle(output)  # same pages, same bytes: a no-change publish deploys nothing
    return summary(log, output)


def _keep_index_only(bundle: Path) -> None:
    """A merged bundle is read with the main bundle's script and WebAssembly (Pagefind's
    `mergeIndex`): its own copies, and the UI files, would only be deployed."""
    for pattern in ("pagefind*.js", "pagefind*.css", "wasm.*.pagefind"):
        for path in bundle.glob(pattern):
            path.unlink()


def _link_bundle(source: Path, target: Path) -> bool:
    """Link the previous build's bundle of a part into the new site; False if it is not whole."""
    if not (source / searchbundle.ENTRY).is_file():
        return False
    try:
        for path in sorted(source.rglob("*")):
            destination = target / path.relative_to(source)
            if path.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, destination)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _page_count(bundle: Path) -> int:
    entry = json.loads((bundle / searchbundle.ENTRY).read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())
