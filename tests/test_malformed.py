"""Malformed files stop `python -m pressroom build` with `path:line: mensaje` and leave output/ alone.

A good throwaway site is built once per module and its output/ is fingerprinted (path, sha256,
inode and mtime of everything in it). Each fixture of tests/fixtures/malformed/ is then dropped into
the site's content, the real command runs in-process, and the fingerprint must not move.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pressroom.__main__ import main
from sitekit import NOW, ROOT, build_project, item, make_project

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "malformed"
SECTIONS = ("boletines", "conferencias", "capsulas", "spots", "galerias")
NOTHING_BUILT = "No se construyó nada; output/ se quedó como estaba."
SUMMARY = re.compile(r"^(\d+) errore?s?(?:\(es\))? en (\d+) archivos?(?:\(s\))?\. ", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    line: int  # where the editor must look
    message: str  # part of the Spanish message on that line
    section: str = "boletines"
    count: int = 1  # problems the file has in all


CASES: dict[str, Case] = {
    "clave-desconocida": Case(11, "clave desconocida 'subtitulo'"),
    "clave-con-acento": Case(10, "clave desconocida 'título'; ¿quisiste decir 'titulo'", count=2),
    "clave-repetida": Case(11, "la clave 'titulo' está repetida (ya aparece en la línea 3); deja solo una"),
    "fecha-invalida": Case(5, "'fecha' '20/11/2026' no es una fecha válida; usa AAAA-MM-DD HH:MM"),
    "fecha-imposible": Case(5, "'fecha' '2026-02-30 10:00' no es una fecha que exista"),
    "hora-imposible": Case(5, "'fecha' '2026-11-20 25:30' no es una fecha que exista"),
    "municipio-desconocido": Case(7, "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"),
    "municipio-inventado": Case(7, "municipio 'Springfield' no existe; usa el nombre oficial o el slug"),
    "municipios-mapa": Case(7, "'municipios' debe ser una lista"),
    "municipios-vacio": Case(7, "'municipios' está vacía"),
    "estatal-con-municipio": Case(7, "'estatal' no se combina con municipios"),
    "sin-titulo": Case(1, "falta 'titulo'; es obligatoria"),
    "titulo-vacio": Case(3, "falta 'titulo'; es obligatoria"),
    "titulo-lista": Case(3, "'titulo' debe ser texto, no una lista"),
    "titulo-largo": Case(3, "el título tiene 234 caracteres y el máximo es 200"),
    "resumen-largo": Case(8, "el resumen tiene 351 caracteres y el máximo es 300"),
    "slug-invalido": Case(4, "slug 'Regidores Entregan Útiles' no es válido"),
    "id-invalido": Case(2, "id '123' no tiene la forma AAAA-MM-DD-xxxxx"),
    "tipo-desconocido": Case(6, "tipo 'noticia' no existe"),
    "estado-desconocido": Case(10, "estado 'publicada' no existe; ¿quisiste decir 'publicado'?"),
    "programado-sin-embargo": Case(10, "estado 'programado' necesita 'embargo'"),
    "embargo-invalido": Case(11, "'embargo' 'mañana a las 8' no es una fecha válida"),
    "retirado-sin-motivo": Case(10, "estado 'retirado' necesita 'motivo_retiro'"),
    "imagen-inexistente": Case(
        9,
        "el archivo 'imagenes/2026/11/clinika.jpg' de 'imagen' no existe en content/; "
        "¿quisiste decir 'imagenes/2026/11/clinica.jpg'?",
    ),
    "imagen-sin-pie": Case(9, "falta 'pie' en 'imagen'"),
    "imagen-fuera-de-content": Case(9, "'imagen' no puede salir de la carpeta content/"),
    "boletin-sin-imagen": Case(6, "un boletín necesita 'imagen'"),
    "boletin-sin-texto": Case(11, "un boletín necesita texto debajo del encabezado"),
    "persona-desconocida": Case(11, "persona 'juan-perez' no está en content/datos/personas.yml"),
    "canal-desconocido": Case(11, "canal 'twitter' no existe"),
    "destacado-invalido": Case(11, "'destacado' debe ser 'sí' o 'no', no 'tal vez'"),
    # YAML syntax: the line is where the mistake is, not where the parser gave up
    "yaml-roto": Case(7, "una lista entre corchetes [ ] no está bien cerrada"),
    "comillas-sin-cerrar": Case(3, "comillas"),
    "dos-puntos-sin-comillas": Case(3, "hay dos puntos ':' donde YAML no los espera"),
    "texto-en-dos-lineas": Case(4, "falta ':' después de una clave"),
    "asterisco-al-inicio": Case(3, "un valor empieza con '*'; escríbelo entre comillas"),
    "tabuladores": Case(10, "la línea está sangrada con tabuladores", count=2),
    "encabezado-lista": Case(2, "el encabezado debe ser"),
    "sin-encabezado": Case(1, "el archivo no empieza con un encabezado entre dos líneas '---'"),
    "encabezado-sin-cerrar": Case(1, "el encabezado que empieza en la línea 1 no se cierra"),
    # bytes
    "vacio": Case(1, "el archivo está vacío"),
    "solo-espacios": Case(1, "el archivo está vacío"),
    "latin1": Case(3, "el archivo no está en UTF-8 (byte 0xFA en la columna 39)"),
    "utf16": Case(1, "el archivo no está en UTF-8"),
    "caracter-de-control": Case(3, "carácter"),
    "bom-con-error": Case(7, "municipio 'Texcoko' no existe"),  # the BOM itself is fine
    "crlf-con-error": Case(11, "clave desconocida 'subtitulo'"),  # Windows newlines are fine
    # other sections
    "conferencia-sin-evento": Case(6, "una conferencia de prensa necesita 'evento'", "conferencias"),
    "evento-fin-antes": Case(10, "'evento.fin' debe ser después de 'evento.inicio'", "conferencias"),
    "video-no-https": Case(10, "no es una dirección https de YouTube, Facebook o Vimeo", "capsulas"),
    "spot-audio-wav": Case(10, "'audio' debe ser un archivo mp3", "spots"),
    "galeria-vacia": Case(6, "una galería necesita 'galeria' con al menos una foto", "galerias"),
}

# too big to keep in git: written by the test
HUGE = "enorme-5mb"
HUGE_CASE = Case(1, "el archivo pesa 5.0 MB y el máximo es 2 MB")
ALL_CASES = {**CASES, HUGE: HUGE_CASE}


def fixture_bytes(name: str) -> bytes:
    if name == HUGE:
        body = ("Texto de relleno que alguien pegó por error. " * 20 + "\n") * 5700
        data = item(id="2026-11-20-enorm", slug=HUGE, body=body).encode("utf-8")
        assert 5 * 1024 * 1024 <= len(data) < int(5.05 * 1024 * 1024)
        return data
    return (FIXTURES / f"{name}.md").read_bytes()


def shown_path(name: str) -> str:
    return f"content/{ALL_CASES[name].section}/2026/{name}.md"


# --- the throwaway site ----------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    conf: Path
    output: Path
    fingerprint: dict[str, tuple[str, int, int]]


def fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and folder under `folder`: content hash, inode and mtime."""
    found: dict[str, tuple[str, int, int]] = {".": ("", folder.stat().st_ino, folder.stat().st_mtime_ns)}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "carpeta"
        found[str(path.relative_to(folder))] = (digest, stat.st_ino, stat.st_mtime_ns)
    return found


