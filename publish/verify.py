"""Before announcing, each item's page and photo must answer on the deployed site."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from .manifest import ManifestItem


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def local_server(folder: Path) -> Iterator[str]:
    """Serve the deployed folder on loopback for the duration of the checks."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _answers(session: requests.Session, url: str) -> str | None:
    """None when the URL answers 200, else what went wrong."""
    try:
        response = session.get(url, timeout=10)
    except requests.RequestException as exc:
        return f"{url} no responde ({exc.__class__.__name__})"
    return None if response.status_code == 200 else f"{url} responde {response.status_code}"


def live(
    base: str, items: list[ManifestItem], attempts: int, wait: float, session: requests.Session | None = None
) -> tuple[list[ManifestItem], dict[str, str]]:
    """(items that are live, {item id: why not}) after at most `attempts` rounds."""
    session = session or requests.Session()
    waiting = list(items)
    problems: dict[str, str] = {}
    for attempt in range(attempts):
        problems = {}
        for item in waiting:
            urls = [base + item.ruta] + ([base + item.imagen.ruta] if item.imagen else [])
            for url in urls:
                problem = _answers(session, url)
                if problem:
                    problems[item.id] = problem
                    break
        waiting = [item for item in waiting if item.id in problems]
        if not waiting:
            break
        if attempt + 1 < attempts:
            time.sleep(wait)
    return [item for item in items if item.id not in problems], problems
