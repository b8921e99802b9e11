"""A seeded synthetic archive: N items as the office writes them, for measuring builds.

Each item is a `Record` (pure data); `write_project` writes them in the project's own format
(Markdown with Spanish YAML front matter), and peers.py writes the same records for plain Pelican
and for Hugo. Everything comes from one `random.Random(seed)`: the same N and seed give the same
bytes on every machine.

The shape follows the office's real output: boletín 50 %, actividad 25 %, conferencia 15 %,
reportaje 10 %; ~400 Spanish words each; one or two of the 125 municipios (a few statewide);
zero to two people; one to three tags; photos from a pool of ~20 generated 1600 px JPEGs.
Items are ~15 a day going back from the newest, so 20,000 items span three and a half years.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks import vocabulary as words

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES_CSV = ROOT / "content/datos/municipios_edomex.csv"
NEWEST = dt.datetime(2026, 11, 25, 18, 0)  # America/Mexico_City; the benches pin the build clock after it
PER_DAY = 15
PEOPLE = 60
PHOTOS = 20
TYPE_WEIGHTS = (("boletin", 50), ("actividad", 25), ("conferencia", 15), ("reportaje", 10))
SECTIONS = {"boletin": "boletines", "actividad": "actividades", "conferencia": "conferencias"}
SECTIONS["reportaje"] = "reportajes"
LABELS = {
    "boletin": "Boletín",
    "actividad": "Actividad",
    "conferencia": "Conferencia",
    "reportaje": "Reportaje",
}
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True)
class Municipality:
    nombre: str
    slug: str


@dataclass(frozen=True)
class Person:
    id: str
    nombre: str
    cargo: str
    municipio: str  # slug


@dataclass(frozen=True)
class Record:
    """One item, independent of any site generator's format."""

    id: str
    titulo: str
    slug: str
    fecha: dt.datetime
    tipo: str
    municipios: tuple[Municipality, ...]  # empty: statewide
    personas: tuple[Person, ...]
    resumen: str
    etiquetas: tuple[str, ...]
    foto: str | None  # 'imagenes/banco/foto-07.jpg'
    pie: str
    cuerpo: str  # Markdown paragraphs
    lugar: str = ""  # conferences: where

    @property
    def section(self) -> str:
        return SECTIONS[self.tipo]

    @property
    def folder(self) -> str:
        """Where the file lives under content/, e.g. 'boletines/2026/11'."""
        return f"{self.section}/{self.fecha:%Y/%m}"


@dataclass(frozen=True)
class Corpus:
    seed: int
    municipalities: tuple[Municipality, ...]
    people: tuple[Person, ...]
    records: tuple[Record, ...]
    photos: tuple[str, ...]  # paths relative to content/


def municipalities() -> tuple[Municipality, ...]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as stream:
        return tuple(Municipality(row["nombre"], row["slug"]) for row in csv.DictReader(stream))


def _people(rng: random.Random, places: tuple[Municipality, ...]) -> tuple[Person, ...]:
    found: dict[str, Person] = {}
    while len(found) < PEOPLE:
        first, last, second = rng.choice(words.NAMES), rng.choice(words.SURNAMES), rng.choice(words.SURNAMES)
        ident = words.slug(f"{first} {last} {second}")
        if ident not in found:
            cargo = rng.choice(words.OFFICES)
            found[ident] = Person(ident, f"{first} {last} {second}", cargo, rng.choice(places).slug)
    return tuple(found.values())


def _title(rng: random.Random, tipo: str, place: Municipality | None) -> str:
    if tipo == "conferencia":
        where = place.nombre if place else "el Estado de México"
        return f"Conferencia de prensa: {rng.choice(words.TOPICS)} en {where}"
    of = f"de {place.nombre}" if place else "del Estado de México"
    return f"{rng.choice(words.SUBJECTS)} {of} {rng.choice(words.ACTIONS)} {rng.choice(words.TOPICS)}"


def _body(rng: random.Random, target: int = 400) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < target:
        sentences = [words.sentence(rng) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.15:
            sentences[0] = f"**{sentences[0]}**"
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    if rng.random() < 0.3:
        paragraphs.insert(2, "## " + rng.choice(words.TOPICS).capitalize())
    if rng.random() < 0.2:
        paragraphs.append("\n".join(f"- {rng.choice(words.TOPICS)}" for _ in range(3)))
    return "\n\n".join(paragraphs)


def _record(rng: random.Random, number: int, when: dt.datetime, ctx: Corpus, taken: set[str]) -> Record:
    tipo = rng.choices([t for t, _ in TYPE_WEIGHTS], [w for _, w in TYPE_WEIGHTS])[0]
    statewide = rng.random() < 0.05
    places = () if statewide else tuple(rng.sample(ctx.municipalities, rng.choice((1, 1, 1, 2))))
    titulo = _title(rng, tipo, places[0] if places else None)
    base = words.slug(titulo)[:70].rstrip("-")
    slug = base  # unique across the archive: Pelican warns (fatal here) about a slug used twice
    while f"slug:{slug}" in taken:
        slug = f"{base}-{rng.randint(2, 9999)}"
    taken.add(f"slug:{slug}")
    ident = f"{when:%Y-%m-%d}-" + "".join(rng.choice(ID_ALPHABET) for _ in range(5))
    while ident in taken:
        ident = f"{when:%Y-%m-%d}-" + "".join(rng.choice(ID_ALPHABET) for _ in range(5))
    taken.add(ident)
    needs_photo = tipo in ("boletin", "reportaje") or rng.random() < 0.5
    foto = rng.choice(ctx.photos) if needs_photo else None
    where = places[0].nombre if places else "Toluca"
    return Record(
        id=ident,
        titulo=titulo,
        slug=slug,
        fecha=when,
        tipo=tipo,
        municipios=places,
        personas=tuple(rng.sample(ctx.people, rng.choice((0, 1, 1, 2)))),
        resumen=words.sentence(rng),
        etiquetas=tuple(rng.sample(words.TAGS, rng.randint(1, 3))),
        foto=foto,
        pie=f"Imagen de archivo de {where} número {number}" if foto else "",
        cuerpo=_body(rng),
        lugar=f"{rng.choice(words.VENUES)} de {where}",
    )


def generate(count: int, seed: int = 13) -> Corpus:
    """`count` items, newest at NEWEST, ~PER_DAY a day going back."""
    rng = random.Random(seed)
    places = municipalities()
    photos = tuple(f"imagenes/banco/foto-{n:02d}.jpg" for n in range(1, PHOTOS + 1))
    ctx = Corpus(seed, places, _people(rng, places), (), photos)
    taken: set[str] = set()
    records = []
    step = dt.timedelta(minutes=round(24 * 60 / PER_DAY))
    for number in range(count):
        when = NEWEST - step * (count - 1 - number)
        records.append(_record(rng, number, when.replace(second=0, microsecond=0), ctx, taken))
    return Corpus(seed, places, ctx.people, tuple(records), photos)


def extra(corpus: Corpus, number: int) -> Record:
    """The `number`-th item added on top of the archive: a press conference (emailed to everyone),
    dated after every other item and before the pinned build clock."""
    rng = random.Random(f"{corpus.seed}-extra-{number}")
    when = NEWEST + dt.timedelta(hours=12, minutes=number)
    taken = {f"slug:{r.slug}" for r in corpus.records} | {r.id for r in corpus.records}
    while True:
        record = _record(rng, len(corpus.records) + number, when, corpus, taken)
        if record.tipo == "conferencia":  # its own slug, unlike any earlier addition's
            return dataclasses.replace(record, slug=f"{record.slug}-{number + 1}")
