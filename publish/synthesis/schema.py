"""The notes database's tables, and how it is opened: created on first use, migrated by
`user_version`, WAL; a damaged file or one from a newer version is a SynthesisError saying what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import SynthesisError
from .store import Store

MIGRATIONS = (
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,
        checked_at TEXT NOT NULL, ok_at TEXT, error TEXT
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        titulo TEXT NOT NULL, resumen TEXT NOT NULL, palabras TEXT NOT NULL,
        fecha TEXT NOT NULL, vista TEXT NOT NULL,
        ficha TEXT UNIQUE, ficha_huella TEXT,
        tono TEXT CHECK (tono IS NULL OR tono IN ('positivo', 'neutral', 'negativo')), tono_fijado TEXT,
        sugerido TEXT NOT NULL, positivas TEXT NOT NULL, negativas TEXT NOT NULL,
        partido INTEGER NOT NULL, personas TEXT NOT NULL, municipios TEXT NOT NULL,
        huella TEXT NOT NULL
    );
    CREATE INDEX stories_vista ON stories (vista);
    CREATE INDEX stories_fecha ON stories (fecha);
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        enlace TEXT NOT NULL UNIQUE, enlace_original TEXT NOT NULL,
        medio TEXT NOT NULL, tipo TEXT NOT NULL, alcance TEXT NOT NULL,
        titulo TEXT NOT NULL, resumen TEXT NOT NULL,
        fecha TEXT NOT NULL, vista TEXT NOT NULL, programa TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX notes_story ON notes (story_id);
    CREATE INDEX notes_fecha ON notes (fecha);
    CREATE TABLE syntheses (
        fecha TEXT PRIMARY KEY, desde TEXT NOT NULL, hasta TEXT NOT NULL,
        pagina TEXT NOT NULL, hecha TEXT NOT NULL
    );
    CREATE TABLE deliveries (
        fecha TEXT NOT NULL, destinatario TEXT NOT NULL,
        estado TEXT NOT NULL CHECK (estado IN ('intentando', 'enviado', 'fallido', 'desconocido')),
        intentos INTEGER NOT NULL DEFAULT 0, detalle TEXT, actualizado TEXT NOT NULL,
        PRIMARY KEY (fecha, destinatario)
    );
    """,
)


def open_store(path: Path) -> Store:
    """Open (or create) the notes database; a damaged or newer one is a SynthesisError."""
    existed = path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if existed and version == 0 and path.stat().st_size > 0:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise sqlite3.DatabaseError("no es una base de notas de la síntesis")
        if version > len(MIGRATIONS):
            db.close()
            raise SynthesisError(
                f"la base de notas {path} es de una versión más nueva ({version}) que esta herramienta "
                f"({len(MIGRATIONS)}); actualiza el repositorio"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
    except sqlite3.DatabaseError as error:
        raise SynthesisError(
            f"la base de notas de la síntesis {path} está dañada ({error}); guarda una copia del archivo y "
            "bórralo: la próxima síntesis la vuelve a crear (las notas anteriores se pierden)"
        ) from error
    return Store(db)