def leftovers(root: Path) -> list[str]:
    return sorted(
        p.name for p in root.iterdir() if p.name.startswith((".output.nuevo-", ".output.anterior-"))
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("sitio")
    conf = make_project(root, {"boletines/2026/buena.md": item()})
    for section in SECTIONS:
        (root / "content" / section / "2026").mkdir(parents=True, exist_ok=True)
    build_project(conf, NOW)
    output = root / "output"
    assert (output / "boletines/2026/11/alcaldesa-inaugura-clinica/index.html").is_file()
    return Site(root, conf, output, fingerprint(output))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_NOW", NOW.isoformat())


def run(site: Site, capsys: pytest.CaptureFixture[str], command: str = "build") -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(site.conf), command])
    out, err = capsys.readouterr()
    return code, out, err


def summary(err: str) -> tuple[int, int]:
    found = SUMMARY.findall(err)
    assert len(found) == 1, err
    return int(found[0][0]), int(found[0][1])


def assert_untouched(site: Site) -> None:
    assert fingerprint(site.output) == site.fingerprint
    assert leftovers(site.root) == []


# --- the fixtures themselves -----------------------------------------------------------------


def test_there_are_at_least_32_fixtures_and_each_one_is_in_the_table() -> None:
    on_disk = sorted(p.stem for p in FIXTURES.iterdir())
    assert on_disk == sorted(CASES)
    assert all(p.suffix == ".md" for p in FIXTURES.iterdir())
    assert len(ALL_CASES) >= 32


