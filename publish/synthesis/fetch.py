"""Fetching the outlets' feeds: concurrent, bounded and isolated.

Each feed is one GET (its redirects followed here, at most five, each closed unread) with a
connect and read timeout, a wall-clock limit on the whole answer, a size limit enforced while
streaming on the decompressed body (reading stops at the limit; a declared Content-Length over it
is refused before reading) and a conditional request with the ETag / Last-Modified of the last
good answer. Whatever goes wrong with one feed becomes a Spanish message on its result; it never
stops the others. This is the only module of the synthesis that talks to the network.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from .outlets import Feed

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Validators:
    """What the server said identifies its last good answer: sent back to get a 304."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Limits:
    timeout: float  # seconds for the whole answer
    max_bytes: int
    user_agent: str


@dataclass(frozen=True)
class Fetched:
    feed: Feed
    state: str  # "nuevo" (a body to read), "sin-cambios" (304) or "error"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    error: str = ""
    seconds: float = 0.0

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB" if count >= 1024 * 1024 else f"{max(1, count // 1024)} KB"


def _status_error(status: int) -> str:
    if status == 404:
        return "la dirección del feed no existe (HTTP 404); revisa en la página del medio si cambió"
    if status == 410:
        return "el medio retiró este feed (HTTP 410); búscalo de nuevo en su página o quítalo de la lista"
    if status in (401, 403):
        return f"el sitio del medio negó el acceso al feed (HTTP {status})"
    if status == 429:
        return "el sitio del medio pidió esperar antes de volver a consultar (HTTP 429); se reintenta en la próxima síntesis"
    if status >= 500:
        return f"el servidor del medio falló (HTTP {status}); se reintenta en la próxima síntesis"
    return f"respuesta inesperada del sitio del medio (HTTP {status})"


def _request_error(error: Exception, host: str, timeout: float) -> str:
    if isinstance(error, requests.exceptions.ConnectTimeout | requests.exceptions.ReadTimeout):
        return f"el sitio {host} no respondió en {timeout:g} s (tiempo límite)"
    if isinstance(error, requests.exceptions.SSLError):
        return f"el certificado de seguridad (HTTPS) de {host} no es válido"
    if isinstance(error, requests.exceptions.TooManyRedirects):
        return f"el feed redirige más de {MAX_REDIRECTS} veces; pon en la lista su dirección final"
    if isinstance(error, requests.exceptions.ConnectionError):
        return f"no se pudo conectar con {host}; revisa la dirección o la conexión a internet"
    return f"no se pudo pedir el feed a {host} ({error.__class__.__name__})"


def _read(response: requests.Response, limits: Limits, deadline: float) -> tuple[bytes | None, str]:
    """The body, read as it arrives until the end, the size limit or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        return (
            None,
            f"el feed pesa {_size(int(declared))} y el máximo es {_size(limits.max_bytes)}; no se descargó",
        )
    parts: list[bytes] = []
    total = 0
    raw = response.raw
    while True:
        if time.monotonic() > deadline:
            return None, f"el feed tardó más de {limits.timeout:g} s en llegar completo (tiempo límite)"
        # what has arrived, decompressed, bounded: urllib3 (2.6 and later) inflates at most CHUNK
        # bytes per call, so a gzip bomb stops at the limit (tests/test_synthesis_fetch.py guards it)
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:  # the end of the answer
            break
        total += len(chunk)
        if total > limits.max_bytes:
            return None, f"el feed pasa de {_size(limits.max_bytes)} (el máximo); se dejó de descargar"
        parts.append(chunk)
    return b"".join(parts), ""


class _Session(requests.Session):
    """A session that leaves redirects alone: requests reads and inflates a redirect's whole body
    before following it (and, with allow_redirects=False, to prepare `Response.next`), unbounded, so
    a small gzipped 302 could fill the memory. `_follow` follows them, closing each one unread."""

    def resolve_redirects(self, *args: Any, **kwargs: Any) -> Generator[Any, None, None]:
        yield from ()


def _follow(
    session: requests.Session, url: str, headers: dict[str, str], limits: Limits
) -> requests.Response:
    """The answer at the end of the feed's redirects (at most MAX_REDIRECTS), its body not read yet."""
    timeout = (min(limits.timeout, 10.0), limits.timeout)
    for _ in range(MAX_REDIRECTS + 1):
        response = session.get(url, headers=headers, stream=True, timeout=timeout, allow_redirects=False)
        target = session.get_redirect_target(response)
        if target is None:
            return response
        response.close()
        url = urljoin(url, target)
    raise requests.exceptions.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def fetch(feed: Feed, validators: Validators, limits: Limits) -> Fetched:
    """One feed, never raising: a bad answer is a Fetched with state "error" and its reason."""
    started = time.monotonic()
    deadline = started + limits.timeout
    host = urlsplit(feed.url).hostname or feed.url
    headers = {"User-Agent": limits.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified

    def done(state: str, body: bytes = b"", answer: dict[str, str] | None = None, error: str = "") -> Fetched:
        return Fetched(feed, state, body, answer or {}, error, time.monotonic() - started)

    try:
        with _Session() as session:
            response = _follow(session, feed.url, headers, limits)
            with response:
                answer = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code == 304:
                    return done("sin-cambios", answer=answer)
                if response.status_code != 200:
                    return done("error", error=_status_error(response.status_code))
                body, error = _read(response, limits, deadline)
                if body is None:
                    return done("error", error=error)
                return done("nuevo", body, answer)
    except requests.exceptions.RequestException as error:
        return done("error", error=_request_error(error, host, limits.timeout))
    except (urllib3.exceptions.HTTPError, OSError) as error:
        timed_out = isinstance(error, urllib3.exceptions.ReadTimeoutError | TimeoutError)
        reason = f"no respondió en {limits.timeout:g} s (tiempo límite)" if timed_out else "cortó la conexión"
        return done("error", error=f"el sitio {host} {reason} a mitad de la descarga")
    except Exception as error:  # one feed never stops the others
        return done("error", error=f"error inesperado al leer el feed ({error.__class__.__name__})")


def fetch_all(
    feeds: Sequence[Feed], validators: dict[str, Validators], limits: Limits, workers: int
) -> list[Fetched]:
    """Every feed at the same time (up to `workers`), results in the order of `feeds`."""
    if not feeds:
        return []
    with ThreadPoolExecutor(max_workers=min(workers, len(feeds)), thread_name_prefix="feed") as pool:
        jobs = [pool.submit(fetch, feed, validators.get(feed.url, Validators()), limits) for feed in feeds]
        return [job.result() for job in jobs]
