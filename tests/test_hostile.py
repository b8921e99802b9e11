"""Hostile and accidental input: every file ends in seconds with `path:line` in Spanish (issue 9).

Each case of the corpus (tests/fixtures/hostile/, or written by `make` when too big to keep in
git) is dropped into a throwaway site that builds. Then:

- `validate` (what `make validar` runs) must exit 1 with the expected line, no traceback, within
  generous regression bounds on time and memory (a guard, not a benchmark), measured in the test;
- `build` (what `make html`, `make publish` and `make serve` run) must report exactly the same
  problems, within the same bounds, and leave output/ untouched.

Then the whole corpus at once goes through the real command in a child process, whose peak memory
counts the workers that render the texts.
"""

from __future__ import annotations

import hashlib
import io
import re
import resource
import shutil
import signal
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageFile

from pressroom.__main__ import main
from pressroom.build import load_settings
from pressroom.content import load_site
from pressroom.exceptions import ContentError
from pressroom.media import options, prepare
from sitekit import NOW, ROOT, Measured, build_project, item, make_project, run_measured, write_jpeg

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
MAX_SECONDS = 20.0  # per command; each of these files takes well under a second
MAX_PEAK_MB = 1500.0


@dataclass(frozen=True)
class Case:
    line: int  # where the editor must look
    message: str  # part of the Spanish message on that line
    make: Callable[[], bytes] | None = None  # the file's bytes; None: tests/fixtures/hostile/<name>
    where: str = "boletines/2026/{name}.md"  # under content/
    alone: bool = True  # the only file blamed (a broken people file also unsettles the notes citing it)
    count: int = 1  # problems in the file: one each, no echo such as "falta 'titulo'" as well
    files: tuple[tuple[str, Callable[[], bytes]], ...] = ()  # more files it needs, under content/

    def path(self, name: str) -> str:
        return self.where.format(name=name)

    def data(self, name: str) -> bytes:
        return self.make() if self.make else (FIXTURES / Path(self.where.format(name=name)).name).read_bytes()


BODY = 13  # first line of the text in sitekit.item()'s file
TIME_LIMIT = 1  # MARKDOWN_TIME_LIMIT of the throwaway site: the timed-out case costs 1 s of CPU per run


def note(body: str, id: str = "2026-11-20-hosti", **extra: str) -> Callable[[], bytes]:
    """An otherwise valid bulletin with this text (written when the test runs)."""
    return lambda: item(id=id, slug=f"nota-{id[-5:]}", body=body, **extra).encode()


def _gallery(photos: int) -> str:
    entry = (
        "\n  - {archivo: imagenes/2026/11/clinica.jpg, pie: Vecinas y vecinos esperan su turno en la clínica}"
    )
    return "".join(entry for _ in range(photos))


def anterior(address: str, slug: str = "") -> Callable[[], bytes]:
    """A note whose slug changed, with this earlier address."""
    suffix = hashlib.sha256(address.encode()).hexdigest()[:5]
    fields = {"direcciones_anteriores": f'["{address}"]'}
    return lambda: item(
        id=f"2026-11-20-{suffix}", slug=slug or f"nota-{suffix}", body="Texto.", **fields
    ).encode()


