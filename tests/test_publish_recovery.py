"""Recovery that neither loses nor repeats: the ledger is compared with what the deployed site holds.
A ledger emptied of its rows, or restored from an old copy, is refused like a lost one; `init` marks
as announced only what is live at the deploy target, so items built but never deployed are still
deployed and announced; a kill between the deploy and its record loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from publishkit import (
    KILLED,
    Project,
    contact_address,
    copy_key,
    expected_keys,
    item_id,
    tree,
)

from publish.deploy import LocalTarget

A, B, C = item_id(0), item_id(1), item_id(2)
CONTACTS = [contact_address(1), contact_address(2)]
NOTHING_SENT = "  Enviados: ninguno (no había nada nuevo que anunciar)\n"
FIX = "make init"


def source(item: str) -> str:
    return f"content/boletines/2026/b{int(item[-2:]):02d}.md"


def refusal(project: Project, items: list[str]) -> str:
    listed = ", ".join(f"{i} ({source(i)})" for i in items)
    return (
        f"Error: el registro de envíos {project.ledger} no tiene nada de {len(items)} notas que ya están "
        f"en el sitio publicado (carpeta local {project.current}): {listed}. El registro se vació o se "
        "restauró de una copia vieja, y publicar así las anunciaría otra vez. Si tienes una copia más "
        f"reciente del registro, restáurala; si no, ejecuta `{FIX}` (marca como anunciado solo lo que ya "
        "está en línea) y vuelve a publicar\n"
    )


def init_message(project: Project, live: int, deliveries: int, left: int) -> str:
    text = (
        f"Registro listo en {project.ledger}: {live} notas que ya están en línea (carpeta local "
        f"{project.current}) quedaron marcadas como ya anunciadas ({deliveries} envíos registrados)."
    )
    if left:
        return text + (
            f" {left} notas construidas que todavía no están en línea se desplegarán y anunciarán en la "
            "próxima publicación.\n"
        )
    return text + " La próxima publicación anunciará solo lo nuevo.\n"


def forget_ledger(project: Project) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{project.ledger}{suffix}").unlink(missing_ok=True)


def copy_ledger(source: Path, destination: Path) -> None:
    """A consistent copy of a live SQLite file (its journal included), as a backup tool makes it."""
    with sqlite3.connect(source) as live, sqlite3.connect(destination) as copy:
        live.backup(copy)
    live.close()
    copy.close()


def test_init_marks_only_what_is_live_at_the_target(project: Project, built: Path) -> None:
    """Adopting a site deployed by other means: C was built but never deployed, so it stays new."""
    project.hide_items(C)
    LocalTarget(project.deployed).apply(project.output)  # the site as it was already online
    project.rebuild_from(built)

    done = project.publish("init")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == init_message(project, 2, 12, 1)
    rows = project.rows()
    assert set(rows) == expected_keys(project, CONTACTS, items=[A, B])
    assert {(r.state, r.reason, r.attempts) for r in rows.values()} == {("sent", "inicial", 0)}

    run = project.publish("run")
    assert run.returncode == 0, run.stdout
    assert "  Notas anunciadas en esta corrida: 1\n" in run.stdout
    assert set(project.copies()) == {copy_key(k) for k in expected_keys(project, CONTACTS, items=[C])}
    assert project.publish("run").stdout.endswith(NOTHING_SENT)


def test_init_before_anything_is_deployed_marks_nothing(project: Project) -> None:
    done = project.publish("init")
    assert (done.returncode, done.stderr, done.stdout) == (0, "", init_message(project, 0, 0, 3))
    assert project.rows() == {}
    run = project.publish("run")
    assert run.returncode == 0 and "  Notas anunciadas en esta corrida: 3\n" in run.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18


def test_init_after_a_lost_ledger_does_not_swallow_items_never_deployed(
    project: Project, built: Path
) -> None:
    project.hide_items(C)
    assert project.publish("run").returncode == 0
    sent = tree(project.outbox)
    forget_ledger(project)
    project.rebuild_from(built)  # meanwhile an editor added C

    refused = project.publish("run")
    assert refused.returncode == 1 and refused.stderr.startswith("Error: no existe el registro de envíos")
    done = project.publish("init")
    assert (done.returncode, done.stdout) == (0, init_message(project, 2, 12, 1))
    run = project.publish("run")
    assert run.returncode == 0 and "  Notas anunciadas en esta corrida: 1\n" in run.stdout
    copies = project.copies()
    assert set(copies.values()) == {1} and len(copies) == 18, "C announced once, A and B not again"
    assert {k: v for k, v in tree(project.outbox).items() if k in sent} == sent


@pytest.mark.parametrize(
    "tables",
    [("deliveries", "events"), ("deliveries", "events", "identities", "addresses", "deploying")],
    ids=["envios", "todo"],
)
def test_a_ledger_emptied_of_its_rows_is_refused(project: Project, tables: tuple[str, ...]) -> None:
    assert project.publish("run").returncode == 0
    sent = tree(project.outbox)
    release = project.live_release()
    with sqlite3.connect(project.ledger) as db:
        for table in tables:
            db.execute(f"DELETE FROM {table}")
    db.close()
    (project.output / "nuevo.txt").write_text("cambio\n", encoding="utf-8")

    for command in (["run"], ["plan"], ["run", "--dry-run"]):
        done = project.publish(*command)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", refusal(project, [A, B, C])), command
    assert tree(project.outbox) == sent
    assert project.live_release() == release, "nothing deployed either"

    assert project.publish("init").returncode == 0
    again = project.publish("run")
    assert again.returncode == 0 and again.stdout.endswith(NOTHING_SENT)
    assert tree(project.outbox) == sent


def test_an_old_copy_of_the_ledger_is_refused(project: Project, built: Path, tmp_path: Path) -> None:
    project.hide_items(C)
    assert project.publish("run").returncode == 0
    backup = tmp_path / "copia.sqlite3"
    copy_ledger(project.ledger, backup)
    project.rebuild_from(built)
    assert "  Notas anunciadas en esta corrida: 1\n" in project.publish("run").stdout
    sent = tree(project.outbox)

    forget_ledger(project)
    copy_ledger(backup, project.ledger)  # the backup of last week, restored
    done = project.publish("run")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", refusal(project, [C]))
    assert tree(project.outbox) == sent


def test_items_deployed_by_a_solo_run_are_announced_later(project: Project) -> None:
    """--solo deploys the whole site but announces one item: the others are not 'missing rows'."""
    assert project.publish("run", "--solo", A).returncode == 0
    done = project.publish("run")
    assert (done.returncode, done.stderr) == (0, "")
    assert "  Notas anunciadas en esta corrida: 2\n" in done.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18


def test_a_kill_between_deploy_and_its_record_loses_nothing(project: Project) -> None:
    """The deploy's claims are recorded before it; the next run finds the pages live and keeps them."""
    killed = project.publish("run", env={"PUBLISH_CRASH_AT": "desplegado:1"})
    assert killed.returncode == KILLED
    assert (project.current / "index.html").is_file() and not project.outbox.exists()
    done = project.publish("run")
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    assert "  Notas anunciadas en esta corrida: 3\n" in done.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18
