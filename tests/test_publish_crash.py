"""Crash injection: the publishing process killed with SIGKILL at 200+ seeded random points,
resumed after each kill, loses nothing and sends nothing twice.

10 items go to four social networks and by email to 50 contacts (540 deliveries), through outbox
channels that cannot be checked after a crash (`verificable = false`, like a real social network):
a kill between recording an attempt and recording its outcome leaves one `unknown` that is never
resent automatically; any other kill leaves nothing to settle. One item of the batch is poisoned (a
line break in its title, which no email header may carry): its 50 emails fail on their own rows,
and everything else still goes out exactly once.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pytest
from publishkit import (
    CHANNELS,
    KILLED,
    build_site,
    contact_address,
    contacts_yaml,
    copy_key,
    expected_keys,
    http_server,
    item_id,
    new_project,
    serving,
)

from publish.ledger import Key

SEED = 20261126
KILLS = 200
IN_A_SEND = ("antes-de-enviar", "despues-de-enviar")  # attempt recorded, outcome not yet
WEIGHTS = {
    "antes-de-intento": 22,
    "antes-de-enviar": 22,
    "despues-de-enviar": 22,
    "despues-de-registrar": 22,
    "despliegue": 12,
}
CONTACTS = [contact_address(n) for n in range(1, 51)]
POISONED = item_id(4)


def test_kill_9_at_random_points_loses_nothing_and_never_sends_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    output = build_site(tmp_path / "sitio", 10)
    project = new_project(tmp_path / "proyecto", output, contacts=contacts_yaml(50))
    expected = expected_keys(project, CONTACTS)
    assert len(expected) == 10 * (4 + 50)
    project.rewrite_manifest(
        lambda data: project.entry(data, POISONED).update(titulo="Hola\nBcc: x@example.com")
    )
    poisoned = {Key(POISONED, "correo", contact) for contact in CONTACTS}

    # the site is verified through a web server of the test's own, as on a real server
    with http_server(serving(project.current)) as base:
        unverifiable = {"verificable": False}  # like a real social network
        project.configure(despliegue={"verificar_en": base}, canales=dict.fromkeys(CHANNELS, unverifiable))
        rng = random.Random(SEED)
        kills: Counter[str] = Counter()
        deploys = 0
        while kills.total() < KILLS:
            point = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            count = 1 if point == "despliegue" else rng.randint(1, 3)
            live_before = project.live_release() if project.current.exists() else None
            if point == "despliegue":
                # a new build, so this run has something to deploy
                deploys += 1
                (project.output / "version.txt").write_text(f"compilación {deploys}\n", encoding="utf-8")
            done = project.publish("run", env={"PUBLISH_CRASH_AT": f"{point}:{count}"})
            assert done.returncode == KILLED, (
                f"after {kills.total()} kills the run at {point}:{count} was not killed "
                f"(nothing left to send?): {done.returncode} {done.stdout} {done.stderr}"
            )
            kills[point] += 1

            rows = project.rows()
            open_attempts = [row.key for row in rows.values() if row.state == "attempting"]
            assert len(open_attempts) == (1 if point in IN_A_SEND else 0), (point, open_attempts)
            copies = project.copies()
            assert max(copies.values(), default=0) <= 1, {k: n for k, n in copies.items() if n > 1}
            if point == "despliegue":
                current = project.live_release() if project.current.exists() else None
                assert current == live_before, "a kill during deploy must leave the old site live"

        final = project.publish("run")
        assert final.returncode in (0, 1) and final.stderr == "", final.stdout + final.stderr
        again = project.publish("run")
        assert again.returncode == 0
        assert "  Enviados: ninguno (no había nada nuevo que anunciar)\n" in again.stdout

    rows = project.rows()
    copies = project.copies()
    attempts = Counter((e[0], e[1], e[2]) for e in project.events() if e[3] == "attempting")
    assert set(rows) == expected, "every expected delivery is in the ledger, and nothing else"
    assert set(copies) <= {copy_key(k) for k in expected}, "nothing was sent that was not expected"
    sent = [k for k, r in rows.items() if r.state == "sent"]
    unknown = [k for k, r in rows.items() if r.state == "unknown"]
    refused = [k for k, r in rows.items() if (r.state, r.retryable, r.attempts) == ("failed", False, 0)]
    lost = [k for k, r in rows.items() if r.state not in ("sent", "unknown") and k not in refused]
    lost += [k for k in sent if copies[copy_key(k)] == 0]
    duplicates = [k for k in expected if copies[copy_key(k)] > 1]
    unknown_sent = [k for k in unknown if copies[copy_key(k)] == 1]
    kills_in_a_send = sum(kills[p] for p in IN_A_SEND)

    with capsys.disabled():
        print(
            f"\nInyección de fallas (semilla {SEED}): {kills.total()} kill -9 "
            + ", ".join(f"{p} {kills[p]}" for p in WEIGHTS)
            + f"; {kills_in_a_send} dentro de un envío."
            f"\n  {len(expected)} envíos esperados: enviados {len(sent)}, desconocidos {len(unknown)} "
            f"({len(unknown_sent)} sí salieron, {len(unknown) - len(unknown_sent)} no), "
            f"duplicados {len(duplicates)}, perdidos {len(lost)}, "
            f"rechazados por la nota envenenada {len(refused)}; "
            f"{time.monotonic() - started:.0f} s"
        )

    assert lost == []
    assert duplicates == []
    # the poisoned item's emails, and only those, failed on their own rows: nothing of them went out
    assert set(refused) == poisoned
    assert all(copies[copy_key(k)] == 0 for k in poisoned)
    assert all((rows[k].error or "").startswith("content/boletines/2026/b04.md: ") for k in poisoned)
    assert all(copies[copy_key(k)] == 1 for k in sent)
    assert all(copies[copy_key(k)] <= 1 for k in unknown)
    assert len(unknown) <= kills_in_a_send
    # each kill inside a send leaves exactly one unknown: the attempt was recorded before the send
    assert len(unknown) == kills_in_a_send
    assert {rows[k].attempts for k in unknown} == {1}
    assert {attempts[(k.item_id, k.channel, k.recipient)] for k in unknown} == {1}
    assert {rows[k].attempts for k in sent} == {1}
    # the kill at `despues-de-enviar` lands after the message went out, `antes-de-enviar` before
    assert len(unknown_sent) == kills["despues-de-enviar"]
    assert final.stdout.count("\n  ? ") == len(unknown)