def _png_header(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header says width × height (its pixels never decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _jpeg(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#c8102e").save(buffer, "JPEG")
    return buffer.getvalue()


def _with_photo(archivo: str) -> Callable[[], bytes]:
    ident = "2026-11-20-" + archivo.rsplit("/", 1)[1][:5]
    return note("Texto.", id=ident, imagen=f"{{archivo: {archivo}, pie: Foto enorme}}")


def _people_with_broken_lines() -> bytes:
    return (
        '- id: ana-perez\n  nombre: "Ana Pérez\\nBcc: todos@example.com"\n  cargo: presidenta municipal\n'
        '- id: luis-mora\n  nombre: Luis Mora Díaz\n  cargo: "regidor\\e[2J"\n'
    ).encode()


def _people_with_aliases() -> bytes:
    return (
        "- id: ana-perez\n  nombre: &n Ana Pérez Ruiz\n  cargo: presidenta municipal\n"
        "- id: luis-mora\n  nombre: *n\n  cargo: regidor\n"
    ).encode()


CASES: dict[str, Case] = {
    # 1. YAML anchors and aliases, depth
    "alias-mil-millones": Case(10, "un valor empieza con '&'; escríbelo entre comillas"),
    "alias-a-si-mismo": Case(11, "las anclas '&' y los alias '*' no se admiten"),
    "alias-de-otra-clave": Case(11, "un valor empieza con '&'"),
    "corchetes-anidados": Case(11, "hay más de 10 listas o grupos de claves uno dentro de otro"),
    "personas": Case(2, "un valor empieza con '&'", _people_with_aliases, "datos/personas.yml", alone=False),
    # 3. one-line fields with a line break or a control character
    "titulo-con-salto": Case(3, "'titulo' tiene un salto de línea, y este dato va en una sola línea"),
    "titulo-en-bloque": Case(3, "'titulo' tiene un salto de línea"),
    "resumen-con-retorno": Case(8, "'resumen' tiene un salto de línea"),
    "pie-con-nul": Case(10, "'imagen.pie' tiene un carácter de control invisible (U+0000)"),
    "credito-con-separador": Case(10, "'imagen.credito' tiene un salto de línea"),
    "etiqueta-con-escape": Case(11, "'etiquetas' tiene un carácter de control invisible (U+001B)"),
    "motivo-en-dos-lineas": Case(11, "'motivo_retiro' tiene un salto de línea"),
    "lugar-con-salto": Case(
        10, "'evento.lugar' tiene un salto de línea", where="conferencias/2026/{name}.md"
    ),
    "personas-con-saltos": Case(
        2, "'nombre' tiene un salto de línea", _people_with_broken_lines, "datos/personas.yml", count=2
    ),
    # 5. photos past the stated 8000 px per side (refused from their header, never decoded)
    "foto-9400-px": Case(
        11,
        "la foto 'imagenes/2026/11/enorme.png' mide 9400 × 9400 px y el máximo es 8000 px por lado",
        _with_photo("imagenes/2026/11/enorme.png"),
        files=(("imagenes/2026/11/enorme.png", lambda: _png_header(9400, 9400)),),
    ),
    "foto-angosta": Case(
        11,
        "mide 8001 × 16 px y el máximo es 8000 px por lado",
        _with_photo("imagenes/2026/11/angosta.jpg"),
        files=(("imagenes/2026/11/angosta.jpg", lambda: _jpeg((8001, 16))),),
    ),
    # 6. earlier addresses (after a slug changed) that would not work or would take another's place
    "anterior-sin-barra": Case(
        12,
        "la dirección anterior 'boletines/2026/11/viejo' debe empezar con '/'",
        anterior("boletines/2026/11/viejo"),
    ),
    "anterior-con-dominio": Case(
        12,
        "sin 'https://' ni el dominio: escribe '/boletines/2026/11/viejo/'",
        anterior("https://ptedomex.example.org/boletines/2026/11/viejo/"),
    ),
    "anterior-que-sale": Case(12, "no es una ruta válida", anterior("/boletines/../../../etc/")),
    "anterior-de-otra-nota": Case(
        12,
        "la dirección anterior /boletines/2026/11/alcaldesa-inaugura-clinica/ es la dirección de "
        "content/boletines/2026/buena.md",
        anterior("/boletines/2026/11/alcaldesa-inaugura-clinica"),
    ),
    "anterior-propia": Case(
        12, "es la dirección actual de esta nota", anterior("/boletines/2026/11/nota-propia/", "nota-propia")
    ),
    "anterior-del-sitio": Case(
        12, "es parte del sitio (/municipios/…), no de una nota", anterior("/municipios/texcoco/")
    ),
    "anterior-de-seccion": Case(
        12,
        "queda dentro de la sección /boletines/ pero no es la dirección de una nota",
        anterior("/boletines/pagina/2/"),
    ),
    # 8. tags Pelican cannot name a page after ("Unable to generate valid slug")
    "etiqueta-sin-letras": Case(
        12,
        "la etiqueta '🎉' no tiene letras ni números, y su página (/etiquetas/…/) se nombra con ellos",
        note("Texto.", id="2026-11-20-emoji", etiquetas='[salud, "🎉"]'),
    ),
    "etiqueta-de-signos": Case(
        12,
        "la etiqueta '¡¿!?' no tiene letras ni números",
        note("Texto.", id="2026-11-20-signo", etiquetas='["¡¿!?"]'),
    ),
    "etiqueta-larga": Case(
        12,
        "tiene 300 caracteres y el máximo es 60",
        note("Texto.", id="2026-11-20-large", etiquetas="[" + "a" * 300 + "]"),
    ),
    # 2. sizes, and Markdown or HTML that would take minutes
    "encabezado-enorme": Case(
        1, "el encabezado pesa 68 KB y el máximo es 64 KB", note("Texto.", galeria=_gallery(700))
    ),
    "texto-enorme": Case(
        BODY, "el texto de la nota pesa 600 KB y el máximo es 512 KB", note("Texto normal. " * 43_900)
    ),
    "corchetes-20kb": Case(BODY, "demasiados corchetes '[' sin su ']'", note("[" * 20_000)),
    "div-anidados-1-6mb": Case(BODY, "y el máximo es 512 KB", note("<div>" * 330_000)),
    "div-anidados-400kb": Case(
        BODY, "hay más de 50 etiquetas HTML una dentro de otra", note("<div>" * 80_000)
    ),
    "listas-anidadas": Case(
        BODY + 20,
        "abre 21 listas o citas una dentro de otra",
        note("".join("    " * i + "- x\n" for i in range(300))),
    ),
    "citas-anidadas": Case(BODY, "abre 2000 listas o citas", note("> " * 2000 + "x")),
    "vinetas-en-una-linea": Case(BODY, "abre 5000 listas o citas", note("* " * 5000 + "x")),
    "enfasis-sin-fin": Case(
        BODY, f"no se pudo convertir a HTML en {TIME_LIMIT} segundos", note("*a* " * 60_000)
    ),
    "definiciones-encadenadas": Case(
        BODY, "definiciones encadenadas a demasiada profundidad", note("t\n: d\n" * 600)
    ),
}


# --- the throwaway site ----------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    conf: Path
    output: Path
    fingerprint: dict[str, str]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "carpeta"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("sitio")
    conf = make_project(root, {"boletines/2026/buena.md": item()})
    with conf.open("a", encoding="utf-8") as settings:
        settings.write(f"MARKDOWN_TIME_LIMIT = {TIME_LIMIT}\n")
    build_project(conf, NOW)
    output = root / "output"
    assert (output / "boletines/2026/11/alcaldesa-inaugura-clinica/index.html").is_file()
    return Site(root, conf, output, fingerprint(output))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_NOW", NOW.isoformat())


def drop(site: Site, relative: str, data: bytes) -> Callable[[], None]:
    """Write `data` at content/`relative`; returns what puts the site back as it was."""
    target = site.root / "content" / relative
    before = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)

    def restore() -> None:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)

    return restore


def problems_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("content/")]


