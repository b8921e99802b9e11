"""The announcement email as a coordinator receives it: parsed back from the outbox with the `email`
package — subject without repetition, Date = send time, one recipient, both bodies with the full
text, the photo inline by Content-ID with its credit and high-resolution link, for a conference
when and where plus an .ics invitation (parsed with icalendar), and the list headers (RFC 2369,
RFC 8058)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
from collections.abc import Iterator
from email import message_from_bytes
from email import policy as policies
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from feedschema import check_ics, event_utc
from publishkit import SENDER, Project, new_project, served

from publish.channels.mail import Letterhead, dated, default_letterhead, render_email, subject
from publish.ledger import Key
from publish.manifest import ManifestEvent, ManifestImage, ManifestItem
from sitekit import build_project, item, make_project

BULLETIN = "2026-11-25-bol01"
CONFERENCE = "2026-11-24-conf1"
CONTACT = "enlace@example.org"
KEY = "clave-de-bajas-de-prueba-0123456789"
MEXICO_CITY = ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sitio")
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(
            id=BULLETIN,
            titulo="Alcaldesa de Texcoco inaugura clínica comunitaria",
            imagen="{archivo: imagenes/2026/11/clinica.jpg, pie: La alcaldesa corta el listón, credito: Ana Ruiz}",
            body=(
                "La clínica atenderá a **tres mil familias**.\n\n## Horarios\n\n- Lunes a viernes\n- Sábados\n\n"
                "Más datos en la [sala de prensa](/sala-de-prensa/)."
            ),
        ),
        "conferencias/2026/c.md": item(
            id=CONFERENCE,
            titulo='"Conferencia de prensa: presupuesto estatal 2027"',
            slug="conferencia-presupuesto-2027",
            fecha="2026-11-24 09:00",
            tipo="conferencia",
            municipios="[texcoco]",
            resumen="La dirigencia presentará su postura sobre el paquete económico 2027.",
            evento="{inicio: 2026-11-26 11:00, fin: 2026-11-26 12:30, lugar: Salón Gobernadores, municipio: toluca}",
            body="Se invita a los medios a cubrir la conferencia.",
        ),
    }
    build_project(make_project(root, files))
    return root / "output"


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Iterator[Project]:
    contacts = f"- nombre: Enlace (ficticio)\n  correo: {CONTACT}\n  distritos: [distrito-01]\n"
    with served(new_project(tmp_path / "proyecto", built, contacts=contacts)) as project:
        yield project


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policies.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def entry(project: Project, item_id: str) -> dict[str, object]:
    return next(raw for raw in project.manifest()["elementos"] if raw["id"] == item_id)


def sent(project: Project, item_id: str) -> EmailMessage:
    (path,) = project.files_of(Key(item_id, "correo", CONTACT))
    return parse(path.read_bytes())


def test_a_bulletin_email_carries_everything_a_coordinator_reproduces(project: Project) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    done = project.publish("run")
    after = dt.datetime.now(dt.UTC)
    assert done.returncode == 0, done.stderr
    raw = entry(project, BULLETIN)
    image = raw["imagen"]
    assert isinstance(image, dict)
    message = sent(project, BULLETIN)

    assert message["Subject"] == "[Boletín] Alcaldesa de Texcoco inaugura clínica comunitaria"
    assert message["From"] == SENDER and message["Reply-To"] == SENDER
    assert message.get_all("To") == [CONTACT] and message["Cc"] is None and message["Bcc"] is None
    # Date: when it went out (Mexico City), not the item's date (2026-11-25 10:30)
    date = parsedate_to_datetime(message["Date"])
    assert before <= date <= after and date.utcoffset() == dt.timedelta(hours=-6)
    assert re.fullmatch(r"<2026-11-25-bol01\.[0-9a-f]{16}@ptedomex\.example\.org>", message["Message-ID"])
    assert message["List-Id"] == "Comunicación Social PT Edomex <anuncios.ptedomex.example.org>"
    assert message["List-Unsubscribe"] == "<mailto:prensa@ptedomex.example.org?subject=baja>"
    assert message["List-Unsubscribe-Post"] is None  # no https address configured

    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    text = plain.get_content().replace("\r\n", "\n")  # CRLF on the wire
    assert text.startswith(
        "BOLETÍN\nAlcaldesa de Texcoco inaugura clínica comunitaria\nTexcoco, Estado de México, "
        "25 de noviembre de 2026\n\nLa clínica atenderá a tres mil familias de la zona oriente.\n\n"
    )
    assert raw["cuerpo_texto"] and str(raw["cuerpo_texto"]) in text
    photo_lines = f"Pie de foto: La alcaldesa corta el listón\nCrédito: Ana Ruiz\nFoto en alta resolución: {image['url']}"
    assert photo_lines in text
    assert f"Nota completa: {raw['url']}" in text
    assert "\n-- \nCoordinación de Comunicación Social\nPartido del Trabajo en el Estado de México\n" in text
    body = html.get_content()
    assert "tres mil familias</strong>" in body and "Horarios</h2>" in body and "<li " in body
    assert 'href="https://ptedomex.example.org/sala-de-prensa/"' in body  # absolute links
    assert f'href="{raw["url"]}"' in body and f'href="{image["url"]}"' in body
    assert "La alcaldesa corta el listón. Foto: Ana Ruiz." in body
    assert "<style" not in body  # inline styles only: mail clients drop style blocks

    # the photo: the ≤960 px rendition, inline, referenced by its Content-ID from the HTML
    (cid,) = re.findall(r'src="cid:([^"]+)"', body)
    related = [p for p in message.walk() if p.get("Content-ID") == f"<{cid}>"]
    assert len(related) == 1
    photo = related[0]
    assert photo.get_content_type() == "image/jpeg" and photo.get_content_disposition() == "inline"
    assert photo.get_content() == (project.output / str(image["web"]).lstrip("/")).read_bytes()
    assert list(message.iter_attachments()) == []  # nothing else: no .ics for a bulletin


def test_a_conference_email_says_when_and_where_and_invites(project: Project) -> None:
    assert project.publish("run").returncode == 0
    raw = entry(project, CONFERENCE)
    message = sent(project, CONFERENCE)
    assert message["Subject"] == "Conferencia de prensa: presupuesto estatal 2027"  # no repetition
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert text.startswith("Conferencia de prensa: presupuesto estatal 2027\nTexcoco, Estado de México")
    when = "Cuándo: jueves 26 de noviembre de 2026, 11:00 a 12:30 h (hora del centro de México)"
    assert f"{when}\nDónde: Salón Gobernadores, Toluca\n" in text
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "jueves 26 de noviembre de 2026, 11:00 a 12:30 h" in html and "Salón Gobernadores, Toluca" in html

    (invitation,) = message.iter_attachments()
    assert invitation.get_content_type() == "text/calendar"
    assert invitation.get_param("method") == "PUBLISH" and invitation.get_filename() == "conferencia.ics"
    data = invitation.get_payload(decode=True)
    assert isinstance(data, bytes)
    calendar = check_ics(data, "conferencia.ics")
    (event,) = calendar.walk("VEVENT")
    assert event_utc(calendar, event, "DTSTART") == dt.datetime(2026, 11, 26, 17, 0, tzinfo=dt.UTC)
    assert event_utc(calendar, event, "DTEND") == dt.datetime(2026, 11, 26, 18, 30, tzinfo=dt.UTC)
    assert str(event["LOCATION"]) == "Salón Gobernadores, Toluca, Estado de México"
    assert str(event["SUMMARY"]) == raw["titulo"] and str(event["URL"]) == raw["url"]
    assert str(calendar["METHOD"]) == "PUBLISH"
    # the same event as in the site's calendar: one entry for a journalist who adds both
    site = icalendar.Calendar.from_ical((project.output / "calendario/conferencias.ics").read_bytes())
    (listed,) = [e for e in site.walk("VEVENT") if str(e["UID"]) == str(event["UID"])]
    assert int(listed["SEQUENCE"]) == int(event["SEQUENCE"])


def test_one_click_unsubscribe_when_an_address_is_configured(project: Project) -> None:
    project.configure(
        canales={
            "correo": {"baja_url": "https://ptedomex.example.org/baja", "responder_a": "prensa@example.org"}
        }
    )
    missing = project.publish("run")
    assert missing.returncode == 1
    assert "necesita la variable de entorno CORREO_BAJA_CLAVE" in missing.stderr
    done = project.publish("run", env={"CORREO_BAJA_CLAVE": KEY})
    assert done.returncode == 0, done.stderr
    message = sent(project, BULLETIN)
    assert message["Reply-To"] == "prensa@example.org"
    mailto, https = (part.strip(" <>") for part in message["List-Unsubscribe"].split(","))
    assert mailto == "mailto:prensa@ptedomex.example.org?subject=baja"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = urlsplit(https)
    assert (link.scheme, link.netloc, link.path) == ("https", "ptedomex.example.org", "/baja")
    query = parse_qs(link.query)
    assert query["correo"] == [CONTACT]
    assert query["firma"] == [hmac.new(KEY.encode(), CONTACT.encode(), hashlib.sha256).hexdigest()[:32]]
    assert KEY not in (project.root / "estado").joinpath("registro.sqlite3").read_bytes().decode("latin-1")


def conference_item(title: str) -> ManifestItem:
    start = dt.datetime(2026, 11, 26, 11, 0, tzinfo=MEXICO_CITY)
    return ManifestItem(
        id="2026-11-24-conf1",
        url="https://ptedomex.example.org/conferencias/2026/11/conferencia-presupuesto-2027/",
        ruta="/conferencias/2026/11/conferencia-presupuesto-2027/",
        titulo=title,
        resumen="La dirigencia presentará su postura sobre el paquete económico 2027.",
        tipo="conferencia",
        tipo_nombre="Conferencia de prensa",
        estatal=False,
        municipios=("Toluca",),
        distritos=("distrito-01",),
        etiquetas=(),
        imagen=ManifestImage(
            "https://ptedomex.example.org/imagenes/2026/11/sede-original.jpg",
            "/imagenes/2026/11/sede-original.jpg",
            "La sede estatal",
            "Comunicación PT",
            "/imagenes/2026/11/sede-960.jpg",
            960,
            640,
        ),
        fecha=dt.datetime(2026, 11, 24, 9, 0, tzinfo=MEXICO_CITY),
        hash="sha256:1",
        canales=None,
        municipio_slugs=("toluca",),
        evento=ManifestEvent(start, start + dt.timedelta(hours=1), "Salón Gobernadores", "Toluca", "toluca"),
        cuerpo_html="<p>Se invita a los medios a cubrir la conferencia.</p>",
        cuerpo_texto="Se invita a los medios a cubrir la conferencia.",
        actualizado=dt.datetime(2026, 11, 24, 9, 0, tzinfo=MEXICO_CITY),
    )


WORDS = "Alcaldesa de Texcoco inaugura clínica comunitaria en Ñeñé, Acambay de Ruíz Castañeda y Valle "


@pytest.mark.parametrize("length", range(10, 201, 3))
def test_subjects_fold_without_doubled_spaces_or_repetition(length: int) -> None:
    head = default_letterhead(SENDER)
    for shift in range(0, 12, 5):
        title = (WORDS * 4)[shift : shift + length].strip()
        for kind in ("Boletín", "Conferencia de prensa"):
            sample = ManifestItem(**{**conference_item(title).__dict__, "tipo_nombre": kind})
            expected = f"[{kind}] {title}"
            data = dated(render_email(sample, CONTACT, head, None), dt.datetime(2026, 11, 26, tzinfo=dt.UTC))
            header = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
            assert all(len(line) <= 78 for line in header.split("\r\n")), header
            assert parse(data)["Subject"] == expected
            # an independent decoder: the legacy compat32 parser and decode_header
            legacy = message_from_bytes(data)
            assert str(make_header(decode_header(legacy["Subject"]))) == expected


def test_a_title_that_names_its_type_is_not_prefixed_and_line_breaks_cannot_inject() -> None:
    head = default_letterhead(SENDER)
    assert subject(conference_item("Conferencia de prensa: presupuesto 2027")) == (
        "Conferencia de prensa: presupuesto 2027"
    )
    assert subject(conference_item("CONFERENCIA: presupuesto 2027")) == "CONFERENCIA: presupuesto 2027"
    # a line break is refused, never folded into the header (the delivery fails on its own row)
    for hostile in ("Hola\r\nBcc: x@example.org", "Hola\nX: y", "Hola\rBcc: x@example.org"):
        with pytest.raises(ValueError, match="Header values may not contain linefeed or carriage return"):
            render_email(conference_item(hostile), CONTACT, head, None)
    tabs = parse(render_email(conference_item("Hola\t  mundo"), CONTACT, head, None))
    assert tabs["Subject"] == "[Conferencia de prensa] Hola mundo"


def test_message_ids_are_stable_per_version_and_recipient_and_unique_otherwise() -> None:
    head = Letterhead(SENDER, SENDER, "anuncios.ptedomex.example.org", "prensa@ptedomex.example.org")
    sample = conference_item("Presupuesto 2027")

    def message_id(item: ManifestItem, recipient: str) -> str:
        return str(parse(render_email(item, recipient, head, None))["Message-ID"])

    first = message_id(sample, CONTACT)
    assert message_id(sample, CONTACT.upper()) == first  # the same mailbox
    assert message_id(sample, "otro@example.org") != first
    corrected = ManifestItem(**{**sample.__dict__, "hash": "sha256:2"})
    assert message_id(corrected, CONTACT) != first  # a corrected version is a new message


def test_the_outbox_writes_the_rendered_bytes_with_only_date_added(tmp_path: Path) -> None:
    from publish.channels.outbox import OutboxChannel

    when = dt.datetime(2026, 11, 30, 18, 5, tzinfo=dt.UTC)
    channel = OutboxChannel("correo", SENDER, tmp_path / "bandeja", tmp_path / "output", clock=lambda: when)
    message = channel.render(conference_item("Presupuesto 2027"), CONTACT)
    receipt = channel.send(message)
    written = (tmp_path / "bandeja/correo" / receipt.remote_id).read_bytes()
    assert written == b"Date: Mon, 30 Nov 2026 12:05:00 -0600\r\n" + message.body
    assert b"\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")  # CRLF, as on the wire
    assert os.stat(tmp_path / "bandeja/correo" / receipt.remote_id).st_size == len(written)


GOLDEN = Path(__file__).parent / "golden/correo-conferencia.eml"


def test_golden_conference_email(tmp_path: Path) -> None:
    """The whole message, byte for byte as the outbox writes it (boundaries named for stability)."""
    from publish.channels.outbox import OutboxChannel

    photo = tmp_path / "output/imagenes/2026/11/sede-960.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0 foto de prueba \xff\xd9")
    when = dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.UTC)
    channel = OutboxChannel("correo", SENDER, tmp_path / "bandeja", tmp_path / "output", clock=lambda: when)
    receipt = channel.send(channel.render(conference_item("Presupuesto estatal 2027"), CONTACT))
    rendered = (tmp_path / "bandeja/correo" / receipt.remote_id).read_bytes()
    boundaries = list(dict.fromkeys(re.findall(rb'boundary="([^"]+)"', rendered)))
    assert len(boundaries) == 3  # mixed, alternative, related
    for number, boundary in enumerate(boundaries, start=1):
        rendered = rendered.replace(boundary, f"==LIMITE-{number}==".encode())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(rendered)
    assert GOLDEN.exists(), f"falta {GOLDEN}; créalo con UPDATE_GOLDEN=1 y revísalo antes de aceptarlo"
    assert rendered == GOLDEN.read_bytes(), "el correo cambió; si es a propósito: UPDATE_GOLDEN=1"


def test_copies_for_many_recipients_are_render_email_bytes_with_shared_parts_made_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The channels render an item's email once and name each recipient in its copy: the bytes are
    exactly those of render_email for that recipient (folding of long addresses and unsubscribe
    links included), and the text, HTML, photo and invitation are encoded once per item."""
    from publish.channels import mail

    monkeypatch.setenv(mail.SECRET_VARIABLE, KEY)
    head = Letterhead(
        SENDER,
        SENDER,
        "anuncios.ptedomex.example.org",
        "prensa@ptedomex.example.org",
        "https://ptedomex.example.org/baja",
        KEY.encode(),
    )
    photo = mail.Photo(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9", "sede-960.jpg", "jpeg")
    recipients = [
        CONTACT,
        "Enlace.Con.Mayusculas@Example.org",
        "una-direccion-muy-larga-de-un-enlace-distrital-de-comunicacion@subdominio.example.org",
        "x@example.org",
    ]
    items = [conference_item("Presupuesto estatal 2027"), conference_item("Otro título " * 12)]
    built: list[str] = []
    real = mail._message
    monkeypatch.setattr(mail, "_message", lambda item, *a: built.append(item.titulo) or real(item, *a))
    monkeypatch.setattr(mail, "photo_for", lambda item, output: photo)
    emails = mail.Emails(head, Path("salida"))
    copies = {(item.titulo, r): emails.render(item, r) for item in items for r in recipients}
    assert built == [item.titulo for item in items]  # once per item, not once per recipient
    for (titulo, recipient), data in copies.items():
        item = next(i for i in items if i.titulo == titulo)
        assert data == render_email(item, recipient, head, photo)
        message = parse(data)
        assert message["To"] == recipient and head.unsubscribe_link(recipient) in message["List-Unsubscribe"]
    with pytest.raises(Exception, match="salto de línea"):
        emails.render(items[0], "a@example.org\r\nBcc: b@example.org")
