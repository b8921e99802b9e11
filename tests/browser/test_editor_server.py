"""`make editor`'s two servers: on 127.0.0.1 only, and the admin reaches nothing but the note and
media folders of content/ — never publish/, a contact directory or any other file of the project.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import copy_project, require_editor

from pressroom.editor.server import Editor, running
from pressroom.exceptions import BuildError
from sitekit import ROOT

MARKER = "CONTACTO-PRIVADO-7f3a9"
ORIGIN = "http://127.0.0.1:8001"


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    require_editor()
    conf = copy_project(tmp_path / "proyecto")
    project = conf.parent
    # contact directories where a careless copy could put them: in publish/ and in content/datos/
    (project / "publish").mkdir()
    (project / "publish/contactos.yml").write_text(f"- correo: {MARKER}@example.org\n", encoding="utf-8")
    (project / "content/datos/contactos.yml").write_text(
        f"- correo: {MARKER}@example.org\n", encoding="utf-8"
    )
    with running(conf) as started:
        yield started


def ask(
    editor: Editor, action: str, host: str | None = None, **params: Any
) -> tuple[int, str, dict[str, str]]:
    body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
    headers = {"Content-Type": "application/json", "Origin": ORIGIN, **({"Host": host} if host else {})}
    request = urllib.request.Request(editor.proxy_url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def get(url: str) -> tuple[int, bytes, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers.get("Location", "")


def test_the_admin_reads_and_writes_its_folders(editor: Editor) -> None:
    status, body, _ = ask(editor, "info")
    assert status == 200 and json.loads(body)["type"] == "local_fs"
    status, body, _ = ask(editor, "entriesByFolder", folder="content/boletines", extension="md", depth=2)
    assert status == 200 and len(json.loads(body)) >= 10
    status, body, _ = ask(editor, "getMedia", mediaFolder="content/imagenes/2026/11")
    assert status == 200 and json.loads(body)


REFUSED = [
    ("getEntry", {"path": "publish/contactos.yml"}),
    ("getEntry", {"path": "content/datos/contactos.yml"}),
    ("getEntry", {"path": "content/boletines/../datos/contactos.yml"}),
    ("getEntry", {"path": "/etc/passwd"}),
    ("getMediaFile", {"path": "content/datos/contactos.yml"}),
    ("getMediaFile", {"path": "pelican.conf.py"}),
    ("getMedia", {"mediaFolder": "content/datos"}),
    ("getMedia", {"mediaFolder": "publish"}),
    ("entriesByFolder", {"folder": "content/../publish", "extension": "yml", "depth": 1}),
    ("entriesByFolder", {"folder": "content", "extension": "yml", "depth": 3}),
    ("entriesByFiles", {"files": [{"path": "content/datos/contactos.yml"}]}),
    (
        "persistEntry",
        {
            "dataFiles": [{"slug": "x", "path": "publish/x.md", "raw": "---\n"}],
            "assets": [],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
        },
    ),
    (
        "persistEntry",
        {
            "dataFiles": [{"slug": "x", "path": "content/boletines/2026/x.md", "raw": "---\n"}],
            "assets": [{"path": "content/datos/contactos.yml", "content": "eA==", "encoding": "base64"}],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
        },
    ),
    (
        "persistMedia",
        {
            "asset": {
                "path": "content/imagenes/../../publish/x.jpg",
                "content": "eA==",
                "encoding": "base64",
            },
            "options": {"commitMessage": "x"},
        },
    ),
    ("deleteFile", {"path": "content/datos/contactos.yml", "options": {"commitMessage": "x"}}),
    ("deleteFile", {"path": "content/boletines/2026/x.md", "options": {"commitMessage": "x"}}),
    (
        "deleteFiles",
        {"paths": ["content/imagenes/a.jpg", "publish/contactos.yml"], "options": {"commitMessage": "x"}},
    ),
    ("unpublishedEntries", {}),
]


@pytest.mark.parametrize(("action", "params"), REFUSED, ids=[f"{a}-{i}" for i, (a, _) in enumerate(REFUSED)])
def test_nothing_outside_the_note_and_media_folders(
    editor: Editor, action: str, params: dict[str, Any]
) -> None:
    before = {p: p.read_bytes() for p in editor.project.rglob("*") if p.is_file() and not p.is_symlink()}
    status, body, headers = ask(editor, action, **params)
    assert status == 403, body
    assert MARKER not in body
    assert json.loads(body)["error"].startswith(("el editor solo trabaja", "acción no permitida"))
    assert headers.get("Access-Control-Allow-Origin") == ORIGIN  # the page can show the refusal
    after = {p: p.read_bytes() for p in editor.project.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def test_a_page_that_points_its_own_name_at_this_computer_is_refused(editor: Editor) -> None:
    """DNS rebinding: a web page whose name now resolves to 127.0.0.1 talks to the editor as its
    own origin, so the browser's CORS rules do not stop it; both servers refuse by the Host."""
    before = snapshot(editor.project)
    write = {
        "dataFiles": [{"slug": "x", "path": "content/boletines/2026/x.md", "raw": "---\n"}],
        "assets": [],
        "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
    }
    for host in ("pagina-ajena.example:8001", "127.0.0.1.pagina-ajena.example", "localhost.example"):
        status, body, _ = ask(editor, "persistEntry", host=host, **write)
        assert status == 403 and "solo atiende a esta computadora" in json.loads(body)["error"], host
        request = urllib.request.Request(editor.url + "config.yml", headers={"Host": host})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403, host
    assert snapshot(editor.project) == before
    assert ask(editor, "info", host="localhost:1234")[0] == 200  # this computer, by either name


