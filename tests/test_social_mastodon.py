"""Mastodon: the instance's own limits, the photo with its description, Idempotency-Key, against a
loopback fake of a Mastodon instance's REST API (through Mastodon.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_mastodon import TOKEN, MastodonFake, length
from publishkit import Project, item_id
from socialkit import CONFERENCE, ITEM, publish_in_process, rows_of, sample, use_network

from publish.channels import posts

A = item_id(0)
LONG = (
    "Presidentas y presidentes municipales de la región oriente firmaron en Valle de Chalco el convenio 🤝 "
    * 2
)


@pytest.fixture
def mastodon(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[MastodonFake]:
    monkeypatch.setenv("MASTODON_TOKEN", TOKEN)
    with MastodonFake(max_characters=300).running() as fake:
        assert isinstance(fake, MastodonFake)
        use_network(project, "mastodon", instancia=fake.base)
        yield fake


def test_posts_with_the_photo_and_its_description(project: Project, mastodon: MastodonFake) -> None:
    outcome = publish_in_process(project)
    assert outcome.sent["mastodon"] == 3 and not outcome.failed, (
        outcome.failed,
        outcome.ambiguous,
        outcome.notes,
        outcome.not_live,
    )
    assert len(mastodon.media) == 3
    assert {m["description"] for m in mastodon.media.values()} == {"La alcaldesa corta el listón"}
    first = mastodon.created[0]
    assert first["text"].startswith("Nota número 0\n\nLa clínica atenderá")
    assert first["language"] == "es" and first["media_attachments"][0]["size"] > 0
    assert len({s["idempotency_key"] for s in mastodon.created}) == 3
    (row,) = [r for k, r in rows_of(project, "mastodon").items() if k.item_id == A]
    assert row.remote_url == f"https://mastodon.example.org/@ptedomex/{first['id']}"


def test_the_text_fits_the_instance_s_own_limit(project: Project, mastodon: MastodonFake) -> None:
    # the instance allows 300 characters, not the 500 of a default instance
    outcome = publish_in_process(project)
    assert not outcome.failed
    assert all(length(s["text"], 23) <= 300 for s in mastodon.created)
    probe = project.publish("probar", "mastodon", env={"MASTODON_TOKEN": TOKEN})
    assert probe.stdout == (
        f"mastodon: conectado como @ptedomex en {mastodon.base}; hasta 300 caracteres por publicación "
        "(cada enlace cuenta 23).\n"
    )


def test_the_same_post_twice_is_one_status(project: Project, mastodon: MastodonFake) -> None:
    # a timeout after the instance posted: the resend (here forced) carries the same key
    publish_in_process(project, only=frozenset({A}))
    publish_in_process(project, only=frozenset({A}), force=frozenset({A}))
    assert len(mastodon.created) == 1 and mastodon.count("post") == 2


def test_an_invalid_token_says_what_to_do(project: Project, mastodon: MastodonFake) -> None:
    bad = project.publish("probar", "mastodon", env={"MASTODON_TOKEN": "otroTOKENrevocado123"})
    assert bad.returncode == 1
    assert bad.stderr.startswith("Error: el token de Mastodon no es válido o fue revocado: crea uno nuevo en")
    assert "otroTOKENrevocado123" not in bad.stderr


@pytest.mark.parametrize("limit", [500, 300, 11000])
def test_long_titles_and_many_municipalities_fit(limit: int) -> None:
    crowded = sample(
        titulo=LONG[:200], resumen=LONG, municipios=("Acambay de Ruíz Castañeda",) * 3 + ("Texcoco",)
    )
    status = posts.mastodon_request(crowded, "mastodon", posts.Limits(limit, 23))["status"]
    assert length(status, 23) <= limit
    assert crowded.url in status and "#PTEdomex #AcambayDeRuízCastañeda" in status


def test_a_conference_says_when_and_where() -> None:
    status = posts.mastodon_request(CONFERENCE, "mastodon", posts.Limits())["status"]
    assert "📅 Viernes 27 de noviembre de 2026, 11:00 a 12:00 h\n📍 Salón Gobernadores, Toluca" in status
    assert posts.mastodon_request(ITEM, "mastodon", posts.Limits())["foto"] == {
        "ruta": "/imagenes/2026/11/clinica-960.jpg",
        "alt": "La alcaldesa corta el listón",
    }
