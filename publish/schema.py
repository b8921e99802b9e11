"""The ledger's tables, as migrations applied in order (`PRAGMA user_version` counts them)."""

from __future__ import annotations

from . import history

MIGRATIONS = (
    """
    CREATE TABLE deliveries (
        item_id      TEXT NOT NULL,
        channel      TEXT NOT NULL,
        recipient    TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('pending','attempting','sent','failed','unknown')),
        retryable    INTEGER NOT NULL DEFAULT 1,
        attempts     INTEGER NOT NULL DEFAULT 0,
        reason       TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        remote_id    TEXT,
        remote_url   TEXT,
        error        TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (item_id, channel, recipient)
    );
    CREATE INDEX deliveries_state ON deliveries (state);
    CREATE TABLE events (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id   TEXT NOT NULL,
        channel   TEXT NOT NULL,
        recipient TEXT NOT NULL,
        state     TEXT NOT NULL,
        at        TEXT NOT NULL,
        detail    TEXT
    );
    """,
    # when the latest attempt began: a channel check after a crash looks only at what came later
    "ALTER TABLE deliveries ADD COLUMN attempted_at TEXT;",
    # withdrawal of a sent post when its note is withdrawn: when it was deleted on the network, and
    # what happened (deleted, or listed for a person to remove by hand)
    "ALTER TABLE deliveries ADD COLUMN withdrawn_at TEXT; ALTER TABLE deliveries ADD COLUMN withdrawal TEXT;",
    # what each deploy made public: the identity guard and the recovery checks read it
    history.SCHEMA,
)