def test_nothing_through_a_symbolic_link_in_the_folders(editor: Editor, tmp_path: Path) -> None:
    """A link committed inside content/ (the build refuses it) never lets the admin write or read
    outside: a linked folder, a linked file, a link to a folder of the project."""
    outside = tmp_path / "fuera"
    outside.mkdir()
    (outside / "secreto.txt").write_text(MARKER, encoding="utf-8")
    images = editor.project / "content/imagenes"
    (images / "enlace").symlink_to(outside, target_is_directory=True)
    (images / "foto-enlazada.jpg").symlink_to(outside / "secreto.txt")
    (editor.project / "content/boletines/datos").symlink_to(editor.project / "content/datos")
    before = snapshot(editor.project)
    asked = [
        (
            "persistMedia",
            {
                "asset": {"path": "content/imagenes/enlace/x.jpg", "content": "eA==", "encoding": "base64"},
                "options": {"commitMessage": "x"},
            },
        ),
        (
            "persistMedia",
            {
                "asset": {
                    "path": "content/imagenes/foto-enlazada.jpg",
                    "content": "eA==",
                    "encoding": "base64",
                },
                "options": {"commitMessage": "x"},
            },
        ),
        ("getMediaFile", {"path": "content/imagenes/foto-enlazada.jpg"}),
        ("getMediaFile", {"path": "content/imagenes/enlace/secreto.txt"}),
        ("getEntry", {"path": "content/boletines/datos/contactos.yml"}),
        ("deleteFile", {"path": "content/imagenes/enlace/secreto.txt", "options": {"commitMessage": "x"}}),
    ]
    for action, params in asked:
        status, body, _ = ask(editor, action, **params)
        assert status == 403 and MARKER not in body, (action, params)
        assert json.loads(body)["error"].startswith("el editor solo trabaja")
    assert snapshot(editor.project) == before
    assert sorted(p.name for p in outside.iterdir()) == ["secreto.txt"]
    assert (outside / "secreto.txt").read_text(encoding="utf-8") == MARKER


