"""Telegram: posts rendered within the Bot API's limits and sent to a loopback fake of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_telegram import TOKEN, TelegramFake, utf16, visible
from publishkit import Project, item_id
from socialkit import CONFERENCE, ITEM, publish_in_process, rows_of, sample, use_network

from publish.channels import posts

A = item_id(0)


@pytest.fixture
def telegram(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[TelegramFake]:
    monkeypatch.setenv("TELEGRAM_TOKEN", TOKEN)
    with TelegramFake().running() as fake:
        assert isinstance(fake, TelegramFake)
        use_network(project, "telegram", chat="@ptedomex", api=fake.base)
        yield fake


def test_a_photo_post_with_its_caption_in_html(project: Project, telegram: TelegramFake) -> None:
    outcome = publish_in_process(project)
    assert outcome.sent["telegram"] == 3 and not outcome.failed
    assert [c["method"] for c in telegram.created] == ["sendPhoto"] * 3
    first = telegram.created[0]
    assert first["chat_id"] == "@ptedomex" and first["parse_mode"] == "HTML"
    assert first["photo"].startswith("http") and first["photo"].endswith(".jpg")
    assert first["caption"].startswith("<b>Nota número 0</b>\n\n")
    rows = rows_of(project, "telegram")
    urls = sorted(row.remote_url or "" for row in rows.values())
    assert urls == ["https://t.me/ptedomex/100", "https://t.me/ptedomex/101", "https://t.me/ptedomex/102"]
    shown = project.publish("estado", A, env={"TELEGRAM_TOKEN": TOKEN})
    assert "https://t.me/ptedomex/10" in shown.stdout and "-1001234567890:10" in shown.stdout


def test_probe_says_who_posts_where_and_what_is_wrong(project: Project, telegram: TelegramFake) -> None:
    good = project.publish("probar", "telegram", env={"TELEGRAM_TOKEN": TOKEN})
    assert good.returncode == 0, good.stderr
    assert (
        good.stdout
        == "telegram: conectado como @ptedomex_bot; publica en «PT Estado de México» (@ptedomex).\n"
    )
    wrong = "7700123456:AAHotherTOKENthatISrevoked_zyxwvu"
    bad = project.publish("probar", "telegram", env={"TELEGRAM_TOKEN": wrong})
    assert bad.returncode == 1
    assert bad.stderr == (
        "Error: Telegram rechazó el token: el token del bot no es válido o fue revocado: pide uno nuevo a "
        "@BotFather (/token) y ponlo en TELEGRAM_TOKEN\n"
    )
    assert wrong not in bad.stdout + bad.stderr
    missing = project.publish("probar", "telegram", env={"TELEGRAM_TOKEN": ""})
    assert missing.returncode == 1
    assert "necesita la variable de entorno TELEGRAM_TOKEN" in missing.stderr


def test_caption_escapes_html_and_counts_what_telegram_shows() -> None:
    risky = sample(titulo="Obras <urgentes> & agua para Nezahualcóyotl", resumen="«Sí» a la consulta & más")
    request = posts.telegram_request(risky, "@ptedomex")
    assert request["method"] == "sendPhoto"
    assert request["caption"].startswith("<b>Obras &lt;urgentes&gt; &amp; agua para Nezahualcóyotl</b>\n\n")
    assert visible(request["caption"]).startswith("Obras <urgentes> & agua para Nezahualcóyotl\n\n«Sí»")


def test_a_long_summary_goes_as_a_message_within_4096() -> None:
    long = sample(resumen="Las familias de la zona oriente 👨‍👩‍👧 recibirán atención. " * 40)
    request = posts.telegram_request(long, "@ptedomex")
    assert request["method"] == "sendMessage"  # it does not fit a 1024 caption
    assert 1024 < utf16(visible(request["text"])) <= 4096
    huge = sample(resumen="Texto muy largo con acentos: información ñandú 😀. " * 200)
    cut = posts.telegram_request(huge, "@ptedomex")
    assert utf16(visible(cut["text"])) <= 4096
    assert "…" in visible(cut["text"]) and visible(cut["text"]).endswith(huge.url)


def test_a_conference_says_day_time_and_place() -> None:
    request = posts.telegram_request(CONFERENCE, "@ptedomex")
    assert request["method"] == "sendMessage"  # no photo
    assert (
        "📅 Viernes 27 de noviembre de 2026, 11:00 a 12:00 h\n📍 Salón Gobernadores, Toluca"
        in request["text"]
    )


def test_the_outbox_writes_what_telegram_would_get(tmp_path: object) -> None:
    body = posts.render_post(ITEM, "telegram", "@ptedomex", posts.telegram_request(ITEM, "@ptedomex"))
    assert posts.payload(body) == posts.request(ITEM, "telegram", {"chat": "@ptedomex"}, "telegram")
