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
Pagefind writes in a varying order, so the same pages always give the same bytes. The index is written to `pagefind/`
inside the site (root-relative `/pagefind/pagefind.js`), so it works the same under
`make serve` and on the deployed site.

The binary comes from the `pagefind_bin_extended` wheel (pinned in requirements.txt): nothing
is downloaded at build time. Pagefind's own summary is parsed into `SearchIndex`; a run that
fails, or that finds no `data-pagefind-body` at all (it would then index every page whole,
menus and footers included), is a `BuildError`.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import searchbundle
from .exceptions import BuildError

BUNDLE = "pagefind"  # the folder inside the site: /pagefind/pagefind.js
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


def command(site: Path) -> list[str]:
    excluded = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    return [str(executable()), "--site", str(site), "--output-subdir", BUNDLE, *excluded]


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


def index(site: Path, timeout: float = TIMEOUT) -> SearchIndex:
    """Index the built site in `site` (the staging folder) into `site/pagefind/`."""
    try:
        run = subprocess.run(
            command(site), cwd=site, capture_output=True, text=True, timeout=timeout, check=False
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
        raise BuildError(
            "ninguna página marca su contenido con data-pagefind-body, así que el buscador indexaría "
            "menús y pies de página; revisa theme/templates/item.html y sala-de-prensa.html"
        )
    bundle = site / BUNDLE
    if not (bundle / "pagefind.js").is_file():
        raise BuildError(f"Pagefind terminó sin escribir {BUNDLE}/pagefind.js en el sitio")
    searchbundle.settle(bundle)  # same pages, same bytes: a no-change publish deploys nothing
    return summary(log, bundle)
