"""The notes database: the only owner of the synthesis's state (SQLite in the private state folder).

It keeps every note found (its normalised link is unique, so a note is never stored twice), the
stories they form, each feed's ETag / Last-Modified and last outcome, each daily synthesis made
(its window), and each synthesis email: recorded as `intentando` before it goes out and settled
after, so a crash leaves `desconocido` and never a blind resend. Times are UTC ISO strings.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .dedupe import Candidate, words
from .fetch import Validators
from .story import Note, Story
from .tone import Suggestion
from .topics import Matches


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass(frozen=True)
class FeedState:
    url: str
    checked_at: str
    ok_at: str | None
    error: str | None


@dataclass(frozen=True)
class Window:
    fecha: str  # the day of the synthesis, AAAA-MM-DD (Mexico City)
    desde: dt.datetime
    hasta: dt.datetime
    pagina: str


class Store:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One commit for everything inside, however nested; an error rolls all of it back."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.db:
                yield
        finally:
            self._depth = 0

    def close(self) -> None:
        self.db.close()

    # -- feeds --
    def validators(self) -> dict[str, Validators]:
        rows = self.db.execute("SELECT url, etag, last_modified FROM feeds")
        return {r["url"]: Validators(r["etag"], r["last_modified"]) for r in rows}

    def feed_checked(
        self, url: str, now: dt.datetime, validators: Validators | None, error: str | None
    ) -> None:
        """A good answer replaces the validators; an error keeps them (and says why)."""
        with self.transaction():
            self.db.execute(
                "INSERT INTO feeds (url, checked_at) VALUES (?, ?) "
                "ON CONFLICT (url) DO UPDATE SET checked_at = excluded.checked_at",
                (url, stamp(now)),
            )
            if error is not None:
                self.db.execute("UPDATE feeds SET error = ? WHERE url = ?", (error, url))
            else:
                self.db.execute("UPDATE feeds SET ok_at = ?, error = NULL WHERE url = ?", (stamp(now), url))
            if validators is not None:
                self.db.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                    (validators.etag, validators.last_modified, url),
                )

    def feeds(self) -> dict[str, FeedState]:
        rows = self.db.execute("SELECT url, checked_at, ok_at, error FROM feeds")
        return {r["url"]: FeedState(r["url"], r["checked_at"], r["ok_at"], r["error"]) for r in rows}

    # -- notes and stories --
    def has_link(self, link: str) -> bool:
        return self.db.execute("SELECT 1 FROM notes WHERE enlace = ?", (link,)).fetchone() is not None

    def candidates(self, since: dt.datetime) -> list[Candidate]:
        rows = self.db.execute(
            "SELECT id, palabras, fecha FROM stories WHERE ficha IS NULL AND fecha >= ?", (stamp(since),)
        )
        return [Candidate(r["id"], frozenset(r["palabras"].split()), moment(r["fecha"])) for r in rows]

    def add_story(
        self,
        note: Note,
        matches: Matches,
        suggestion: Suggestion,
        huella: str,
        ficha: tuple[str, str] | None = None,
        tono: str | None = None,
    ) -> int:
        """A new story made of one note; `ficha` is (card path, hash of the card's bytes)."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO stories (titulo, resumen, palabras, fecha, vista, ficha, ficha_huella, tono, "
                "sugerido, positivas, negativas, partido, personas, municipios, huella) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    note.titulo,
                    note.resumen,
                    " ".join(sorted(words(note.titulo))),
                    stamp(note.fecha),
                    stamp(note.vista),
                    *(ficha or (None, None)),
                    tono,
                    *_suggestion(suggestion),
                    *_matches(matches),
                    huella,
                ),
            )
            story_id = int(cursor.lastrowid or 0)
            self._insert_note(story_id, note)
        return story_id

    def attach(self, story_id: int, note: Note, matches: Matches) -> None:
        """Another outlet's note of the same story; the story's topics become those of all its notes."""
        with self.transaction():
            self._insert_note(story_id, note)
            self.db.execute(
                "UPDATE stories SET fecha = min(fecha, ?), partido = max(partido, ?) WHERE id = ?",
                (stamp(note.fecha), int(matches.partido), story_id),
            )
            row = self.db.execute(
                "SELECT personas, municipios FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            personas = list(dict.fromkeys([*json.loads(row["personas"]), *matches.personas]))
            municipios = sorted({*json.loads(row["municipios"]), *matches.municipios})
            self.db.execute(
                "UPDATE stories SET personas = ?, municipios = ? WHERE id = ?",
                (json.dumps(personas), json.dumps(municipios), story_id),
            )

    def _insert_note(self, story_id: int, note: Note) -> None:
        self.db.execute(
            "INSERT INTO notes (story_id, enlace, enlace_original, medio, tipo, alcance, titulo, resumen, "
            "fecha, vista, programa) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                note.enlace,
                note.enlace_original,
                note.medio,
                note.tipo,
                note.alcance,
                note.titulo,
                note.resumen,
                stamp(note.fecha),
                stamp(note.vista),
                note.programa,
            ),
        )

    def rematched(self, story: Story, matches: Matches, suggestion: Suggestion, huella: str) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE stories SET sugerido = ?, positivas = ?, negativas = ?, partido = ?, personas = ?, "
                "municipios = ?, huella = ? WHERE id = ?",
                (*_suggestion(suggestion), *_matches(matches), huella, story.id),
            )

    def set_tone(self, story_id: int, tono: str, now: dt.datetime) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE stories SET tono = ?, tono_fijado = ? WHERE id = ?", (tono, stamp(now), story_id)
            )

    # -- cards --
    def cards(self) -> dict[str, str]:
        """Card path → hash of the card's bytes when it was last read."""
        rows = self.db.execute("SELECT ficha, ficha_huella FROM stories WHERE ficha IS NOT NULL")
        return {r["ficha"]: r["ficha_huella"] for r in rows}

    def drop_card(self, path: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM stories WHERE ficha = ?", (path,))

    def card_story(self, path: str) -> int | None:
        row = self.db.execute("SELECT id FROM stories WHERE ficha = ?", (path,)).fetchone()
        return int(row["id"]) if row else None

    def replace_card(
        self,
        story_id: int,
        note: Note,
        matches: Matches,
        suggestion: Suggestion,
        huella: str,
        card_hash: str,
        tono: str | None,
    ) -> None:
        """An edited card: same story (id and first-seen time kept), new contents."""
        with self.transaction():
            self.db.execute("DELETE FROM notes WHERE story_id = ?", (story_id,))
            self.db.execute(
                "UPDATE stories SET titulo = ?, resumen = ?, palabras = ?, fecha = ?, ficha_huella = ?, tono = ?, "
                "sugerido = ?, positivas = ?, negativas = ?, partido = ?, personas = ?, municipios = ?, huella = ? "
                "WHERE id = ?",
                (
                    note.titulo,
                    note.resumen,
                    " ".join(sorted(words(note.titulo))),
                    stamp(note.fecha),
                    card_hash,
                    tono,
                    *_suggestion(suggestion),
                    *_matches(matches),
                    huella,
                    story_id,
                ),
            )
            vista = self.db.execute("SELECT vista FROM stories WHERE id = ?", (story_id,)).fetchone()["vista"]
            self._insert_note(story_id, Note(**{**note.__dict__, "vista": moment(vista)}))

    # -- reading --
    def stories(self, condition: str, args: tuple[object, ...] = ()) -> list[Story]:
        rows = self.db.execute(f"SELECT * FROM stories WHERE {condition} ORDER BY fecha, id", args).fetchall()
        ids = [r["id"] for r in rows]
        notes: dict[int, list[Note]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for n in self.db.execute(
                f"SELECT * FROM notes WHERE story_id IN ({marks}) ORDER BY fecha, id", chunk
            ):
                notes[n["story_id"]].append(_note(n))
        return [_story(r, tuple(notes[r["id"]])) for r in rows]

    def story(self, story_id: int) -> Story | None:
        found = self.stories("id = ?", (story_id,))
        return found[0] if found else None

    def seen_between(self, start: dt.datetime, end: dt.datetime, max_age: dt.timedelta) -> list[Story]:
        """Found after `start` and up to `end`, leaving out archive: notes published more than `max_age`
        before they were found (a feed's back catalogue on its first reading)."""
        found = self.stories("vista > ? AND vista <= ?", (stamp(start), stamp(end)))
        return [s for s in found if s.ficha or s.vista - s.fecha <= max_age]

    def published_between(self, start: dt.datetime, end: dt.datetime) -> list[Story]:
        return self.stories(
            "id IN (SELECT story_id FROM notes WHERE fecha >= ? AND fecha < ?)", (stamp(start), stamp(end))
        )

    # -- daily syntheses --
    def last_window(self) -> Window | None:
        row = self.db.execute("SELECT * FROM syntheses ORDER BY hasta DESC LIMIT 1").fetchone()
        return _window(row) if row else None

    def window(self, fecha: str) -> Window | None:
        row = self.db.execute("SELECT * FROM syntheses WHERE fecha = ?", (fecha,)).fetchone()
        return _window(row) if row else None

    def save_window(self, window: Window, now: dt.datetime) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO syntheses (fecha, desde, hasta, pagina, hecha) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (fecha) DO UPDATE SET pagina = excluded.pagina, hecha = excluded.hecha",
                (window.fecha, stamp(window.desde), stamp(window.hasta), window.pagina, stamp(now)),
            )

    # -- synthesis emails --
    def delivery(self, fecha: str, recipient: str) -> str | None:
        row = self.db.execute(
            "SELECT estado FROM deliveries WHERE fecha = ? AND destinatario = ?", (fecha, recipient)
        ).fetchone()
        return str(row["estado"]) if row else None

    def deliveries(self, fecha: str) -> dict[str, tuple[str, str | None]]:
        rows = self.db.execute(
            "SELECT destinatario, estado, detalle FROM deliveries WHERE fecha = ?", (fecha,)
        )
        return {r["destinatario"]: (r["estado"], r["detalle"]) for r in rows}

    def begin_delivery(self, fecha: str, recipient: str, now: dt.datetime) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO deliveries (fecha, destinatario, estado, intentos, actualizado) "
                "VALUES (?, ?, 'intentando', 1, ?) ON CONFLICT (fecha, destinatario) DO UPDATE SET "
                "estado = 'intentando', intentos = intentos + 1, actualizado = excluded.actualizado",
                (fecha, recipient, stamp(now)),
            )

    def settle_delivery(
        self, fecha: str, recipient: str, estado: str, detalle: str | None, now: dt.datetime
    ) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE deliveries SET estado = ?, detalle = ?, actualizado = ? WHERE fecha = ? AND destinatario = ?",
                (estado, detalle, stamp(now), fecha, recipient),
            )

    def interrupted(self, now: dt.datetime) -> int:
        """Attempts a crash left without an outcome become `desconocido`."""
        with self.transaction():
            cursor = self.db.execute(
                "UPDATE deliveries SET estado = 'desconocido', actualizado = ?, detalle = "
                "'la síntesis se interrumpió mientras se enviaba; pudo haber llegado' WHERE estado = 'intentando'",
                (stamp(now),),
            )
        return cursor.rowcount


