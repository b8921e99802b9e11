"""A throwaway copy of this project holding a synthetic archive, laid out as an office would have it.

    <folder>/Makefile, pelican.conf.py        copies (the Makefile runs as `make html|publish`)
    <folder>/plugins, theme, publish, .venv   links to this checkout (the code being measured)
    <folder>/content/                          the corpus in the project's format, in git
    <folder>/bench/publicacion.toml            local deploy, outbox social channels, email
    <folder>/bench/contactos.yml               200 fictitious contacts in 10 districts

Email goes through a loopback SMTP server when the project has an SMTP channel (`tipo = "smtp"`),
else into the outbox like the rest.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from benchmarks.corpus import ROOT, Corpus, Record

LINKED = ("plugins", "theme", "publish", ".venv", "requirements.txt", "requirements-dev.txt")
CONTACTS = 200
DISTRICTS = 10
PHOTO_SIZE = (1600, 1067)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def item_file(record: Record) -> str:
    """The record as an editor's file (what `make nuevo` starts and an editor completes)."""
    places = ", ".join(m.slug for m in record.municipios) or "estatal"
    lines = [
        "---",
        f"id: {record.id}",
        f"titulo: {_quote(record.titulo)}",
        f"slug: {record.slug}",
        f"fecha: {record.fecha:%Y-%m-%d %H:%M}",
        f"tipo: {record.tipo}",
        f"municipios: [{places}]",
        f"personas: [{', '.join(p.id for p in record.personas)}]",
        f"resumen: {_quote(record.resumen)}",
    ]
    if record.foto:
        lines.append(
            f"imagen: {{archivo: {record.foto}, pie: {_quote(record.pie)}, credito: Comunicación PT Edomex}}"
        )
    if record.tipo == "conferencia":
        start = record.fecha + dt.timedelta(days=1)
        place = record.municipios[0].slug if record.municipios else "toluca"
        lines.append(
            f"evento: {{inicio: {start:%Y-%m-%d} 11:00, fin: {start:%Y-%m-%d} 12:00, "
            f"lugar: {_quote(record.lugar)}, municipio: {place}}}"
        )
    lines += ["estado: publicado", f"etiquetas: [{', '.join(record.etiquetas)}]", "---", record.cuerpo, ""]
    return "\n".join(lines)


def item_path(record: Record) -> str:
    return f"{record.folder}/{record.fecha:%Y-%m-%d}-{record.slug}.md"


def write_photos(corpus: Corpus, content: Path) -> None:
    """The pool of photos: 1600 px JPEGs with shapes and grain, ~250 KB like a resized phone photo."""
    rng = random.Random(corpus.seed)
    for relative in corpus.photos:
        target = content / relative
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        top = tuple(rng.randint(40, 220) for _ in range(3))
        image = Image.linear_gradient("L").resize(PHOTO_SIZE).convert("RGB")
        image = Image.blend(image, Image.new("RGB", PHOTO_SIZE, top), 0.6)
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
            r = rng.randint(20, 260)
            color = tuple(rng.randint(0, 255) for _ in range(3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
        image = image.filter(ImageFilter.GaussianBlur(3))
        grain = Image.effect_noise(PHOTO_SIZE, 40).convert("RGB")
        Image.blend(image, grain, 0.12).save(target, "JPEG", quality=85)


def write_reference(corpus: Corpus, content: Path) -> None:
    data = content / "datos"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content/datos/municipios_edomex.csv", data / "municipios_edomex.csv")
    people = [
        f"- id: {p.id}\n  nombre: {p.nombre}\n  cargo: {p.cargo}\n  municipio: {p.municipio}\n"
        for p in corpus.people
    ]
    (data / "personas.yml").write_text("# Personas ficticias (banco de pruebas)\n" + "".join(people), "utf-8")
    (data / "distritos.yml").write_text(_districts(corpus), encoding="utf-8")


def _districts(corpus: Corpus) -> str:
    slugs = [m.slug for m in corpus.municipalities]
    size = -(-len(slugs) // DISTRICTS)
    return "".join(
        f"- id: distrito-{n + 1:02d}\n  nombre: Distrito {n + 1} (ficticio)\n"
        f"  municipios: [{', '.join(slugs[n * size : (n + 1) * size])}]\n"
        for n in range(DISTRICTS)
    )


def contacts() -> str:
    return "".join(
        f"- nombre: Enlace {n} (ficticio)\n  correo: enlace{n:03d}@example.org\n"
        f"  distritos: [distrito-{n % DISTRICTS + 1:02d}]\n"
        for n in range(CONTACTS)
    )


def smtp_available() -> bool:
    return importlib.util.find_spec("publish.channels.smtp") is not None


def publish_config(smtp_port: int | None) -> str:
    """Local deploy, every social channel to the outbox, email by SMTP when the channel exists."""
    social = "".join(
        f'[canales.{name}]\ntipo = "bandeja"\ncuenta = "@ptedomex"\n\n' for name in ("x", "facebook")
    )
    social += "".join(
        f'[canales.{name}]\ntipo = "bandeja"\ncuenta = "ptedomex"\n\n'
        for name in ("telegram", "mastodon", "bluesky")
    )
    sender = 'remitente = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"'
    if smtp_port is not None:
        email = f'[canales.correo]\ntipo = "smtp"\n{sender}\nservidor = "127.0.0.1"\npuerto = {smtp_port}\nseguridad = "ninguna"\npor_minuto = 0\n'
    else:
        email = f'[canales.correo]\ntipo = "bandeja"\n{sender}\n'
    return f"""[sitio]
salida = "output"
estado = "estado"
contactos = "bench/contactos.yml"

[despliegue]
destino = "local"
carpeta = "publicado"
conservar = 2
remoto = ""
ssh = "ssh"
verificar_en = ""

[verificacion]
intentos = 5
espera_segundos = 0.5

[envio]
maximo_por_corrida = 50
intentos_maximos = 5

[bandeja]
carpeta = "bandeja"

{social}{email}
[por_tipo]
boletin = ["x", "facebook", "telegram", "correo"]
actividad = ["facebook", "correo"]
conferencia = ["x", "facebook", "telegram", "mastodon", "bluesky", "correo"]
reportaje = ["x", "facebook", "correo"]
capsula = ["x", "facebook", "telegram"]
spot = ["telegram", "correo"]
galeria = ["facebook"]

[correo]
a_todos = ["conferencia"]
"""


def create(corpus: Corpus, folder: Path) -> Path:
    """Write the project folder (content committed to git); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = folder / name
        if not link.exists() and not link.is_symlink():
            link.symlink_to(ROOT / name)
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    shutil.copy(ROOT / "pelican.conf.py", folder / "pelican.conf.py")
    content = folder / "content"
    write_reference(corpus, content)
    write_photos(corpus, content)
    for record in corpus.records:
        write_item(content, record)
    bench = folder / "bench"
    bench.mkdir(exist_ok=True)
    (bench / "contactos.yml").write_text(contacts(), encoding="utf-8")
    (folder / ".gitignore").write_text(
        "output/\noutput.*/\n.cache/\nestado/\npublicado/\nbandeja/\n.output*\n", encoding="utf-8"
    )
    git(folder, "init", "-q")
    commit(folder, "Archivo sintético")
    return folder


def write_item(content: Path, record: Record) -> Path:
    path = content / item_path(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(item_file(record), encoding="utf-8")
    return path


def commit(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)


def git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    identity = ["-c", "user.name=Banco", "-c", "user.email=banco@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=folder, env=env, check=True, capture_output=True)
