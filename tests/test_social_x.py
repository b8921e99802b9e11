"""X: 280 weighted characters as twitter-text v3 counts them, the photo with alt text, and posts
through tweepy against a fake of the X API on its fixed hosts (`responses`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses
from fake_x import CREDENTIALS, XFake
from publishkit import Project, item_id
from socialkit import CONFERENCE, publish_in_process, rows_of, sample, use_network

from publish.channels import posts, textfit

A = item_id(0)
URL = "https://ptedomex.example.org/boletines/2026/11/x/"


@pytest.fixture
def x_api(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[XFake]:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    fake = XFake()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.intercept(mock)
        use_network(project, "x")
        yield fake


def test_a_post_with_the_photo_and_its_alt_text(project: Project, x_api: XFake) -> None:
    outcome = publish_in_process(project)
    assert outcome.sent["x"] == 3 and not outcome.failed, (
        outcome.failed,
        outcome.ambiguous,
        outcome.not_live,
    )
    first = x_api.created[0]
    assert first["text"].startswith("Nota número 0\n#PTEdomex #Texcoco\nhttp")
    (media,) = first["media_ids"]
    assert x_api.media[media]["alt"] == "La alcaldesa corta el listón" and x_api.media[media]["size"] > 0
    (row,) = [r for k, r in rows_of(project, "x").items() if k.item_id == A]
    assert row.remote_url == f"https://x.com/PTEdomex/status/{first['id']}"


def test_probe_names_the_account(project: Project, x_api: XFake) -> None:
    channel = publish_channel(project)
    assert channel.probe() == "conectado como @PTEdomex (2244994945)."


def publish_channel(project: Project) -> object:
    from publish.channels import registry
    from publish.config import load

    config = load(project.config, root=project.root)
    built = registry.build(config.channels["x"], config)
    return built


# -- twitter-text v3 weights (config/v3.json): worked examples --
@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("Hola", 4),
        ("Acción en Nezahualcóyotl", 24),  # Latin-1 and Latin Extended weigh 1
        ("Acción en Nezahualcóyotl", 24),  # decomposed accents are NFC-normalised first
        ("中文", 4),  # CJK weighs 2
        ("😀", 2),
        ("👨‍👩‍👧‍👦", 2),  # a ZWJ family is one emoji
        ("🇲🇽", 2),  # a flag: two regional indicators, one emoji
        ("1️⃣", 2),  # a keycap
        ("—“”", 3),  # General Punctuation in the light ranges (U+2010–U+201F)
        ("…", 2),  # U+2026 is not: the ellipsis itself weighs 2
        ("⌚", 2),  # U+231A, outside them
        (f"Ver {URL}", 4 + 23),
        (f"{URL} y {URL}", 23 + 3 + 23),
        ("edomex.gob.mx", 23),  # a bare domain: at least a link's weight
    ],
)
def test_x_weight_matches_twitter_text(text: str, weight: int) -> None:
    assert textfit.x_weight(text) == weight


@pytest.mark.parametrize("length", range(120, 201, 8))
def test_titles_are_cut_on_a_word_with_ellipsis_within_280(length: int) -> None:
    words = "Inauguración 🎉 en Valle de Chalco de la clínica comunitaria número 中文 "
    for shift in range(0, 12, 3):
        title = (words * 5)[shift : shift + length].strip()
        municipalities = ("Acambay de Ruíz Castañeda", "Valle de Chalco Solidaridad", "Texcoco", "Toluca")
        item = sample(titulo=title, municipios=municipalities)
        text = posts.x_request(item)["text"]
        assert textfit.x_weight(text) <= 280, text
        first = text.split("\n")[0]
        assert first == textfit.nfc(title) or (
            first.endswith("…") and textfit.nfc(title).startswith(first[:-1])
        )
        if first != textfit.nfc(title):
            assert textfit.nfc(title)[len(first) - 1] == " "  # cut where a word ended
        assert text.endswith("\n#PTEdomex #AcambayDeRuízCastañeda #ValleDeChalcoSolidaridad\n" + item.url)


def test_a_conference_says_day_time_and_place_within_280() -> None:
    venue = "Salón de usos múltiples del Comité Ejecutivo Estatal, planta alta, a un costado de la plaza principal"
    item = sample(
        CONFERENCE,
        titulo="Conferencia de prensa sobre el presupuesto estatal 2027 " * 3,
        evento=CONFERENCE.evento.__class__(**{**CONFERENCE.evento.__dict__, "lugar": venue})
        if CONFERENCE.evento
        else None,
    )
    text = posts.x_request(item)["text"]
    assert textfit.x_weight(text) <= 280
    assert "📅 Viernes 27 de noviembre de 2026, 11:00 a 12:00 h\n📍 Salón de usos múltiples" in text
