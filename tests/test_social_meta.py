"""Facebook Page and Instagram: renderings within their limits, and posts through a loopback fake
of the Graph API (page feed and photos; Instagram media container, status, media_publish)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_graph import FACEBOOK_TOKEN, IG_USER, INSTAGRAM_TOKEN, PAGE, GraphFake
from publishkit import Project, item_id
from socialkit import CONFERENCE, ITEM, publish_in_process, rows_of, sample, use_network

from publish.channels import posts

A = item_id(0)
MANY = tuple(f"Municipio de prueba número {n} de la región oriente" for n in range(40))


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphFake]:
    monkeypatch.setenv("FACEBOOK_TOKEN", FACEBOOK_TOKEN)
    monkeypatch.setenv("INSTAGRAM_TOKEN", INSTAGRAM_TOKEN)
    with GraphFake().running() as fake:
        assert isinstance(fake, GraphFake)
        yield fake


def test_facebook_posts_message_and_link(project: Project, graph: GraphFake) -> None:
    use_network(project, "facebook", pagina=PAGE, api=graph.base)
    outcome = publish_in_process(project)
    assert outcome.sent["facebook"] == 3 and not outcome.failed
    assert [c["kind"] for c in graph.created] == ["feed"] * 3
    first = graph.created[0]
    assert first["message"].startswith("Nota número 0\n\nLa clínica atenderá")
    assert first["link"].endswith("/nota-0/")
    (row,) = [r for k, r in rows_of(project, "facebook").items() if k.item_id == A]
    assert row.remote_id == first["id"] and row.remote_url == f"https://www.facebook.com/{first['id']}"


def test_facebook_probe_checks_the_token_is_the_page_s(project: Project, graph: GraphFake) -> None:
    use_network(project, "facebook", pagina=PAGE, api=graph.base)
    good = project.publish("probar", "facebook", env={"FACEBOOK_TOKEN": FACEBOOK_TOKEN})
    assert good.stdout == f"facebook: conectado a la página «PT Estado de México» ({PAGE}).\n"
    expired = project.publish("probar", "facebook", env={"FACEBOOK_TOKEN": "EAAGotherEXPIREDtoken"})
    assert expired.returncode == 1
    assert expired.stderr.startswith(
        "Error: el token de la página de Facebook venció o fue revocado: genera uno"
    )
    assert "(código 190/463: Error validating access token" in expired.stderr


def test_instagram_publishes_a_container_once_ready(project: Project, graph: GraphFake) -> None:
    use_network(project, "instagram", usuario=IG_USER, api=graph.base)
    graph.pending_polls = 1  # Instagram is still fetching the photo the first time it is asked
    outcome = publish_in_process(project, only=frozenset({A}))
    assert outcome.sent["instagram"] == 1, outcome.failed
    (post,) = graph.created
    assert post["image_url"].startswith("http") and post["alt_text"] == "La alcaldesa corta el listón"
    assert "Nota completa: http" in post["caption"]
    assert graph.count("object") >= 3  # two status checks and the permalink
    (row,) = rows_of(project, "instagram").values()
    assert row.remote_url == f"https://www.instagram.com/p/{post['id']}/"
    probe = project.publish("probar", "instagram", env={"INSTAGRAM_TOKEN": INSTAGRAM_TOKEN})
    assert probe.stdout == f"instagram: conectado a la cuenta de Instagram @ptedomex ({IG_USER}).\n"


def test_instagram_caption_keeps_to_2200_characters_and_30_hashtags() -> None:
    crowded = sample(municipios=MANY, resumen="Atención médica gratuita 🏥 para toda la región. " * 80)
    request = posts.instagram_request(crowded)
    caption = request["caption"]
    assert len(caption) <= 2200
    assert caption.count("#") == 30
    assert f"Nota completa: {crowded.url}" in caption
    assert "…" in caption  # the summary was cut, not the link or the tags


def test_instagram_uses_the_card_when_there_is_no_photo() -> None:
    request = posts.instagram_request(CONFERENCE)
    assert request["image_url"] == CONFERENCE.tarjeta
    assert request["alt_text"] == f"Tarjeta de la nota: {CONFERENCE.titulo}"
    assert (
        "📅 Viernes 27 de noviembre de 2026, 11:00 a 12:00 h\n📍 Salón Gobernadores, Toluca"
        in request["caption"]
    )


def test_facebook_gallery_is_a_photo_post_with_alt_text() -> None:
    gallery = sample(tipo="galeria")
    request = posts.facebook_request(gallery)
    assert request["edge"] == "photos"
    assert request["url"] == ITEM.imagen.url if ITEM.imagen else False
    assert request["alt_text_custom"] == "La alcaldesa corta el listón"
    assert ITEM.url in request["caption"]
    assert posts.facebook_request(ITEM)["edge"] == "feed"
