"""The editors' preview (`make serve`): drafts and scheduled items are built too, each marked on
its page and in listings, into a folder of its own; `make html` output never has any of it."""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from pressroom.build import build
from pressroom.preview import Server
from sitekit import NOW, ROOT, item, make_project

DRAFT = "zqxborradorzqx"
SCHEDULED = "zqxprogramadozqx"
FUTURE = "zqxfuturozqx"
VEDA_MARK = "zqxvedazqx"
VEDA = (
    '\nVEDAS = [{"desde": "2026-11-01 00:00", "hasta": "2026-12-01 00:00", '
    '"tipos": ["actividad"], "motivo": "Veda electoral de prueba"}]\n'
)
FILES: dict[str, str | bytes] = {
    "boletines/2026/control.md": item(id="2026-11-20-ctrl1", slug="nota-publica", fecha="2026-11-20 09:00"),
    "boletines/2026/borrador.md": item(
        id="2026-11-25-bor01", slug=f"nota-{DRAFT}", titulo=f"Borrador {DRAFT}", estado="borrador"
    ),
    "boletines/2026/programado.md": item(
        id="2026-11-25-pro01",
        slug=f"nota-{SCHEDULED}",
        titulo=f"Programada {SCHEDULED}",
        estado="programado",
        embargo="2026-12-01 08:00",
    ),
    "boletines/2026/futuro.md": item(
        id="2026-11-25-fut01", slug=f"nota-{FUTURE}", titulo=f"Futura {FUTURE}", fecha="2026-12-03 18:30"
    ),
    "actividades/2026/veda.md": item(
        id="2026-11-21-ved01", tipo="actividad", slug=f"nota-{VEDA_MARK}", titulo=f"En veda {VEDA_MARK}"
    ),
}
PAGES = {
    "borrador": "boletines/2026/11/nota-zqxborradorzqx/index.html",
    "programado": "boletines/2026/11/nota-zqxprogramadozqx/index.html",
    "futuro": "boletines/2026/12/nota-zqxfuturozqx/index.html",
    "veda": "actividades/2026/11/nota-zqxvedazqx/index.html",
}
NOTICES = {
    "borrador": "Borrador — no publicado",
    "programado": "Programado para el martes 1 de diciembre de 2026, 08:00",
    "futuro": "Programado para el jueves 3 de diciembre de 2026, 18:30",
    "veda": "Retenido por veda hasta el martes 1 de diciembre de 2026, 00:00",
}
PREVIEW_ONLY = ("Vista previa local", "Borrador — no publicado", "Programado para", "marca-vista-previa")


def project(root: Path) -> Path:
    conf = make_project(root, FILES)
    conf.write_text(conf.read_text(encoding="utf-8") + VEDA, encoding="utf-8")
    return conf


