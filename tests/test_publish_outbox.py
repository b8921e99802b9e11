"""The outbox cleans up after writes cut short: hidden temporary files older than the current run are
removed by its first send, safely (its own pattern, regular files only); nothing else is touched."""

from __future__ import annotations

import os
import time

from publishkit import KILLED, SOCIAL, Project, item_id, tree

from publish.ledger import Key

A = item_id(0)


def test_a_write_cut_short_is_cleaned_and_the_message_sent_once(project: Project) -> None:
    x = Key(A, "x", SOCIAL["x"])
    killed = project.publish("run", env={"PUBLISH_CRASH_AT": "bandeja-a-medias:1"})
    assert killed.returncode == KILLED
    left = [p.name for p in (project.outbox / "x").iterdir()]
    assert len(left) == 1 and left[0].startswith(f".{A}__") and left[0].endswith(".json.tmp"), left

    done = project.publish("run")
    assert done.returncode == 0, done.stdout
    assert f"  Resuelto al revisar el canal: {A} x {SOCIAL['x']} (no se había enviado: se envía ahora)\n" in (
        done.stdout
    )
    copies = project.copies()  # fails on any hidden file left behind
    assert copies and set(copies.values()) == {1}
    assert project.copies_of(x) == 1


def test_only_stale_temporary_files_of_the_outbox_are_removed(project: Project) -> None:
    folder = project.outbox / "x"
    folder.mkdir(parents=True)
    hour_ago = time.time() - 3600
    stale = folder / f".{A}__@PTEdomex__20261125T000000-000000001-1.json.tmp"
    stale_email = project.outbox / "correo"
    stale_email.mkdir()
    stale_mail = stale_email / f".{A}__enlace001@example.org__20261125T000000-000000002-1.eml.tmp"
    future = folder / f".{A}__@PTEdomex__20991231T000000-000000003-1.json.tmp"  # not older than the run
    notes = folder / ".notas-del-editor.tmp"  # not the outbox's pattern
    target = project.root / "fuera.txt"
    target.write_text("fuera de la bandeja\n", encoding="utf-8")
    link = folder / f".{A}__@PTEdomex__20261125T000000-000000004-1.json.tmp.lnk"
    for path in (stale, stale_mail, future, notes):
        path.write_text("a medias", encoding="utf-8")
    link.symlink_to(target)
    symlinked = folder / f".{A}__@PTEdomex__20261125T000000-000000005-1.json.tmp"
    symlinked.symlink_to(target)
    for path in (stale, stale_mail, notes, symlinked):
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)
    os.utime(future, (time.time() + 3600, time.time() + 3600))

    before = tree(project.root)
    assert project.publish("plan").returncode == 0
    assert tree(project.root) == before, "a plan changes nothing, stale files included"

    done = project.publish("run")
    assert done.returncode == 0, done.stdout
    assert not stale.exists() and not stale_mail.exists()
    assert future.exists() and notes.exists(), "only stale files of the outbox's own pattern go"
    assert symlinked.is_symlink() and link.is_symlink(), "a symlink is never followed nor removed"
    assert target.read_text(encoding="utf-8") == "fuera de la bandeja\n"
