"""One bad delivery never blocks the others: an item that cannot be rendered for a channel (a line
break reaching an email header, an adapter that raises) fails on its own rows, with a Spanish reason
naming its content file, and every other item is announced on every channel."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from typing import Any

import pytest
from publishkit import (
    SOCIAL,
    Project,
    contact_address,
    copy_key,
    expected_keys,
    item_id,
)

from publish import __main__ as cli
from publish.channels import outbox, posts
from publish.ledger import Key

A, B, C = item_id(0), item_id(1), item_id(2)
CONTACTS = [contact_address(1), contact_address(2)]
POISON = "Hola\nBcc: intruso@example.com"
SOURCE_B = "content/boletines/2026/b01.md"
HEADER_REASON = (
    f"{SOURCE_B}: no se pudo preparar el correo (un campo de una sola línea (título, resumen, pie de "
    "foto, nombre o dirección) tiene un salto de línea o un carácter de control, y en un correo eso no "
    f"se permite). No salió nada: corrige la nota, vuelve a construir y envía lo que falló con "
    f"`make reintentar ID={B}`"
)


def set_title(project: Project, item: str, title: str) -> None:
    project.rewrite_manifest(lambda data: project.entry(data, item).update(titulo=title))


def test_a_line_break_in_a_title_fails_only_that_items_emails(project: Project) -> None:
    set_title(project, B, POISON)
    done = project.publish("run")
    assert done.returncode == 1, "a failed delivery is a failed run for cron and for people"
    assert done.stderr == ""
    assert "Traceback" not in done.stdout

    # the ordinary items went out on every channel, once
    copies = project.copies()
    for key in expected_keys(project, CONTACTS, items=[A, C]):
        assert copies[copy_key(key)] == 1, key
    # the poisoned one: posted where it could be (a post may carry a line break), no email at all
    for channel, account in SOCIAL.items():
        assert project.copies_of(Key(B, channel, account)) == 1
    rows = project.rows()
    for contact in CONTACTS:
        key = Key(B, "correo", contact)
        assert project.copies_of(key) == 0
        row = rows[key]
        assert (row.state, row.retryable, row.attempts, row.error) == ("failed", False, 0, HEADER_REASON)
    assert "  Notas anunciadas en esta corrida: 3\n" in done.stdout
    assert "  Enviados por canal: bluesky 3, correo 4, facebook 3, mastodon 3, x 3\n" in done.stdout
    assert (
        "  Fallidos sin reintento: 2 — corrige la causa y envía lo que falló con `make reintentar ID=…`\n"
        + "".join(f"    {B} correo {contact}: {HEADER_REASON}\n" for contact in CONTACTS)
    ) in done.stdout
    for path in project.outbox.rglob("*.eml"):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert message["Bcc"] is None, "a header was injected"

    # later runs do not die at the same item, do not resend it, and keep reminding
    again = project.publish("run")
    assert again.returncode == 0, again.stdout
    assert project.copies() == copies
    assert (
        f"  Siguen sin enviarse 2 envíos que fallaron antes sin reintento ({B}): corrige la causa y usa "
        "`make reintentar ID=…`; el detalle, con `make estado ID=…`\n"
    ) in again.stdout

    # the fix: a title on one line, then retry what failed; what went out is not sent again
    set_title(project, B, "Hola")
    fixed = project.publish("run", "--reintentar", B)
    assert fixed.returncode == 0, fixed.stdout
    assert "  Enviados por canal: correo 2\n" in fixed.stdout
    assert set(project.copies().values()) == {1} and len(project.copies()) == 18
    assert {r.state for r in project.rows().values()} == {"sent"}


class Boom(RuntimeError):
    pass


def test_a_channel_whose_render_raises_does_not_stop_the_others(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An adapter bug on one item (here: X's renderer) is that delivery's failure, not the run's."""
    real = posts.render_post

    def render_post(item: Any, channel: str, account: str, request: dict[str, Any]) -> bytes:
        if channel == "x" and item.id == B:
            raise Boom("el adaptador no sabe qué hacer con esta nota")
        return real(item, channel, account, request)

    monkeypatch.setattr(posts, "render_post", render_post)
    monkeypatch.chdir(project.root)
    status = cli.main(["--config", project.config.name, "run"])
    out, err = capsys.readouterr()
    assert (status, err) == (1, "")
    reason = (
        f"{SOURCE_B}: no se pudo preparar la publicación en x (Boom: el adaptador no sabe qué hacer con "
        f"esta nota). No salió nada: corrige la nota, vuelve a construir y envía lo que falló con "
        f"`make reintentar ID={B}`"
    )
    assert f"    {B} x {SOCIAL['x']}: {reason}\n" in out
    rows = project.rows()
    failed = {k for k, r in rows.items() if r.state != "sent"}
    assert failed == {Key(B, "x", SOCIAL["x"])}
    assert rows[Key(B, "x", SOCIAL["x"])].error == reason
    assert set(project.copies().values()) == {1} and len(project.copies()) == 17


def test_an_unforeseen_error_while_sending_is_unknown_not_resent(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A send that fails in a way nobody foresaw may have gone out: a person decides."""
    real = outbox.OutboxChannel.send

    def send(self: outbox.OutboxChannel, message: Any) -> Any:
        if message.item_id == A and self.name == "facebook":
            raise KeyError("id")  # e.g. a response without the field the adapter expected
        return real(self, message)

    monkeypatch.setattr(outbox.OutboxChannel, "send", send)
    monkeypatch.chdir(project.root)
    status = cli.main(["--config", project.config.name, "run"])
    out, _ = capsys.readouterr()
    assert status == 0
    key = Key(A, "facebook", SOCIAL["facebook"])
    row = project.rows()[key]
    assert row.state == "unknown"
    assert row.error == (
        "content/boletines/2026/b00.md: error inesperado al enviar la publicación en facebook "
        "(KeyError: 'id'); no se sabe si salió. Revisa en el canal y asiéntalo con "
        f"`make resolver ID={A} CANAL=facebook ENVIADO=URL` (o `NO_ENVIADO=1`)"
    )
    assert f"  ? {A} facebook {SOCIAL['facebook']}\n" in out
    assert len(project.copies()) == 17
    # the next run settles it by looking at the channel (the outbox can tell), not by a blind resend
    monkeypatch.undo()
    again = project.publish("run")
    assert again.returncode == 0
    assert f"  Resuelto al revisar el canal: {A} facebook {SOCIAL['facebook']} (no se había enviado: " in (
        again.stdout
    )
    assert project.rows()[key].state == "sent" and project.copies_of(key) == 1
