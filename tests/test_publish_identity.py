"""The identity guard: before deploying, a new build is compared with what was already made public.
An edited id, a withdrawn or deleted note's id used again, a published address that moved without a
redirect: each stops the publication (nothing deployed, nothing sent) with the file, line and fix.
Builds are simulated by rewriting the manifest, except where a real rebuild is the point."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from publishkit import (
    SOCIAL,
    Project,
    contact_address,
    contacts_yaml,
    item_id,
    tree,
)

from sitekit import build_project, item, make_project

A, B, C = item_id(0), item_id(1), item_id(2)
NEW_ID = "2026-11-25-zzzzz"
ADDRESS_B = "/boletines/2026/11/nota-1/"
NOTHING_SENT = "  Enviados: ninguno (no había nada nuevo que anunciar)\n"
HEADER = "Error: no se desplegó ni se anunció nada: {} cambio(s) que no se permiten después de publicar.\n"


def source(item: str) -> str:
    return f"content/boletines/2026/b{int(item[-2:]):02d}.md"


def with_sources(project: Project, built: Path) -> Project:
    """The content files beside the build, so messages can give the line of each key."""
    shutil.copytree(built.parent / "content", project.root / "content", dirs_exist_ok=True)
    return project


def published(project: Project, built: Path) -> tuple[dict[str, bytes | str], Path]:
    with_sources(project, built)
    assert project.publish("run").returncode == 0
    return tree(project.outbox), project.live_release()


def assert_refused(project: Project, sent: dict[str, bytes | str], release: Path, *problems: str) -> None:
    expected = HEADER.format(len(problems)) + "".join(p + "\n" for p in problems)
    for command in (["run"], ["plan"], ["run", "--dry-run"]):
        done = project.publish(*command)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", expected), command
    assert tree(project.outbox) == sent, "nothing was sent"
    assert project.live_release() == release, "nothing was deployed"


def moved_message(moved: str) -> str:
    return (
        f"{source(B)}:4: esta nota ya se publicó en {ADDRESS_B} y ahora estaría en {moved}; los enlaces que "
        "ya se compartieron en redes y por correo dejarían de funcionar. Agrega la dirección anterior al "
        f"encabezado, `direcciones_anteriores: [{ADDRESS_B}]`, para que lleve a la nueva, o vuelve a poner "
        "`slug: nota-1`"
    )


def edit(project: Project, item: str, **changes: Any) -> None:
    project.rewrite_manifest(lambda data: project.entry(data, item).update(changes))


def withdraw(data: dict[str, Any], item: str, motivo: str) -> None:
    entry = next(e for e in data["elementos"] if e["id"] == item)
    data["elementos"].remove(entry)
    keep = ("id", "url", "ruta", "titulo", "tipo", "fuente")
    data["retirados"].append({**{k: entry[k] for k in keep}, "motivo": motivo, "fecha": entry["fecha"]})


def rewrite(project: Project, change: Callable[[dict[str, Any]], None]) -> None:
    project.rewrite_manifest(change)


def test_an_id_edited_after_publication_stops_the_publish(project: Project, built: Path) -> None:
    sent, release = published(project, built)
    edit(project, B, id=NEW_ID)
    assert_refused(
        project,
        sent,
        release,
        f"{source(B)}:2: la dirección {ADDRESS_B} ya se publicó con `id: {B}` y esta nota dice "
        f"`id: {NEW_ID}`. El id no se cambia después de publicar (identifica la nota en los feeds y en el "
        f"registro de envíos): vuelve a poner `id: {B}`. Si de verdad es otra nota, dale otro `slug:` para "
        "que tenga su propia dirección",
    )
    edit(project, NEW_ID, id=B)  # the fix
    done = project.publish("run")
    assert done.returncode == 0 and done.stdout.endswith(NOTHING_SENT)
    assert tree(project.outbox) == sent


def test_an_id_edited_in_the_content_and_rebuilt_is_caught(tmp_path: Path) -> None:
    """The same with a real rebuild of the edited file."""
    files: dict[str, str | bytes] = {"boletines/2026/b00.md": item(id=A, slug="nota-0", titulo="Nota")}
    conf = make_project(tmp_path, files)
    build_project(conf)
    project = Project(tmp_path)
    (tmp_path / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    project.configure()
    assert project.publish("run").returncode == 0
    sent, release = tree(project.outbox), project.live_release()
    page = tmp_path / "content/boletines/2026/b00.md"
    page.write_text(page.read_text(encoding="utf-8").replace(f"id: {A}", f"id: {NEW_ID}"), encoding="utf-8")
    build_project(conf)
    assert_refused(
        project,
        sent,
        release,
        f"{source(A)}:2: la dirección /boletines/2026/11/nota-0/ ya se publicó con `id: {A}` y esta nota "
        f"dice `id: {NEW_ID}`. El id no se cambia después de publicar (identifica la nota en los feeds y "
        f"en el registro de envíos): vuelve a poner `id: {A}`. Si de verdad es otra nota, dale otro "
        "`slug:` para que tenga su propia dirección",
    )


def test_a_moved_address_needs_the_old_one_among_the_earlier_addresses(project: Project, built: Path) -> None:
    sent, release = published(project, built)
    moved = "/boletines/2026/11/nota-uno/"
    edit(project, B, ruta=moved, url=f"https://ptedomex.example.org{moved}")
    assert_refused(
        project,
        sent,
        release,
        moved_message(moved),
    )
    # the fix: the old address redirects to the new one
    edit(project, B, anteriores=[ADDRESS_B])
    done = project.publish("run")
    assert done.returncode == 0 and done.stdout.endswith(NOTHING_SENT), done.stdout + done.stderr
    assert tree(project.outbox) == sent, "a moved note is not announced again"
    # and an earlier address, once published, is never dropped silently
    release = project.live_release()
    edit(project, B, anteriores=[])
    assert_refused(
        project,
        sent,
        release,
        moved_message(moved),
    )


def test_a_new_note_cannot_take_a_published_address(project: Project, built: Path) -> None:
    sent, release = published(project, built)
    # C moves to a new address with a redirect, and B takes C's old address
    address_c = "/boletines/2026/11/nota-2/"
    edit(project, C, ruta="/boletines/2026/11/nota-tres/", anteriores=[address_c])
    edit(project, B, ruta=address_c, anteriores=[ADDRESS_B])
    assert_refused(
        project,
        sent,
        release,
        f"{source(B)}:4: la dirección {address_c} ya es de otra nota publicada, {C} ({source(C)}); una "
        "dirección publicada no se reutiliza: cambia el `slug:` de esta nota",
    )


def test_a_withdrawn_notes_id_cannot_be_reused(project: Project, built: Path) -> None:
    sent, _ = published(project, built)
    rewrite(project, lambda data: withdraw(data, B, "Datos equivocados"))
    done = project.publish("run")
    assert done.returncode == 0, done.stderr

    # a later build: B's file is gone, and a different note was written with B's id
    def reuse(data: dict[str, Any]) -> None:
        data["retirados"] = []
        entry = project.entry(data, A)
        clone = {**entry, "id": B, "titulo": "Otra nota", "ruta": "/boletines/2026/11/otra-nota/"}
        clone["fuente"] = "content/boletines/2026/otra.md"
        data["elementos"].append(clone)

    rewrite(project, reuse)
    release = project.live_release()
    assert_refused(
        project,
        tree(project.outbox),
        release,
        f"content/boletines/2026/otra.md: el id {B} ya lo usó otra nota, «Nota número 1» ({source(B)}), "
        f"publicada en {ADDRESS_B} y después retirada. Cada nota necesita su propio id: cámbialo por uno "
        "que no se haya usado (`make nuevo` genera uno). Si es la misma nota que vuelve, conserva su "
        f"dirección: vuelve a poner `slug: nota-1` o agrega {ADDRESS_B} a `direcciones_anteriores:`",
    )
    assert len(sent) == 18


def test_a_deleted_notes_id_cannot_be_reused_even_much_later(project: Project, built: Path) -> None:
    published(project, built)
    rewrite(project, lambda data: data.update(elementos=[e for e in data["elementos"] if e["id"] != B]))
    assert project.publish("run").returncode == 0
    (project.output / "otra-version.txt").write_text("otro despliegue\n", encoding="utf-8")
    assert project.publish("run").returncode == 0  # a deploy in between that does not carry B

    project.rebuild_from(built)
    edit(project, B, ruta="/boletines/2026/11/otra-nota/", titulo="Otra nota")
    done = project.publish("run")
    assert done.returncode == 1
    assert done.stderr == HEADER.format(1) + (
        f"{source(B)}:2: el id {B} ya lo usó otra nota, «Nota número 1» ({source(B)}), publicada en "
        f"{ADDRESS_B} y después borrada del sitio. Cada nota necesita su propio id: cámbialo por uno que no "
        "se haya usado (`make nuevo` genera uno). Si es la misma nota que vuelve, conserva su dirección: "
        f"vuelve a poner `slug: nota-1` o agrega {ADDRESS_B} a `direcciones_anteriores:`\n"
    )


def test_a_deleted_note_restored_at_its_address_is_welcome(project: Project, built: Path) -> None:
    sent, _ = published(project, built)
    rewrite(project, lambda data: data.update(elementos=[e for e in data["elementos"] if e["id"] != B]))
    assert project.publish("run").returncode == 0
    project.rebuild_from(built)
    done = project.publish("run")
    assert done.returncode == 0 and done.stdout.endswith(NOTHING_SENT)
    assert tree(project.outbox) == sent, "a note that comes back is not announced again"


def test_the_summary_lists_where_a_withdrawn_note_had_been_announced(project: Project, built: Path) -> None:
    """With the default outbox channels: each post listed once, with its address, to remove by hand;
    emails (contacts are personal data, and an email cannot be recalled) are not listed."""
    published(project, built)
    rows = {k: r for k, r in project.rows().items() if k.item_id == B}
    rewrite(project, lambda data: withdraw(data, B, "Datos equivocados"))
    done = project.publish("run")
    assert done.returncode == 0
    posts = [
        f"    {B} {channel}: {rows[next(k for k in rows if k.channel == channel)].remote_url} "
        "(no se pidió borrarlas)\n"
        for channel in sorted(SOCIAL)
    ]
    assert (
        "  Publicaciones de notas retiradas que hay que quitar a mano: 4 (o usa `make publish "
        "BORRAR_RETIRADAS=1` donde la red lo permite)\n" + "".join(posts)
    ) in done.stdout + "\n"
    assert all(line.split(": ", 1)[1].startswith("file://") for line in posts)
    for address in (contact_address(1), contact_address(2)):
        assert address not in done.stdout, "contacts are never listed"
    again = project.publish("run")
    assert "retiradas" not in again.stdout, "listed once, when it is withdrawn, not on every later run"