def assert_bounded(run: Measured, seconds: float = MAX_SECONDS) -> None:
    assert run.seconds < seconds, f"{run.seconds:.1f} s"
    assert run.peak_mb < MAX_PEAK_MB, f"{run.peak_mb:.0f} MB"


def run_in_process(site: Site, command: str, capsys: pytest.CaptureFixture[str]) -> Measured:
    """The command as `make` runs it, in this process: timed, its memory capped and measured.

    The peak is this process's resident set during the command (VmHWM, reset first); the
    workers that render the texts bound themselves and are measured by the corpus-wide test.
    """
    capsys.readouterr()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = _vm_size() + int(MAX_PEAK_MB * 1024 * 1024)
    resource.setrlimit(
        resource.RLIMIT_AS, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard)
    )
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(int(MAX_SECONDS * 3))  # a hang in Python code fails the test instead of the suite
    Path("/proc/self/clear_refs").write_text("5")  # restart the peak resident set (VmHWM)
    start = time.monotonic()
    try:
        code = main(["--config", str(site.conf), command])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    seconds = time.monotonic() - start
    out, err = capsys.readouterr()
    return Measured(code, out, err, seconds, _status("VmHWM") / 1024)


def _status(field: str) -> int:
    """A kB figure from /proc/self/status."""
    found = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    assert found, field
    return int(found.group(1))


