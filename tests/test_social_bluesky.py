"""Bluesky: 300 graphemes, facets over UTF-8 byte offsets, the link card with its thumbnail, fixed
record keys, and an expired session renewed; against a loopback fake of a PDS (through atproto)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import regex
from fake_bluesky import HANDLE, PASSWORD, BlueskyFake
from publishkit import Project, item_id
from socialkit import CONFERENCE, ITEM, publish_in_process, rows_of, sample, use_network

from publish.channels import posts

A = item_id(0)


@pytest.fixture
def bluesky(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[BlueskyFake]:
    monkeypatch.setenv("BLUESKY_CLAVE", PASSWORD)
    with BlueskyFake().running() as fake:
        assert isinstance(fake, BlueskyFake)
        use_network(project, "bluesky", cuenta=HANDLE, servidor=fake.base)
        yield fake


def test_a_post_with_facets_and_a_link_card_with_thumbnail(project: Project, bluesky: BlueskyFake) -> None:
    outcome = publish_in_process(project)
    assert outcome.sent["bluesky"] == 3 and not outcome.failed, outcome.failed
    assert bluesky.count("login") == 1  # one session for the whole run
    first = bluesky.created[0]
    card = first["embed"]["external"]
    assert first["embed"]["$type"] == "app.bsky.embed.external"
    assert card["title"] == "Nota número 0" and card["uri"].endswith("/nota-0/")
    assert (
        card["thumb"]["mimeType"] == "image/jpeg"
        and bluesky.blobs[card["thumb"]["ref"]["$link"]][:2] == b"\xff\xd8"
    )
    assert first["langs"] == ["es"]
    (row,) = [r for k, r in rows_of(project, "bluesky").items() if k.item_id == A]
    assert row.remote_url == f"https://bsky.app/profile/{HANDLE}/post/{first['rkey']}"
    assert row.remote_id == first["uri"]


def test_an_expired_session_is_renewed_and_the_post_goes_once(project: Project, bluesky: BlueskyFake) -> None:
    bluesky.expire_after = 1  # the session expires on the server once the first post is in
    outcome = publish_in_process(project, only=frozenset({A, item_id(1)}))
    assert outcome.sent["bluesky"] == 2, outcome.failed
    assert len(bluesky.created) == 2
    # the second thumbnail upload meets the expired token: renewed once, then everything goes
    assert (
        bluesky.count("login"),
        bluesky.count("refresh"),
        bluesky.count("blob"),
        bluesky.count("post"),
    ) == (1, 1, 3, 2)


def test_a_wrong_app_password_says_where_to_make_one(project: Project, bluesky: BlueskyFake) -> None:
    bad = project.publish("probar", "bluesky", env={"BLUESKY_CLAVE": "zzzz-zzzz-zzzz-zzzz"})
    assert bad.returncode == 1
    assert bad.stderr.startswith("Error: la contraseña de aplicación de Bluesky no es válida o fue revocada")
    assert "zzzz-zzzz-zzzz-zzzz" not in bad.stderr
    good = project.publish("probar", "bluesky", env={"BLUESKY_CLAVE": PASSWORD})
    assert good.stdout.startswith(f"bluesky: conectado como @{HANDLE} (did:plc:")


@pytest.mark.parametrize(
    "title",
    [
        "Inauguración en Nezahualcóyotl: ¡más de 3 mil familias! 🎉👨‍👩‍👧‍👦 " * 4,
        "Año de acción en Acambay de Ruíz Castañeda y Atizapán de Zaragoza " * 3,
        "a" * 200,
    ],
)
def test_300_graphemes_and_byte_exact_facets(title: str) -> None:
    item = sample(
        titulo=title[:200], municipios=("Acambay de Ruíz Castañeda", "Atizapán de Zaragoza", "Texcoco")
    )
    request = posts.bluesky_request(item, "bluesky")
    text = request["text"]
    assert len(regex.findall(r"\X", text)) <= 300
    encoded = text.encode("utf-8")
    kinds = []
    for facet in request["facets"]:
        covered = encoded[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode()
        feature = facet["features"][0]
        kinds.append(feature["$type"].rsplit("#", 1)[1])
        assert covered == (feature.get("uri") or "#" + feature["tag"])
    assert kinds == ["tag", "tag", "tag", "link"]
    assert text.endswith(item.url)


def test_record_keys_are_valid_tids_fixed_by_item_and_channel() -> None:
    key = posts.record_key(ITEM, "bluesky")
    assert regex.fullmatch(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}", key)
    assert key == posts.record_key(ITEM, "bluesky") != posts.record_key(sample(hash="sha256:1"), "bluesky")


def test_a_conference_says_when_and_where() -> None:
    text = posts.bluesky_request(CONFERENCE, "bluesky")["text"]
    assert "📅 Viernes 27 de noviembre de 2026, 11:00 a 12:00 h\n📍 Salón Gobernadores, Toluca" in text