def test_byte_level_fixtures_still_hold_their_bytes() -> None:
    # an editor that "helpfully" re-saves a fixture would silently turn it into another test
    assert (FIXTURES / "vacio.md").read_bytes() == b""
    latin1 = (FIXTURES / "latin1.md").read_bytes()
    assert b"\xfa" in latin1
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    assert (FIXTURES / "utf16.md").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert (FIXTURES / "bom-con-error.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    crlf = (FIXTURES / "crlf-con-error.md").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 10
    assert b"\n\tarchivo:" in (FIXTURES / "tabuladores.md").read_bytes()
    assert b"\x00" in (FIXTURES / "caracter-de-control.md").read_bytes()


# --- one malformed file at a time ------------------------------------------------------------


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_malformed_file_stops_the_build_and_keeps_output(
    name: str, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    case = ALL_CASES[name]
    target = site.root / shown_path(name)
    target.write_bytes(fixture_bytes(name))
    try:
        code, out, err = run(site, capsys)
    finally:
        target.unlink()

    assert code == 1
    assert "Traceback" not in err
    assert out == ""  # nothing claims the site was built
    shown = shown_path(name)
    mine = [line for line in err.splitlines() if line.startswith(f"{shown}:")]
    assert len(mine) == case.count, err
    assert [line for line in mine if line.startswith(f"{shown}:{case.line}: ") and case.message in line], (
        f"expected {shown}:{case.line}: …{case.message}… in:\n{err}"
    )
    for line in mine:
        assert re.match(rf"^{re.escape(shown)}:[1-9]\d*: \S", line), line
    # only this file is wrong; the good one is not blamed
    assert all(line.startswith(f"{shown}:") for line in err.splitlines() if line.startswith("content/"))
    assert summary(err) == (case.count, 1)
    assert NOTHING_BUILT in err
    assert_untouched(site)


# --- many at once ----------------------------------------------------------------------------


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_folder_of_malformed_files_reports_all_of_them_in_one_run(
    command: str, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    written = []
    try:
        for name in ALL_CASES:
            target = site.root / shown_path(name)
            target.write_bytes(fixture_bytes(name))
            written.append(target)
        code, out, err = run(site, capsys, command)
    finally:
        for target in written:
            target.unlink()

    assert code == 1
    assert out == ""
    assert summary(err) == (sum(c.count for c in ALL_CASES.values()), len(ALL_CASES))
    wrong = []
    for name, case in ALL_CASES.items():
        shown = shown_path(name)
        mine = [line for line in err.splitlines() if line.startswith(f"{shown}:")]
        expected = [
            line for line in mine if line.startswith(f"{shown}:{case.line}: ") and case.message in line
        ]
        if len(mine) != case.count or not expected:
            wrong.append((f"{shown}:{case.line}: …{case.message}…", mine))
    assert wrong == []
    assert NOTHING_BUILT in err
    assert_untouched(site)


# --- controls: the site is good without the fixtures, and the real command exits non-zero ----


@pytest.mark.usefixtures("clock")
def test_control_without_malformed_files_the_same_command_succeeds(
    site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capsys.readouterr()
    code = main(["--config", str(site.conf), "build", "--output", str(tmp_path / "control")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.startswith("Sitio construido en ")
    assert (tmp_path / "control/boletines/2026/11/alcaldesa-inaugura-clinica/index.html").is_file()
    assert_untouched(site)


def test_the_real_command_exits_non_zero(site: Site) -> None:
    name = "municipio-desconocido"
    target = site.root / shown_path(name)
    shutil.copyfile(FIXTURES / f"{name}.md", target)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PRESSROOM_NOW": NOW.isoformat()}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pressroom", "--config", str(site.conf), "build"],
            cwd=site.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        target.unlink()
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines()[0] == (
        "content/boletines/2026/municipio-desconocido.md:7: municipio 'Texcoko' no existe; "
        "¿quisiste decir 'Texcoco'?"
    )
    assert summary(done.stderr) == (1, 1)
    assert NOTHING_BUILT in done.stderr
    assert "Traceback" not in done.stderr
    assert_untouched(site)