def _suggestion(s: Suggestion) -> tuple[str, str, str]:
    return (
        s.tono,
        json.dumps(list(s.positivas), ensure_ascii=False),
        json.dumps(list(s.negativas), ensure_ascii=False),
    )


def _matches(m: Matches) -> tuple[int, str, str]:
    return int(m.partido), json.dumps(list(m.personas)), json.dumps(list(m.municipios))


def _note(r: sqlite3.Row) -> Note:
    return Note(
        r["enlace"],
        r["enlace_original"],
        r["medio"],
        r["tipo"],
        r["alcance"],
        r["titulo"],
        r["resumen"],
        moment(r["fecha"]),
        moment(r["vista"]),
        r["programa"],
    )


def _story(r: sqlite3.Row, notes: tuple[Note, ...]) -> Story:
    suggestion = Suggestion(
        r["sugerido"], tuple(json.loads(r["positivas"])), tuple(json.loads(r["negativas"]))
    )
    matches = Matches(
        bool(r["partido"]), tuple(json.loads(r["personas"])), tuple(json.loads(r["municipios"]))
    )
    return Story(
        r["id"],
        r["titulo"],
        r["resumen"],
        moment(r["fecha"]),
        moment(r["vista"]),
        r["tono"],
        suggestion,
        matches,
        r["huella"],
        notes,
        r["ficha"],
    )


def _window(r: sqlite3.Row) -> Window:
    return Window(r["fecha"], moment(r["desde"]), moment(r["hasta"]), r["pagina"])
