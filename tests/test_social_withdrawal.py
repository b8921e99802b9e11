"""A withdrawn note's posts: listed once for removal by hand by default; with
`--borrar-retiradas`, deleted where the network's API allows (X, Facebook, Telegram, Mastodon,
Bluesky: each fake checks the request its real API documents) and recorded in the ledger, the rest
(Instagram, whose API cannot delete) left listed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from apifake import Fault
from fake_bluesky import DID, HANDLE, BlueskyFake
from fake_graph import IG_USER, INSTAGRAM_TOKEN, PAGE, GraphFake, graph_error
from fake_mastodon import TOKEN as MASTODON_TOKEN
from fake_mastodon import MastodonFake
from fake_telegram import CHAT_ID, TelegramFake
from fake_telegram import TOKEN as TELEGRAM_TOKEN
from fake_x import XFake
from publishkit import Project, contacts_yaml, served
from socialkit import ACCOUNTS, QUICK, TYPES, publish_in_process, rows_of, use_network
from test_social_secrets import SECRETS

from publish.channels.graph import VERSION
from publish.ledger import Row
from sitekit import build_project, item, make_project

A, B = "2026-11-25-ret01", "2026-11-25-ret02"


def write(root: Path, withdrawn: bool) -> None:
    extra = (
        {"estado": "retirado", "motivo_retiro": "Se retiró por un error en las cifras."} if withdrawn else {}
    )
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(id=A, slug="nota-a", titulo="Nota que se retirará", **extra),
        "boletines/2026/b.md": item(id=B, slug="nota-b", titulo="Nota que se queda"),
    }
    build_project(make_project(root, files))


@dataclass(frozen=True)
class Network:
    """A network whose API can delete a post: the settings that point it at its fake, where the
    fake keeps a post's id, and the delete request the real API documents for a ledger's remote id."""

    name: str
    fake: Callable[[], Any]
    settings: Callable[[str], dict[str, Any]]  # from the fake's base URL
    key: str  # what names a post in the fake's `created` and `deleted`
    post: Callable[[str], str | int]  # the ledger's remote id → that name
    request: Callable[[str], tuple[str, str, dict[str, Any]]]  # remote id → method, path, fields

    def live(self, fake: Any) -> set[str | int]:
        """The posts the fake still shows."""
        return {c[self.key] for c in fake.created} - set(fake.deleted)


def message_id(remote_id: str) -> int:
    return int(remote_id.rpartition(":")[2])


def rkey(remote_id: str) -> str:
    return remote_id.rsplit("/", 1)[-1]


NETWORKS = [
    # docs.x.com: DELETE /2/tweets/:id, with the user's OAuth 1.0a signature
    Network(
        "x", XFake, lambda base: {"api": base}, "id", str, lambda rid: ("DELETE", f"/2/tweets/{rid}", {})
    ),
    # developers.facebook.com/docs/graph-api/reference/post: DELETE /{post-id}
    Network(
        "facebook",
        GraphFake,
        lambda base: {"pagina": PAGE, "api": base},
        "id",
        str,
        lambda rid: ("DELETE", f"/{VERSION}/{rid}", {}),
    ),
    # core.telegram.org/bots/api#deletemessage: chat_id and message_id
    Network(
        "telegram",
        TelegramFake,
        lambda base: {"chat": "@ptedomex", "api": base},
        "message_id",
        message_id,
        lambda rid: (
            "POST",
            f"/bot{TELEGRAM_TOKEN}/deleteMessage",
            {"chat_id": str(CHAT_ID), "message_id": message_id(rid)},
        ),
    ),
    # the com.atproto.repo.deleteRecord lexicon: repo, collection, rkey
    Network(
        "bluesky",
        BlueskyFake,
        lambda base: {"cuenta": HANDLE, "servidor": base},
        "rkey",
        rkey,
        lambda rid: (
            "POST",
            "/xrpc/com.atproto.repo.deleteRecord",
            {"repo": DID, "collection": "app.bsky.feed.post", "rkey": rkey(rid)},
        ),
    ),
]


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


@contextmanager
def published_on(network: Network, root: Path) -> Iterator[tuple[Project, Any, dict[str, Row]]]:
    """Notes A and B posted on one network's fake, then A withdrawn (built, not yet published):
    the project, the running fake, and each note's ledger row."""
    write(root, withdrawn=False)
    (root / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    with network.fake().running() as fake:
        project = Project(root)
        use_network(project, network.name, **network.settings(fake.base))
        with served(project):
            first = publish_in_process(project)
            assert first.sent == {network.name: 2}, first.failed
            posts = {key.item_id: row for key, row in rows_of(project, network.name).items()}
            write(root, withdrawn=True)
            yield project, fake, posts


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.name)
@pytest.mark.usefixtures("credentials")
def test_a_withdrawn_notes_post_is_deleted_only_on_request(network: Network, tmp_path: Path) -> None:
    with published_on(network, tmp_path) as (project, fake, posts):
        withdrawn, kept = posts[A], posts[B]
        assert network.live(fake) == {network.post(withdrawn.remote_id), network.post(kept.remote_id)}

        listed = project.publish("run")
        assert listed.returncode == 0, listed.stderr
        assert fake.count("delete") == 0 and len(network.live(fake)) == 2
        assert (
            "  Publicaciones de notas retiradas que hay que quitar a mano: 1 (o usa `make publish "
            "BORRAR_RETIRADAS=1` donde la red lo permite)\n"
            f"    {A} {network.name}: {withdrawn.remote_url} (no se pidió borrarlas)\n"
        ) in listed.stdout

        done = project.publish("run", "--borrar-retiradas")
        assert done.returncode == 0, done.stderr
        (call,) = [call for route, call in fake.calls if route == "delete"]
        assert (call.method, call.path, call.form) == network.request(withdrawn.remote_id)
        assert network.live(fake) == {network.post(kept.remote_id)}
        assert (
            "  Publicaciones de notas retiradas borradas en las redes: 1\n"
            f"    {A} {network.name}: {withdrawn.remote_url}\n"
        ) in done.stdout
        assert "quitar a mano" not in done.stdout

        again = publish_in_process(project, delete_withdrawn=True)
        assert again.withdrawals.deleted == [] and again.withdrawals.by_hand == []
        assert fake.count("delete") == 1 and len(fake.created) == 2  # nothing deleted or posted again

    rows = {key.item_id: row for key, row in rows_of(project, network.name).items()}
    assert rows[A].withdrawn_at and rows[A].withdrawal == "borrada en la red"
    assert rows[B].withdrawn_at is None and rows[B].withdrawal is None
    events = [(e[3], e[4]) for e in project.events() if e[0] == A and e[3].startswith("withdraw")]
    assert events == [
        ("withdrawal-listed", "quitar a mano: no se pidió borrarlas"),
        ("withdrawn", "borrada en la red"),
    ]