def listening(port: int) -> set[str]:
    """Local addresses listening on `port`, from the kernel's tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # LISTEN
                    found.add(address)
    return found


def test_both_servers_listen_on_loopback_only(editor: Editor) -> None:
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("sin /proc/net/tcp no se pueden leer las direcciones")
    for url in (editor.url, editor.proxy_url):
        port = int(url.split(":")[2].split("/")[0])
        assert url.startswith("http://127.0.0.1:")
        assert listening(port) == {"0100007F"}  # 127.0.0.1, and nothing else (no 0.0.0.0, no ::)


def test_the_static_server_serves_the_admin_and_nothing_else(editor: Editor) -> None:
    base = editor.url.removesuffix("/admin/")
    status, body, kind = get(f"{base}/admin/config.yml")
    assert status == 200 and kind.startswith("text/yaml")
    assert f"proxy_url: {editor.proxy_url}" in body.decode()
    assert MARKER not in body.decode()
    status, body, kind = get(f"{base}/admin/")
    assert status == 200 and b'src="decap/decap-cms.js"' in body and kind.startswith("text/html")
    assert get(f"{base}/admin/decap/decap-cms.js")[0] == 200
    assert get(f"{base}/admin/modelo.js")[0] == 200
    assert get(f"{base}/tema/css/sitio.css")[0] == 200
    assert get(f"{base}/")[:3:2] == (302, "/admin/")
    for path in (
        "/admin/../publish/contactos.yml",
        "/admin/%2e%2e/publish/contactos.yml",
        "/tema/../../publish/contactos.yml",
        "/tema/%2e%2e/%2e%2e/content/datos/contactos.yml",
        "/content/datos/contactos.yml",
        "/publish/contactos.yml",
        "/admin/decap/../../../package.json",
        "/admin/proxy.js",
    ):
        assert get(base + path)[0] == 404, path


def node_children() -> set[int]:
    mine = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(") ")[-1].split()
        except OSError:
            continue
        if fields[1] == mine:
            found.add(int(stat.parent.name))
    return found


def test_the_local_backend_stops_with_the_editor(tmp_path: Path) -> None:
    require_editor()
    conf = copy_project(tmp_path / "proyecto")
    with running(conf) as started:
        assert started.proxy.poll() is None
    assert started.proxy.poll() is not None


def test_a_busy_port_is_explained_and_nothing_is_left_running(tmp_path: Path) -> None:
    require_editor()
    conf = copy_project(tmp_path / "proyecto")
    children = node_children()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(BuildError) as error, running(conf, port):
            pass
    assert str(error.value).startswith(f"no se pudo abrir el editor en 127.0.0.1:{port} (")
    assert str(error.value).endswith(
        f"si el puerto está ocupado usa otro, por ejemplo: make editor PUERTO={port + 1}"
    )
    assert node_children() <= children


def test_without_the_npm_packages_it_says_how_to_install_them(tmp_path: Path) -> None:
    conf = copy_project(tmp_path / "proyecto")
    (conf.parent / "node_modules").unlink()
    with (
        pytest.raises(BuildError, match=r"instala los paquetes de npm del proyecto con `npm ci`"),
        running(conf),
    ):
        pass


def test_make_editor_starts_and_stops(tmp_path: Path) -> None:
    require_editor()
    conf = copy_project(tmp_path / "proyecto")
    process = subprocess.Popen(
        ["make", "-s", "editor", "PUERTO=0", f"CONFIG={conf}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, ended below by its id
        # Ctrl+C as in a terminal, also when this run was started with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Editor web listo en http://127.0.0.1:"), first + (
            process.stderr.read() if process.poll() is not None else ""
        )
        url = first.split(" en ", 1)[1].split(" ", 1)[0]
        assert first.rstrip().endswith("(solo en esta computadora).")
        assert get(url)[0] == 200
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C, as in a terminal
        process.wait(timeout=20)
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read()
    with pytest.raises(OSError):  # both servers are gone with it
        urllib.request.urlopen(url, timeout=5)
