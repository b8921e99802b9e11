"""The fault matrix's cases: each network's real failures (the API's own status codes and bodies),
what the ledger must say after the run that meets them, and after the run that resumes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from apifake import Fault
from fake_graph import graph_error
from fake_x import DUPLICATE, problem

HANG = 1.6  # longer than the channels' 1 s timeout in these tests


@dataclass(frozen=True)
class Case:
    network: str
    route: str
    faults: tuple[Fault, ...]
    first: str  # ledger state after the run that meets the fault
    final: str  # after the run that resumes
    posts: int  # posts the fake holds at the end
    says: str = ""  # part of the ledger's message after the first run
    setup: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.network}-{self.route}-{self.says or self.first}"


def later(seconds: float) -> str:
    return str(int(time.time() + seconds))


CASES = [
    # -- X --
    Case(
        "x",
        "post",
        (
            Fault(
                429,
                problem(429, "Too Many Requests", "Too Many Requests"),
                {"x-rate-limit-reset": later(3600)},
            ),
        ),
        "failed",
        "sent",
        1,
        "limitó los envíos (429): pide esperar",
    ),
    Case(
        "x",
        "post",
        (
            Fault(
                429, problem(429, "Too Many Requests", "Too Many Requests"), {"x-rate-limit-reset": later(0)}
            ),
        ),
        "sent",
        "sent",
        1,
    ),
    Case(
        "x",
        "post",
        (Fault(403, DUPLICATE, after=True),),
        "unknown",
        "sent",
        1,
        "ya existe una publicación idéntica",
    ),
    Case(
        "x",
        "post",
        (Fault(403, DUPLICATE, after=True),),
        "unknown",
        "unknown",
        1,
        "ya existe",
        {"timeline": False},
    ),
    Case(
        "x",
        "post",
        (Fault(503, problem(503, "Service Unavailable", "Service Unavailable")),),
        "unknown",
        "sent",
        1,
        "respondió 503 al publicar",
    ),
    Case("x", "post", (Fault(hang=HANG, after=True),), "unknown", "sent", 1, "después de enviar"),
    Case("x", "post", (Fault(reset=True),), "unknown", "sent", 1, "Connection reset by peer"),
    Case(
        "x",
        "post",
        (Fault(401, problem(401, "Unauthorized", "Unauthorized")),),
        "failed",
        "failed",
        0,
        "las credenciales de X no son válidas",
    ),
    # -- Telegram --
    Case(
        "telegram",
        "post",
        (
            Fault(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 30",
                    "parameters": {"retry_after": 30},
                },
            ),
        ),
        "failed",
        "sent",
        1,
        "pide esperar 30 s",
    ),
    Case(
        "telegram",
        "post",
        (
            Fault(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 0",
                    "parameters": {"retry_after": 0},
                },
            ),
        ),
        "sent",
        "sent",
        1,
    ),
    Case("telegram", "post", (Fault(hang=HANG, after=True),), "unknown", "unknown", 1, "después de enviar"),
    Case("telegram", "post", (Fault(reset=True, after=True),), "unknown", "unknown", 1, "pudo haber salido"),
    Case(
        "telegram",
        "post",
        (Fault(502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}),),
        "unknown",
        "unknown",
        0,
        "respondió 502 al publicar",
    ),
    Case(
        "telegram",
        "post",
        (Fault(401, {"ok": False, "error_code": 401, "description": "Unauthorized"}),),
        "failed",
        "failed",
        0,
        "pide uno nuevo a @BotFather",
    ),
    Case("telegram", "post", (), "failed", "sent", 1, "no se pudo conectar con Telegram", {"refused": True}),
    Case(
        "telegram",
        "post",
        (Fault(200, {"ok": True, "result": "?"}),),
        "unknown",
        "unknown",
        0,
        "respuesta inesperada",
    ),
    # -- Facebook --
    Case(
        "facebook",
        "post",
        (
            Fault(
                500,
                graph_error(
                    2,
                    "An unexpected error has occurred. Please retry your request later.",
                    kind="OAuthException",
                ),
            ),
        ),
        "unknown",
        "sent",
        1,
        "código 2",
    ),
    Case(
        "facebook",
        "post",
        (Fault(403, graph_error(4, "(#4) Application request limit reached")),) * 2,
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    Case(
        "facebook",
        "post",
        (Fault(400, graph_error(190, "Error validating access token: Session has expired", 463)),),
        "failed",
        "failed",
        0,
        "el token de la página de Facebook venció",
    ),
    Case(
        "facebook",
        "post",
        (
            Fault(
                400,
                graph_error(368, "It looks like you were misusing this feature by going too fast.", 1390008),
            ),
        ),
        "failed",
        "failed",
        0,
        "bloqueó por un tiempo",
    ),
    Case(
        "facebook",
        "post",
        (Fault(400, graph_error(506, "(#506) Duplicate status message"), after=True),),
        "unknown",
        "sent",
        1,
        "ya existe",
    ),
    Case("facebook", "post", (Fault(hang=HANG, after=True),), "unknown", "sent", 1, "después de enviar"),
    # -- Instagram --
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(9007, "Media ID is not available", 2207027, "OAuthException")),),
        "sent",
        "sent",
        1,
    ),
    Case(
        "instagram",
        "container",
        (Fault(400, graph_error(4, "Application request limit reached")),) * 2,
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    Case(
        "instagram",
        "container",
        (Fault(400, graph_error(190, "Error validating access token", 463)),),
        "failed",
        "failed",
        0,
        "el token de Instagram venció",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(368, "The action attempted has been deemed abusive", 2207051)),),
        "failed",
        "failed",
        0,
        "bloqueó por un tiempo",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(500, graph_error(2, "Service temporarily unavailable"), after=True),),
        "unknown",
        "sent",
        1,
        "código 2",
    ),
    Case(
        "instagram",
        "publish",
        (Fault(400, graph_error(506, "Duplicate post"), after=True),),
        "unknown",
        "sent",
        1,
        "ya existe",
    ),
    # -- Mastodon --
    Case(
        "mastodon",
        "post",
        (Fault(422, {"error": "Validation failed: Text character limit of 500 exceeded"}),),
        "failed",
        "failed",
        0,
        "Text character limit",
    ),
    Case(
        "mastodon", "post", (Fault(504, None, after=True),), "unknown", "sent", 1, "respondió 504 al publicar"
    ),
    Case("mastodon", "post", (Fault(504, None),), "unknown", "sent", 1, "respondió 504 al publicar"),
    Case(
        "mastodon",
        "post",
        (Fault(429, {"error": "Too many requests"}, {"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"}),),
        "failed",
        "sent",
        1,
        "limitó los envíos",
    ),
    # -- Bluesky --
    Case(
        "bluesky",
        "post",
        (Fault(500, {"error": "InternalServerError", "message": "Internal Server Error"}, after=True),),
        "unknown",
        "sent",
        1,
        "respondió 500 al publicar",
    ),
    Case(
        "bluesky",
        "post",
        (Fault(500, {"error": "InternalServerError", "message": "Internal Server Error"}),),
        "unknown",
        "sent",
        1,
        "respondió 500 al publicar",
    ),
    Case("bluesky", "post", (Fault(reset=True, after=True),), "unknown", "sent", 1, "pudo haber salido"),
    Case("bluesky", "post", (), "sent", "sent", 1, "", {"expired": True}),
    Case(
        "bluesky",
        "login",
        (Fault(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}),),
        "failed",
        "failed",
        0,
        "contraseña de aplicación de Bluesky",
    ),
]
