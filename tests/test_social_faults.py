"""The fault matrix: each network's real failures, what the ledger records for them, and that the
next run (resume) neither loses the post nor makes it twice.

Every case publishes one note to one network whose fake API meets the fault, checks the ledger
state, then publishes again with the fault gone and checks the final state and how many posts the
fake holds: 1 when the note went out (once, whatever happened in between), 0 when a person must
fix something first (then the ledger says what, in Spanish)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import responses
from apifake import ApiFake, Fault
from fake_bluesky import HANDLE, BlueskyFake
from fake_bluesky import PASSWORD as BLUESKY_PASSWORD
from fake_graph import FACEBOOK_TOKEN, IG_USER, INSTAGRAM_TOKEN, PAGE, GraphFake, graph_error
from fake_mastodon import TOKEN as MASTODON_TOKEN
from fake_mastodon import MastodonFake
from fake_telegram import TOKEN as TELEGRAM_TOKEN
from fake_telegram import TelegramFake
from fake_x import CREDENTIALS, DUPLICATE, XFake, problem
from publishkit import Project, item_id
from socialkit import publish_in_process, rows_of, use_network

A = item_id(0)
HANG = 1.6  # longer than the channels' 1 s timeout in these tests


@dataclass(frozen=True)
class Case:
    network: str
    route: str
    faults: tuple[Fault, ...]
    first: str  # ledger state after the run that meets the fault
    final: str  # after the run that resumes
    posts: int  # posts the fake holds at the end
    says: str = ""  # part of the ledger's message after the first run
    setup: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.network}-{self.route}-{self.says or self.first}"


def later(seconds: float) -> str:
    return str(int(time.time() + seconds))


CASES = [
    # -- X --
    Case(
        "x",
        "post",
        (
            Fault(
                429,
                problem(429, "Too Many Requests", "Too Many Requests"),
                {"x-rate-limit-reset": later(3600)},
            ),
        ),
        "failed",
        "sent",
        1,
        "limitó los envíos (429): pide esperar",
    ),
    Case(
        "x",
        "post",
        (
            Fault(
                429, problem(429, "Too Many Requests", "Too Many Requests"), {"x-rate-limit-reset": later(0)}
            ),
        ),
        "sent",
        "sent",
        1,
    ),
    Case(
        "x",
        "post",
        (Fault(403, DUPLICATE, after=True),),
        "unknown",
        "sent",
        1,
        "ya existe una publicación idéntica",
    ),
    Case(
        "x",
        "post",
        (Fault(403, DUPLICATE, after=True),),
        "unknown",
        "unknown",
        1,
        "ya existe",
        {"timeline": False},
    ),
    Case(
        "x",
        "post",
        (Fault(503, problem(503, "Service Unavailable", "Service Unavailable")),),
        "unknown",
        "sent",
        1,
        "respondió 503 al publicar",
    ),
    Case("x", "post", (Fault(hang=HANG, after=True),), "unknown", "sent", 1, "después de enviar"),
    Case("x", "post", (Fault(reset=True),), "unknown", "sent", 1, "Connection reset by peer"),
    Case(
        "x",
        "post",
        (Fault(401, problem(401, "Unauthorized", "Unauthorized")),),
        "failed",
        "failed",
        0,
        "las credenciales de X no son válidas",
    ),
    # -- Telegram --
    Case(
        "telegram",
        "post",
        (
            Fault(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 30",
                    "parameters": {"retry_after": 30},
                },
            ),
        ),
        "failed",
        "sent",
        1,
        "pide esperar 30 s",
    ),
    Case(
        "telegram",
        "post",
        (
            Fault(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 0",
                    "parameters": {"retry_after": 0},
                },
            ),
        ),
        "sent",
        "sent",
        1,
    ),
    Case("telegram", "post", (Fault(hang=HANG, after=True),), "unknown", "unknown", 1, "después de enviar"),
    Case("telegram", "post", (Fault(reset=True, after=True),), "unknown", "unknown", 1, "pudo haber salido"),
    Case(
        "telegram",
        "post",
        (Fault(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}),),
        "unknown",
        "unknown",
        0,
        "respondió 502 al publicar",
    ),
    Case(
        "telegram",
        "post",
        (Fault(401, {"ok": False, "error_code": 401, "description": "Unauthorized"}),),
        "failed",
        "failed",
        0,
        "pide uno nuevo a @BotFather",
    ),
    Case("telegram", "post", (), "failed", "sent", 1, "no se pudo conectar con Telegram", {"refused": True}),
    Case(
        "telegram",
        "post",
        (Fault(200, {"ok": True, "result": "?"}),),
        "unknown",
        "unknown",
        0,
        "respuesta inesperada",
    ),
    # -- Facebook --
    Case(
        "facebook",
        "post",
        (
            Fault(
                500,
                graph_error(
                    2,
                    "An unexpected error has occurred. Please retry your request later.",
                    kind="OAuthException",
                ),
            ),
        ),
        "unknown",
        "sent",
        1,
        "código 2",
    ),
    Case(
        "facebook",
        "post",
        (Fault(403, graph_error(4, "(#4) Application request limit reached")),) * 2,
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    Case(
        "facebook",
        "post",
        (Fault(400, graph_error(190, "Error validating access token: Session has expired", 463)),),
        "failed",
        "failed",
        0,
        "el token de la página de Facebook venció",
    ),
    Case(
        "facebook",
        "post",
        (
            Fault(
                400,
                graph_error(368, "It looks like you were misusing this feature by going too fast.", 1390008),
            ),
        ),
        "failed",
        "failed",
        0,
        "bloqueó por un tiempo",
    ),
    Case(
        "facebook",
        "post",
        (Fault(400, graph_error(506, "(#506) Duplicate status message"), after=True),),
        "unknown",
        "sent",
        1,
        "ya existe",
    ),
    Case("facebook", "post", (Fault(hang=HANG, after=True),), "unknown", "sent", 1, "después de enviar"),
    # -- Instagram --
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(9007, "Media ID is not available", 2207027, "OAuthException")),),
        "sent",
        "sent",
        1,
    ),
    Case(
        "instagram",
        "container",
        (Fault(400, graph_error(4, "Application request limit reached")),) * 2,
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    Case(
        "instagram",
        "container",
        (Fault(400, graph_error(190, "Error validating access token", 463)),),
        "failed",
        "failed",
        0,
        "el token de Instagram venció",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(368, "The action attempted has been deemed abusive", 2207051)),),
        "failed",
        "failed",
        0,
        "bloqueó por un tiempo",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(500, graph_error(2, "Service temporarily unavailable"), after=True),),
        "unknown",
        "sent",
        1,
        "código 2",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(506, "Duplicate post"), after=True),),
        "unknown",
        "sent",
        1,
        "ya existe",
    ),
    # -- Mastodon --
    Case(
        "mastodon",
        "post",
        (Fault(422, {"error": "Validation failed: Text character limit of 500 exceeded"}),),
        "failed",
        "failed",
        0,
        "Text character limit",
    ),
    Case(
        "mastodon", "post", (Fault(504, None, after=True),), "unknown", "sent", 1, "respondió 504 al publicar"
    ),
    Case("mastodon", "post", (Fault(504, None),), "unknown", "sent", 1, "respondió 504 al publicar"),
    Case(
        "mastodon",
        "post",
        (Fault(429, {"error": "Too many requests"}, {"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"}),),
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    # -- Bluesky --
    Case(
        "bluesky",
        "post",
        (Fault(500, {"error": "InternalServerError", "message": "Internal Server Error"}, after=True),),
        "unknown",
        "sent",
        1,
        "respondió 500 al publicar",
    ),
    Case(
        "bluesky",
        "post",
        (Fault(500, {"error": "InternalServerError", "message": "Internal Server Error"}),),
        "unknown",
        "sent",
        1,
        "respondió 500 al publicar",
    ),
    Case("bluesky", "post", (Fault(reset=True, after=True),), "unknown", "sent", 1, "pudo haber salido"),
    Case("bluesky", "post", (), "sent", "sent", 1, "", {"expired": True}),
    Case(
        "bluesky",
        "login",
        (Fault(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}),),
        "failed",
        "failed",
        0,
        "contraseña de aplicación de Bluesky",
    ),
]


@contextmanager
def fake_for(case: Case, project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[ApiFake]:
    network = case.network
    if network == "x":
        for name, value in CREDENTIALS.items():
            monkeypatch.setenv(name, value)
        fake = XFake(timeline_allowed=case.setup.get("timeline", True))
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            fake.intercept(mock)
            use_network(project, "x")
            yield fake
        return
    fakes: dict[str, tuple[ApiFake, dict[str, str], dict[str, Any]]] = {
        "telegram": (TelegramFake(), {"TELEGRAM_TOKEN": TELEGRAM_TOKEN}, {"chat": "@ptedomex"}),
        "facebook": (GraphFake(), {"FACEBOOK_TOKEN": FACEBOOK_TOKEN}, {"pagina": PAGE}),
        "instagram": (GraphFake(), {"INSTAGRAM_TOKEN": INSTAGRAM_TOKEN}, {"usuario": IG_USER}),
        "mastodon": (MastodonFake(), {"MASTODON_TOKEN": MASTODON_TOKEN}, {}),
        "bluesky": (BlueskyFake(), {"BLUESKY_CLAVE": BLUESKY_PASSWORD}, {"cuenta": HANDLE}),
    }
    fake, variables, settings = fakes[network]
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    key = {"mastodon": "instancia", "bluesky": "servidor"}.get(network, "api")
    with fake.running():
        use_network(project, network, **settings, **{key: fake.base})
        yield fake


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_fault(case: Case, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_for(case, project, monkeypatch) as fake:
        fake.fail(case.route, *case.faults)
        if case.setup.get("expired"):
            publish_in_process(project, only=frozenset({item_id(1)}))  # a session is opened…
            assert isinstance(fake, BlueskyFake)
            fake.expire_after = len(fake.created)  # …and expires before this note is posted
            fake.expire()
            fake.created.clear()
        if case.setup.get("refused"):  # nothing listens where the API should be
            real = project.base["canales"][case.network]["api"]
            use_network(project, case.network, chat="@ptedomex", api="http://127.0.0.1:9")
        publish_in_process(project, only=frozenset({A}))
        (row,) = [r for k, r in rows_of(project, case.network).items() if k.item_id == A]
        assert row.state == case.first, row
        assert case.says in (row.error or ""), row.error
        if case.setup.get("refused"):
            use_network(project, case.network, chat="@ptedomex", api=real)

        fake.faults.clear()
        publish_in_process(project, only=frozenset({A}))
        (row,) = [r for k, r in rows_of(project, case.network).items() if k.item_id == A]
        assert row.state == case.final, row
        assert len(fake.created) == case.posts, fake.created
        if case.final == "sent":
            assert row.remote_id and row.remote_url
        if case.final == "failed":
            assert not row.retryable
        # and a third run changes nothing: no post is ever made twice
        publish_in_process(project, only=frozenset({A}))
        assert len(fake.created) == case.posts


def test_the_matrix_covers_what_the_issue_asks() -> None:
    assert len(CASES) >= 24
    facebook = {f.body["error"]["code"] for c in CASES if c.network == "facebook" for f in c.faults if f.body}
    instagram = {
        f.body["error"]["code"] for c in CASES if c.network == "instagram" for f in c.faults if f.body
    }
    assert {2, 4, 190, 368, 9007, 506} <= facebook | instagram
    assert {2, 4, 190, 368, 506} <= facebook and {2, 4, 190, 368, 9007, 506} <= instagram
