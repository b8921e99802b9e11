"""Guards that keep a publication from repeating, losing or hiding work (each found once as a defect)."""

from __future__ import annotations

from pathlib import Path

from publishkit import (
    KILLED,
    SOCIAL,
    Project,
    contact_address,
    contacts_yaml,
    delivery_order,
    item_id,
    new_project,
    plan_deliveries,
    plan_line,
    tree,
)

from publish.ledger import Key

A = item_id(0)
DELIVERIES = delivery_order([contact_address(1), contact_address(2)])


def test_an_empty_ledger_file_fails_closed(project: Project) -> None:
    """A ledger cut to nothing (disk full, a bad copy) is a damaged ledger, not a new one."""
    assert project.publish("run").returncode == 0
    sent = tree(project.outbox)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{project.ledger}{suffix}").unlink(missing_ok=True)
    project.ledger.write_bytes(b"")
    done = project.publish("run")
    assert tree(project.outbox) == sent, "everything was announced a second time"
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"Error: el registro de envíos {project.ledger} está dañado (")
    assert done.stderr.endswith(
        "). Guarda una copia del archivo, bórralo y ejecuta `make init` para volver a "
        "crearlo sin repetir anuncios\n"
    )
    assert project.ledger.read_bytes() == b""


def test_an_interrupted_forced_resend_is_not_mistaken_for_the_first_send(project: Project) -> None:
    """The earlier copy in the channel proves nothing about a resend that was cut short."""
    x = Key(A, "x", SOCIAL["x"])
    assert project.publish("run").returncode == 0
    killed = project.publish("run", "--reenviar", A, env={"PUBLISH_CRASH_AT": "antes-de-enviar:1"})
    assert killed.returncode == KILLED and project.copies_of(x) == 1
    project.publish("run")
    row = project.rows()[x]
    assert row.state != "sent" or project.copies_of(x) == 2, (
        "the forced resend of A on x never went out, yet the ledger says it was sent "
        f"because the first send's copy is in the channel: {row}"
    )


def test_reenviar_an_id_that_was_never_sent_is_an_error(project: Project) -> None:
    assert project.publish("run").returncode == 0
    done = project.publish("run", "--reenviar", "2026-11-25-nada0")
    assert done.returncode == 1, f"a mistyped id must not look like a successful resend: {done.stdout}"
    assert "2026-11-25-nada0" in done.stderr


def test_dry_run_of_a_forced_resend_shows_it(project: Project) -> None:
    assert project.publish("run").returncode == 0
    before = tree(project.root)
    dry = project.publish("run", "--dry-run", "--reenviar", A)
    assert tree(project.root) == before
    assert dry.returncode == 0
    assert plan_deliveries(dry.stdout) == ["Envíos: 6 (0 notas nuevas)"] + [
        plan_line("forzado", A, channel, recipient) for channel, recipient in DELIVERIES
    ], "--dry-run must show what the same command without it would send"


def test_rsync_missing_is_reported_in_spanish(tmp_path: Path, built: Path) -> None:
    destination = tmp_path / "servidor/www"
    destination.mkdir(parents=True)
    project = new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(1))
    project.configure(
        despliegue={"destino": "rsync", "remoto": f"{destination}/", "verificar_en": "http://127.0.0.1:9"}
    )
    empty = tmp_path / "sin-programas"
    empty.mkdir()
    done = project.publish("run", env={"PATH": str(empty)})
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "Error: no está instalado rsync; instálalo (apt-get install rsync)\n"
    assert not project.outbox.exists()


def test_rsync_without_a_public_address_to_verify_is_a_config_error(tmp_path: Path, built: Path) -> None:
    destination = tmp_path / "servidor/www"
    destination.mkdir(parents=True)
    project = new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(1))
    project.configure(despliegue={"destino": "rsync", "remoto": f"{destination}/", "verificar_en": ""})
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"Error: {project.config}: ") and "verificar_en" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert list(destination.iterdir()) == [], "checked before anything runs"


def test_the_next_deploy_cleans_what_a_killed_deploy_left(project: Project) -> None:
    (project.output / "version.txt").write_text("versión 1\n", encoding="utf-8")
    assert project.publish("run").returncode == 0
    first = project.live_release()
    releases = project.deployed / "versiones"
    # what a kill while copying leaves behind
    partial = releases / ".20260101T000000000000Z-1.parcial"
    (partial / "boletines").mkdir(parents=True)
    (partial / "boletines/medio.html").write_text("<p>a med", encoding="utf-8")
    # and a kill at the switch
    (project.output / "version.txt").write_text("versión 2\n", encoding="utf-8")
    assert project.publish("run", env={"PUBLISH_CRASH_AT": "despliegue:1"}).returncode == KILLED
    assert project.live_release() == first

    (project.output / "version.txt").write_text("versión 3\n", encoding="utf-8")
    assert project.publish("run").returncode == 0
    second = project.live_release()
    assert (second / "version.txt").read_text(encoding="utf-8") == "versión 3\n"
    assert sorted(p.name for p in releases.iterdir()) == sorted([first.name, second.name]), (
        "only releases that were live stay: the copy a kill left unfinished or never switched to is removed"
    )


def test_a_contact_or_channel_added_later_does_not_get_the_back_catalogue(project: Project) -> None:
    """An item is announced once: a contact added to the directory (or a channel switched on)
    receives what is new from then on, not every item already on the site."""
    project.configure(por_tipo={"boletin": ["x", "correo"]})
    assert project.publish("run", "--solo", A, "--solo", item_id(1)).returncode == 0
    (project.root / "contactos.yml").write_text(contacts_yaml(3), encoding="utf-8")
    project.configure(por_tipo={"boletin": ["x", "bluesky", "correo"]})
    done = project.publish("run")
    assert done.returncode == 0
    newcomer, channel = contact_address(3), "bluesky"
    new_item = item_id(2)
    assert project.copies_of(Key(new_item, "correo", newcomer)) == 1
    assert project.copies_of(Key(new_item, channel, SOCIAL[channel])) == 1
    assert "  Notas anunciadas en esta corrida: 1\n" in done.stdout, (
        "items announced before were announced again to the new contact and the new channel:\n" + done.stdout
    )
    for old in (A, item_id(1)):
        assert project.copies_of(Key(old, "correo", newcomer)) == 0
        assert project.copies_of(Key(old, channel, SOCIAL[channel])) == 0
