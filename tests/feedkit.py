"""Fixture feeds and a loopback server that serves them as outlets' sites do, for the press synthesis.

`FeedServer` answers each path with its `Route`: a body, a status, a delay before answering, a
drip (the body a few bytes at a time), no Content-Length (streamed), and the validators of a
real server (ETag, Last-Modified) with 304 answers to conditional requests. It records every
request's headers, so a test sees what the client sent.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from publishkit import contacts_yaml, default_config, http_server, merge, toml_text

from pressroom.model.item import MEXICO_CITY
from pressroom.model.refdata import RefData, load_municipalities, load_people
from publish import config
from publish.__main__ import main
from sitekit import DISTRICTS

ROOT = Path(__file__).resolve().parent.parent

# people of the fixtures: accents and case are what the matching tests need
PEOPLE = """\
- id: hector-salgado
  nombre: Héctor Salgado Noriega
  cargo: dirigente
  municipio: toluca
- id: lucia-fernandez
  nombre: Lucía Fernández Ocampo
  cargo: diputada
  municipio: ecatepec-de-morelos
  variantes: [Lucy Fernández]
- id: maria-de-la-luz
  nombre: María de la Luz Pérez
  cargo: regidora
  municipio: texcoco
"""


def reference(people: str = PEOPLE) -> RefData:
    text = (ROOT / "content/datos/municipios_edomex.csv").read_text(encoding="utf-8")
    ref = RefData(load_municipalities(text))
    ref.people, problems = load_people("content/datos/personas.yml", people, ref)
    assert not problems, problems
    return ref


def rss(items: list[dict[str, str]], *, encoding: str = "utf-8", title: str = "Diario") -> bytes:
    """An RSS 2.0 feed; each item's keys: title, link, description, pubDate."""
    body = "".join(
        "<item>" + "".join(f"<{key}>{value}</{key}>" for key, value in item.items()) + "</item>"
        for item in items
    )
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link><description>Noticias</description>{body}</channel></rss>\n"
    )
    return text.encode(encoding)


def atom(entries: list[dict[str, str]], *, title: str = "Portal") -> bytes:
    """An Atom feed; each entry's keys: title, link, summary, updated."""
    body = "".join(
        f'<entry><title>{e["title"]}</title><link rel="alternate" href="{e["link"]}"/>'
        f"<id>{e['link']}</id><updated>{e['updated']}</updated><summary>{e.get('summary', '')}</summary></entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>https://example.org/</id><updated>2026-11-25T12:00:00Z</updated>{body}</feed>\n"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    delay: float = 0.0  # seconds before the answer
    drip: float = 0.0  # seconds between 16-byte pieces of the body
    streamed: bool = False  # no Content-Length: the body ends when the connection closes
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # more headers, e.g. Content-Encoding


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    base: str = ""

    def __post_init__(self) -> None:
        self.release = threading.Event()  # ends every delay and drip when the test is over
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]

    @contextmanager
    def running(self) -> Iterator[FeedServer]:
        with http_server(_handler(self)) as base:
            self.base = base
            try:
                yield self
            finally:
                self.release.set()


