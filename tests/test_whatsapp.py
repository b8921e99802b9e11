"""WhatsApp against a local fake of the Cloud API that speaks its request and error shapes: a template
message per item to each contact who opted in, one ledger row per contact keyed by address (never
the phone), and the API's errors — 131047, 131026, 130429, 190, 5xx, timeout — mapped to retry,
permanent or unknown, with no duplicate on the next run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from publishkit import TYPES, Project, files_containing, item_id, new_project, served
from test_mail import conference_item
from whatsappkit import PHONE_ID, TOKEN, VERSION, FakeApi, Fault, fake_api

from publish.channels.whatsapp import Templates, WhatsAppChannel, WhatsAppRenderer
from publish.directory.model import Contact, Directory
from publish.errors import ChannelError

NAME = "Coordinadora Zacnité"
PHONES = {"wa1@example.org": "525500000001", "wa2@example.org": "525500000002"}
CONTACTS = f"""\
- nombre: {NAME}
  correo: wa1@example.org
  telefono: +52 55 0000 0001
  distritos: [distrito-01]
  whatsapp: 2026-06-01
- nombre: Enlace con WhatsApp
  correo: wa2@example.org
  telefono: "+52 (55) 0000-0002"
  municipios: [texcoco]
  whatsapp: 2026-06-02
- nombre: Sin consentimiento
  correo: nowa@example.org
  telefono: +52 55 0000 0003
  distritos: [distrito-01]
