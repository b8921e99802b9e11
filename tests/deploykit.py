"""The deployed side, for the publishing tests: a folder read back as bytes, a path made really
unwritable, and loopback web servers serving a deployed folder (optionally with missing pages, slow,
or held until released). publishkit re-exports these."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest


@contextmanager
def unwritable(path: Path) -> Iterator[str]:
    """`path` cannot be written, for real: immutable (chattr +i) as root, whom permissions do not
    stop; read-only permissions otherwise. Yields how. Restored afterwards."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(
                f"chattr +i no funciona en {path} ({done.stderr.strip()}): esta prueba necesita un "
                "sistema de archivos que admita atributos (ext4, xfs, btrfs) o no ser root"
            )
        try:
            yield "inmutable"
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield "solo lectura"
    finally:
        path.chmod(mode)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every file (its bytes) and symlink (its target) under a folder, by relative path."""
    found: dict[str, bytes | str] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = os.readlink(path)
        elif path.is_file():
            found[relative] = path.read_bytes()
    return found


def files_containing(folder: Path, needle: bytes) -> list[str]:
    """Files under `folder` (symlinks followed) whose bytes or name contain `needle`, any case."""
    needle = needle.lower()
    hits = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if needle in relative.encode().lower() or (path.is_file() and needle in path.read_bytes().lower()):
            hits.append(relative)
    return hits


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def http_server(handler: Any) -> Iterator[str]:
    """A loopback HTTP server in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serving(
    folder: Path,
    *,
    missing: tuple[str, ...] = (),
    delay: float = 0.0,
    gate: tuple[threading.Event, threading.Event] | None = None,
) -> Any:
    """A handler serving `folder` (followed per request, like a web server serving `actual`) that
    answers 404 for paths starting with any of `missing`, each answer after `delay` seconds. With
    `gate` (reached, release): each request sets `reached` and waits for `release` to answer."""

    class Handler(_QuietHandler):
        def do_GET(self) -> None:
            if gate is not None:
                gate[0].set()
                gate[1].wait(120)
            if delay:
                time.sleep(delay)
            if any(self.path.startswith(prefix) for prefix in missing):
                self.send_error(404)
                return
            super().do_GET()

    return partial(Handler, directory=str(folder))