def test_withdrawn_posts_are_listed_then_deleted_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MASTODON_TOKEN", MASTODON_TOKEN)
    monkeypatch.setenv("INSTAGRAM_TOKEN", INSTAGRAM_TOKEN)
    write(tmp_path, withdrawn=False)
    (tmp_path / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    with MastodonFake().running() as mastodon, GraphFake().running() as graph:
        channels = {
            "mastodon": {
                "tipo": "mastodon",
                "cuenta": ACCOUNTS["mastodon"],
                "instancia": mastodon.base,
                **QUICK,
            },
            "instagram": {
                "tipo": "instagram",
                "cuenta": ACCOUNTS["instagram"],
                "usuario": IG_USER,
                "api": graph.base,
                **QUICK,
            },
        }
        project = Project(
            tmp_path, {"canales": channels, "por_tipo": {t: ["mastodon", "instagram"] for t in TYPES}}
        )
        with served(project):
            first = publish_in_process(project)
            assert first.sent == {"mastodon": 2, "instagram": 2}, first.failed
            toot = next(r for k, r in rows_of(project, "mastodon").items() if k.item_id == A)
            post = next(r for k, r in rows_of(project, "instagram").items() if k.item_id == A)

            write(tmp_path, withdrawn=True)
            listed = publish_in_process(project)
            by_hand = sorted((row.key.channel, why) for row, why in listed.withdrawals.by_hand)
            assert by_hand == [("instagram", "no se pidió borrarlas"), ("mastodon", "no se pidió borrarlas")]
            assert mastodon.deleted == [] and listed.withdrawals.deleted == []
            assert publish_in_process(project).withdrawals.by_hand == []  # listed once, not every run

            done = project.publish(
                "run",
                "--borrar-retiradas",
                env={"MASTODON_TOKEN": MASTODON_TOKEN, "INSTAGRAM_TOKEN": INSTAGRAM_TOKEN},
            )
            assert done.returncode == 0, done.stderr
            assert mastodon.deleted == [toot.remote_id]
            assert "  Publicaciones de notas retiradas borradas en las redes: 1\n" in done.stdout
            assert f"    {A} mastodon: {toot.remote_url}\n" in done.stdout
            assert (  # why it is left to a person changed: listed again, with no hint to ask for deletion
                "  Publicaciones de notas retiradas que hay que quitar a mano: 1\n"
                f"    {A} instagram: {post.remote_url} (la API de Instagram no permite borrarla)\n"
            ) in done.stdout
            again = publish_in_process(project, delete_withdrawn=True).withdrawals
            assert again.deleted == [] and again.by_hand == []

        rows = project.rows()
        deleted = next(r for k, r in rows.items() if k.item_id == A and k.channel == "mastodon")
        kept = next(r for k, r in rows.items() if k.item_id == A and k.channel == "instagram")
        assert deleted.withdrawn_at and deleted.withdrawal == "borrada en la red"
        assert (
            kept.withdrawn_at is None
            and kept.withdrawal == "quitar a mano: la API de Instagram no permite borrarla"
        )
        assert all(r.withdrawal is None for k, r in rows.items() if k.item_id == B)
        events = [(e[1], e[3], e[4]) for e in project.events() if e[0] == A and e[3].startswith("withdraw")]
        assert sorted(events) == [
            ("instagram", "withdrawal-listed", "quitar a mano: la API de Instagram no permite borrarla"),
            ("instagram", "withdrawal-listed", "quitar a mano: no se pidió borrarlas"),
            ("mastodon", "withdrawal-listed", "quitar a mano: no se pidió borrarlas"),
            ("mastodon", "withdrawn", "borrada en la red"),
        ]
        shown = project.publish(
            "estado", A, env={"MASTODON_TOKEN": MASTODON_TOKEN, "INSTAGRAM_TOKEN": INSTAGRAM_TOKEN}
        )
        assert "[nota retirada: borrada en la red]" in shown.stdout
        assert (
            f"{post.remote_url}  [nota retirada: quitar a mano: la API de Instagram no permite borrarla]"
            in shown.stdout
        )
        assert len(graph.created) == 2 and len(mastodon.created) == 2  # nothing was posted again


def test_a_ledger_from_before_withdrawals_is_migrated_keeping_every_row(tmp_path: Path) -> None:
    import sqlite3

    from publish.ledger import MIGRATIONS, Key, open_ledger

    path = tmp_path / "registro.sqlite3"
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")
    db.execute(
        "INSERT INTO deliveries (item_id, channel, recipient, state, reason, content_hash, remote_id, remote_url,"
        " created_at, updated_at) VALUES (?, 'mastodon', '@a', 'sent', 'nuevo', 'h', '7', 'https://m/7', 't', 't')",
        (A,),
    )
    db.commit()
    db.close()
    ledger = open_ledger(path, create=False)
    try:
        (row,) = ledger.rows()
        assert (row.state, row.remote_id, row.withdrawn_at, row.withdrawal) == ("sent", "7", None, None)
        assert ledger.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 4
        ledger.withdrawn(Key(A, "mastodon", "@a"), True, "borrada en la red")
        assert ledger.rows()[0].withdrawn_at is not None
    finally:
        ledger.close()


@pytest.mark.usefixtures("credentials")
def test_a_failed_deletion_is_listed_and_tried_again_without_stopping_the_others(tmp_path: Path) -> None:
    """Graph's transient error (code 2, after this run's retries): listed with the network's answer,
    nothing recorded, so the next run asked to delete tries again. Mastodon's 404 for a status a
    person already deleted: recorded as gone, said once, never asked again. The posts before and
    after them in the run are deleted."""
    write(tmp_path, withdrawn=False)
    (tmp_path / "contactos.yml").write_text(contacts_yaml(1), encoding="utf-8")
    with ExitStack() as stack:
        fakes: dict[str, Any] = {n.name: stack.enter_context(n.fake().running()) for n in NETWORKS}
        fakes["mastodon"] = stack.enter_context(MastodonFake().running())
        channels = {n.name: {"tipo": n.name, **n.settings(fakes[n.name].base)} for n in NETWORKS}
        channels["mastodon"] = {"tipo": "mastodon", "instancia": fakes["mastodon"].base}
        for name, channel in channels.items():
            channel.update({"cuenta": ACCOUNTS[name], **QUICK})
        project = Project(tmp_path, {"canales": channels, "por_tipo": {t: list(channels) for t in TYPES}})
        with served(project):
            assert publish_in_process(project).sent == dict.fromkeys(channels, 2)
            posts = {k.channel: r for k, r in project.rows().items() if k.item_id == A}
            write(tmp_path, withdrawn=True)
            transient = graph_error(2, "An unexpected error has occurred. Please retry your request later.")
            fakes["facebook"].fail("delete", Fault(500, transient), Fault(500, transient))
            fakes["mastodon"].deleted.append(posts["mastodon"].remote_id)  # by hand, on the web

            first = publish_in_process(project, delete_withdrawn=True)
            assert sorted(r.key.channel for r in first.withdrawals.deleted) == ["bluesky", "telegram", "x"]
            assert [r.key.channel for r in first.withdrawals.gone] == ["mastodon"]
            assert {r.key.channel: why for r, why in first.withdrawals.by_hand} == {
                "facebook": "Facebook no está disponible por ahora (código 2: An unexpected error has "
                "occurred. Please retry your request later.); se reintentará",
            }
            assert (
                "  Publicaciones de notas retiradas que ya no estaban en la red (alguien las quitó a mano): 1"
                in first.withdrawals.lines()
            )
            assert fakes["facebook"].count("delete") == 2  # retried within the run, as QUICK allows
            rows = {k.channel: r for k, r in project.rows().items() if k.item_id == A}
            assert sorted(c for c, r in rows.items() if r.withdrawn_at) == [
                "bluesky",
                "mastodon",
                "telegram",
                "x",
            ]
            assert rows["mastodon"].withdrawal == "ya no estaba en la red (alguien la quitó a mano)"
            assert rows["facebook"].withdrawal is None

            second = publish_in_process(project, delete_withdrawn=True)
            assert [r.key.channel for r in second.withdrawals.deleted] == ["facebook"]
            assert second.withdrawals.by_hand == [] and second.withdrawals.gone == []
            for name in ("x", "telegram", "bluesky", "mastodon"):
                assert fakes[name].count("delete") == 1, name


TELEGRAM = next(n for n in NETWORKS if n.name == "telegram")
REFUSED = "la red no la dejó borrar (muy antigua o ajena)"
REMOVED = "Forbidden: bot is not a member of the channel chat"


@pytest.mark.parametrize(
    ("status", "description", "why", "recorded"),
    [  # core.telegram.org/bots/api#deletemessage: a message older than 48 hours cannot be deleted
        (400, "Bad Request: message can't be deleted", REFUSED, f"quitar a mano: {REFUSED}"),
        (
            403,
            REMOVED,
            f"Telegram rechazó la publicación ({REMOVED}): agrega el bot como administrador del canal con "
            "permiso para publicar mensajes",
            None,
        ),
    ],
    ids=["too-old", "bot-removed"],
)
@pytest.mark.usefixtures("credentials")
def test_telegram_refusing_a_deletion_is_listed_once_unless_it_can_be_fixed(
    status: int, description: str, why: str, recorded: str | None, tmp_path: Path
) -> None:
    """A message Telegram will never delete is recorded for removal by hand and not asked again; a
    refusal a person can fix (the bot taken out of the channel) is listed with what to do, not
    recorded, and asked again by the next run that deletes."""
    with published_on(TELEGRAM, tmp_path) as (project, fake, _):
        fake.fail("delete", Fault(status, {"ok": False, "error_code": status, "description": description}))
        first = publish_in_process(project, delete_withdrawn=True).withdrawals
        assert [(r.key.item_id, reason) for r, reason in first.by_hand] == [(A, why)] and first.deleted == []
        (row,) = [r for k, r in rows_of(project, "telegram").items() if k.item_id == A]
        assert row.withdrawal == recorded

        second = publish_in_process(project, delete_withdrawn=True).withdrawals
        if recorded:  # settled: not asked again, not listed again
            assert second.deleted == second.by_hand == [] and fake.count("delete") == 1
        else:
            assert [r.key.item_id for r in second.deleted] == [A] and fake.count("delete") == 2


@pytest.mark.usefixtures("credentials")
def test_a_telegram_message_someone_already_deleted_is_recorded_as_gone(tmp_path: Path) -> None:
    """deleteMessage's "message to delete not found" for our own message: it is not on the channel any
    more. Recorded as gone and said once; the next run asks nothing."""
    with published_on(TELEGRAM, tmp_path) as (project, fake, posts):
        fake.deleted.append(int(posts[A].remote_id.rpartition(":")[2]))  # by hand, in the app
        first = publish_in_process(project, delete_withdrawn=True).withdrawals
        assert [r.key.item_id for r in first.gone] == [A] and first.deleted == first.by_hand == []
        (row,) = [r for k, r in rows_of(project, "telegram").items() if k.item_id == A]
        assert row.withdrawal == "ya no estaba en la red (alguien la quitó a mano)" and row.withdrawn_at

        second = publish_in_process(project, delete_withdrawn=True).withdrawals
        assert second.deleted == second.gone == second.by_hand == [] and fake.count("delete") == 1
