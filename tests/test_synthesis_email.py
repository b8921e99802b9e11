"""The synthesis email: to the directory's internal list through the project's email channel — the
outbox by default, a real SMTP server on loopback (aiosmtpd) when configured — parsed back with the
standard email parser and lxml; each recipient once a day, a failure retried, an interrupted send
never resent blindly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from feedkit import Done, FeedServer, Office, Route, mexico, office, outlet, rss
from lxml import html
from smtpkit import HOST, Fault, smtp_server

WIRE = "Alcaldesa de Texcoco inaugura clínica comunitaria con apoyo del PT"
CONTACTS = """\
- nombre: Coordinación de comunicación (ficticia)
  correo: Coordinacion@Example.org
  rol: equipo interno
  distritos: [estatal]
  listas: [interno]
- nombre: Monitoreo (ficticio)
  correo: monitoreo@example.org
  rol: equipo interno
  distritos: [estatal]
  listas: [interno, boletines]
- nombre: Redacción de un diario (ficticia)
  correo: redaccion@diario.example.org
  rol: medio
  distritos: [estatal]
- nombre: Se dio de baja (ficticio)
  correo: baja@example.org
  rol: equipo interno
  distritos: [estatal]
  listas: [interno]
- nombre: Inactivo (ficticio)
  correo: inactivo@example.org
  distritos: [estatal]
  listas: [interno]
  activo: no
