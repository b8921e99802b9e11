"""The fault matrix: each network's real failures, what the ledger records for them, and that the
next run (resume) neither loses the post nor makes it twice.

Every case publishes one note to one network whose fake API meets the fault, checks the ledger
state, then publishes again with the fault gone and checks the final state and how many posts the
fake holds: 1 when the note went out (once, whatever happened in between), 0 when a person must
fix something first (then the ledger says what, in Spanish)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import responses
from apifake import ApiFake
from fake_bluesky import HANDLE, BlueskyFake
from fake_bluesky import PASSWORD as BLUESKY_PASSWORD
from fake_graph import FACEBOOK_TOKEN, IG_USER, INSTAGRAM_TOKEN, PAGE, GraphFake
from fake_mastodon import TOKEN as MASTODON_TOKEN
from fake_mastodon import MastodonFake
from fake_telegram import TOKEN as TELEGRAM_TOKEN
from fake_telegram import TelegramFake
from fake_x import CREDENTIALS, XFake
from faultcases import CASES, Case
from publishkit import Project, item_id
from socialkit import publish_in_process, rows_of, use_network

A = item_id(0)


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
