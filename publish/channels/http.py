"""What the social adapters share about HTTP: timeouts, where the API lives, what a failure means
for the ledger, and a bounded wait-and-retry for the failures that are safe to repeat.

A failure is one of:
- retryable: nothing took effect (429 rate limit, a 5xx the service says came before any effect,
  connection refused, a timeout while connecting). Retried here up to `intentos` times, each wait
  the one the service asked for (`retry_after`, a rate-limit reset) but never beyond `espera_maxima`;
  past that the delivery is left `failed` (retryable) for the next run.
- permanent: the service refused the request (401/403 credentials, 400 validation): a Spanish
  message saying what to fix; never retried automatically.
- ambiguous: the request may have taken effect (a timeout or a dropped connection after sending, a
  5xx while creating): `unknown` in the ledger, settled by the adapter's `check` or by a person.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter

from ..errors import ChannelError, ConfigError
from ..secrets import guard_logs, redact

T = TypeVar("T")


@dataclass(frozen=True)
class Patience:
    """How long an adapter waits for one request, and how it retries a retryable failure."""

    attempts: int = 3  # tries in one run, the first included
    max_wait: float = 60.0  # longest wait between tries; a longer one is left to the next run
    timeout: float = 30.0  # seconds for one request (connect and read)


def patience(settings: dict[str, Any], name: str) -> Patience:
    def number(key: str, default: float) -> float:
        value = settings.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"'canales.{name}.{key}' debe ser un número positivo, no {value!r}")
        return float(value)

    attempts = int(number("intentos", 3))
    return Patience(max(attempts, 1), number("espera_maxima", 60.0), number("tiempo_limite", 30.0))


def setting(settings: dict[str, Any], name: str, key: str, default: str | None = None) -> str:
    value = settings.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"falta 'canales.{name}.{key}' en la configuración de publicación")
    return value.strip()


def base_url(settings: dict[str, Any], name: str, key: str, default: str | None) -> str:
    """An API base URL: https, or plain http only on this machine (a local fake or a tunnel)."""
    value = setting(settings, name, key, default).rstrip("/")
    if not (
        value.startswith("https://") or value.startswith(("http://127.", "http://localhost", "http://[::1]"))
    ):
        raise ConfigError(
            f"'canales.{name}.{key}' = '{value}' debe empezar con https:// (o ser http://127.0.0.1:PUERTO "
            "para pruebas en esta máquina)"
        )
    return value


def credential(variable: str, channel: str, where: str) -> str:
    """A token from the environment (or .env); never from the configuration file."""
    guard_logs()
    value = os.environ.get(variable, "").strip()
    if not value:
        raise ConfigError(
            f"el canal '{channel}' necesita la variable de entorno {variable} (ponla en el archivo .env, "
            f"que no se sube al repositorio). {where}"
        )
    return value


class TimeoutSession(requests.Session):
    """A requests session whose every request has a timeout (tweepy's Client sets none)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(*args, **kwargs)


class Rebase(HTTPAdapter):
    """Sends requests for a fixed API host to another base URL (a staging proxy or a local fake)."""

    def __init__(self, prefix: str, base: str) -> None:
        super().__init__()
        self.prefix, self.base = prefix.rstrip("/"), base.rstrip("/")

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        if request.url and request.url.startswith(self.prefix):
            request.url = self.base + request.url[len(self.prefix) :]
        return super().send(request, *args, **kwargs)


def network_error(error: BaseException, service: str, *, creating: bool) -> ChannelError:
    """A connection failure: retryable if nothing reached the service, else ambiguous if creating."""
    text = redact(f"{error.__class__.__name__}: {error}")[:300]
    if _before_sending(error):
        return ChannelError(
            f"no se pudo conectar con {service} ({text}); se reintentará en la próxima publicación",
            retryable=True,
        )
    if creating:
        return ChannelError(
            f"se perdió la conexión con {service} después de enviar ({text}): la publicación pudo haber "
            "salido; se revisa en la próxima publicación o con `make resolver`",
            retryable=False,
            ambiguous=True,
        )
    return ChannelError(f"falló la conexión con {service} ({text})", retryable=True)


def _before_sending(error: BaseException) -> bool:
    """Connection refused or a connect timeout: the request never left this machine."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = current.__class__.__name__
        if isinstance(current, ConnectionRefusedError | requests.ConnectTimeout):
            return True
        if name in (
            "NewConnectionError",
            "ConnectTimeoutError",
            "ConnectError",
            "ConnectTimeout",
            "NameResolutionError",
        ):
            return True
        current = current.__cause__ or current.__context__ or _first_arg_error(current)
    return False


def _first_arg_error(error: BaseException) -> BaseException | None:
    for arg in getattr(error, "args", ()):
        if isinstance(arg, BaseException):
            return arg
        reason = getattr(arg, "reason", None)
        if isinstance(reason, BaseException):
            return reason
    return None


def server_error(status: int, service: str, detail: str, *, creating: bool) -> ChannelError:
    if creating:
        return ChannelError(
            f"{service} respondió {status} al publicar ({detail}): la publicación pudo haber salido; se "
            "revisa en la próxima publicación o con `make resolver`",
            retryable=False,
            ambiguous=True,
        )
    return ChannelError(f"{service} respondió {status} ({detail}); se reintentará", retryable=True)


def rate_limited(service: str, wait: float | None) -> ChannelError:
    when = f" pide esperar {wait:.0f} s" if wait is not None else " pide esperar"
    return ChannelError(
        f"{service} limitó los envíos (429):{when}; se reintentará", retryable=True, retry_after=wait
    )


def seconds_until(epoch: float | None) -> float | None:
    return None if epoch is None else max(0.0, epoch - time.time())


def with_retries(call: Callable[[], T], limits: Patience, sleep: Callable[[float], None] = time.sleep) -> T:
    """`call()`, retried on retryable failures within `limits`; anything else passes through."""
    for attempt in range(1, limits.attempts + 1):
        try:
            return call()
        except ChannelError as error:
            if not error.retryable or error.ambiguous or attempt == limits.attempts:
                raise
            wait = error.retry_after if error.retry_after is not None else min(2.0**attempt, limits.max_wait)
            if wait > limits.max_wait:
                raise
            sleep(wait)
    raise AssertionError("unreachable")
