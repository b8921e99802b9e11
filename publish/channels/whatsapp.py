"""WhatsApp (`tipo = "whatsapp"`): an approved template message per item to each contact who agreed
to receive them, through the WhatsApp Business Cloud API (Graph API) with `requests`.

A delivery's recipient is the contact's address (its identity in the directory): the phone number
is looked up when the message is rendered and never reaches the ledger, the plan or the logs. The
id WhatsApp returns (a `wamid`, which encodes the phone) is kept only as a hash.

Settings (`[canales.whatsapp]`): cuenta (the office's WhatsApp number, for people), numero_id (the
phone-number id from WhatsApp Manager), plantilla and plantilla_conferencia (approved template
names), idioma ("es_MX"), api ("https://graph.facebook.com"), version ("v21.0"), espera_segundos.
The token comes from the environment: WHATSAPP_TOKEN.

What the API answers decides what the ledger records:
    200 with a message id                    sent
    130429, 131056, 80007, 4, 613, HTTP 429  rate limits: failed, retried later
    190 (token expired or invalid)           failed, retried later; the rest of the batch at once
    131047, 131026, 131030, 132xxx, other 4xx failed for good, with what to fix
    5xx, or no answer in time                unknown: it may have gone out (never resent by itself)
    no connection at all                     failed, retried later
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests

from ..directory.model import Directory
from ..errors import ChannelError, ConfigError
from ..manifest import ManifestItem
from .base import Message, Receipt
from .mailbody import when, where

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config

TOKEN_VARIABLE = "WHATSAPP_TOKEN"
DEFAULT_API = "https://graph.facebook.com"
DEFAULT_VERSION = "v21.0"
MAX_PARAMETER = 300  # characters per template parameter, well within the template's 1,024
RATE_LIMITS = (130429, 131056, 80007, 4, 613)
TEMPLATE_PROBLEMS = (132000, 132001, 132005, 132007, 132012, 132015, 132016)
EXPLAINED = {
    131047: "WhatsApp solo admite plantillas aprobadas fuera de las 24 horas tras el último mensaje del "
    "contacto; revisa que 'plantilla' sea una plantilla aprobada",
    131026: "el número del contacto no puede recibir mensajes de WhatsApp (no tiene WhatsApp, usa una "
    "versión antigua o no aceptó las condiciones); revisa su teléfono en el directorio",
    131030: "el número no está en la lista de destinatarios permitidos de la cuenta de prueba; agrégalo en "
    "WhatsApp Manager o usa la cuenta de producción",
    190: f"el token de acceso ({TOKEN_VARIABLE}) venció o no es válido; genera uno nuevo para el usuario del "
    "sistema en Meta Business y ponlo en .env",
}


@dataclass(frozen=True)
class Templates:
    item: str  # parameters: title, summary, link
    conference: str  # parameters: title, date and time, place, link
    language: str


def read_templates(channel: ChannelConfig) -> Templates:
    values = channel.settings
    found = {
        key: values.get(key, default)
        for key, default in (
            ("plantilla", "anuncio_nota"),
            ("plantilla_conferencia", "anuncio_conferencia"),
            ("idioma", "es_MX"),
        )
    }
    for key, value in found.items():
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9_]{1,512}|[a-z]{2}(_[A-Z]{2})?", value):
            raise ConfigError(
                f"'canales.{channel.name}.{key}' debe ser el nombre de la plantilla aprobada (minúsculas, números "
                "y guion bajo) o el idioma, por ejemplo es_MX"
            )
    return Templates(found["plantilla"], found["plantilla_conferencia"], found["idioma"])


def _parameter(text: str) -> dict[str, str]:
    """A template parameter: one line (the API refuses line breaks, tabs and runs of spaces)."""
    value = " ".join(text.split())
    if len(value) > MAX_PARAMETER:
        value = value[: MAX_PARAMETER - 1].rstrip(" ,.;:") + "…"
    return {"type": "text", "text": value}


def parameters(item: ManifestItem) -> tuple[bool, list[str]]:
    """(is it the conference template, its parameters in order)."""
    if item.tipo == "conferencia" and item.evento is not None:
        return True, [item.titulo, when(item), where(item), item.url]
    return False, [item.titulo, item.resumen, item.url]


def request_body(item: ManifestItem, phone: str, recipient: str, templates: Templates) -> bytes:
    """The Cloud API's request for one template message (pure)."""
    conference, values = parameters(item)
    reference = hashlib.sha256(f"{item.id}\n{item.hash}\n{recipient}".encode()).hexdigest()[:24]
    payload = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": phone.lstrip("+"),
        "type": "template",
        "biz_opaque_callback_data": f"{item.id}:{reference}",  # comes back in status webhooks
        "template": {
            "name": templates.conference if conference else templates.item,
            "language": {"code": templates.language},
            "components": [{"type": "body", "parameters": [_parameter(v) for v in values]}],
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


@dataclass(frozen=True)
class WhatsAppRenderer:
    """Renders for a contact by address; shared by this channel and the outbox."""

    name: str
    templates: Templates
    directory: Directory

    def render(self, item: ManifestItem, recipient: str) -> Message:
        contact = self.directory.by_address(recipient)
        if contact is None or not contact.on_whatsapp or contact.telefono is None:
            body = b""  # no longer in the directory, or no longer agreed: send() refuses it
        else:
            body = request_body(item, contact.telefono, recipient, self.templates)
        return Message(self.name, recipient, item.id, "whatsapp", body, f"whatsapp a {recipient}")


def withdrawn(message: Message) -> ChannelError:
    return ChannelError(
        f"{message.recipient} ya no está en el directorio o ya no tiene 'whatsapp' (su consentimiento); no se envía",
        retryable=False,
    )


class WhatsAppChannel:
    def __init__(
        self,
        renderer: WhatsAppRenderer,
        endpoint: str,
        token: str,
        timeout: float,
        *,
        verifiable: bool = False,
        session: requests.Session | None = None,
    ) -> None:
        self.name = renderer.name
        self.renderer = renderer
        self.endpoint = endpoint.rstrip("/")  # {api}/{version}/{numero_id}
        self.token = token
        self.timeout = timeout
        self.verifiable = verifiable
        self.session = session or requests.Session()
        self._broken: ChannelError | None = None

    def render(self, item: ManifestItem, recipient: str) -> Message:
        return self.renderer.render(item, recipient)

    def check(self, message: Message, since: dt.datetime) -> Receipt | None:
        return None  # the Cloud API cannot be asked afterwards whether a message went out

    def send(self, message: Message) -> Receipt:
        if not message.body:
            raise withdrawn(message)
        if self._broken is not None:
            raise self._broken
        phone = json.loads(message.body)["to"]
        try:
            response = self.session.post(
                f"{self.endpoint}/messages",
                data=message.body,
                headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
                timeout=(min(10.0, self.timeout), self.timeout),
            )
        except (requests.ConnectTimeout, requests.exceptions.SSLError) as error:
            raise ChannelError(
                f"no se pudo conectar con la API de WhatsApp ({error.__class__.__name__})", retryable=True
            ) from None
        except requests.ConnectionError as error:
            if _never_connected(error):
                raise ChannelError(
                    f"no se pudo conectar con la API de WhatsApp ({error.__class__.__name__}); se reintenta",
                    retryable=True,
                ) from None
            raise self._ambiguous(
                f"la conexión se cortó antes de la respuesta ({error.__class__.__name__})"
            ) from None
        except requests.Timeout:
            raise self._ambiguous(f"la API no respondió en {self.timeout:g} segundos") from None
        return self._outcome(response, phone)

    def _ambiguous(self, what: str) -> ChannelError:
        return ChannelError(
            f"{what}: el mensaje pudo haber salido. Revisa en WhatsApp Manager o pregunta al contacto",
            retryable=False,
            ambiguous=True,
        )

    def _outcome(self, response: requests.Response, phone: str) -> Receipt:
        try:
            answer: Any = response.json()
        except ValueError:
            answer = {}
        answer = answer if isinstance(answer, dict) else {}
        found = answer.get("messages")
        if response.status_code == 200 and isinstance(found, list) and found and isinstance(found[0], dict):
            wamid = str(found[0].get("id", ""))
            return Receipt(remote_id=f"wamid-sha256:{hashlib.sha256(wamid.encode()).hexdigest()[:16]}")
        if 200 <= response.status_code < 300:
            raise self._ambiguous(f"la API respondió {response.status_code} sin el identificador del mensaje")
        error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
        code = error.get("code") if isinstance(error.get("code"), int) else None
        said = _scrub(str(error.get("message") or response.reason or ""), phone)
        details = (
            error.get("error_data", {}).get("details") if isinstance(error.get("error_data"), dict) else None
        )
        if details:
            said += f" — {_scrub(str(details), phone)}"
        label = f"HTTP {response.status_code}" + (f", código {code}" if code is not None else "")
        if response.status_code >= 500:
            raise self._ambiguous(f"la API respondió con un error del servidor ({label}: {said})")
        if code == 190 or response.status_code == 401:
            self._broken = ChannelError(f"{EXPLAINED[190]} ({label}: {said})", retryable=True)
            raise self._broken
        if code in RATE_LIMITS or response.status_code == 429:
            wait = response.headers.get("Retry-After")
            retry_after = float(wait) if wait and wait.isdigit() else None
            raise ChannelError(
                f"WhatsApp pidió bajar el ritmo ({label}: {said}); se reintenta en la próxima publicación",
                retryable=True,
                retry_after=retry_after,
            )
        if code in EXPLAINED:
            raise ChannelError(f"{EXPLAINED[code]} ({label}: {said})", retryable=False)
        if code in TEMPLATE_PROBLEMS:
            raise ChannelError(
                f"la plantilla no coincide con la aprobada (nombre, idioma o número de parámetros) ({label}: {said}); "
                "revisa 'plantilla', 'plantilla_conferencia' e 'idioma'",
                retryable=False,
            )
        raise ChannelError(f"la API de WhatsApp rechazó el mensaje ({label}: {said})", retryable=False)

    def probe(self) -> str:
        """Ask the API about the sending number: checks the token and the id; sends nothing."""
        try:
            response = self.session.get(
                self.endpoint,
                params={"fields": "display_phone_number,verified_name,quality_rating"},
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=(min(10.0, self.timeout), self.timeout),
            )
        except requests.RequestException as error:
            raise ChannelError(
                f"no se pudo conectar con la API de WhatsApp ({error.__class__.__name__})", retryable=True
            ) from None
        if response.status_code != 200:
            try:
                self._outcome(response, "")
            except ChannelError as error:
                raise ChannelError(
                    str(error).replace("el mensaje pudo haber salido", "no se envió nada"), retryable=True
                ) from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ChannelError(
                "la API de WhatsApp respondió algo que no es JSON; revisa 'api' y 'version'", retryable=True
            )
        return (
            f"número {data.get('display_phone_number', '?')} ({data.get('verified_name', 'sin nombre verificado')}), "
            f"calidad {data.get('quality_rating', 'desconocida')}; el token es válido y no se envió nada"
        )


def _never_connected(error: requests.ConnectionError) -> bool:
    """Whether a connection error happened before any byte of the request could reach the API."""
    text = repr(error)
    return any(s in text for s in ("NewConnectionError", "Connection refused", "Name or service not known"))


def _scrub(text: str, phone: str) -> str:
    """The API's words without the contact's number (some errors quote it)."""
    digits = phone.lstrip("+")
    if digits:
        text = text.replace(digits, "***").replace(f"+{digits}", "***")
    return " ".join(text.split())[:300]


def build(channel: ChannelConfig, config: Config) -> WhatsAppChannel:
    values = channel.settings
    phone_id = values.get("numero_id")
    if not isinstance(phone_id, str) or not phone_id.isdigit():
        raise ConfigError(
            f"falta 'canales.{channel.name}.numero_id': el identificador del número de teléfono (solo dígitos), en "
            "WhatsApp Manager › Herramientas de la cuenta › Números de teléfono, o en la configuración de la API"
        )
    api = values.get("api", DEFAULT_API)
    version = values.get("version", DEFAULT_VERSION)
    timeout = values.get("espera_segundos", 30)
    if not isinstance(api, str) or not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", api):
        raise ConfigError(f"'canales.{channel.name}.api' debe ser una dirección como {DEFAULT_API}")
    if not isinstance(version, str) or not re.fullmatch(r"v\d+\.\d+", version):
        raise ConfigError(f"'canales.{channel.name}.version' debe ser como {DEFAULT_VERSION}")
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise ConfigError(f"'canales.{channel.name}.espera_segundos' debe ser un número de segundos")
    token = os.environ.get(TOKEN_VARIABLE, "")
    if not token:
        raise ConfigError(
            f"falta la variable de entorno {TOKEN_VARIABLE} (el token del usuario del sistema de Meta Business); "
            "ponla en .env"
        )
    renderer = WhatsAppRenderer(channel.name, read_templates(channel), config.directory)
    endpoint = f"{api.rstrip('/')}/{version}/{phone_id}"
    return WhatsAppChannel(renderer, endpoint, token, float(timeout), verifiable=channel.verifiable)
