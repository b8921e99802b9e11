"""A publication reads what it needs of the ledger, not the whole archive: the ledger holds one row
per item, channel and contact, so `standing` gives how many rows each item has and only the rows
that may still need something done, and the plan routes (reads the contact directory for) only
items that are new, forced, retried or have such a row. What it plans is what it always planned."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from publishkit import Project, contact_address, item_id

from publish import plan as plan_module
from publish.config import load
from publish.ledger import Key, Ledger, Standing, open_ledger
from publish.manifest import load as load_manifest

PER_ITEM = 6  # four social accounts and two contacts


def settle(ledger: Ledger, item: str, outcomes: dict[Key, str]) -> None:
    """Send the item again (as `--reenviar` would) with these outcomes: failed, refused (failed for
    good), unknown or pending (not tried yet); every other delivery of it is sent."""
    ledger.force(item)
    for row in ledger.rows(item):
        outcome = outcomes.get(row.key, "sent")
        if outcome == "pending":
            continue
        assert ledger.begin(row.key)
        if outcome in ("failed", "refused"):
            ledger.failed(row.key, "buzón lleno", retryable=outcome == "failed")
        elif outcome == "unknown":
            ledger.unknown(row.key, "sin respuesta")
        else:
            ledger.sent(row.key, "enviado", None)


def fail_one(ledger: Ledger, key: Key) -> None:
    settle(ledger, key.item_id, {key: "failed"})


def whole(ledger: Ledger) -> Standing:
    """The ledger as the plan used to read it: every row of the archive."""
    rows = ledger.rows()
    return Standing(dict(Counter(row.key.item_id for row in rows)), rows)


def test_standing_is_the_counts_and_the_open_rows(project: Project, built: Path) -> None:
    project.hide_items(item_id(2))
    assert project.publish("run").returncode == 0
    failed = Key(item_id(1), "correo", contact_address(1))
    ledger = open_ledger(project.ledger, create=False)
    try:
        fail_one(ledger, failed)
        standing = ledger.standing()
        assert standing.counts == {item_id(0): PER_ITEM, item_id(1): PER_ITEM}
        assert [row.key for row in standing.rows] == [failed]
        asked = ledger.standing([item_id(0)])  # --reenviar / --reintentar: every row of the item
        assert {row.key for row in asked.rows} == {failed} | {row.key for row in ledger.rows(item_id(0))}
        assert len(asked.rows) == PER_ITEM + 1
        assert asked.rows == sorted(asked.rows, key=lambda row: row.key)  # the order rows() gives
    finally:
        ledger.close()


def test_the_plan_routes_only_items_with_something_to_do(
    project: Project, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.hide_items(item_id(2))
    assert project.publish("run").returncode == 0
    failed = Key(item_id(1), "correo", contact_address(2))
    ledger = open_ledger(project.ledger, create=False)
    try:
        fail_one(ledger, failed)
        project.rebuild_from(built)  # the third item is built now
        routed: list[str] = []
        real = plan_module.route
        monkeypatch.setattr(
            plan_module, "route", lambda item, *rest: routed.append(item.id) or real(item, *rest)
        )
        config = load(project.config, root=project.root)
        found = plan_module.make_plan(load_manifest(project.output), ledger.standing(), config)
    finally:
        ledger.close()
    assert sorted(set(routed)) == [item_id(1), item_id(2)]  # not the settled first item
    assert [(a.key, a.reason) for a in found.actions if a.item.id == item_id(1)] == [(failed, "reintento")]
    assert {a.reason for a in found.actions if a.item.id == item_id(2)} == {"nuevo"}
    assert len([a for a in found.actions if a.item.id == item_id(2)]) == PER_ITEM
    assert [added[0] for added in found.to_add] == [item_id(2)]


def test_a_run_retries_the_failed_delivery_and_leaves_the_settled_archive_alone(
    project: Project, built: Path
) -> None:
    project.hide_items(item_id(2))
    assert project.publish("run").returncode == 0
    failed = Key(item_id(1), "correo", contact_address(1))
    ledger = open_ledger(project.ledger, create=False)
    try:
        fail_one(ledger, failed)
    finally:
        ledger.close()
    before = project.copies()
    done = project.publish("run")
    assert done.returncode == 0, done.stderr
    rows = project.rows()
    assert rows[failed].state == "sent" and rows[failed].attempts == 3  # the run, the forced send, now
    after = project.copies()
    assert after - before == Counter({(failed.item_id, failed.channel, failed.recipient): 1})


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"force": frozenset({item_id(0)})},
        {"retry": frozenset({item_id(1)})},
        {"force": frozenset({item_id(1)}), "retry": frozenset({item_id(0)})},
        {"only": frozenset({item_id(1)})},
        {"only": frozenset({item_id(0)}), "force": frozenset({item_id(0)})},
    ],
    ids=["nada", "reenviar", "reintentar", "ambos", "solo", "solo-reenviar"],
)
def test_the_plan_from_the_standing_is_the_plan_from_every_row(
    project: Project, built: Path, selection: dict[str, frozenset[str]]
) -> None:
    """Exactly-once is unchanged: new, forced, retried items and items with a pending, failed
    (retryable or not) or unknown row are planned as they were when the plan read every row."""
    project.hide_items(item_id(2))
    assert project.publish("run").returncode == 0
    ledger = open_ledger(project.ledger, create=False)
    try:
        first, second = (Key(item_id(1), "correo", contact_address(n)) for n in (1, 2))
        settle(ledger, item_id(1), {first: "failed", second: "refused"})
        social = [row.key for row in ledger.rows(item_id(0)) if row.key.channel != "correo"]
        settle(ledger, item_id(0), {social[0]: "unknown", social[1]: "pending"})
        project.rebuild_from(built)  # a new item as well
        config = load(project.config, root=project.root)
        manifest = load_manifest(project.output)
        asked = selection.get("force", frozenset()) | selection.get("retry", frozenset())
        fast = plan_module.make_plan(manifest, ledger.standing(asked), config, **selection)
        slow = plan_module.make_plan(manifest, whole(ledger), config, **selection)
    finally:
        ledger.close()
    assert fast == slow
    assert fast.actions or fast.unknown