def _handler(fake: FeedServer) -> Any:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
            with fake.lock:
                fake.seen.append(seen)
            route = fake.routes.get(self.path)
            if route is None:
                seen.status = 404
                self._answer(404, b"<html><body>No encontrado</body></html>", "text/html")
                return
            if route.delay and fake.release.wait(route.delay):
                return
            fresh = (route.etag and seen.headers.get("if-none-match") == route.etag) or (
                route.last_modified and seen.headers.get("if-modified-since") == route.last_modified
            )
            seen.status = 304 if fresh else route.status
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = route.etag
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            if fresh:
                self._answer(304, b"", route.content_type, extra)
                return
            self._answer(route.status, route.body, route.content_type, extra, route)

        def _answer(
            self,
            status: int,
            body: bytes,
            kind: str,
            extra: dict[str, str] | None = None,
            route: Route | None = None,
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                if route is not None and route.streamed:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status == 304:
                    return
                if route is not None and route.drip:
                    for start in range(0, len(body), 16):
                        self.wfile.write(body[start : start + 16])
                        self.wfile.flush()
                        if fake.release.wait(route.drip):
                            return
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def mexico(day: int, hour: int, minute: int = 0) -> str:
    """An RFC 822 date of November 2026 in Mexico City time, as RSS writes it."""
    return format_datetime(dt.datetime(2026, 11, day, hour, minute, tzinfo=MEXICO_CITY))


@dataclass
class Office:
    """A throwaway project for the synthesis: configuration, content data, sources list, cards."""

    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "publicacion.toml"

    @property
    def cards(self) -> Path:
        return self.root / "monitoreo"

    @property
    def database(self) -> Path:
        return self.root / "estado" / "sintesis.sqlite3"

    def configure(
        self, *, absolute: bool = False, sitio: dict[str, str] | None = None, **sintesis: Any
    ) -> None:
        """The publishing configuration with `[sintesis]` settings; `absolute` spells out every
        folder, for commands run from another folder (make, from the repository); `sitio` changes
        keys of `[sitio]` (the site's output folder, the state folder)."""
        settings: dict[str, Any] = {
            "medios": "medios.yml",
            "fichas": "monitoreo",
            "tiempo_limite": 2,
            "simultaneas": 8,
        }
        settings.update(sintesis)
        changes: dict[str, Any] = {"sintesis": settings}
        if absolute:
            settings.update(medios=str(self.root / "medios.yml"), fichas=str(self.cards))
            changes["sitio"] = {
                "salida": str(self.root / "output"),
                "estado": str(self.root / "estado"),
                "contactos": str(self.root / "contactos.yml"),
                "contenido": str(self.root / "content"),
            }
            changes["bandeja"] = {"carpeta": str(self.root / "bandeja")}
            changes["despliegue"] = {"carpeta": str(self.root / "publicado")}
        if sitio:
            changes["sitio"] = {**changes.get("sitio", {}), **sitio}
        self.config_path.write_text(toml_text(merge(default_config(), changes)), encoding="utf-8")

    def outlets(self, text: str) -> None:
        (self.root / "medios.yml").write_text(text, encoding="utf-8")

    def card(self, name: str, text: str) -> Path:
        path = self.cards / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def load(self) -> Any:
        return config.load(self.config_path, self.root)


def office(root: Path, outlets: str = "", people: str = PEOPLE, **sintesis: Any) -> Office:
    data = root / "content" / "datos"
    data.mkdir(parents=True)
    csv = (ROOT / "content/datos/municipios_edomex.csv").read_text(encoding="utf-8")
    (data / "municipios_edomex.csv").write_text(csv, encoding="utf-8")
    (data / "personas.yml").write_text(people, encoding="utf-8")
    (data / "distritos.yml").write_text(DISTRICTS, encoding="utf-8")
    (root / "contactos.yml").write_text(contacts_yaml(2), encoding="utf-8")
    (root / "output").mkdir()
    made = Office(root)
    made.configure(**sintesis)
    made.outlets(outlets)
    return made


def outlet(
    nombre: str, feeds: list[str], medio: str = "prensa", alcance: str = "estatal", municipios: str = ""
) -> str:
    """One entry of medios.yml."""
    lines = [f"- nombre: {nombre}", f"  medio: {medio}", f"  alcance: {alcance}"]
    if municipios:
        lines.append(f"  municipios: [{municipios}]")
    lines.append("  feeds:")
    lines += [f"    - {url}" for url in feeds]
    return "\n".join(lines) + "\n"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """The real command line, `python -m publish --config publicacion.toml sintesis …`, run in this
    process from the project folder with the clock pinned (a subprocess per call is slow)."""

    def run(project: Office, now: str, *args: str) -> Done:
        monkeypatch.chdir(project.root)
        monkeypatch.setenv("SINTESIS_AHORA", now)
        capsys.readouterr()
        code = main(["--config", "publicacion.toml", "sintesis", *args])
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run
