"""The sample site in a real browser: what to visit, how to watch a visit, what tools are missing.

Tests here drive Debian's Chromium (never a browser downloaded by Playwright) through the
Playwright package, against the sample site built once into a temporary folder and served by a
loopback HTTP server. When a tool is missing they skip with a message that names the command
that installs it; in CI (CI=true) a missing tool is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

from pressroom.content import load_site
from pressroom.preview import Server
from sitekit import NOW, ROOT

INSTALL = "bash tests/tools/install_browser_deps.sh"  # also: make navegador
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "navegador"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules/axe-core/axe.min.js"
# Flags for a headless Chromium that talks to nobody but the site under test.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
SKIP_PREFIX = "FALTA"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(what: str) -> NoReturn:
    """Skip (on a developer's machine) or fail (in CI) because a test tool is not installed."""
    message = (
        f"{SKIP_PREFIX} {what}: las pruebas de navegador, accesibilidad y HTML no se corrieron. "
        f"Instálalo con: {INSTALL}"
    )
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_editor() -> None:
    """What the web editor needs: Node.js and the npm packages (decap-cms, decap-server)."""
    if shutil.which("node") is None:
        missing("Node.js (node), para el editor web")
    for package in ("decap-cms/dist/decap-cms.js", "decap-server/dist/middlewares.js"):
        if not (ROOT / "node_modules" / package).is_file():
            missing(f"el paquete npm {package.split('/')[0]}, para el editor web")


def copy_project(root: Path) -> Path:
    """A copy of the project for tests that write content (never the real content/): its own
    content/ and settings; theme, plugins and node_modules linked. Returns the settings file."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    for shared in ("theme", "plugins", "node_modules"):
        (root / shared).symlink_to(ROOT / shared)
    return root / "pelican.conf.py"


def require_java() -> str:
    java = shutil.which("java")
    if java is None:
        missing("Java (el validador HTML de Nu lo necesita)")
    return java


# --- what to visit --------------------------------------------------------------------------


def template_pages(output: Path) -> dict[str, str]:
    """One URL path per template (and per notable state of one), from the built sample site."""
    site = load_site(ROOT / "content")
    public = sorted(site.public_items(NOW), key=lambda i: i.fecha, reverse=True)
    pages: dict[str, str] = {
        "portada": "/",
        "archivo": "/archivo/",
        "seccion": "/boletines/",
        "municipios": "/municipios/",
        "personas": "/personas/",
        "sala-de-prensa": "/sala-de-prensa/",
        "suscripciones": "/suscripciones/",
        "agenda": "/agenda/",
        "pagina": "/acerca-de/",
        "buscar": "/buscar/",
        "404": "/404.html",
    }
    for item in public:
        key = f"nota-{item.tipo.key}"
        if not item.withdrawn and key not in pages:
            pages[key] = item.url
    withdrawn = [i for i in public if i.withdrawn]
    if withdrawn:
        pages["nota-retirada"] = withdrawn[0].url
    newest = public[0].fecha
    pages["archivo-mes"] = f"/archivo/{newest:%Y}/{newest:%m}/"
    counts: dict[str, int] = {}
    for item in public:
        for municipality in item.municipios:
            counts[municipality.slug] = counts.get(municipality.slug, 0) + 1
    pages["municipio"] = f"/municipios/{max(counts, key=lambda slug: counts[slug])}/"
    empty = sorted(p.parent.name for p in (output / "municipios").glob("*/index.html"))
    pages["municipio-sin-notas"] = f"/municipios/{next(s for s in empty if s not in counts)}/"
    people = [person.id for item in public for person in item.personas]
    pages["persona"] = f"/personas/{people[0]}/"
    tags = sorted(p.parent.name for p in (output / "etiquetas").glob("*/index.html"))
    pages["etiqueta"] = f"/etiquetas/{tags[0]}/"
    for path in pages.values():
        target = output / path.lstrip("/")
        assert (target / "index.html" if path.endswith("/") else target).is_file(), path
    return pages


# --- serving the site -------------------------------------------------------------------------


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder on a loopback HTTP server (the preview's, quiet about cancelled requests);
    yields its base URL (no trailing slash)."""
    server = Server(folder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# --- watching a visit -------------------------------------------------------------------------


@dataclass
class Visit:
    """Everything a page did while we watched: console errors, uncaught errors, requests."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    responses: list[tuple[str, str, int]] = field(default_factory=list)  # (url, resource type, bytes)

    def watch(self, page: Any) -> Visit:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", self._response)
        return self

    def _response(self, response: Any) -> None:
        kind = response.request.resource_type
        if kind not in ("document", "stylesheet", "script"):
            return
        try:
            size = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            size = 0
        self.responses.append((response.url, kind, size))
        self.bytes_by_type[kind] = self.bytes_by_type.get(kind, 0) + size

    @property
    def foreign(self) -> list[str]:
        """Requests to any host but the site's own (data: and blob: URLs are not requests)."""
        own = urlsplit(self.base).netloc
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
        ]

    @property
    def weight(self) -> int:
        return sum(self.bytes_by_type.values())

    def problems(self) -> list[str]:
        return (
            [f"error de consola: {m}" for m in self.console_errors]
            + [f"error de JavaScript: {m}" for m in self.page_errors]
            + [f"petición fallida: {m}" for m in self.failed]
            + [f"petición a otro sitio: {u}" for u in self.foreign]
        )


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
