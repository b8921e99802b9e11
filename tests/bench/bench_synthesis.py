"""Benchmark: the morning's fetch and ingestion at an office's scale, against a loopback server.

Not a test (nothing here is collected by pytest): run it by hand and read the figures.

    .venv/bin/python tests/bench/bench_synthesis.py                      # 40 feeds × 50 notes, 5 rounds
    .venv/bin/python tests/bench/bench_synthesis.py --feeds 80 --notas 100 --rondas 3
    .venv/bin/python tests/bench/bench_synthesis.py --historial 20000    # with 20,000 stories stored

Each round starts from an empty notes database (plus `--historial` stories already stored, spread
over the grouping window, so each new note is compared with them) and measures: the first run
(every feed fetched, parsed, grouped, classified and stored), and a second run over the same feeds
(conditional requests answered 304: nothing to parse). Each feed answers after `--espera` seconds,
as a real site would. Prints medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "tests")]

from feedkit import FeedServer, Route, office, outlet, rss  # noqa: E402

from pressroom.model.item import MEXICO_CITY  # noqa: E402
from publish.synthesis.daily import collect, open_context  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 7, 0, tzinfo=MEXICO_CITY)
WORDS = [
    "alcaldesa",
    "alcalde",
    "diputada",
    "regidor",
    "obra",
    "agua",
    "seguridad",
    "escuela",
    "hospital",
    "clínica",
    "mercado",
    "calle",
    "presupuesto",
    "cabildo",
    "vecinos",
    "programa",
    "apoyo",
    "entrega",
    "inaugura",
    "denuncia",
    "propone",
    "iniciativa",
    "reunión",
    "jornada",
    "campaña",
    "salud",
    "drenaje",
    "bacheo",
    "alumbrado",
    "transporte",
    "empleo",
    "cultura",
    "deporte",
    "feria",
    "lluvias",
]
PLACES = ["Toluca", "Ecatepec", "Neza", "Texcoco", "Chalco", "Metepec", "Naucalpan", "Tecámac"]


def title(rng: random.Random) -> str:
    words = rng.sample(WORDS, 6)
    if rng.random() < 0.3:
        words.insert(2, "del PT")
    return " ".join(words).capitalize() + " en " + rng.choice(PLACES)


def feeds(count: int, notes: int, rng: random.Random) -> dict[str, bytes]:
    found = {}
    for number in range(count):
        items = [
            {
                "title": title(rng),
                "link": f"https://medio{number}.example.org/nota/{n}",
                "description": "Resumen de la nota con algunas palabras más.",
                "pubDate": (NOW - dt.timedelta(minutes=7 * n)).strftime("%a, %d %b %Y %H:%M:%S -0600"),
            }
            for n in range(notes)
        ]
        found[f"/medio{number}.xml"] = rss(items)
    return found


def seed(database: Path, stories: int, rng: random.Random) -> None:
    """Stories already stored, spread over the days a new note is compared with."""
    with sqlite3.connect(database) as db:
        for n in range(stories):
            when = (
                (NOW - dt.timedelta(minutes=rng.randrange(5 * 24 * 60)))
                .astimezone(dt.UTC)
                .isoformat(timespec="seconds")
            )
            words = " ".join(sorted(set(title(rng).lower().split()) - {"en", "del"}))
            cursor = db.execute(
                "INSERT INTO stories (titulo, resumen, palabras, fecha, vista, sugerido, positivas, negativas, partido, "
                "personas, municipios, huella) VALUES (?, '', ?, ?, ?, 'neutral', '[]', '[]', 0, '[]', '[]', 'x')",
                (f"historia {n}", words, when, when),
            )
            db.execute(
                "INSERT INTO notes (story_id, enlace, enlace_original, medio, tipo, alcance, titulo, resumen, fecha, vista) "
                "VALUES (?, ?, '', 'Archivo', 'prensa', 'estatal', '', '', ?, ?)",
                (cursor.lastrowid, f"https://archivo.example.org/{n}", when, when),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--notas", type=int, default=50)
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--historial", type=int, default=0)
    parser.add_argument("--espera", type=float, default=0.2)
    args = parser.parse_args()
    rng = random.Random(7)
    bodies = feeds(args.feeds, args.notas, rng)
    routes = {path: Route(body, delay=args.espera, etag=f'"{path}"') for path, body in bodies.items()}
    first, second, stored = [], [], 0
    with FeedServer(routes).running() as server:
        listed = "".join(outlet(f"Medio {n}", [server.url(f"/medio{n}.xml")]) for n in range(args.feeds))
        for _ in range(args.rondas):
            folder = Path(tempfile.mkdtemp(prefix="bench-sintesis-"))
            try:
                project = office(folder, listed, tiempo_limite=30, simultaneas=8)
                context = open_context(project.load())
                if args.historial:
                    seed(project.database, args.historial, rng)
                try:
                    start = time.perf_counter()
                    collect(context, NOW)
                    first.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    collect(context, NOW + dt.timedelta(hours=1))
                    second.append(time.perf_counter() - start)
                    stored = context.store.db.execute("SELECT count(*) FROM notes").fetchone()[0]
                finally:
                    context.close()
            finally:
                shutil.rmtree(folder)
    notes = args.feeds * args.notas
    print(
        f"{args.feeds} feeds × {args.notas} notas ({notes} notas), espera {args.espera} s por feed, {args.historial} historias previas"
    )
    print(
        f"primera corrida: mediana {statistics.median(first):.2f} s ({statistics.median(first) / notes * 1000:.2f} ms por nota)"
    )
    print(f"segunda corrida (304): mediana {statistics.median(second):.2f} s")
    print(f"notas guardadas: {stored}")


if __name__ == "__main__":
    main()
