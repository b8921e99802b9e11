"""A loopback HTTP server that plays a social network's API for tests, with faults on demand.

A fake subclass lists routes: (method, path pattern, name, handler). A handler gets the parsed
`Call` and returns (status, JSON body, headers). Faults are queued per route name and consumed one
request at a time, so a test says exactly what the next request to a route meets:

    fake.fail("post", Fault(429, {...}, headers={"retry-after": "1"}))   # refused, nothing created
    fake.fail("post", Fault(504, after=True))       # created, then the gateway times out
    fake.fail("post", Fault(hang=2.0, after=True))  # created, the answer comes too late
    fake.fail("post", Fault(reset=True))            # the connection drops, nothing created

Every created object is appended to `fake.created`, so a test counts what really went out.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Answer = tuple[int, Any, dict[str, str]]


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, Any] = field(default_factory=dict)  # JSON, url-encoded or multipart fields
    files: dict[str, bytes] = field(default_factory=dict)
    match: re.Match[str] | None = None

    def param(self, name: str, default: Any = None) -> Any:
        return self.form.get(name, self.query.get(name, default))


@dataclass
class Fault:
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    after: bool = False  # the request takes effect before the fault
    hang: float = 0.0  # seconds before answering (longer than the client's timeout: a timeout)
    reset: bool = False  # drop the connection instead of answering


def parse(method: str, target: str, headers: dict[str, str], body: bytes) -> Call:
    parts = urlsplit(target)
    call = Call(method, parts.path, dict(parse_qsl(parts.query)), headers, body)
    kind = headers.get("content-type", "")
    if kind.startswith("application/json") and body:
        data = json.loads(body)
        call.form = data if isinstance(data, dict) else {"_": data}
    elif kind.startswith("application/x-www-form-urlencoded"):
        call.form = dict(parse_qsl(body.decode()))
    elif kind.startswith("multipart/form-data"):
        raw = f"Content-Type: {kind}\r\n\r\n".encode() + body
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                call.files[str(name)] = payload
            else:
                call.form[str(name)] = payload.decode()
    return call


class ApiFake:
    routes: list[tuple[str, str, str, str]] = []  # (method, path regex, route name, handler method)

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.faults: dict[str, list[Fault]] = {}
        self.calls: list[tuple[str, Call]] = []
        self.created: list[dict[str, Any]] = []
        self.base = ""

    def fail(self, route: str, *faults: Fault) -> None:
        with self.lock:
            self.faults.setdefault(route, []).extend(faults)

    def count(self, route: str) -> int:
        return sum(1 for name, _ in self.calls if name == route)

    def dispatch(self, call: Call) -> tuple[Answer | None, Fault | None]:
        for method, pattern, name, handler in self.routes:
            match = re.fullmatch(pattern, call.path)
            if method == call.method and match:
                call.match = match
                with self.lock:
                    self.calls.append((name, call))
                    queue = self.faults.get(name) or []
                    fault = queue.pop(0) if queue else None
                    answer: Answer | None = None
                    if fault is None or fault.after:
                        answer = getattr(self, handler)(call)
                return answer, fault
        return (404, {"error": f"not found: {call.method} {call.path}"}, {}), None

    @contextmanager
    def running(self) -> Iterator[ApiFake]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()


def handler_for(fake: ApiFake) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def handle_any(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            answer, fault = fake.dispatch(parse(self.command, self.path, headers, body))
            if fault is not None:
                if fault.hang:
                    time.sleep(fault.hang)
                if fault.reset:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    self.connection.close()
                    return
                answer = (fault.status, fault.body, fault.headers)
            assert answer is not None
            status, data, extra = answer
            payload = (
                data if isinstance(data, bytes) else json.dumps(data).encode() if data is not None else b""
            )
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        do_GET = do_POST = do_DELETE = do_PUT = handle_any

    return Handler
