"""The announcement email's HTML part in a real browser, as a mail client shows it: the inline photo
resolved by its Content-ID, nothing fetched from the network, readable on a desktop and a phone.
Screenshots are kept in test-artifacts/navegador/."""

from __future__ import annotations

import base64
import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browserkit import DESKTOP, MOBILE, screenshot
from PIL import Image

from publish.channels.outbox import OutboxChannel
from publish.manifest import ManifestEvent, ManifestImage, ManifestItem

MEXICO_CITY = ZoneInfo("America/Mexico_City")
SENDER = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"
BODY_HTML = (
    "<p>La dirigencia estatal presentará su postura sobre el paquete económico 2027 y responderá "
    "preguntas de los medios.</p><h2>Temas</h2><ul><li>Obra pública municipal</li>"
    "<li>Agua potable y drenaje</li></ul><p>Más información en la "
    '<a href="https://ptedomex.example.org/sala-de-prensa/" rel="noopener">sala de prensa</a>.</p>'
)


def conference() -> ManifestItem:
    start = dt.datetime(2026, 11, 26, 11, 0, tzinfo=MEXICO_CITY)
    return ManifestItem(
        id="2026-11-24-conf1",
        url="https://ptedomex.example.org/conferencias/2026/11/conferencia-presupuesto-2027/",
        ruta="/conferencias/2026/11/conferencia-presupuesto-2027/",
        titulo="Conferencia de prensa: postura sobre el presupuesto estatal 2027",
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
            "Fachada de la sede estatal del PT en Toluca",
            "Comunicación PT Edomex",
            "/imagenes/2026/11/sede-960.jpg",
            960,
            640,
        ),
        fecha=dt.datetime(2026, 11, 24, 9, 0, tzinfo=MEXICO_CITY),
        hash="sha256:1",
        canales=None,
        municipio_slugs=("toluca",),
        evento=ManifestEvent(start, start + dt.timedelta(hours=1), "Salón Gobernadores", "Toluca", "toluca"),
        cuerpo_html=BODY_HTML,
        cuerpo_texto="",
    )


@pytest.fixture(scope="module")
def email_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML part, with the inline photo's cid: reference turned into the data the client has."""
    root = tmp_path_factory.mktemp("correo")
    photo = root / "output/imagenes/2026/11/sede-960.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (960, 640), "#7a0a1c").save(photo, "JPEG")
    channel = OutboxChannel("correo", SENDER, root / "bandeja", root / "output")
    receipt = channel.send(channel.render(conference(), "enlace@example.org"))
    message = BytesParser(policy=policy.default).parsebytes(
        (root / "bandeja/correo" / receipt.remote_id).read_bytes()
    )
    assert isinstance(message, EmailMessage)
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = str(html_part.get_content())
    for part in message.walk():
        cid = part.get("Content-ID")
        if cid:
            data = base64.b64encode(part.get_payload(decode=True)).decode()
            html = html.replace(f"cid:{cid.strip('<>')}", f"data:{part.get_content_type()};base64,{data}")
    assert "cid:" not in html, "every cid: reference has its inline part"
    return html


def show(browser: Any, html: str, viewport: dict[str, int]) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=viewport, locale="es-MX")
    page = context.new_page()
    requested: list[str] = []

    def block(route: Any) -> None:  # a mail client loads nothing from the network by itself
        requested.append(route.request.url)
        route.abort()

    page.route("**/*", block)
    page.set_content(html, wait_until="load")
    return context, page, requested


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "escritorio"), (MOBILE, "movil")])
def test_the_email_renders_in_chromium(
    browser: Any, email_html: str, viewport: dict[str, int], name: str
) -> None:
    context, page, requested = show(browser, email_html, viewport)
    try:
        assert requested == []  # no remote image, font or tracker
        photo = page.locator("img").first
        assert photo.evaluate("img => img.complete && img.naturalWidth") == 960
        box = photo.bounding_box()
        assert box is not None and 0 < box["width"] <= 552 and box["width"] <= viewport["width"]
        assert abs(box["height"] - box["width"] * 640 / 960) < 2  # the photo keeps its proportions
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        )  # no sideways scroll
        heading = page.locator("h1")
        assert heading.inner_text() == "Conferencia de prensa: postura sobre el presupuesto estatal 2027"
        text = page.locator("body").inner_text()
        assert "Cuándo: jueves 26 de noviembre de 2026, 11:00 a 12:00 h" in text
        assert "Dónde: Salón Gobernadores, Toluca" in text
        assert "Foto: Comunicación PT Edomex." in text and "Descargar la foto en alta resolución" in text
        link = page.get_by_role("link", name="Ver la nota en el sitio")
        assert link.get_attribute("href") == conference().url
        assert link.evaluate("a => getComputedStyle(a).backgroundColor") == "rgb(200, 16, 46)"
        assert page.locator("li").count() == 2
        path = screenshot(page, f"correo-conferencia-{name}")
        with Image.open(path) as shot:
            assert shot.width == viewport["width"] and shot.height > 600
    finally:
        context.close()