"""
INTERNAL = ["coordinacion@example.org", "monitoreo@example.org"]
SENDER = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Office]:
    items = [
        {
            "title": WIRE,
            "link": "https://a.example.org/clinica",
            "description": "Nota de agencia.",
            "pubDate": mexico(24, 10),
        },
        {
            "title": "Héctor Salgado recorre mercados de Toluca",
            "link": "https://a.example.org/mercados",
            "pubDate": mexico(24, 12),
        },
    ]
    with FeedServer({"/rss.xml": Route(rss(items))}).running() as server:
        made = office(
            tmp_path, outlet("El Diario Nacional (ejemplo)", [server.url("/rss.xml")], alcance="nacional")
        )
        (tmp_path / "contactos.yml").write_text(CONTACTS, encoding="utf-8")
        (tmp_path / "estado").mkdir()
        (tmp_path / "estado/bajas.txt").write_text("baja@example.org\t2026-10-01\n", encoding="utf-8")
        yield made


def use_smtp(project: Office, port: int) -> None:
    text = project.config_path.read_text(encoding="utf-8")
    settings = f'tipo = "smtp"\nservidor = "{HOST}"\npuerto = {port}\nseguridad = "ninguna"\npor_minuto = 0\n'
    text = text.replace('[canales.correo]\ntipo = "bandeja"\n', f"[canales.correo]\n{settings}")
    assert settings in text
    project.config_path.write_text(text, encoding="utf-8")


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def check_message(message: EmailMessage, recipient: str) -> None:
    assert message["From"] == SENDER
    assert message["To"] == recipient
    assert len(message.get_all("Date") or []) == 1  # added once, by the channel, when it goes out
    assert message["Subject"] == "Síntesis de medios — 25 de noviembre de 2026 (2 historias)"
    assert message["Message-ID"].startswith("<sintesis-2026-11-25.") and message["Message-ID"].endswith(
        "@ptedomex.example.org>"
    )
    plain = message.get_body(("plain",))
    assert plain is not None
    text = plain.get_content().replace("\r\n", "\n")
    assert "== NACIONAL ==" in text and "-- El partido --" in text and f"• {WIRE}  [nota 1]" in text
    assert "  El Diario Nacional (ejemplo): https://a.example.org/clinica" in text
    assert text.rstrip().endswith(
        "—\nCoordinación de Comunicación Social\nPartido del Trabajo en el Estado de México"
    )
    rich = message.get_body(("html",))
    assert rich is not None
    tree = html.fromstring(rich.get_content().encode())
    assert [h.text_content().strip() for h in tree.iter("h4")] == [
        WIRE,
        "Héctor Salgado recorre mercados de Toluca",
    ]
    assert tree.xpath("//h4/a/@href") == ["https://a.example.org/clinica", "https://a.example.org/mercados"]
    assert not tree.xpath("//script")


def test_by_default_to_the_outbox_once_a_day(project: Office, cli: Callable[..., Done]) -> None:
    done = cli(project, "2026-11-25T07:00")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Síntesis del 2026-11-25 enviada a 2 destinatario(s)."
    files = sorted((project.root / "bandeja/correo").glob("*.eml"))
    assert [f.name.split("__")[:2] for f in files] == [
        ["sintesis-2026-11-25", "coordinacion@example.org"],
        ["sintesis-2026-11-25", "monitoreo@example.org"],
    ]
    for path, recipient in zip(files, INTERNAL, strict=True):
        check_message(parse(path.read_bytes()), recipient)

    again = cli(project, "2026-11-25T09:00")
    assert again.stdout.splitlines()[-2:] == [
        "Síntesis del 2026-11-25 enviada a 0 destinatario(s).",
        "Ya la habían recibido 2 (para enviarla otra vez: REENVIAR=1).",
    ]
    assert len(list((project.root / "bandeja/correo").glob("*.eml"))) == 2
    resent = cli(project, "2026-11-25T09:30", "--reenviar")
    assert resent.stdout.splitlines()[-1] == "Síntesis del 2026-11-25 enviada a 2 destinatario(s)."
    assert len(list((project.root / "bandeja/correo").glob("*.eml"))) == 4


def test_received_by_a_real_smtp_server_and_parsed_back(project: Office, cli: Callable[..., Done]) -> None:
    with smtp_server() as server:
        use_smtp(project, server.port)
        done = cli(project, "2026-11-25T07:00")
        assert done.returncode == 0, done.stderr
    assert sorted(r.recipients[0] for r in server.received) == INTERNAL
    assert all(len(r.recipients) == 1 and r.sender == "prensa@ptedomex.example.org" for r in server.received)
    for received in server.received:
        check_message(received.message(), received.recipients[0])
    assert not list(project.root.glob("bandeja/correo/*"))


def test_one_refused_recipient_is_retried_and_the_others_are_not(
    project: Office, cli: Callable[..., Done]
) -> None:
    with smtp_server() as server:
        use_smtp(project, server.port)
        server.faults["monitoreo@example.org"] = Fault("550")
        done = cli(project, "2026-11-25T07:00")
        assert done.returncode == 1
        summary, refused = done.stdout.splitlines()[-2:]
        assert summary == "Síntesis del 2026-11-25 enviada a 1 destinatario(s)."
        assert refused.startswith("✗ monitoreo@example.org: ") and "550 5.1.1 El buzón no existe" in refused
        later = cli(project, "2026-11-25T08:00")
        assert later.returncode == 0, later.stdout
        assert [r.recipients[0] for r in server.received] == [
            "coordinacion@example.org",
            "monitoreo@example.org",
        ]


def test_an_interrupted_send_is_not_repeated_blindly(project: Office, cli: Callable[..., Done]) -> None:
    with smtp_server() as server:
        use_smtp(project, server.port)
        server.faults["coordinacion@example.org"] = Fault("drop")  # accepted, the answer never comes
        done = cli(project, "2026-11-25T07:00")
        assert done.returncode == 1
        unknown = [line for line in done.stdout.splitlines() if line.startswith("? ")]
        assert len(unknown) == 1 and unknown[0].startswith("? coordinacion@example.org: ")
        assert unknown[0].endswith("revisa si llegó y, si no, envíala con `make sintesis REENVIAR=1`")
        later = cli(project, "2026-11-25T08:00")
        assert later.returncode == 1
        assert (
            "? coordinacion@example.org: un envío anterior se interrumpió y pudo haber llegado"
            in later.stdout
        )
        assert server.handler.count("coordinacion@example.org") == 1  # never sent again on its own
        resent = cli(project, "2026-11-25T08:30", "--reenviar")
        assert resent.returncode == 0, resent.stdout
        assert server.handler.count("coordinacion@example.org") == 2


def test_nobody_on_the_list_is_said(tmp_path: Path, cli: Callable[..., Done]) -> None:
    made = office(tmp_path, "")
    done = cli(made, "2026-11-25T07:00")
    assert done.stdout.splitlines()[-1] == (
        "Nadie recibe la síntesis: ningún contacto activo del directorio tiene 'interno' en sus listas. "
        "Agrega `listas: [interno]` a quien deba recibirla."
    )


def test_a_channel_that_is_not_email_is_a_clear_error(project: Office, cli: Callable[..., Done]) -> None:
    for channel, message in {
        "correos": "'sintesis.canal' = 'correos' no está en [canales] de la configuración",
        "x": "'sintesis.canal' = 'x' no es un canal de correo",
    }.items():
        project.configure(canal=channel)
        done = cli(project, "2026-11-25T07:00")
        assert done.returncode == 1 and done.stderr.startswith(f"Error: {message}"), done.stderr
        assert not (project.root / "bandeja").exists()
