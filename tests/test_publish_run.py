"""`python -m publish` end to end on throwaway projects: the ledger's life, the safety valve, plans,
selection, forced resends, live verification, unknown outcomes and how people settle them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from publishkit import (
    KILLED,
    SOCIAL,
    Project,
    contact_address,
    contacts_yaml,
    copy_key,
    delivery_order,
    expected_keys,
    http_server,
    item_id,
    new_project,
    plan_deliveries,
    plan_line,
    serving,
    tree,
)

from publish.ledger import Key
from sitekit import NOW, ROOT, build_project, item, make_project

CONTACTS = [contact_address(1), contact_address(2)]
A, B, C = item_id(0), item_id(1), item_id(2)
NOTHING_SENT = "  Enviados: ninguno (no había nada nuevo que anunciar)\n"
INIT = "make init"


def site_files(project: Project) -> int:
    return len([p for p in project.output.rglob("*") if p.is_file() and ".publicacion" not in p.parts])


def forget_ledger(project: Project) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{project.ledger}{suffix}").unlink(missing_ok=True)


def announced(project: Project) -> set[str]:
    return {item for item, _, _ in project.copies()}


def test_first_run_creates_the_ledger_deploys_and_announces_each_item_once(project: Project) -> None:
    # the embedded default: publish verifies through a temporary server of its own
    project.configure(despliegue={"verificar_en": ""})
    assert not project.state.exists()
    done = project.publish("run")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "Resumen de la publicación\n"
        f"  Sitio: {site_files(project)} archivos nuevos, 0 cambiados, 0 borrados\n"
        "  Notas anunciadas en esta corrida: 3\n"
        "  Enviados por canal: bluesky 3, correo 6, facebook 3, mastodon 3, x 3\n"
    )
    assert project.ledger.is_file()
    rows = project.rows()
    assert set(rows) == expected_keys(project, CONTACTS)
    assert {(r.state, r.attempts, r.reason) for r in rows.values()} == {("sent", 1, "nuevo")}
    copies = project.copies()
    assert set(copies) == {copy_key(k) for k in rows} and set(copies.values()) == {1}
    assert (project.current / "index.html").is_file()
    assert not (project.current / ".publicacion").exists()

    again = project.publish("run")
    assert again.returncode == 0
    assert again.stdout == (
        "Resumen de la publicación\n  Sitio: sin cambios\n  Notas anunciadas en esta corrida: 0\n"
        + NOTHING_SENT
    )
    assert project.copies() == copies


def test_a_lost_ledger_with_a_deployed_site_fails_closed(project: Project) -> None:
    assert project.publish("run").returncode == 0
    sent = tree(project.outbox)
    release = project.live_release()
    forget_ledger(project)
    (project.output / "nuevo.txt").write_text("cambio\n", encoding="utf-8")
    message = (
        f"Error: no existe el registro de envíos {project.ledger}. Si el sitio ya se publicó antes, el "
        f"registro se perdió: para no repetir anuncios ejecuta `{INIT}` (marca lo que ya está en el "
        "sitio como anunciado) y vuelve a publicar\n"
    )
    for command in (["run"], ["plan"], ["run", "--dry-run"]):
        done = project.publish(*command)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", message), command
    assert not project.ledger.exists()
    assert tree(project.outbox) == sent
    assert project.live_release() == release  # nothing deployed either

    assert project.publish("init").returncode == 0
    done = project.publish("run")
    assert done.returncode == 0 and done.stdout.endswith(NOTHING_SENT)
    assert tree(project.outbox) == sent
    assert (project.current / "nuevo.txt").is_file()


def test_a_corrupt_ledger_fails_closed_with_the_fix(project: Project) -> None:
    garbage = b"\x00\xffESTO NO ES UNA BASE DE DATOS\n" * 64
    assert project.publish("run").returncode == 0
    sent = tree(project.outbox)
    forget_ledger(project)
    project.ledger.write_bytes(garbage)
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: el registro de envíos {project.ledger} está dañado (file is not a database). Guarda una "
        "copia del archivo, bórralo y ejecuta `make init` para volver a crearlo sin repetir "
        "anuncios\n"
    )
    assert project.ledger.read_bytes() == garbage
    assert tree(project.outbox) == sent


def test_the_safety_valve_refuses_too_many_new_items_until_max_says_so(project: Project) -> None:
    project.configure(envio={"maximo_por_corrida": 2})
    message = (
        "Error: esta corrida anunciaría 3 notas nuevas y el máximo es 2. Si el registro de envíos se "
        "perdió, ejecuta `make init` para no repetir anuncios; si de verdad quieres anunciarlas todas, "
        "usa `make publish MAX=3`\n"
    )
    for command in (["run"], ["run", "--max", "2"], ["plan"]):
        done = project.publish(*command)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", message), command
    assert not project.outbox.exists() and not project.current.exists()

    done = project.publish("run", "--max", "3")
    assert done.returncode == 0 and "  Notas anunciadas en esta corrida: 3\n" in done.stdout
    assert len(project.copies()) == 18


DELIVERIES = delivery_order(CONTACTS)


def test_plan_and_dry_run_on_a_fresh_project_change_nothing(project: Project) -> None:
    before = tree(project.root)
    plan = project.publish("plan")
    dry = project.publish("run", "--dry-run")
    assert tree(project.root) == before
    assert not project.state.exists() and not project.deployed.exists() and not project.outbox.exists()
    assert (plan.returncode, plan.stderr, dry.returncode, dry.stderr) == (0, "", 0, "")
    assert plan.stdout == dry.stdout
    lines = plan.stdout.splitlines()
    count = site_files(project)
    assert lines[0] == (
        f"Despliegue: carpeta local {project.current}: {count} archivos nuevos, 0 cambiados, 0 borrados"
    )
    assert lines[1] == "  nuevo      404.html"
    assert lines[51] == f"  … y {count - 50} archivos más"
    assert plan_deliveries(plan.stdout) == ["Envíos: 18 (3 notas nuevas)"] + [
        plan_line("nuevo", item, channel, recipient)
        for item in (A, B, C)
        for channel, recipient in DELIVERIES
    ]


def test_plan_and_dry_run_list_every_reason_and_change_nothing(project: Project) -> None:
    # x cannot be written: its sends fail (retryable) and come back as 'reintento'
    project.outbox.mkdir()
    (project.outbox / "x").write_text("no soy una carpeta\n", encoding="utf-8")
    first = project.publish("run", "--solo", A, "--solo", B)
    assert first.returncode == 1
    assert "  Fallidos que se reintentarán en la próxima publicación: 2\n" in first.stdout
    assert {(r.key.item_id, r.state) for r in project.rows().values() if r.key.channel == "x"} == {
        (A, "failed"),
        (B, "failed"),
    }
    # a forced resend of B interrupted before its first delivery leaves B's rows 'forzado'
    killed = project.publish(
        "run", "--solo", B, "--reenviar", B, env={"PUBLISH_CRASH_AT": "antes-de-intento:1"}
    )
    assert killed.returncode == KILLED

    def snapshot() -> tuple[object, ...]:
        # the ledger's bytes may move from its journal into the file when it is opened: compare content
        files = {k: v for k, v in tree(project.root).items() if not k.startswith("estado/registro")}
        return files, project.rows(), project.events()

    before = snapshot()
    plan = project.publish("plan")
    dry = project.publish("run", "--dry-run")
    assert snapshot() == before
    assert plan.returncode == dry.returncode == 0 and plan.stdout == dry.stdout
    assert plan.stdout.startswith(f"Despliegue: carpeta local {project.current}: sin cambios\n")
    assert plan_deliveries(plan.stdout) == [
        "Envíos: 13 (1 notas nuevas)",
        plan_line("reintento", A, "x", SOCIAL["x"]),
        *[plan_line("forzado", B, channel, recipient) for channel, recipient in DELIVERIES],
        *[plan_line("nuevo", C, channel, recipient) for channel, recipient in DELIVERIES],
    ]


def test_solo_announces_only_the_chosen_item(project: Project) -> None:
    done = project.publish("run", "--solo", B)
    assert done.returncode == 0 and "  Notas anunciadas en esta corrida: 1\n" in done.stdout
    assert {k.item_id for k in project.rows()} == {B}
    assert announced(project) == {B} and len(project.copies()) == 6
    rest = project.publish("run")
    assert "  Notas anunciadas en esta corrida: 2\n" in rest.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18


def test_reenviar_sends_an_item_again_on_purpose(project: Project) -> None:
    assert project.publish("run").returncode == 0
    done = project.publish("run", "--reenviar", A)
    assert done.returncode == 0
    assert "  Notas anunciadas en esta corrida: 1\n" in done.stdout
    assert "  Enviados por canal: bluesky 1, correo 2, facebook 1, mastodon 1, x 1\n" in done.stdout
    copies = project.copies()
    assert len(copies) == 18
    assert {key: n for key, n in copies.items() if n != 1} == {key: 2 for key in copies if key[0] == A}
    for key, row in project.rows().items():
        expected = ("sent", "forzado", 2) if key.item_id == A else ("sent", "nuevo", 1)
        assert (row.state, row.reason, row.attempts) == expected, key
    again = project.publish("run")
    assert again.stdout.endswith(NOTHING_SENT) and project.copies() == copies


def test_an_item_not_live_is_not_announced_until_it_is(project: Project) -> None:
    raw = {entry["id"]: entry for entry in project.manifest()["elementos"]}
    page_b, photo = raw[B]["ruta"], raw[B]["imagen"]["ruta"]
    assert page_b.startswith("/boletines/")

    with http_server(serving(project.current, missing=(page_b,))) as base:
        project.configure(despliegue={"verificar_en": base})
        done = project.publish("run")
    assert done.returncode == 1
    assert (
        "  No están en línea todavía (no se anuncian; quedan pendientes): 1\n"
        f"    {B}: {base}{page_b} responde 404\n"
    ) in done.stdout
    assert "  Notas anunciadas en esta corrida: 2\n" in done.stdout
    rows = project.rows()
    assert {(r.state, r.reason) for k, r in rows.items() if k.item_id == B} == {("pending", "nuevo")}
    assert announced(project) == {A, C}

    with http_server(serving(project.current, missing=(photo,))) as base:
        project.configure(despliegue={"verificar_en": base})
        done = project.publish("run")
    assert done.returncode == 1
    assert f"    {B}: {base}{photo} responde 404\n" in done.stdout
    assert announced(project) == {A, C}

    with http_server(serving(project.current)) as base:
        project.configure(despliegue={"verificar_en": base})
        done = project.publish("run")
    assert done.returncode == 0 and "  Notas anunciadas en esta corrida: 1\n" in done.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18
    assert {r.state for r in project.rows().values()} == {"sent"}


def unknown_block(item: str, channel: str, recipient: str) -> str:
    return (
        f"  ? {item} {channel} {recipient}\n"
        f"    revisa en el canal si salió y ejecuta: make resolver ID={item} CANAL={channel} "
        f"DESTINATARIO='{recipient}' ENVIADO=URL (o NO_ENVIADO=1 si no salió)\n"
    )


def test_an_interrupted_send_stays_unknown_until_a_person_resolves_it(project: Project) -> None:
    project.configure(canales={"x": {"verificable": False}, "correo": {"verificable": False}})
    x = Key(A, "x", SOCIAL["x"])
    killed = project.publish("run", env={"PUBLISH_CRASH_AT": "despues-de-enviar:1"})
    assert killed.returncode == KILLED
    assert project.copies_of(x) == 1 and project.rows()[x].state == "attempting"

    for _ in range(2):
        done = project.publish("run")
        assert done.returncode == 0
        assert (
            "  Desconocidos: 1 (el proceso se interrumpió durante el envío; no se reenvían solos)\n"
            + unknown_block(A, "x", SOCIAL["x"])
        ) in done.stdout
        assert project.copies_of(x) == 1
        assert (project.rows()[x].state, project.rows()[x].attempts) == ("unknown", 1)
    assert "Desconocidos (no se reenvían solos): 1\n" in project.publish("plan").stdout

    url = "https://x.com/PTEdomex/status/1"
    done = project.publish("resolver", A, "x", "--enviado", url)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{A} x {SOCIAL['x']}: ahora enviado.\n", "")
    row = project.rows()[x]
    assert (row.state, row.remote_url, row.attempts) == ("sent", url, 1)
    assert project.events()[-1] == (A, "x", SOCIAL["x"], "sent", "resuelto a mano: enviado")
    again = project.publish("resolver", A, "x", "--no-enviado")
    assert (again.returncode, again.stdout, again.stderr) == (
        1,
        "",
        f"No hay envíos desconocidos de {A} por x.\n",
    )
    assert project.publish("run").returncode == 0
    assert project.copies_of(x) == 1


def test_resolver_no_enviado_sends_it_next_time_and_asks_which_recipient(project: Project) -> None:
    project.configure(canales={"correo": {"verificable": False}})
    first, second = (Key(A, "correo", r) for r in CONTACTS)
    # the deliveries of A: x, facebook, mastodon, bluesky, then email to each contact
    assert project.publish("run", env={"PUBLISH_CRASH_AT": "antes-de-enviar:5"}).returncode == KILLED
    assert project.publish("run", env={"PUBLISH_CRASH_AT": "antes-de-enviar:1"}).returncode == KILLED
    assert project.publish("run").returncode == 0
    rows = project.rows()
    assert (rows[first].state, rows[second].state) == ("unknown", "unknown")
    assert project.copies_of(first) == project.copies_of(second) == 0

    vague = project.publish("resolver", A, "correo", "--no-enviado")
    assert (vague.returncode, vague.stdout) == (1, "")
    assert vague.stderr == (
        f"Hay 2 envíos desconocidos de {A} por correo; indica cuál con --destinatario: "
        f"{CONTACTS[0]}, {CONTACTS[1]}\n"
    )
    done = project.publish("resolver", A, "correo", "--destinatario", CONTACTS[0], "--no-enviado")
    assert (done.returncode, done.stderr) == (0, "")
    assert (
        done.stdout == f"{A} correo {CONTACTS[0]}: ahora pendiente (se enviará en la próxima publicación).\n"
    )
    assert (project.rows()[first].state, project.rows()[first].reason) == ("pending", "reintento")
    assert plan_deliveries(project.publish("plan").stdout)[:2] == [
        "Envíos: 1 (0 notas nuevas)",
        plan_line("reintento", A, "correo", CONTACTS[0]),
    ]
    sent = project.publish("run")
    assert "  Enviados por canal: correo 1\n" in sent.stdout
    assert project.copies_of(first) == 1 and project.rows()[first].state == "sent"
    assert project.rows()[second].state == "unknown" and project.copies_of(second) == 0


@pytest.mark.parametrize(
    ("point", "outcome", "attempts"),
    [
        ("despues-de-enviar", "sí se había enviado", 1),
        ("antes-de-enviar", "no se había enviado: se envía ahora", 2),
    ],
)
def test_a_verifiable_channel_settles_unknowns_by_looking(
    project: Project, point: str, outcome: str, attempts: int
) -> None:
    x = Key(A, "x", SOCIAL["x"])
    assert project.publish("run", env={"PUBLISH_CRASH_AT": f"{point}:1"}).returncode == KILLED
    done = project.publish("run")
    assert done.returncode == 0
    assert f"  Resuelto al revisar el canal: {A} x {SOCIAL['x']} ({outcome})\n" in done.stdout
    assert "Desconocidos" not in done.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18
    row = project.rows()[x]
    assert (row.state, row.attempts) == ("sent", attempts)
    assert row.remote_url == project.files_of(x)[0].as_uri()


def test_estado_shows_the_ledger_in_mexico_city_time(project: Project) -> None:
    missing = project.publish("estado")
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"Error: no existe el registro de envíos {project.ledger}.")
    assert project.publish("run").returncode == 0
    # the ledger keeps UTC; the office reads Mexico City time (UTC-6 all year since 2022)
    with sqlite3.connect(project.ledger) as db:
        db.execute("UPDATE deliveries SET updated_at = '2026-11-25T16:31:02.000001+00:00'")
        db.execute(
            "UPDATE deliveries SET updated_at = '2026-07-01T05:00:00.500000+00:00' WHERE channel = 'x'"
        )
    db.close()
    done = project.publish("estado")
    assert (done.returncode, done.stdout) == (
        0,
        "3 notas, 18 envíos registrados:\n  enviado: 18\n"
        "Último movimiento: 2026-11-25 10:31:02 (hora de la Ciudad de México)\n",
    )
    one = project.publish("estado", A)
    rows = sorted((r for r in project.rows().values() if r.key.item_id == A), key=lambda r: r.key)
    assert one.returncode == 0
    when = {"x": "2026-06-30 23:00:00"}
    assert one.stdout.splitlines() == [f"Envíos de {A} (horas de la Ciudad de México):"] + [
        f"  {r.key.channel:<9} {r.key.recipient:<40} enviado     intentos 1  "
        f"{when.get(r.key.channel, '2026-11-25 10:31:02')}  {r.remote_url}"
        for r in rows
    ]
    assert [r.remote_url for r in rows] == [project.files_of(r.key)[0].as_uri() for r in rows]
    nothing = project.publish("estado", "2026-11-25-nada0")
    assert (nothing.returncode, nothing.stdout) == (1, "No hay envíos registrados para 2026-11-25-nada0.\n")


LOCKED = re.compile(
    r"Error: ya hay una publicación en curso \((proceso \d+|otro proceso)\); espera a que termine\. "
    r"Si no hay ninguna, el candado se libera solo al terminar el proceso que lo tiene\n"
)


def test_two_concurrent_runs_only_one_sends(tmp_path: Path, built: Path) -> None:
    """The first to take the lock publishes; the other stops at once and says why."""
    for attempt in range(3):
        project = new_project(tmp_path / f"intento{attempt}", built, contacts=contacts_yaml(40))
        # verification through a slow server keeps the winner busy while the loser starts
        with http_server(serving(project.current, delay=0.25)) as base:
            project.configure(despliegue={"verificar_en": base})
            runs = [project.start("run"), project.start("run")]
            results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
        codes = sorted(code for code, _, _ in results)
        if codes == [0, 0]:
            continue  # one finished before the other started: no overlap, try again
        assert codes == [0, 1], results
        (_, winner_out, winner_err), (_, loser_out, loser_err) = sorted(results, key=lambda r: r[0])
        assert LOCKED.fullmatch(loser_err), loser_err
        assert loser_out == "" and winner_err == ""
        assert "  Notas anunciadas en esta corrida: 3\n" in winner_out
        copies = project.copies()
        assert len(copies) == 3 * (4 + 40) and set(copies.values()) == {1}
        assert {r.attempts for r in project.rows().values()} == {1}
        return
    pytest.fail("the two runs never overlapped in 3 attempts: the test proved nothing")


def test_embargo_boundary_with_an_injected_clock(tmp_path: Path) -> None:
    embargoed = "2026-11-25-embar"
    files: dict[str, str | bytes] = {
        "boletines/2026/control.md": item(id=A, slug="control", titulo="Nota de control"),
        "boletines/2026/embargo.md": item(
            id=embargoed,
            slug="nota-embargada",
            titulo="Nota embargada",
            estado="programado",
            embargo="2026-11-26 08:00",
        ),
    }
    conf = make_project(tmp_path, files)
    project = Project(tmp_path)
    (tmp_path / "contactos.yml").write_text(contacts_yaml(2), encoding="utf-8")
    project.configure()
    page = "boletines/2026/11/nota-embargada/index.html"

    build_project(conf, NOW - dt.timedelta(seconds=1))
    assert project.item_ids() == [A]
    assert project.publish("run").returncode == 0
    assert not (project.current / page).exists()
    assert {k.item_id for k in project.rows()} == {A}
    assert announced(project) == {A}

    build_project(conf, NOW)
    assert set(project.item_ids()) == {A, embargoed}
    done = project.publish("run")
    assert done.returncode == 0 and "  Notas anunciadas en esta corrida: 1\n" in done.stdout
    assert (project.current / page).is_file()
    copies = project.copies()
    wanted = expected_keys(project, CONTACTS, items=[embargoed])
    assert {key: n for key, n in copies.items() if key[0] == embargoed} == {copy_key(k): 1 for k in wanted}
    again = project.publish("run")
    assert again.returncode == 0 and again.stdout.endswith(NOTHING_SENT)
    assert project.copies() == copies


def test_a_run_with_nothing_built_says_how_to_build(project: Project) -> None:
    shutil.rmtree(project.output)
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: no existe {project.output}/.publicacion/manifiesto.json: el sitio no se ha construido. "
        "Ejecuta `make html` (o `make publish`, que construye primero)\n"
    )


def test_the_publish_command_loads_no_report_or_synthesis_code_until_one_runs() -> None:
    """`python -m publish run` starts every few minutes from cron: its parser declares `informe`,
    `agenda` and `sintesis` without importing their code (the content model, the charts, requests)."""
    code = (
        "import sys, publish.__main__ as m; m.parser()\n"
        "print(sorted(n for n in sys.modules if n.startswith(('publish.reports.', 'publish.synthesis.'))))"
    )
    env = {"PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['publish.reports.cli', 'publish.synthesis.cli']"
