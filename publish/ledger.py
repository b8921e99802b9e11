"""The ledger: the only owner of publishing state. One row per (item, channel, recipient).

States:  pending → attempting → sent | failed (retryable or not) | unknown
The attempt is committed before the network call and the outcome after it, so a crash leaves an
`attempting` row that the next run turns into `unknown`: resolved by checking the channel where
that is possible, or by a person (`make resolver`), never by a blind resend.

`Ledger` is the narrow interface callers use; `SQLiteLedger` is the embedded default. A PostgreSQL
backend implements the same methods with the same SQL (standard apart from the upsert clause).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from . import history, state
from .errors import LedgerError
from .schema import MIGRATIONS

STATES = ("pending", "attempting", "sent", "failed", "unknown")
FIX = "make init"
OPEN = ("pending", "failed", "unknown")  # states that may still need something done


@dataclass(frozen=True, order=True)
class Key:
    item_id: str
    channel: str
    recipient: str


@dataclass(frozen=True)
class Row:
    key: Key
    state: str
    retryable: bool
    attempts: int
    reason: str
    content_hash: str
    remote_id: str | None
    remote_url: str | None
    error: str | None
    updated_at: str
    attempted_at: str | None = None
    withdrawn_at: str | None = None  # the post was deleted on the network (the note was withdrawn)
    withdrawal: str | None = None  # what was done about it: deleted, or to be removed by hand


@dataclass(frozen=True)
class Standing:
    """What a plan needs of the ledger, read without loading the whole archive (one row per item,
    channel and contact): how many deliveries each item has, and the rows that may still need
    something done (pending, failed, unknown), with every row of the items asked for."""

    counts: dict[str, int]
    rows: list[Row]


class Ledger(Protocol):
    history: history.History

    def add(self, keys: Iterable[Key], content_hash: str, reason: str) -> int: ...
    def add_new(self, items: list[tuple[str, str, list[Key]]]) -> int: ...
    def rows(self, item_id: str | None = None, state: str | None = None) -> list[Row]: ...
    def standing(self, items: Iterable[str] = ()) -> Standing: ...
    def get(self, key: Key) -> Row | None: ...
    def begin(self, key: Key) -> bool: ...
    def sent(self, key: Key, remote_id: str, remote_url: str | None) -> None: ...
    def failed(self, key: Key, error: str, retryable: bool) -> None: ...
    def unknown(self, key: Key, detail: str) -> None: ...
    def unsendable(self, key: Key, error: str) -> bool: ...
    def interrupted(self) -> list[Row]: ...
    def resolve(
        self, key: Key, sent: bool, remote_url: str | None, detail: str, remote_id: str | None = None
    ) -> None: ...
    def withdrawn(self, key: Key, deleted: bool, detail: str) -> None: ...
    def force(self, item_id: str) -> int: ...
    def retry(self, item_id: str) -> int: ...
    def mark_announced(self, keys: Iterable[Key], content_hash: str) -> int: ...
    def close(self) -> None: ...


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class SQLiteLedger:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path
        self.history = history.History(connection, now_utc, self._transaction)

    # -- reading (no side effects) --
    def rows(self, item_id: str | None = None, state: str | None = None) -> list[Row]:
        """Every delivery, or those of one item, or those in one state (the archive's ledger holds
        one row per item, channel and contact: asking for a state reads only those rows)."""
        conditions = [(column, value) for column, value in (("item_id", item_id), ("state", state)) if value]
        where = " WHERE " + " AND ".join(f"{column} = ?" for column, _ in conditions) if conditions else ""
        args = tuple(value for _, value in conditions)
        sql = f"SELECT * FROM deliveries{where} ORDER BY item_id, channel, recipient"
        return [_row(r) for r in self.db.execute(sql, args)]

    def standing(self, items: Iterable[str] = ()) -> Standing:
        counts = dict(self.db.execute("SELECT item_id, COUNT(*) FROM deliveries GROUP BY item_id"))
        marks = ", ".join("?" for _ in OPEN)
        found = {
            row.key: row
            for row in map(_row, self.db.execute(f"SELECT * FROM deliveries WHERE state IN ({marks})", OPEN))
        }
        for item_id in sorted(set(items)):
            found |= {row.key: row for row in self.rows(item_id)}
        return Standing(counts, [found[key] for key in sorted(found)])

    def get(self, key: Key) -> Row | None:
        found = self.db.execute(
            "SELECT * FROM deliveries WHERE item_id = ? AND channel = ? AND recipient = ?", _args(key)
        ).fetchone()
        return _row(found) if found else None

    # -- writing: each method is one transaction, with its audit event --
    def add(self, keys: Iterable[Key], content_hash: str, reason: str) -> int:
        return self._insert(keys, content_hash, reason, "pending")

    def add_new(self, items: list[tuple[str, str, list[Key]]]) -> int:
        """Items announced for the first time: (id, content hash, deliveries), with the number of
        deliveries planned for each, in one transaction (rows that later vanish are then noticed)."""
        added = 0
        with self._transaction():
            for _, content_hash, keys in items:
                added += self._insert_rows(keys, content_hash, "nuevo", "pending", now_utc())
            self.history.planned({item_id: len(keys) for item_id, _, keys in items})
        return added

    def mark_announced(self, keys: Iterable[Key], content_hash: str) -> int:
        return self._insert(keys, content_hash, "inicial", "sent")

    def _insert(self, keys: Iterable[Key], content_hash: str, reason: str, state: str) -> int:
        with self._transaction():
            return self._insert_rows(keys, content_hash, reason, state, now_utc())

    def _insert_rows(
        self, keys: Iterable[Key], content_hash: str, reason: str, state: str, stamp: str
    ) -> int:
        added = 0
        for key in keys:
            cursor = self.db.execute(
                "INSERT INTO deliveries (item_id, channel, recipient, state, reason, content_hash,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (item_id, channel, recipient) DO NOTHING",
                (*_args(key), state, reason, content_hash, stamp, stamp),
            )
            if cursor.rowcount:
                added += 1
                self._event(key, state, reason, stamp)
        return added

    def begin(self, key: Key) -> bool:
        """Record the attempt; False if the row is not due (another run, or already settled)."""
        stamp = now_utc()
        with self._transaction():
            cursor = self.db.execute(
                "UPDATE deliveries SET state = 'attempting', attempts = attempts + 1, updated_at = ?,"
                " attempted_at = ?"
                " WHERE item_id = ? AND channel = ? AND recipient = ?"
                " AND (state = 'pending' OR (state = 'failed' AND retryable = 1))",
                (stamp, stamp, *_args(key)),
            )
            if cursor.rowcount:
                self._event(key, "attempting", None, stamp)
            return bool(cursor.rowcount)

    def sent(self, key: Key, remote_id: str, remote_url: str | None) -> None:
        self._settle(
            key,
            "state = 'sent', remote_id = ?, remote_url = ?, error = NULL",
            (remote_id, remote_url),
            "sent",
            remote_url,
        )

    def failed(self, key: Key, error: str, retryable: bool) -> None:
        self._settle(
            key, "state = 'failed', retryable = ?, error = ?", (int(retryable), error), "failed", error
        )

    def unknown(self, key: Key, detail: str) -> None:
        """The channel cannot say whether the send took effect (e.g. a timeout after sending)."""
        self._settle(key, "state = 'unknown', error = ?", (detail,), "unknown", detail)

    def unsendable(self, key: Key, error: str) -> bool:
        """The message could not even be made (a render error): failed for good, no attempt counted,
        since nothing went out. False if the row is not due (another run, or already settled)."""
        stamp = now_utc()
        with self._transaction():
            cursor = self.db.execute(
                "UPDATE deliveries SET state = 'failed', retryable = 0, error = ?, updated_at = ?"
                " WHERE item_id = ? AND channel = ? AND recipient = ?"
                " AND (state = 'pending' OR (state = 'failed' AND retryable = 1))",
                (error, stamp, *_args(key)),
            )
            if cursor.rowcount:
                self._event(key, "failed", error, stamp)
            return bool(cursor.rowcount)

    def _settle(
        self, key: Key, assignments: str, values: tuple[object, ...], state: str, detail: str | None
    ) -> None:
        stamp = now_utc()
        with self._transaction():
            cursor = self.db.execute(
                f"UPDATE deliveries SET {assignments}, updated_at = ?"
                " WHERE item_id = ? AND channel = ? AND recipient = ? AND state = 'attempting'",
                (*values, stamp, *_args(key)),
            )
            if not cursor.rowcount:
                raise LedgerError(f"no hay un intento abierto para {key}; el registro no se modificó")
            self._event(key, state, detail, stamp)

    def interrupted(self) -> list[Row]:
        """Attempts left open by a crash become `unknown` (call only while holding the lock)."""
        stamp = now_utc()
        with self._transaction():
            found = [_row(r) for r in self.db.execute("SELECT * FROM deliveries WHERE state = 'attempting'")]
            for row in found:
                self.db.execute(
                    "UPDATE deliveries SET state = 'unknown', updated_at = ?"
                    " WHERE item_id = ? AND channel = ? AND recipient = ?",
                    (stamp, *_args(row.key)),
                )
                self._event(row.key, "unknown", "intento interrumpido sin resultado registrado", stamp)
        return found

    def resolve(
        self, key: Key, sent: bool, remote_url: str | None, detail: str, remote_id: str | None = None
    ) -> None:
        """Settle an `unknown`: sent (with the post's id when the channel found it), or back to
        pending so the next run sends it."""
        stamp = now_utc()
        with self._transaction():
            if sent:
                sql = "UPDATE deliveries SET state = 'sent', remote_url = ?, remote_id = COALESCE(?, remote_id, ?), updated_at = ?"
                args: tuple[object, ...] = (remote_url, remote_id, "resuelto", stamp)
            else:
                sql = "UPDATE deliveries SET state = 'pending', reason = 'reintento', updated_at = ?"
                args = (stamp,)
            cursor = self.db.execute(
                sql + " WHERE item_id = ? AND channel = ? AND recipient = ? AND state = 'unknown'",
                (*args, *_args(key)),
            )
            if not cursor.rowcount:
                raise LedgerError(
                    f"{key.item_id} / {key.channel} / {key.recipient} no está en estado desconocido"
                )
            self._event(key, "sent" if sent else "pending", detail, stamp)

    def withdrawn(self, key: Key, deleted: bool, detail: str) -> None:
        """A sent post of a withdrawn note: deleted on the network, or listed to remove by hand."""
        stamp = now_utc()
        with self._transaction():
            cursor = self.db.execute(
                "UPDATE deliveries SET withdrawal = ?, withdrawn_at = CASE WHEN ? THEN ? ELSE withdrawn_at END,"
                " updated_at = ? WHERE item_id = ? AND channel = ? AND recipient = ? AND state = 'sent'",
                (detail, int(deleted), stamp, stamp, *_args(key)),
            )
            if not cursor.rowcount:
                raise LedgerError(f"{key} no está enviado; no hay publicación que retirar")
            self._event(key, "withdrawn" if deleted else "withdrawal-listed", detail, stamp)

    def force(self, item_id: str) -> int:
        """Send an item again on purpose (after a correction): every settled row back to pending."""
        return self._again(item_id, ("sent", "failed"), "forzado", "forzado")

    def retry(self, item_id: str) -> int:
        """Send again what failed of an item (after fixing the cause); what went out stays sent."""
        return self._again(item_id, ("failed",), "reintento", "reintento pedido")

    def _again(self, item_id: str, states: tuple[str, ...], reason: str, detail: str) -> int:
        stamp = now_utc()
        marks = ", ".join("?" for _ in states)
        with self._transaction():
            keys = [
                _row(r).key
                for r in self.db.execute(
                    f"SELECT * FROM deliveries WHERE item_id = ? AND state IN ({marks})", (item_id, *states)
                )
            ]
            for key in keys:
                self.db.execute(
                    "UPDATE deliveries SET state = 'pending', reason = ?, retryable = 1, updated_at = ?"
                    " WHERE item_id = ? AND channel = ? AND recipient = ?",
                    (reason, stamp, *_args(key)),
                )
                self._event(key, "pending", detail, stamp)
        return len(keys)

    def close(self) -> None:
        self.db.close()

    def _event(self, key: Key, state: str, detail: str | None, stamp: str) -> None:
        self.db.execute(
            "INSERT INTO events (item_id, channel, recipient, state, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
            (*_args(key), state, stamp, detail),
        )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit on success, roll back on error; a write the disk refuses stops the run in Spanish."""
        try:
            with self.db:
                yield self.db
        except sqlite3.OperationalError as exc:
            failure = state.sqlite_failure(self.path, exc)
            if failure is None:
                raise
            raise failure from exc


def _args(key: Key) -> tuple[str, str, str]:
    return key.item_id, key.channel, key.recipient


def _row(r: sqlite3.Row) -> Row:
    return Row(
        key=Key(r["item_id"], r["channel"], r["recipient"]),
        state=r["state"],
        retryable=bool(r["retryable"]),
        attempts=r["attempts"],
        reason=r["reason"],
        content_hash=r["content_hash"],
        remote_id=r["remote_id"],
        remote_url=r["remote_url"],
        error=r["error"],
        updated_at=r["updated_at"],
        attempted_at=r["attempted_at"],
        withdrawn_at=r["withdrawn_at"],
        withdrawal=r["withdrawal"],
    )


def open_ledger(path: Path, *, create: bool) -> SQLiteLedger:
    """Open (or, with create=True, make) the ledger; a missing or damaged one fails closed. A folder
    or file that cannot be written is told apart: it is not a damaged ledger."""
    state.check_folder(path.parent)
    state.check_file(path)
    if not path.exists() and not create:
        raise LedgerError(
            f"no existe el registro de envíos {path}. Si el sitio ya se publicó antes, el registro se "
            f"perdió: para no repetir anuncios ejecuta `{FIX}` (marca lo que ya está en el sitio como "
            "anunciado) y vuelve a publicar"
        )
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise state.folder_error(path.parent, exc) from exc
    try:
        if existed and path.stat().st_size == 0:
            raise sqlite3.DatabaseError("el archivo está vacío")
        db = sqlite3.connect(path, isolation_level="DEFERRED", timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check")
        if existed and db.execute("PRAGMA user_version").fetchone()[0] == 0:
            raise sqlite3.DatabaseError("no es un registro de envíos")  # only a new file starts empty
        _migrate(db, path)
    except sqlite3.DatabaseError as exc:
        failure = state.sqlite_failure(path, exc)
        if failure is not None:
            raise failure from exc
        raise LedgerError(
            f"el registro de envíos {path} está dañado ({exc}). Guarda una copia del archivo, "
            f"bórralo y ejecuta `{FIX}` para volver a crearlo sin repetir anuncios"
        ) from exc
    return SQLiteLedger(db, path)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise LedgerError(
            f"el registro {path} es de una versión más nueva ({version}) que esta herramienta "
            f"({len(MIGRATIONS)}); actualiza el repositorio"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
    if version and not db.execute("SELECT name FROM sqlite_master WHERE name = 'deliveries'").fetchone():
        raise sqlite3.DatabaseError("falta la tabla de envíos")
