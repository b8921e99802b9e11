"""A local stand-in for the WhatsApp Business Cloud API (Graph API) on 127.0.0.1, an ephemeral port:
the real paths, request checks and answer shapes, with errors planted per phone number.

    POST /{version}/{phone-number-id}/messages   a template message → {"messages": [{"id": "wamid…"}]}
    GET  /{version}/{phone-number-id}            the number's details (what `probar` asks)

Errors answer as the API does: {"error": {"message", "type", "code", "error_subcode"?,
"error_data": {"messaging_product", "details"}, "fbtrace_id"}}.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

VERSION = "v21.0"
PHONE_ID = "109876543210987"
TOKEN = "EAAG-token-de-prueba-1234567890"
APPROVED = {"anuncio_nota": 3, "anuncio_conferencia": 4}  # template → number of body parameters
SLOW = 2.5  # seconds a "timeout" fault waits before answering (tests use a 1-second limit)


def _error(code: int, message: str, details: str | None = None, subcode: int | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "A1b2C3d4E5f",
    }
    if details is not None:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


def fault_answer(kind: str, to: str) -> tuple[int, dict[str, Any]]:
    answers = {
        "131047": (
            400,
            _error(
                131047,
                "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
            ),
        ),
        "131026": (
            400,
            _error(131026, "(#131026) Message Undeliverable", f"Message Undeliverable to +{to}."),
        ),
        "130429": (
            400,
            _error(130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached."),
        ),
        "500": (500, _error(131000, "(#131000) Something went wrong", "Something went wrong")),
        "132000": (
            400,
            _error(
                132000, "(#132000) Number of parameters does not match the expected number of params", "body"
            ),
        ),
    }
    return answers[kind]


EXPIRED = (
    401,
    _error(
        190,
        "Error validating access token: Session has expired on Tuesday, 01-Dec-26 10:00:00 PST.",
        subcode=463,
    ),
)


@dataclass
class Fault:
    kind: str  # "131047", "131026", "130429", "500", "timeout"
    times: int = 1


@dataclass
class Sent:
    to: str
    template: str
    language: str
    parameters: list[str]
    body: dict[str, Any]


@dataclass
class FakeApi:
    base: str = ""
    faults: dict[str, Fault] = field(default_factory=dict)  # by phone number, digits only
    sent: list[Sent] = field(default_factory=list)  # what the API accepted (a timeout's too)
    requests: int = 0
    authorizations: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, to: str) -> int:
        with self.lock:
            return sum(1 for s in self.sent if s.to == to.lstrip("+"))

    def take_fault(self, to: str) -> str | None:
        with self.lock:
            fault = self.faults.get(to)
            if fault is None or fault.times <= 0:
                return None
            fault.times -= 1
            return fault.kind

    def answer(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any], float]:
        with self.lock:
            self.requests += 1
            self.authorizations.append(headers.get("Authorization", ""))
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            return (*EXPIRED, 0.0)
        if method == "GET" and path == f"/{VERSION}/{PHONE_ID}":
            details = {
                "display_phone_number": "+52 722 000 0000",
                "verified_name": "PT Edomex Comunicación",
                "quality_rating": "GREEN",
                "id": PHONE_ID,
            }
            return 200, details, 0.0
        if method != "POST" or path != f"/{VERSION}/{PHONE_ID}/messages":
            return 400, _error(100, f"Unsupported {method} request."), 0.0
        return self._message(body)

    def _message(self, raw: bytes) -> tuple[int, dict[str, Any], float]:
        try:
            body = json.loads(raw)
            assert body["messaging_product"] == "whatsapp" and body["type"] == "template"
            to = body["to"]
            assert isinstance(to, str) and to.isdigit() and 8 <= len(to) <= 15
            template = body["template"]
            (component,) = template["components"]
            assert component["type"] == "body"
            values = [p["text"] for p in component["parameters"] if p["type"] == "text"]
        except (ValueError, KeyError, TypeError, AssertionError):
            return 400, _error(100, "(#100) Invalid parameter"), 0.0
        if any("\n" in v or "\t" in v or "     " in v for v in values):
            return (
                400,
                _error(132018, "(#132018) There was an issue with the parameters in your template."),
                0.0,
            )
        if APPROVED.get(template["name"]) != len(values):
            return (*fault_answer("132000", to), 0.0)
        kind = self.take_fault(to)
        if kind is not None and kind != "timeout":
            return (*fault_answer(kind, to), 0.0)
        with self.lock:
            self.sent.append(Sent(to, template["name"], template["language"]["code"], values, body))
            number = len(self.sent)
        wamid = "wamid." + base64.b64encode(f"\x15\x02{to}_{number:06d}".encode()).decode()
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": to}],
            "messages": [{"id": wamid}],
        }
        return 200, answer, SLOW if kind == "timeout" else 0.0


def _handler(api: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, answer, delay = api.answer(method, urlsplit(self.path).path, self.headers, body)
            if delay:
                time.sleep(delay)
            data = json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting

        def do_POST(self) -> None:
            self._serve("POST")

        def do_GET(self) -> None:
            self._serve("GET")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def fake_api() -> Iterator[FakeApi]:
    api = FakeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
