"""Crash injection with the real adapters: the publish command, killed with SIGKILL at seeded
random points, posts 5 notes to the six networks' loopback fakes (X through its `api` setting).
Resumed after each kill, nothing is lost and nothing is posted twice: an attempt cut short is
settled by asking the network (Mastodon, Bluesky, X, Facebook, Instagram) or left `unknown` for a
person (Telegram, which cannot be asked), never resent blindly.

A smaller run than test_publish_crash.py (which kills 200 times with the outbox), to keep the
suite fast: every kill here is a real process talking HTTP to the fakes."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from apifake import ApiFake
from fake_bluesky import HANDLE, BlueskyFake
from fake_graph import IG_USER, PAGE, GraphFake
from fake_mastodon import MastodonFake
from fake_telegram import TelegramFake
from fake_x import XFake
from publishkit import KILLED, build_site, contacts_yaml, new_project, served
from socialkit import ACCOUNTS, QUICK, TYPES
from test_social_secrets import SECRETS

SEED = 20261201
KILLS = 30
ITEMS = 5
POINTS = {"antes-de-intento": 1, "antes-de-enviar": 1, "despues-de-enviar": 1, "despues-de-registrar": 1}
CHECKABLE = ("x", "facebook", "instagram", "mastodon", "bluesky")


@contextmanager
def fakes() -> Iterator[dict[str, ApiFake]]:
    with ExitStack() as stack:
        graph = stack.enter_context(GraphFake().running())
        yield {
            "x": stack.enter_context(XFake().running()),
            "telegram": stack.enter_context(TelegramFake().running()),
            "facebook": graph,
            "instagram": graph,
            "mastodon": stack.enter_context(MastodonFake().running()),
            "bluesky": stack.enter_context(BlueskyFake().running()),
        }


def settings(running: dict[str, ApiFake]) -> dict[str, Any]:
    channels = {
        "x": {"tipo": "x", "api": running["x"].base},
        "telegram": {"tipo": "telegram", "chat": "@ptedomex", "api": running["telegram"].base},
        "facebook": {"tipo": "facebook", "pagina": PAGE, "api": running["facebook"].base},
        "instagram": {"tipo": "instagram", "usuario": IG_USER, "api": running["instagram"].base},
        "mastodon": {"tipo": "mastodon", "instancia": running["mastodon"].base},
        "bluesky": {"tipo": "bluesky", "servidor": running["bluesky"].base},
    }
    for name, channel in channels.items():
        channel.update({"cuenta": HANDLE if name == "bluesky" else ACCOUNTS[name], **QUICK})
    return {"canales": channels, "por_tipo": {t: list(channels) for t in TYPES}}


def posts_per_note(network: str, fake: ApiFake) -> Counter[str]:
    """How many posts each note's URL has on a network's fake."""
    found: Counter[str] = Counter()
    for created in fake.created:
        if network == "facebook" and created.get("kind") == "instagram":
            continue
        if network == "instagram" and created.get("kind") != "instagram":
            continue
        text = " ".join(str(v) for v in created.values())
        for word in text.replace('"', " ").replace("<", " ").split():
            if "/boletines/" in word and word.startswith("http"):
                found[word.rstrip("/.,") + "/"] += 1
                break
    return found


def test_kill_9_with_real_adapters_loses_nothing_and_never_posts_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    output = build_site(tmp_path / "sitio", ITEMS)
    project = new_project(tmp_path / "proyecto", output, contacts=contacts_yaml(1))
    urls = {raw["url"]: raw["id"] for raw in project.manifest()["elementos"]}
    rng = random.Random(SEED)
    kills: Counter[str] = Counter()
    with fakes() as running, served(project):
        project.base = {**project.base, **settings(running)}
        project.configure()
        finished = None
        while kills.total() < KILLS:
            point = rng.choices(list(POINTS), weights=list(POINTS.values()))[0]
            done = project.publish("run", env={**SECRETS, "PUBLISH_CRASH_AT": f"{point}:{rng.randint(1, 3)}"})
            if done.returncode != KILLED:
                finished = done  # nothing left to send: the point was never reached
                break
            kills[point] += 1
            open_attempts = [r for r in project.rows().values() if r.state == "attempting"]
            assert len(open_attempts) == (1 if point in ("antes-de-enviar", "despues-de-enviar") else 0)
            for network in ("x", "telegram", "facebook", "instagram", "mastodon", "bluesky"):
                counts = posts_per_note(network, running[network])
                assert max(counts.values(), default=0) <= 1, (network, counts)
        final = project.publish("run", env=SECRETS)
        assert final.returncode == 0, final.stdout + final.stderr
        again = project.publish("run", env=SECRETS)
        assert "Enviados: ninguno" in again.stdout

        rows = project.rows()
        per_network = {n: posts_per_note(n, running[n]) for n in running}
    assert finished is None or finished.returncode == 0, finished.stderr
    assert len(rows) == ITEMS * 6
    lost, duplicated, unknown = [], [], []
    for key, row in rows.items():
        url = next(u for u, i in urls.items() if i == key.item_id)
        copies = per_network[key.channel][url]
        if copies > 1:
            duplicated.append(key)
        if row.state == "unknown":
            unknown.append(key)
            assert key.channel == "telegram", f"{key} could have been settled by asking {key.channel}"
        elif row.state != "sent" or copies != 1:
            lost.append((key, row.state, copies))
    with capsys.disabled():
        print(
            f"\nInyección de fallas con adaptadores reales (semilla {SEED}): {kills.total()} kill -9 "
            + ", ".join(f"{p} {kills[p]}" for p in POINTS)
            + f"; {len(rows)} envíos: perdidos {len(lost)}, duplicados {len(duplicated)}, "
            f"desconocidos {len(unknown)} (Telegram); {time.monotonic() - started:.0f} s"
        )
    assert lost == [] and duplicated == []
    assert all(
        per_network["telegram"][next(u for u, i in urls.items() if i == k.item_id)] <= 1 for k in unknown
    )
    assert kills.total() >= 10
