"""Throwaway sites for tests: content written from a dict, built with the real theme and plugin."""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from pressroom.build import BuildResult, build
from pressroom.model.item import MEXICO_CITY

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 26, 8, 0, tzinfo=MEXICO_CITY)

PEOPLE = """\
- id: ana-perez
  nombre: Ana Pérez Ruiz
  cargo: presidenta municipal
  municipio: texcoco
- id: luis-mora
  nombre: Luis Mora Díaz
  cargo: regidor
  municipio: toluca
"""

DISTRICTS = """\
- id: distrito-01
  nombre: Distrito 1 (ejemplo)
  municipios: [texcoco, toluca]
"""


def item(
    id: str = "2026-11-25-abcde",
    titulo: str = "Alcaldesa de Texcoco inaugura clínica comunitaria",
    slug: str = "alcaldesa-inaugura-clinica",
    fecha: str = "2026-11-25 10:30",
    tipo: str = "boletin",
    estado: str = "publicado",
    body: str = "La clínica atenderá a tres mil familias.",
    **extra: str,
) -> str:
    """A valid item file; keyword arguments add or replace front-matter lines verbatim."""
    fields = {
        "id": id,
        "titulo": titulo,
        "slug": slug,
        "fecha": fecha,
        "tipo": tipo,
        "municipios": "[texcoco]",
        "personas": "[ana-perez]",
        "resumen": "La clínica atenderá a tres mil familias de la zona oriente.",
        "estado": estado,
    }
    if tipo in ("boletin", "reportaje") and "imagen" not in extra:
        fields["imagen"] = "{archivo: imagenes/2026/11/clinica.jpg, pie: La alcaldesa corta el listón}"
    fields.update(extra)
    header = "\n".join(f"{key}: {value}" for key, value in fields.items() if value is not None)
    return f"---\n{header}\n---\n{body}\n"


def conferencia(item_id: str, fecha: str, evento: str, municipio: str = "toluca", **fields: str) -> str:
    """A valid press-conference file; `evento` is the front-matter value, e.g.
    "{inicio: 2026-11-27 11:00, lugar: Sede estatal del PT, municipio: toluca}"."""
    return item(
        id=item_id,
        titulo=fields.pop("titulo", f"Conferencia de prensa {item_id}"),
        slug=fields.pop("slug", f"conferencia-{item_id}"),
        fecha=fecha,
        tipo="conferencia",
        municipios=f"[{municipio}]",
        personas="[luis-mora]",
        resumen=fields.pop("resumen", "La dirigencia presentará su postura sobre el paquete económico."),
        evento=evento,
        body="Se invita a los medios a cubrir la conferencia.",
        **fields,
    )


def write_jpeg(path: Path, size: tuple[int, int] = (640, 400), color: str = "#c8102e") -> None:
    """A plain photo, big enough for a social card without the 'too small' advisory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", size, color).save(path, "JPEG")


def make_project(root: Path, files: dict[str, str | bytes], *, images: tuple[str, ...] = ()) -> Path:
    """A project folder with conf, theme, plugins and the given content; returns the conf path."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    for shared in ("theme", "plugins"):
        target = root / shared
        if not target.exists():
            target.symlink_to(ROOT / shared)
    content = root / "content"
    (content / "datos").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content/datos/municipios_edomex.csv", content / "datos/municipios_edomex.csv")
    defaults: dict[str, str | bytes] = {"datos/personas.yml": PEOPLE, "datos/distritos.yml": DISTRICTS}
    for relative, data in {**defaults, **files}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    for relative in ("imagenes/2026/11/clinica.jpg", *images):
        write_jpeg(content / relative)
    return root / "pelican.conf.py"


def build_project(conf: Path, now: dt.datetime = NOW) -> BuildResult:
    return build(conf, now)


def git(root: Path, *args: str, when: str | None = None) -> None:
    """Run git in a throwaway project with a fixed identity (and commit date, with `when`)."""
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Prueba",
            "-c",
            "user.email=prueba@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


@dataclass(frozen=True)
class Measured:
    """A finished command: exit status, output, wall time and peak memory of its processes."""

    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float  # largest resident set of the command or of any worker it started and waited for


MEMORY_CEILING = 3 * 1024**3  # address space a measured command may take before it is stopped


def run_measured(conf: Path, *args: str, timeout: float = 120.0, now: dt.datetime = NOW) -> Measured:
    """`python -m pressroom --config CONF ARGS` in a child process, timed, with its peak memory.

    The child gets an address-space ceiling, so a regression fails the test instead of the machine.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PRESSROOM_NOW": now.isoformat()}
    command = [sys.executable, "-m", "pressroom", "--config", str(conf), *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(
            command, cwd=conf.parent, env=env, stdout=out, stderr=err, preexec_fn=_memory_ceiling
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
        out.seek(0)
        err.seek(0)
        return Measured(
            process.returncode,
            out.read().decode("utf-8"),
            err.read().decode("utf-8"),
            seconds,
            usage.ru_maxrss / 1024,
        )


def _memory_ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
