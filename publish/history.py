"""What each deploy made public, kept in the ledger's database: which `id` every published address
carried, and where each id lived. The identity guard (identity.py) compares a new build with it.

Like a delivery, a deploy is recorded before it happens and confirmed after: `begin()` writes the
claims of the manifest being deployed into `deploying`, `commit()` folds them into the history once
the site is live. A deploy cut short leaves its claims in `deploying`; the next run keeps those whose
page answers at the deploy target (the deploy went through) and drops the rest (`settle`).

identities   one row per id ever deployed: its address, file and title at the last deploy, whether it
             is published, withdrawn or gone from the site, and how many deliveries were planned for
             it when it was first announced (NULL: deployed but not planned yet, e.g. after --solo)
addresses    every address (canonical or earlier) that has carried an id, never forgotten
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from urllib.parse import urlsplit

SCHEMA = """
CREATE TABLE identities (
    item_id    TEXT PRIMARY KEY,
    ruta       TEXT NOT NULL,
    fuente     TEXT NOT NULL,
    titulo     TEXT NOT NULL,
    estado     TEXT NOT NULL CHECK (estado IN ('publicado', 'retirado', 'eliminado')),
    planned    INTEGER,
    first_at   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE addresses (
    path     TEXT PRIMARY KEY,
    item_id  TEXT NOT NULL,
    first_at TEXT NOT NULL
);
CREATE TABLE deploying (
    item_id    TEXT PRIMARY KEY,
    ruta       TEXT NOT NULL,
    paths      TEXT NOT NULL,
    fuente     TEXT NOT NULL,
    titulo     TEXT NOT NULL,
    estado     TEXT NOT NULL,
    started_at TEXT NOT NULL
);
"""


def normal(address: str) -> str:
    """One spelling per address: root-relative, with the trailing slash of a folder."""
    value = address.strip()
    if "://" in value:
        value = urlsplit(value).path
    if not value.startswith("/"):
        value = "/" + value
    last = value.rsplit("/", 1)[-1]
    if last and "." not in last:
        value += "/"
    return value


@dataclass(frozen=True)
class Claim:
    """What one manifest entry makes public: an id at an address (plus earlier ones)."""

    item_id: str
    ruta: str
    paths: tuple[str, ...]  # ruta first, then the earlier addresses that redirect to it
    fuente: str
    titulo: str
    estado: str  # publicado | retirado


@dataclass(frozen=True)
class Identity:
    item_id: str
    ruta: str
    fuente: str
    titulo: str
    estado: str  # publicado | retirado | eliminado
    planned: int | None


@dataclass(frozen=True)
class Past:
    """The history as the guard reads it."""

    identities: dict[str, Identity]
    addresses: dict[str, str]  # address → id


class History:
    def __init__(
        self,
        db: sqlite3.Connection,
        clock: Callable[[], str],
        transaction: Callable[[], AbstractContextManager[sqlite3.Connection]],
    ) -> None:
        self.db = db
        self.now = clock
        self.transaction = transaction

    # -- reading --
    def past(self, live: Callable[[str], bool] | None = None) -> Past:
        """The confirmed history, plus the claims of an interrupted deploy whose page is live."""
        identities = {
            r["item_id"]: Identity(
                r["item_id"], r["ruta"], r["fuente"], r["titulo"], r["estado"], r["planned"]
            )
            for r in self.db.execute("SELECT * FROM identities")
        }
        addresses = {r["path"]: r["item_id"] for r in self.db.execute("SELECT * FROM addresses")}
        for claim in self._deploying(live):
            earlier = identities.get(claim.item_id)
            planned = earlier.planned if earlier else None
            identities[claim.item_id] = Identity(
                claim.item_id, claim.ruta, claim.fuente, claim.titulo, claim.estado, planned
            )
            for path in claim.paths:
                addresses.setdefault(path, claim.item_id)
        return Past(identities, addresses)

    def _deploying(self, live: Callable[[str], bool] | None) -> list[Claim]:
        if live is None:
            return []
        claims = [
            Claim(
                r["item_id"], r["ruta"], tuple(json.loads(r["paths"])), r["fuente"], r["titulo"], r["estado"]
            )
            for r in self.db.execute("SELECT * FROM deploying")
        ]
        return [claim for claim in claims if live(claim.ruta)]

    # -- writing: each method is one transaction --
    def begin(self, claims: Iterable[Claim], live: Callable[[str], bool]) -> None:
        """Before deploying: settle what an interrupted deploy left, then record this one's claims."""
        stamp = self.now()
        with self.transaction():
            self._apply(self._deploying(live), stamp)
            self.db.execute("DELETE FROM deploying")
            self.db.executemany(
                "INSERT INTO deploying (item_id, ruta, paths, fuente, titulo, estado, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.item_id, c.ruta, json.dumps(c.paths), c.fuente, c.titulo, c.estado, stamp)
                    for c in claims
                ],
            )

    def commit(self) -> None:
        """The deploy went through: its claims become history; ids it no longer carries are gone
        from the site."""
        stamp = self.now()
        with self.transaction():
            claims = self._deploying(lambda _: True)
            before = {r["item_id"]: r["estado"] for r in self.db.execute("SELECT * FROM identities")}
            self._apply(claims, stamp)
            carried = {c.item_id for c in claims}
            for item_id, estado in before.items():
                if item_id not in carried and estado != "eliminado":
                    self.db.execute(
                        "UPDATE identities SET estado = 'eliminado', updated_at = ? WHERE item_id = ?",
                        (stamp, item_id),
                    )
            self.db.execute("DELETE FROM deploying")

    def adopt(self, claims: Iterable[Claim], planned: dict[str, int]) -> None:
        """`init`: what is already live becomes history, as if deployed and announced by this tool."""
        stamp = self.now()
        with self.transaction():
            self._apply(list(claims), stamp)
            for item_id, count in planned.items():
                self.db.execute("UPDATE identities SET planned = ? WHERE item_id = ?", (count, item_id))

    def planned(self, counts: dict[str, int]) -> None:
        """Deliveries were planned for these items (first announcement), call inside a transaction."""
        for item_id, count in counts.items():
            self.db.execute(
                "UPDATE identities SET planned = ? WHERE item_id = ? AND planned IS NULL", (count, item_id)
            )

    def _apply(self, claims: list[Claim], stamp: str) -> None:
        for c in claims:
            self.db.execute(
                "INSERT INTO identities (item_id, ruta, fuente, titulo, estado, first_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET ruta = excluded.ruta,"
                " fuente = excluded.fuente, titulo = excluded.titulo, estado = excluded.estado,"
                " updated_at = excluded.updated_at",
                (c.item_id, c.ruta, c.fuente, c.titulo, c.estado, stamp, stamp),
            )
            self.db.executemany(
                "INSERT INTO addresses (path, item_id, first_at) VALUES (?, ?, ?)"
                " ON CONFLICT (path) DO NOTHING",
                [(path, c.item_id, stamp) for path in c.paths],
            )
