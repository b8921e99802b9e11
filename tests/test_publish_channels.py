"""What goes out: emails that parse back, posts within each network's limits, golden renderings,
and nothing private — contact addresses, credentials — anywhere it should not be."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from publishkit import (
    SENDER,
    SOCIAL,
    Project,
    contact_address,
    contacts_yaml,
    files_containing,
    item_id,
    new_project,
    served,
    tree,
)
from rich.console import Console

from publish import run as run_module
from publish.channels import registry
from publish.channels.base import Message, Receipt
from publish.channels.outbox import OutboxChannel
from publish.config import load
from publish.errors import ChannelError
from publish.ledger import Key
from publish.manifest import ManifestItem
from publish.summary import report
from sitekit import build_project, item, make_project

A = item_id(0)
LONG = "2026-11-25-larga"
LONG_TITLE = (
    "Presidentas y presidentes municipales de la región oriente firmaron en Valle de Chalco el convenio "
    "de coordinación metropolitana para agua potable, drenaje y transporte público con el gobierno estatal"
)
CONTACTS = [contact_address(1), contact_address(2)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sitio")
    assert len(LONG_TITLE) == 200  # the longest title the content model accepts
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(id=A, slug="nota-0", titulo="Nota número 0"),
        "boletines/2026/larga.md": item(
            id=LONG,
            slug="convenio-de-coordinacion-metropolitana-para-agua-drenaje-y-transporte",
            titulo=LONG_TITLE,
            municipios="[acambay-de-ruiz-castaneda, valle-de-chalco-solidaridad]",
        ),
    }
    build_project(make_project(root, files))
    return root / "output"


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Iterator[Project]:
    with served(new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(2))) as project:
        yield project


def parse(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def test_emails_parse_back_with_the_photo_inline(project: Project) -> None:
    assert project.publish("run").returncode == 0
    assert project.publish("run", "--reenviar", A).returncode == 0  # a second copy of A's messages
    entries = {raw["id"]: raw for raw in project.manifest()["elementos"]}
    ids: dict[tuple[str, str], set[str]] = {}
    for item_key, raw in entries.items():
        photo = project.output / raw["imagen"]["web"].lstrip("/")
        for recipient in CONTACTS:
            files = project.files_of(Key(item_key, "correo", recipient))
            assert len(files) == (2 if item_key == A else 1)
            for path in files:
                assert path.suffix == ".eml"
                message = parse(path)
                assert message["Subject"] == f"[Boletín] {raw['titulo']}"
                assert message["To"] == recipient
                assert message["From"] == SENDER
                sent_at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
                date = parsedate_to_datetime(message["Date"])  # when it went out, not the item's date
                assert abs(date - sent_at) < dt.timedelta(seconds=5)
                ids.setdefault((item_key, recipient), set()).add(message["Message-ID"])
                plain = message.get_body(("plain",))
                html = message.get_body(("html",))
                assert plain is not None and html is not None
                assert raw["url"] in plain.get_content() and raw["resumen"] in plain.get_content()
                assert f'href="{raw["url"]}"' in html.get_content()
                assert list(message.iter_attachments()) == []
                (inline,) = [p for p in message.walk() if p.get("Content-ID")]
                assert inline.get_content_type() == "image/jpeg"
                assert f'src="cid:{inline["Content-ID"].strip("<>")}"' in html.get_content()
                assert inline.get_content() == photo.read_bytes()
    # one Message-ID per item and recipient, the same on every copy, unlike any other
    assert all(len(found) == 1 for found in ids.values()), ids
    every = [next(iter(found)) for found in ids.values()]
    assert len(set(every)) == len(every) == 4
    assert all(re.fullmatch(r"<[^<>@\s]+@ptedomex\.example\.org>", value) for value in every)


# -- nothing private leaks --

MARKER = "zqxprivadozqx"


def test_contact_addresses_never_reach_the_site(tmp_path: Path) -> None:
    planted = (
        f"- nombre: Enlace {MARKER} (ficticio)\n  correo: {MARKER}@example.org\n  distritos: [distrito-01]\n"
    )
    # the real directory kept (wrongly) among the site's data files: still never published
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(id=A),
        "datos/contactos.yml": contacts_yaml(2, extra=planted),
    }
    conf = make_project(tmp_path, files)
    build_project(conf)
    project = Project(tmp_path)
    project.configure(sitio={"contactos": "no-existe.yml"})
    done = project.publish("run", env={"PUBLICACION_CONTACTOS": "content/datos/contactos.yml"})
    assert done.returncode == 0, done.stderr
    # the planted contact did get its email: the search below can find the marker where it is
    assert len(project.files_of(Key(A, "correo", f"{MARKER}@example.org"))) == 1
    assert files_containing(project.outbox, MARKER.encode()) != []
    assert files_containing(project.state, MARKER.encode()) != []
    for folder in (project.output, project.current):
        assert files_containing(folder, MARKER.encode()) == []
        for address in CONTACTS:
            assert files_containing(folder, address.encode()) == []
    assert MARKER not in done.stdout + done.stderr


SECRET = "supersecreto123"


class RefusingChannel:
    """An X channel whose API answers with an error that quotes the credential, as some do."""

    name = "x"
    verifiable = True

    def __init__(self, inner: OutboxChannel) -> None:
        self.inner = inner

    def render(self, item: ManifestItem, recipient: str) -> Message:
        return self.inner.render(item, recipient)

    def send(self, message: Message) -> Receipt:
        raise ChannelError(f"401 Unauthorized: el token 'Bearer {SECRET}' no es válido", retryable=True)

    def check(self, message: Message) -> Receipt | None:
        return None


def test_a_secret_never_leaks_even_when_an_error_quotes_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_API_TOKEN", SECRET)
    real = run_module.channels_for

    def channels(config: Any) -> dict[str, Any]:
        found: dict[str, Any] = real(config)
        found["x"] = RefusingChannel(found["x"])
        return found

    # run() builds its own channels: replacing the builder is the only way to inject one
    monkeypatch.setattr(run_module, "channels_for", channels)
    console = io.StringIO()
    outcome = run_module.run(load(project.config, root=project.root), console=Console(file=console))
    summary = report(outcome)
    refusal = "401 Unauthorized: el token 'Bearer ***' no es válido"
    redacted = f"content/boletines/2026/a.md: {refusal}"  # under the item's file
    assert f"    {A} x {SOCIAL['x']}: {redacted}" in summary
    assert SECRET not in summary + console.getvalue()
    rows = project.rows()
    assert {(r.state, r.error) for k, r in rows.items() if k.channel == "x"} == {
        ("failed", f"content/boletines/2026/{name}.md: {refusal}") for name in ("a", "larga")
    }
    for folder in (project.root,):
        assert files_containing(folder, SECRET.encode()) == []

    # a person looking at the ledger later sees the redacted text
    shown = project.publish("estado", A)
    assert redacted in shown.stdout and SECRET not in shown.stdout

    # the real command with the secret in the environment: nothing printed carries it
    monkeypatch.undo()
    again = project.publish("run", env={"X_API_TOKEN": SECRET})
    assert again.returncode == 0
    assert SECRET not in again.stdout + again.stderr
    assert files_containing(project.root, SECRET.encode()) == []


def test_a_secret_pasted_into_the_config_is_redacted_from_the_error(project: Project) -> None:
    (project.root / ".env").write_text(f"X_API_TOKEN={SECRET}\n", encoding="utf-8")
    project.configure(canales={"x": {"tipo": SECRET}})
    done = project.publish("run")
    assert (done.returncode, done.stdout) == (1, "")
    kinds = ", ".join(registry.available())
    assert (
        done.stderr == f"Error: {project.config}: 'canales.x.tipo' = '***' no está disponible; usa: {kinds}\n"
    )
    assert not project.state.exists() and not project.deployed.exists()
    assert tree(project.root).get(".env") == f"X_API_TOKEN={SECRET}\n".encode()