"""
ITEMS = [item_id(n) for n in range(3)]
WA1, WA2 = "wa1@example.org", "wa2@example.org"


@pytest.fixture
def api() -> Iterator[FakeApi]:
    with fake_api() as api:
        yield api


@pytest.fixture
def project(tmp_path: Path, built: Path, api: FakeApi) -> Iterator[Project]:
    with served(new_project(tmp_path / "proyecto", built, contacts=CONTACTS)) as project:
        project.base["por_tipo"] = {tipo: ["whatsapp"] for tipo in TYPES}
        project.base["canales"] = {
            "whatsapp": {
                "tipo": "whatsapp",
                "cuenta": "+52 722 000 0000",
                "numero_id": PHONE_ID,
                "api": api.base,
                "version": VERSION,
                "espera_segundos": 1,
            }
        }
        project.configure()
        yield project


def run(project: Project, token: str = TOKEN) -> Any:
    return project.publish("run", env={"WHATSAPP_TOKEN": token})


def rows(project: Project) -> dict[tuple[str, str], Any]:
    return {(k.item_id, k.recipient): r for k, r in project.rows().items() if k.channel == "whatsapp"}


def test_a_template_message_per_item_to_each_contact_who_opted_in(project: Project, api: FakeApi) -> None:
    done = run(project)
    assert done.returncode == 0, done.stderr
    assert "Enviados por canal: whatsapp 6" in done.stdout
    assert sorted(s.to for s in api.sent) == sorted(
        list(PHONES.values()) * 3
    )  # never the one who did not opt in
    assert set(api.authorizations) == {f"Bearer {TOKEN}"}
    manifest = {raw["id"]: raw for raw in project.manifest()["elementos"]}
    for sent in api.sent:
        assert (sent.template, sent.language) == ("anuncio_nota", "es_MX")
        title, summary, link = sent.parameters
        raw = next(r for r in manifest.values() if r["url"] == link)
        assert (title, summary) == (raw["titulo"], raw["resumen"])
        assert sent.body["biz_opaque_callback_data"].startswith(raw["id"] + ":")
    ledger = rows(project)
    assert set(ledger) == {(i, a) for i in ITEMS for a in PHONES}  # keyed by address, not by phone
    assert all(r.state == "sent" and (r.remote_id or "").startswith("wamid-sha256:") for r in ledger.values())
    # the phones and the names are nowhere in the ledger, the state folder or what was printed
    for private in (*PHONES.values(), "0000 0001", NAME, "wamid."):
        assert files_containing(project.state, private.encode()) == [], private
        assert private not in done.stdout + done.stderr
    assert TOKEN not in done.stdout + done.stderr and files_containing(project.root, TOKEN.encode()) == []
    assert run(project).returncode == 0 and len(api.sent) == 6  # announced once


CASES = {
    # fault for WA1's number: (state, retryable, words, WA1's messages at the API after the next run)
    "131047": ("failed", False, "WhatsApp solo admite plantillas aprobadas fuera de las 24 horas", 0),
    "131026": ("failed", False, "el número del contacto no puede recibir mensajes de WhatsApp", 0),
    "130429": (
        "failed",
        True,
        "WhatsApp pidió bajar el ritmo (HTTP 400, código 130429: (#130429) Rate limit hit",
        3,
    ),
    "500": ("unknown", False, "la API respondió con un error del servidor (HTTP 500, código 131000", 0),
    "timeout": ("unknown", False, "la API no respondió en 1 segundos: el mensaje pudo haber salido", 1),
}


@pytest.mark.parametrize("fault", list(CASES))
def test_api_errors_for_one_contact(project: Project, api: FakeApi, fault: str) -> None:
    state, retryable, words, final = CASES[fault]
    times = 1 if fault == "timeout" else 3
    api.faults[PHONES[WA1]] = Fault(fault, times=times)
    done = run(project)
    ledger = rows(project)
    affected = ITEMS[:1] if fault == "timeout" else ITEMS
    for item in affected:
        row = ledger[(item, WA1)]
        assert row.state == state and words in (row.error or ""), row
        if state == "failed":
            assert row.retryable is retryable
    assert all(ledger[(i, WA2)].state == "sent" for i in ITEMS)  # the others are not held up
    assert PHONES[WA1] not in done.stdout + done.stderr  # 131026's details quote the number: scrubbed
    assert all(PHONES[WA1] not in (r.error or "") for r in ledger.values())
    if state == "unknown":
        assert "Desconocidos:" in done.stdout
    again = run(project)
    assert again.returncode in (0, 1), again.stderr
    assert api.count(PHONES[WA1]) == final + (2 if fault == "timeout" else 0)
    assert api.count(PHONES[WA2]) == 3


def test_an_expired_token_fails_the_batch_at_once_and_the_next_run_delivers(
    project: Project, api: FakeApi
) -> None:
    done = run(project, token="EAAG-token-vencido-000000")
    assert done.returncode == 1
    assert api.requests == 1  # one call answered 190: the rest of the batch is not tried
    ledger = rows(project)
    assert {r.state for r in ledger.values()} == {"failed"} and all(r.retryable for r in ledger.values())
    assert "el token de acceso (WHATSAPP_TOKEN) venció o no es válido" in next(iter(ledger.values())).error
    assert run(project).returncode == 0
    assert len(api.sent) == 6 and {r.state for r in rows(project).values()} == {"sent"}


def test_probar_whatsapp_checks_the_token_and_sends_nothing(project: Project, api: FakeApi) -> None:
    good = project.publish("probar", "whatsapp", env={"WHATSAPP_TOKEN": TOKEN})
    assert good.returncode == 0, good.stderr
    assert good.stdout == (
        "whatsapp: número +52 722 000 0000 (PT Edomex Comunicación), calidad GREEN; el token es válido y no se "
        "envió nada\n"
    )
    bad = project.publish("probar", "whatsapp", env={"WHATSAPP_TOKEN": "EAAG-token-vencido-000000"})
    assert bad.returncode == 1 and "venció o no es válido" in bad.stderr
    assert api.sent == []


def test_settings_and_token_are_checked_before_anything_runs(project: Project) -> None:
    missing = project.publish("plan")
    assert missing.returncode == 1
    assert "falta la variable de entorno WHATSAPP_TOKEN" in missing.stderr
    project.configure(canales={"whatsapp": {"numero_id": "mi-numero"}})
    wrong = project.publish("plan", env={"WHATSAPP_TOKEN": TOKEN})
    assert "falta 'canales.whatsapp.numero_id'" in wrong.stderr
    assert not project.state.exists()


def channel(api: FakeApi, directory: Directory, timeout: float = 5) -> WhatsAppChannel:
    renderer = WhatsAppRenderer(
        "whatsapp", Templates("anuncio_nota", "anuncio_conferencia", "es_MX"), directory
    )
    return WhatsAppChannel(renderer, f"{api.base}/{VERSION}/{PHONE_ID}", TOKEN, timeout)


def test_a_conference_goes_with_its_date_time_and_place(api: FakeApi) -> None:
    contact = Contact("Una", WA1, "+525500000001", distritos=("distrito-01",), whatsapp=dt.date(2026, 1, 1))
    wa = channel(api, Directory((contact,)))
    receipt = wa.send(wa.render(conference_item("Conferencia de prensa: presupuesto estatal 2027"), WA1))
    assert receipt.remote_id.startswith("wamid-sha256:")
    (sent,) = api.sent
    assert sent.template == "anuncio_conferencia"
    assert sent.parameters == [
        "Conferencia de prensa: presupuesto estatal 2027",
        "jueves 26 de noviembre de 2026, 11:00 a 12:00 h",
        "Salón Gobernadores, Toluca",
        "https://ptedomex.example.org/conferencias/2026/11/conferencia-presupuesto-2027/",
    ]


def test_a_contact_who_withdrew_consent_is_not_sent_to(api: FakeApi) -> None:
    withdrawn = Contact("Una", WA1, "+525500000001", distritos=("distrito-01",), whatsapp=None)
    wa = channel(api, Directory((withdrawn,)))
    with pytest.raises(ChannelError, match="ya no tiene 'whatsapp'") as caught:
        wa.send(wa.render(conference_item("Presupuesto"), WA1))
    assert not caught.value.retryable and api.requests == 0


def test_parameters_are_one_line_and_bounded(api: FakeApi) -> None:
    contact = Contact("Una", WA1, "+525500000001", distritos=("distrito-01",), whatsapp=dt.date(2026, 1, 1))
    sample = conference_item("Título\tcon     espacios\ny saltos")
    sample = type(sample)(
        **{**sample.__dict__, "tipo": "boletin", "evento": None, "resumen": "palabra " * 100}
    )
    wa = channel(api, Directory((contact,)))
    wa.send(wa.render(sample, WA1))
    (sent,) = api.sent
    assert sent.parameters[0] == "Título con espacios y saltos"
    assert len(sent.parameters[1]) == 300 and sent.parameters[1].endswith("…")


def test_no_connection_is_retryable(api: FakeApi) -> None:
    contact = Contact("Una", WA1, "+525500000001", distritos=("distrito-01",), whatsapp=dt.date(2026, 1, 1))
    renderer = WhatsAppRenderer(
        "whatsapp", Templates("anuncio_nota", "anuncio_conferencia", "es_MX"), Directory((contact,))
    )
    closed = WhatsAppChannel(renderer, f"http://127.0.0.1:9/{VERSION}/{PHONE_ID}", TOKEN, 2)
    with pytest.raises(ChannelError, match="no se pudo conectar") as caught:
        closed.send(closed.render(conference_item("Presupuesto"), WA1))
    assert caught.value.retryable and not caught.value.ambiguous