def _vm_size() -> int:
    return _status("VmSize") * 1024


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError("the command did not finish")


def expected_problem(name: str, case: Case, found: list[str]) -> None:
    shown = f"content/{case.path(name)}"
    assert [p for p in found if p.startswith(f"{shown}:{case.line}: ") and case.message in p], (
        f"expected {shown}:{case.line}: …{case.message}… in:\n" + "\n".join(found)
    )


# --- one hostile file at a time --------------------------------------------------------------


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_in_seconds_with_file_and_line(
    name: str, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    shown = f"content/{case.path(name)}"
    restores = [drop(site, case.path(name), case.data(name))]
    restores += [drop(site, relative, make()) for relative, make in case.files]
    try:
        checked = run_in_process(site, "validate", capsys)
        built = run_in_process(site, "build", capsys)
    finally:
        for restore in restores:
            restore()

    assert (checked.code, checked.out) == (1, ""), checked.err
    assert "Traceback" not in checked.err
    found = problems_of(checked.err)
    expected_problem(name, case, found)
    assert len([p for p in found if p.startswith(f"{shown}:")]) == case.count, checked.err
    if case.alone:
        assert all(p.startswith(f"{shown}:") for p in found), checked.err  # the good note is not blamed
    assert_bounded(checked)
    # `make html` (and so `make publish` and `make serve`) gives the same answer, output/ untouched
    assert (built.code, built.out) == (1, "")
    assert problems_of(built.err) == found
    assert "No se construyó nada" in built.err
    assert_bounded(built)
    assert fingerprint(site.output) == site.fingerprint


# --- the whole corpus at once, through the real command ----------------------------------------


@pytest.mark.usefixtures("clock")
def test_the_whole_corpus_at_once_through_the_real_command(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m pressroom validate` in a child process: the peak counts the render workers too."""
    restores = []
    data_cases = {n: c for n, c in CASES.items() if not c.where.startswith("datos/")}
    try:
        for name, case in data_cases.items():
            restores.append(drop(site, case.path(name), case.data(name)))
            restores += [drop(site, relative, make()) for relative, make in case.files]
        checked = run_measured(site.conf, "validate")
        built = run_in_process(site, "build", capsys)
    finally:
        for restore in restores:
            restore()

    assert (checked.code, checked.out) == (1, ""), checked.err
    assert "Traceback" not in checked.err
    found = problems_of(checked.err)
    for name, case in data_cases.items():
        expected_problem(name, case, found)
    assert {p.split(":", 1)[0] for p in found} == {f"content/{c.path(n)}" for n, c in data_cases.items()}
    assert f"{len(found)} error(es) en {len(data_cases)} archivo(s)." in checked.err
    assert_bounded(checked, seconds=MAX_SECONDS * 2)
    assert (built.code, built.out) == (1, "")
    assert problems_of(built.err) == found
    assert fingerprint(site.output) == site.fingerprint


def test_the_corpus_on_disk_is_the_table() -> None:
    on_disk = sorted(p.name for p in FIXTURES.iterdir())
    assert on_disk == sorted(Path(c.path(n)).name for n, c in CASES.items() if c.make is None)


# --- strange but harmless texts are published, in seconds ----------------------------------------

HARMLESS = {
    "asteriscos": "*" * 100_000,
    "guiones-bajos": "_" * 100_000,
    "acentos-graves": "`" * 100_000,
    "corchetes-de-cierre": "]" * 100_000,
    "tabla-grande": "| Municipio | Familias |\n|---|---|\n" + "| Texcoco | 3000 |\n" * 2_000,
    "enlaces": "Ver [la nota](https://example.org/) y [la foto](https://example.org/f). " * 2_000,
    "listas-de-tres-niveles": "- uno\n    - dos\n        - tres\n" * 200,
    "html-anidado": "<div>" * 40 + "Texto" + "</div>" * 40,
}


def test_strange_but_harmless_texts_are_published_in_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESSROOM_NOW", NOW.isoformat())
    files: dict[str, str | bytes] = {
        f"boletines/2026/{name}.md": item(id=f"2026-11-2{n % 5}-rar{n:02d}", slug=name, body=body)
        for n, (name, body) in enumerate(HARMLESS.items())
    }
    files["boletines/2026/foto-enlazada.md"] = item(
        id="2026-11-20-enlac",
        slug="foto-enlazada",
        imagen="{archivo: imagenes/2026/11/enlace.jpg, pie: Foto}",
    )
    conf = make_project(tmp_path, files)
    # a link to a photo inside content/ is as good as a copy of it
    (tmp_path / "content/imagenes/2026/11/enlace.jpg").symlink_to("clinica.jpg")
    site = Site(tmp_path, conf, tmp_path / "output", {})
    checked = run_in_process(site, "validate", capsys)
    built = run_in_process(site, "build", capsys)

    assert (checked.code, checked.err) == (0, "")
    assert f"{len(HARMLESS) + 1} notas" in checked.out
    assert_bounded(checked)
    assert (built.code, built.err) == (0, ""), built.err
    assert_bounded(built, seconds=MAX_SECONDS * 3)  # a whole site, photos and search index included
    for name in HARMLESS:
        page = tmp_path / f"output/boletines/2026/11/{name}/index.html"
        assert page.is_file(), name
    assert (tmp_path / "output/imagenes/2026/11/enlace-original.jpg").is_file()
    tabla = (tmp_path / "output/boletines/2026/11/tabla-grande/index.html").read_text(encoding="utf-8")
    assert tabla.count("<td>Texcoco</td>") == 2_000


# --- 4. symbolic links: nothing outside content/ is read or published ----------------------------

SPOT = ROOT / "content/audio/2025/09/spot-simulacro.mp3"


@dataclass(frozen=True)
class Link:
    at: str  # the link, under content/
    to: str  # its target: under the throwaway site's folder (outside content/) or under content/
    message: str
    note: str = ""  # a note that cites the link, when it is a photo or an audio


def _spot(audio: str) -> str:
    return item(id="2026-11-20-spotf", slug="spot-enlazado", tipo="spot", audio=audio, imagen=None, body="")


LINKS = {
    "foto-fuera": Link(
        "imagenes/2026/11/fuera.jpg",
        "fuera/secreto.jpg",
        "es un enlace simbólico que apunta fuera de content/",
        item(
            id="2026-11-20-fotof",
            slug="foto-enlazada",
            imagen="{archivo: imagenes/2026/11/fuera.jpg, pie: Foto}",
        ),
    ),
    "audio-fuera": Link(
        "audio/2026/11/fuera.mp3",
        "fuera/secreto.mp3",
        "apunta fuera de content/",
        _spot("audio/2026/11/fuera.mp3"),
    ),
    "nota-fuera": Link("boletines/2026/fuera.md", "fuera/nota.md", "apunta fuera de content/"),
    "carpeta-fuera": Link("boletines/2027", "fuera", "es un enlace simbólico a una carpeta"),
    "enlace-roto": Link(
        "imagenes/2026/11/roto.jpg",
        "content/imagenes/2026/11/no-existe.jpg",
        "es un enlace simbólico roto",
        item(
            id="2026-11-20-rotoo", slug="foto-rota", imagen="{archivo: imagenes/2026/11/roto.jpg, pie: Foto}"
        ),
    ),
}


@pytest.fixture(scope="module")
def outside(site: Site) -> Path:
    """Files of the build machine outside content/: a photo, an audio and a valid note."""
    folder = site.root / "fuera"
    write_jpeg(folder / "secreto.jpg", color="#00ff00")
    shutil.copyfile(SPOT, folder / "secreto.mp3")
    (folder / "nota.md").write_text(item(id="2026-11-20-fuera", slug="nota-de-fuera"), encoding="utf-8")
    return folder


@pytest.mark.usefixtures("clock", "outside")
@pytest.mark.parametrize("name", sorted(LINKS))
def test_a_link_out_of_content_is_refused_by_validar_and_html_alike(
    name: str, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    link = LINKS[name]
    content = site.root / "content"
    (content / link.at).parent.mkdir(parents=True, exist_ok=True)
    (content / link.at).symlink_to(site.root / link.to)
    section = "spots" if "tipo: spot" in link.note else "boletines"
    restore = drop(site, f"{section}/2026/cita-{name}.md", link.note.encode()) if link.note else None
    try:
        checked = run_in_process(site, "validate", capsys)
        built = run_in_process(site, "build", capsys)
    finally:
        (content / link.at).unlink()
        if restore:
            restore()

    assert (checked.code, checked.out) == (1, ""), checked.err
    found = problems_of(checked.err)
    assert len(found) == 1, checked.err  # the link alone: a note citing it is not also "missing"
    assert found[0].startswith(f"content/{link.at}:1: ") and link.message in found[0]
    assert_bounded(checked)
    assert (built.code, built.out) == (1, "")
    assert problems_of(built.err) == found
    assert fingerprint(site.output) == site.fingerprint  # nothing of the outside file was published


def test_media_refuse_a_link_made_after_validation(tmp_path: Path) -> None:
    """The last line of defence: a photo or audio swapped for a link between validation and writing."""
    conf = make_project(tmp_path, {"spots/2026/spot.md": _spot("audio/2026/11/spot.mp3")})
    content = conf.parent / "content"
    (content / "audio/2026/11").mkdir(parents=True)
    shutil.copyfile(SPOT, content / "audio/2026/11/spot.mp3")
    site = load_site(content)
    assert site.problems == []
    secret = tmp_path / "secreto.mp3"
    shutil.copyfile(SPOT, secret)
    (content / "audio/2026/11/spot.mp3").unlink()
    (content / "audio/2026/11/spot.mp3").symlink_to(secret)
    with pytest.raises(ContentError) as error:
        prepare(site.items, content, options(load_settings(conf)))
    assert [str(p) for p in error.value.problems] == [
        "content/spots/2026/spot.md:11: el archivo 'audio/2026/11/spot.mp3' no está dentro de content/ "
        "(es un enlace que sale de la carpeta); copia aquí el archivo real en lugar del enlace"
    ]


# --- 5. the largest photo accepted is decoded reduced -------------------------------------------


def test_the_largest_photo_is_decoded_reduced_and_published_within_4000_px(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESSROOM_NOW", NOW.isoformat())
    imagen = "{archivo: imagenes/2026/11/grande.jpg, pie: Foto de 48 megapíxeles}"
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(imagen=imagen)})
    (tmp_path / "content/imagenes/2026/11/grande.jpg").write_bytes(_jpeg((8000, 6000)))
    decoded: list[tuple[int, int]] = []
    real_load = ImageFile.ImageFile.load

    def spy(self: ImageFile.ImageFile) -> object:
        decoded.append(self.size)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    built = run_in_process(Site(tmp_path, conf, tmp_path / "output", {}), "build", capsys)

    assert (built.code, built.err) == (0, ""), built.err
    assert (4000, 3000) in decoded and (8000, 6000) not in decoded  # libjpeg read it at half size
    with PILImage.open(tmp_path / "output/imagenes/2026/11/grande-original.jpg") as original:
        assert original.size == (4000, 3000)
    page = (tmp_path / "output/boletines/2026/11/alcaldesa-inaugura-clinica/index.html").read_text("utf-8")
    assert "JPEG, 4000 × 3000 px" in page
    assert_bounded(built, seconds=MAX_SECONDS * 3)