@pytest.fixture(scope="module")
def sitios(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the preview, the `make html` output) of the same content at the same instant."""
    root = tmp_path_factory.mktemp("vista-previa")
    conf = project(root)
    build(conf, NOW)
    result = build(conf, NOW, preview=True)
    assert (result.published, result.held_back, result.preview) == (1, 4, True)
    return root / ".cache/vista-previa", root / "output"


def text(page: Path) -> str:
    return " ".join(lxml.html.fromstring(page.read_bytes()).text_content().split())


@pytest.mark.parametrize("kind", list(PAGES))
def test_each_held_item_is_previewed_with_its_notice(sitios: tuple[Path, Path], kind: str) -> None:
    preview, _ = sitios
    page = lxml.html.fromstring((preview / PAGES[kind]).read_bytes())
    [notice] = page.find_class("aviso--vista-previa")
    assert " ".join(notice.find_class("aviso__titulo")[0].text_content().split()) == NOTICES[kind]
    assert f"aviso--{'programado' if kind == 'futuro' else kind}" in notice.get("class")


def test_listings_mark_held_items(sitios: tuple[Path, Path]) -> None:
    preview, _ = sitios
    home = lxml.html.fromstring((preview / "index.html").read_bytes())
    marks = {
        card.find_class("tarjeta__titulo")[0].text_content().strip(): card.find_class("marca-vista-previa")
        for card in home.find_class("tarjeta")
    }
    assert [m.text for m in marks[f"Borrador {DRAFT}"]] == ["Borrador"]
    assert [m.text for m in marks[f"Programada {SCHEDULED}"]] == ["Programado"]
    assert marks["Alcaldesa de Texcoco inaugura clínica comunitaria"] == []  # the public item: unmarked
    archive = text(preview / "archivo/2026/11/index.html")
    assert f"Borrador {DRAFT} Borrador" in archive


def test_every_preview_page_says_it_is_the_preview_and_is_noindex(sitios: tuple[Path, Path]) -> None:
    preview, _ = sitios
    pages = sorted(preview.rglob("*.html"))
    assert len(pages) > 140
    for path in pages:
        page = lxml.html.fromstring(path.read_bytes())
        assert page.find_class("franja-vista-previa"), path
        assert page.find(".//meta[@name='robots']").get("content") == "noindex", path


def test_the_preview_is_never_publishable(sitios: tuple[Path, Path]) -> None:
    preview, output = sitios
    assert not (preview / ".publicacion/manifiesto.json").exists()  # `publish` cannot take it
    assert (output / ".publicacion/manifiesto.json").is_file()


def test_the_html_output_has_none_of_it(sitios: tuple[Path, Path]) -> None:
    _, output = sitios
    for path in (p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in (DRAFT, SCHEDULED, FUTURE, VEDA_MARK):
            assert needle.encode() not in data, (path, needle)
        if path.suffix != ".css":  # the stylesheet styles the preview's marks, unused here
            for needle in PREVIEW_ONLY:
                assert needle.encode() not in data, (path, needle)
    for relative in PAGES.values():
        assert not (output / relative).exists()


def test_the_preview_leaves_output_alone(tmp_path: Path) -> None:
    conf = project(tmp_path)
    build(conf, NOW)
    before = {p: p.read_bytes() for p in sorted((tmp_path / "output").rglob("*")) if p.is_file()}
    build(conf, NOW, preview=True)
    after = {p: p.read_bytes() for p in sorted((tmp_path / "output").rglob("*")) if p.is_file()}
    assert after == before
    assert (tmp_path / ".cache/vista-previa/boletines/2026/11/nota-zqxborradorzqx/index.html").is_file()


def test_serve_answers_with_the_draft_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """`python -m pressroom serve` (what `make serve` runs): on a free loopback port, the draft
    marked, output/ never written; Ctrl+C ends it cleanly."""
    conf = project(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "plugins")])}
    env["PRESSROOM_NOW"] = NOW.isoformat()
    server = subprocess.Popen(
        [sys.executable, "-m", "pressroom", "--config", str(conf), "serve", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl+C as in a terminal, also when this run was started with SIGINT ignored (a background
        # job of a non-interactive shell): Python then leaves it ignored and would never stop
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert server.stdout is not None
        lines = []
        for line in server.stdout:
            lines.append(line)
            if line.startswith("Vista previa en "):
                break
        assert lines[0] == (
            "Vista previa construida: 1 notas publicadas y 4 borradores o programadas (marcadas como "
            "tales; no salen en `make html` ni en `make publish`).\n"
        ), lines
        found = re.match(r"Vista previa en http://localhost:(\d+)/ ", lines[-1])
        assert found, lines
        url = f"http://127.0.0.1:{found.group(1)}/{PAGES['borrador'].removesuffix('index.html')}"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200
            assert "Borrador — no publicado" in response.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0, errors
    assert "Traceback" not in errors
    assert not (tmp_path / "output").exists()


def test_the_preview_server_is_quiet_when_a_browser_cancels_a_download(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Leaving a page while a big photo loads is normal: no traceback in the editor's terminal."""
    (tmp_path / "grande.jpg").write_bytes(b"\xff" * 32_000_000)
    server = Server(tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as client:
            client.sendall(b"GET /grande.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(12).startswith(b"HTTP/1.0 200")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/", timeout=10) as reply:
            assert reply.status == 200  # still serving
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err
