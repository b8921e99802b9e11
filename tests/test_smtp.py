"""Email over SMTP against a real server on loopback (aiosmtpd): what arrives, parsed back with the
`email` package; STARTTLS + AUTH with a throwaway certificate authority; and the server's faults —
421 at connect, 450 and 550 for one recipient, 552 at DATA, the connection dropped after DATA —
each with its ledger state and no duplicate at the server when the next run resumes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from publishkit import (
    TYPES,
    Project,
    contact_address,
    contacts_yaml,
    files_containing,
    item_id,
    new_project,
    served,
)
from smtpkit import HOST, PASSWORD, USER, Fault, Handler, greeting_421, smtp_server
from test_mail import conference_item

from publish.channels.mail import default_letterhead
from publish.channels.outbox import OutboxChannel
from publish.channels.smtp import Settings, SmtpChannel
from publish.errors import ChannelError
from publish.ledger import Key

SENDER = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"
FIRST, SECOND = contact_address(1), contact_address(2)
ITEMS = [item_id(n) for n in range(3)]


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Iterator[Project]:
    """Three bulletins, two contacts, email only."""
    with served(new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(2))) as project:
        project.base["por_tipo"] = {tipo: ["correo"] for tipo in TYPES}
        project.configure()
        yield project


def use_smtp(project: Project, port: int, **settings: Any) -> None:
    values = {"tipo": "smtp", "servidor": HOST, "puerto": port, "seguridad": "ninguna", "por_minuto": 0}
    project.configure(canales={"correo": {**values, **settings}})


def states(project: Project) -> dict[tuple[str, str], str]:
    return {(k.item_id, k.recipient): row.state for k, row in project.rows().items() if k.channel == "correo"}


def test_each_message_arrives_with_one_recipient_on_one_connection(project: Project) -> None:
    with smtp_server() as server:
        use_smtp(project, server.port)
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        done = project.publish("run")
        assert done.returncode == 0, done.stderr
    assert "Enviados por canal: correo 6" in done.stdout
    assert len(server.received) == 6 and server.handler.sessions == 1  # one connection for the batch
    rows = project.rows()
    for received in server.received:
        assert received.recipients in ([FIRST], [SECOND])
        assert received.sender == "prensa@ptedomex.example.org"
        message = received.message()
        assert message.get_all("To") == received.recipients
        assert before <= parsedate_to_datetime(message["Date"]) <= dt.datetime.now(dt.UTC)
        assert message["List-Unsubscribe"] == "<mailto:prensa@ptedomex.example.org?subject=baja>"
        assert message["List-Id"] == "Comunicación Social PT Edomex <anuncios.ptedomex.example.org>"
        plain, html = message.get_body(("plain",)), message.get_body(("html",))
        assert plain is not None and html is not None
        (cid,) = re.findall(r'src="cid:([^"]+)"', html.get_content())
        (photo,) = [p for p in message.walk() if p.get("Content-ID") == f"<{cid}>"]
        assert photo.get_content_type() == "image/jpeg" and len(photo.get_content()) > 1000
        item = message["Message-ID"].strip("<>").split(".")[0]
        row = rows[Key(item, "correo", received.recipients[0])]
        assert row.state == "sent" and row.remote_id is not None
        assert row.remote_id.startswith(f"{message['Message-ID']} 250 2.0.0 OK")
    assert sorted(server.handler.count(a) for a in (FIRST, SECOND)) == [3, 3]


def test_starttls_and_login_with_a_throwaway_certificate(project: Project, tmp_path: Path) -> None:
    with smtp_server(tls="starttls", folder=tmp_path) as server:
        assert server.ca_file is not None
        use_smtp(project, server.port, seguridad="starttls", certificado_ca=str(server.ca_file))
        credentials = {"SMTP_USUARIO": USER, "SMTP_CLAVE": PASSWORD}
        probe = project.publish("probar", "correo", env=credentials)
        assert probe.returncode == 0, probe.stderr
        assert re.fullmatch(
            rf"correo: conexión correcta con {HOST}:{server.port} \(STARTTLS, TLSv1\.[23], sesión iniciada como "
            rf"{re.escape(USER)}\); no se envió nada\n",
            probe.stdout,
        )
        assert server.received == []
        done = project.publish("run", env=credentials)
        assert done.returncode == 0, done.stderr
        assert len(server.received) == 6 and server.handler.sessions == 1
    assert PASSWORD not in done.stdout + done.stderr + probe.stdout
    assert files_containing(project.root, PASSWORD.encode()) == []


def test_a_wrong_password_fails_the_batch_at_once_and_retries_next_time(
    project: Project, tmp_path: Path
) -> None:
    with smtp_server(tls="starttls", folder=tmp_path) as server:
        assert server.ca_file is not None
        use_smtp(project, server.port, seguridad="starttls", certificado_ca=str(server.ca_file))
        wrong = {"SMTP_USUARIO": USER, "SMTP_CLAVE": "otra-clave-equivocada"}
        probe = project.publish("probar", "correo", env=wrong)
        assert probe.returncode == 1
        assert (
            "rechazó el usuario o la clave (535 5.7.8 Usuario o clave incorrectos); revisa SMTP_USUARIO"
            in probe.stderr
        )
        server.handler.login_sessions.clear()
        done = project.publish("run", env=wrong)
        assert done.returncode == 1
        assert len(server.handler.login_sessions) == 1  # one connection for the batch, not one per message
        assert set(states(project).values()) == {"failed"}
        assert "Fallidos que se reintentarán en la próxima publicación: 6" in done.stdout
        assert "otra-clave-equivocada" not in done.stdout + done.stderr
        again = project.publish("run", env={"SMTP_USUARIO": USER, "SMTP_CLAVE": PASSWORD})
        assert again.returncode == 0, again.stderr
    assert set(states(project).values()) == {"sent"} and len(server.received) == 6


def test_an_unknown_certificate_authority_is_refused_before_anything_is_sent(
    project: Project, tmp_path: Path
) -> None:
    with smtp_server(tls="starttls", folder=tmp_path) as server:
        use_smtp(project, server.port, seguridad="starttls")  # the system's authorities only
        done = project.publish("probar", "correo", env={"SMTP_USUARIO": USER, "SMTP_CLAVE": PASSWORD})
        assert done.returncode == 1
        assert "no se pudo establecer una conexión cifrada" in done.stderr
        assert "indica su autoridad en 'certificado_ca'" in done.stderr
        assert server.received == [] and server.handler.login_sessions == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # the listener is TLS
def test_implicit_tls_delivers(tmp_path: Path) -> None:
    with smtp_server(tls="ssl", folder=tmp_path) as server:
        settings = Settings(HOST, server.port, "ssl", 0, 10, server.ca_file, USER, PASSWORD)
        channel = SmtpChannel("correo", settings, default_letterhead(SENDER), tmp_path)
        receipt = channel.send(channel.render(conference_item("Presupuesto 2027"), FIRST))
        channel.close()
    assert receipt.remote_id.endswith("250 2.0.0 OK: en cola")
    (received,) = server.received
    (invitation,) = received.message().iter_attachments()
    assert invitation.get_content_type() == "text/calendar"


def test_smtp_sends_exactly_the_bytes_the_outbox_writes_but_the_date(tmp_path: Path) -> None:
    sample = conference_item("Presupuesto 2027")
    when = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
    outbox = OutboxChannel("correo", SENDER, tmp_path / "bandeja", tmp_path, clock=lambda: when)
    written = (tmp_path / "bandeja/correo" / outbox.send(outbox.render(sample, FIRST)).remote_id).read_bytes()
    with smtp_server() as server:
        settings = Settings(HOST, server.port, "ninguna", 0, 10)
        channel = SmtpChannel("correo", settings, default_letterhead(SENDER), tmp_path, clock=lambda: when)
        channel.send(channel.render(sample, FIRST))
        channel.close()
    (received,) = server.received
    assert received.data == written  # aiosmtpd keeps the bytes as they came, CRLF included


CASES = {
    # fault on FIRST: (its rows' state, retryable, words of the error, server count after the resume)
    "450": (
        "failed",
        True,
        "el servidor respondió 450 4.2.1 Buzón ocupado, intente más tarde a el destinatario",
        3,
    ),
    "550": (
        "failed",
        False,
        "el servidor rechazó el destinatario enlace001@example.org (RCPT TO): 550 5.1.1 El buzón no existe",
        0,
    ),
    "552": ("failed", False, "el servidor rechazó el mensaje: 552 5.3.4 Mensaje demasiado grande", 0),
    "drop": ("unknown", False, "se cortó después de enviar el mensaje completo", 3),
}


@pytest.mark.parametrize("fault", list(CASES))
def test_server_faults_for_one_recipient(project: Project, fault: str) -> None:
    state, retryable, words, final_count = CASES[fault]
    times = 1 if fault == "drop" else 3  # the drop hits the first item only; the rest go through
    with smtp_server() as server:
        server.faults[FIRST] = Fault(fault, times=times)
        use_smtp(project, server.port)
        done = project.publish("run")
        rows = project.rows()
        first = {k.item_id: r for k, r in rows.items() if k.recipient == FIRST}
        affected = [ITEMS[0]] if fault == "drop" else ITEMS
        for item in affected:
            assert first[item].state == state, (item, first[item])
            assert words in (first[item].error or ""), first[item].error
            if state == "failed":
                assert first[item].retryable is retryable
        for item in set(ITEMS) - set(affected):
            assert first[item].state == "sent"
        assert all(r.state == "sent" for k, r in rows.items() if k.recipient == SECOND)
        assert server.handler.count(SECOND) == 3
        if fault == "drop":
            message_id = re.search(r"<[^>]+>", first[ITEMS[0]].error or "")
            assert message_id is not None and message_id.group(0) in server.received[0].data.decode()
            assert "Desconocidos: 1" in done.stdout and "resolver" in done.stdout
            assert server.handler.sessions >= 2  # a new connection after the one that was cut
        # the next run: only what should be retried goes out, nothing twice
        again = project.publish("run")
        assert again.returncode in (0, 1), again.stderr
        assert server.handler.count(FIRST) == final_count
        assert server.handler.count(SECOND) == 3
        expected = "sent" if fault == "450" else state
        assert {project.rows()[Key(i, "correo", FIRST)].state for i in affected} == {expected}


def test_a_421_greeting_fails_everything_retryably_and_the_next_run_delivers_once(project: Project) -> None:
    with greeting_421() as port:
        use_smtp(project, port)
        done = project.publish("run")
    assert done.returncode == 1
    assert set(states(project).values()) == {"failed"}
    errors = {row.error for row in project.rows().values()}
    reason = (
        f"el servidor {HOST}:{port} no acepta la conexión ahora (421 4.3.2 El servicio se cierra); se reintenta "
        "en la próxima publicación"
    )
    assert errors == {f"content/boletines/2026/b{n:02d}.md: {reason}" for n in range(3)}  # under each file
    assert all(row.retryable for row in project.rows().values())
    with smtp_server() as server:
        use_smtp(project, server.port)
        assert project.publish("run").returncode == 0
        assert project.publish("run").returncode == 0
    assert len(server.received) == 6 and set(states(project).values()) == {"sent"}


def test_a_server_that_closes_the_connection_after_each_message_gets_a_new_one(project: Project) -> None:
    with smtp_server(handler=Handler(close_after=1)) as server:
        use_smtp(project, server.port)
        done = project.publish("run")
        assert done.returncode == 0, done.stderr
    assert len(server.received) == 6 and server.handler.sessions == 6
    assert set(states(project).values()) == {"sent"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_messages_per_minute_are_spaced_evenly(tmp_path: Path) -> None:
    clock = FakeClock()
    with smtp_server() as server:
        settings = Settings(HOST, server.port, "ninguna", 30, 10)
        channel = SmtpChannel(
            "correo",
            settings,
            default_letterhead(SENDER),
            tmp_path,
            sleep=clock.sleep,
            monotonic=clock.monotonic,
        )
        sample = conference_item("Presupuesto 2027")
        for number in range(4):
            channel.send(channel.render(sample, contact_address(number)))
        channel.close()
    assert clock.slept == [2.0, 2.0, 2.0]  # 30 a minute: one every two seconds
    assert len(server.received) == 4


def test_settings_are_checked_when_the_configuration_loads(project: Project) -> None:
    cases = {
        "seguridad": ("tls", "'canales.correo.seguridad' debe ser uno de: ninguna, starttls, ssl; no 'tls'"),
        "puerto": (70000, "'canales.correo': revisa servidor, puerto (1–65535), por_minuto (0 = sin límite)"),
        "certificado_ca": ("no-existe.pem", "'canales.correo.certificado_ca': no existe el archivo"),
    }
    for key, (value, message) in cases.items():
        use_smtp(project, 2525, **{key: value})
        done = project.publish("plan")
        assert done.returncode == 1 and message in done.stderr, (key, done.stderr)
    project.configure(
        canales={"correo": {"tipo": "smtp", "servidor": "smtp.example.org", "seguridad": "ninguna"}}
    )
    clear = project.publish("plan", env={"SMTP_USUARIO": USER, "SMTP_CLAVE": PASSWORD})
    assert "'canales.correo.seguridad' = 'ninguna' mandaría la clave sin cifrar" in clear.stderr
    half = project.publish("plan", env={"SMTP_USUARIO": USER})
    assert "hacen falta las dos variables: SMTP_USUARIO y SMTP_CLAVE" in half.stderr
    assert not project.state.exists()


def test_an_ambiguous_send_is_an_unknown_channel_error(tmp_path: Path) -> None:
    with smtp_server() as server:
        server.faults[FIRST] = Fault("drop")
        channel = SmtpChannel(
            "correo", Settings(HOST, server.port, "ninguna", 0, 10), default_letterhead(SENDER), tmp_path
        )
        with pytest.raises(ChannelError) as caught:
            channel.send(channel.render(conference_item("Presupuesto 2027"), FIRST))
        assert caught.value.ambiguous and not caught.value.retryable
        channel.send(channel.render(conference_item("Presupuesto 2027"), SECOND))  # reconnects by itself
        channel.close()
    assert [r.recipients for r in server.received] == [[FIRST], [SECOND]]
