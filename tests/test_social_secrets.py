"""No credential reaches a log line, a message, the ledger or the outbox, with every logger at DEBUG
(tweepy logs its requests, oauthlib its signature parameters, urllib3 each URL — Telegram's carries
the bot token — httpx each request), through successes and failures on all six networks."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from apifake import Fault
from fake_bluesky import PASSWORD as BLUESKY_PASSWORD
from fake_bluesky import BlueskyFake
from fake_graph import FACEBOOK_TOKEN, INSTAGRAM_TOKEN
from fake_mastodon import TOKEN as MASTODON_TOKEN
from fake_telegram import TOKEN as TELEGRAM_TOKEN
from fake_x import CREDENTIALS
from publishkit import Project, files_containing
from socialkit import publish_in_process, six_networks

from publish.summary import report

SECRETS = {
    **CREDENTIALS,
    "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
    "FACEBOOK_TOKEN": FACEBOOK_TOKEN,
    "INSTAGRAM_TOKEN": INSTAGRAM_TOKEN,
    "MASTODON_TOKEN": MASTODON_TOKEN,
    "BLUESKY_CLAVE": BLUESKY_PASSWORD,
}


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """Every logger, the libraries' included, at DEBUG into one buffer (exceptions formatted too)."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    saved = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    named = ["tweepy", "oauthlib", "requests_oauthlib", "urllib3", "httpx", "httpcore", "mastodon", "atproto"]
    for name in named:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(saved)


def test_no_token_in_any_log_line_message_or_ledger(
    project: Project, monkeypatch: pytest.MonkeyPatch, debug_log: io.StringIO
) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    with six_networks(project) as fakes:
        x, telegram, graph, mastodon, bluesky = (
            fakes.x,
            fakes.telegram,
            fakes.graph,
            fakes.mastodon,
            fakes.bluesky,
        )
        # failures whose texts could carry a credential: refused tokens, dropped connections, timeouts
        telegram.fail("post", Fault(401, {"ok": False, "error_code": 401, "description": "Unauthorized"}))
        telegram.fail("post", Fault(reset=True))
        x.fail(
            "post",
            Fault(
                401, {"title": "Unauthorized", "detail": "Unauthorized", "type": "about:blank", "status": 401}
            ),
        )
        graph.fail("post", Fault(hang=1.6, after=True))
        mastodon.fail("post", Fault(504, None, after=True))
        bluesky.expire_after = 1
        outcome = publish_in_process(project)
        summary = report(outcome)
        again = publish_in_process(project)  # settles unknowns by asking the networks
        summary += report(again)
        # and a probe of each, as `make probar` runs it, in this process
        from publish.channels import registry
        from publish.config import load

        config = load(project.config, root=project.root)
        probes = [registry.build(c, config).probe() for c in config.channels.values() if c.kind != "bandeja"]  # type: ignore[attr-defined]

    assert sum(outcome.sent.values()) >= 10, outcome.failed  # most went out: the runs did real work
    logged = debug_log.getvalue()
    assert "Making API request" in logged and "HTTP Request" in logged  # tweepy and httpx did log
    assert (
        "/bot***/sendMessage" in logged or "/bot***/sendPhoto" in logged
    )  # urllib3 logged the URL, redacted
    everything = logged + summary + "\n".join(probes)
    for name, value in SECRETS.items():
        assert value not in everything, name
        assert files_containing(project.root, value.encode()) == [], name
    for token in session_tokens(bluesky):
        assert token not in everything and files_containing(project.root, token.encode()) == []


def session_tokens(fake: BlueskyFake) -> list[str]:
    return [*fake.refresh] + [
        c.headers.get("authorization", "")[7:] for _, c in fake.calls if c.headers.get("authorization")
    ]


def test_files_containing_finds_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"token={TELEGRAM_TOKEN}", encoding="utf-8")
    assert files_containing(tmp_path, TELEGRAM_TOKEN.encode()) == ["a.txt"]
