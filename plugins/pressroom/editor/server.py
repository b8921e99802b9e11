"""`make editor`: the web editor against the local repository, on this computer only.

Two servers, both on 127.0.0.1 and answering only requests addressed to it (a page that points its
own name at 127.0.0.1, DNS rebinding, is refused): Decap's local backend (decap-server, wrapped by proxy.js in a
Node process) that reads and writes the note and media folders of content/, and a small static
server for /admin/ (the generated configuration, the editor's scripts, Decap's bundle from
node_modules) and the theme's static files (the site's stylesheet, for the preview).
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import selectors
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..build import load_settings
from ..content import load_ref
from ..exceptions import BuildError, ContentError
from ..model.item import TYPES
from . import admin, media_fields

PROXY_SCRIPT = Path(__file__).with_name("proxy.js")
HOST = "127.0.0.1"
STARTUP_SECONDS = 30
LOOPBACK_HOST = re.compile(r"(localhost|127\.0\.0\.1)(:\d+)?")
CONTENT_TYPES = {
    ".js": "text/javascript",
    ".yml": "text/yaml",
    ".wasm": "application/wasm",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class Editor:
    url: str  # the admin page, http://127.0.0.1:PORT/admin/
    proxy_url: str  # Decap's local backend, http://127.0.0.1:PORT/api/v1
    project: Path
    proxy: subprocess.Popen[bytes]


def folders() -> dict[str, list[str]]:
    """The only folders the admin may touch: one per type for notes, and the media folders."""
    notes = sorted({f"content/{tipo.section}" for tipo in TYPES.values()})
    media = sorted({f"content/{folder}" for folder in media_fields.MEDIA_FOLDERS.values()})
    return {"notas": notes, "medios": media}


def _project(settings: dict[str, Any], config: Path) -> Path:
    project = config.resolve().parent
    if Path(settings["PATH"]).resolve() != project / "content":
        raise BuildError(
            f"el editor web trabaja con la carpeta content/ junto a {config.name}; PATH es {settings['PATH']}"
        )
    return project


@contextmanager
def running(config: Path, port: int = 0) -> Iterator[Editor]:
    """Both servers for as long as the block runs; `port` 0 takes any free one."""
    settings = load_settings(config)
    project = _project(settings, config)
    ref, problems = load_ref(project / "content")
    if problems:
        raise ContentError(problems)
    admin.decap_dist(project)  # a clear message before anything starts
    static_dir = Path(settings["THEME"]) / "static"
    static_url = f"/{settings['THEME_STATIC_DIR']}/"
    proxy, proxy_port = _start_proxy(project)
    try:
        proxy_url = f"http://{HOST}:{proxy_port}/api/v1"
        files = admin.admin_files(project, ref, admin.local_backend(proxy_url), False, static_url)
        server = _static_server(port, files, static_url, static_dir)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Editor(f"http://{HOST}:{server.server_port}/admin/", proxy_url, project, proxy)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        _stop(proxy)


def _start_proxy(project: Path) -> tuple[subprocess.Popen[bytes], int]:
    node = shutil.which("node")
    if node is None:
        raise BuildError(
            "el editor web necesita Node.js (el programa `node`); instálalo con "
            "`sudo apt-get install nodejs npm` y vuelve a intentar"
        )
    env = {
        **os.environ,
        "EDITOR_REPO": str(project),
        "EDITOR_CARPETAS": json.dumps(folders()),
        "EDITOR_PUERTO": "0",
        "EDITOR_MODULOS": str(project / "node_modules"),
    }
    proxy = subprocess.Popen(
        [node, str(PROXY_SCRIPT)], cwd=project, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proxy.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proxy.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=STARTUP_SECONDS)
    line = proxy.stdout.readline() if ready else b""
    try:
        return proxy, int(json.loads(line)["puerto"])
    except (ValueError, KeyError, TypeError):
        _stop(proxy)
        raise BuildError(
            "el servidor local del editor (decap-server) no arrancó; revisa los mensajes de arriba "
            "y que los paquetes de npm estén instalados (`npm ci`)"
        ) from None


def _stop(proxy: subprocess.Popen[bytes]) -> None:
    if proxy.stdin is not None:
        proxy.stdin.close()  # proxy.js ends when its input closes
    try:
        proxy.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proxy.terminate()
        proxy.wait(timeout=5)
    if proxy.stdout is not None:
        proxy.stdout.close()


def _static_server(
    port: int, files: dict[str, bytes | Path], static_url: str, static_dir: Path
) -> ThreadingHTTPServer:
    root = static_dir.resolve()

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def _answer(self, send_body: bool) -> None:
            if not LOOPBACK_HOST.fullmatch(self.headers.get("Host", "")):
                self.send_error(403, "El editor solo atiende a esta computadora (127.0.0.1)")
                return
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path in ("/", "/admin"):
                self.send_response(302)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return
            found: bytes | Path | None = None
            if path.startswith("/admin/"):
                found = files.get(path.removeprefix("/admin/") or "index.html")
            elif path.startswith(static_url):
                candidate = (root / path.removeprefix(static_url)).resolve()
                found = candidate if candidate.is_relative_to(root) and candidate.is_file() else None
            if found is None:
                self.send_error(404, "No existe")
                return
            name = found.name if isinstance(found, Path) else path
            data = found.read_bytes() if isinstance(found, Path) else found
            kind = (
                CONTENT_TYPES.get(Path(name).suffix)
                or mimetypes.guess_type(name)[0]
                or "application/octet-stream"
            )
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if send_body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    try:
        return ThreadingHTTPServer((HOST, port), Handler)
    except OSError as exc:
        raise BuildError(
            f"no se pudo abrir el editor en {HOST}:{port} ({exc.strerror}); si el puerto está ocupado "
            f"usa otro, por ejemplo: make editor PUERTO={port + 1}"
        ) from None
