"""Meta's Graph API (Facebook Pages and Instagram), with `requests`: calls and what its errors mean.

An error answer is {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}; the code
says what to do (developers.facebook.com/docs/graph-api/guides/error-handling). The token goes in
the Authorization header, never in a URL, so no log line or exception text carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from ..errors import ChannelError
from ..secrets import redact
from . import http

API = "https://graph.facebook.com"
VERSION = "v23.0"
RATE_LIMIT = {4, 17, 32, 613, 80001, 80002, 80004}
TEMPORARY = {1, 2}
PERMISSION = {3, 10, *range(200, 300)}


@dataclass
class Graph:
    api: str
    version: str
    token: str
    service: str  # "Facebook" or "Instagram"
    token_fix: str  # what to do when the token expired, in Spanish
    permission_fix: str
    session: requests.Session

    def call(
        self, method: str, path: str, params: dict[str, Any] | None = None, *, creating: bool = False
    ) -> Any:
        url = f"{self.api}/{self.version}/{path.lstrip('/')}"
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            if method == "GET":
                response = self.session.get(url, params=params, headers=headers)
            else:
                response = self.session.request(method, url, data=params, headers=headers)
        except requests.RequestException as failure:
            raise http.network_error(failure, self.service, creating=creating) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.ok and isinstance(answer, dict) and "error" not in answer:
            return answer
        error = answer.get("error") if isinstance(answer, dict) else None
        if not isinstance(error, dict):
            if response.status_code == 429:
                raise http.rate_limited(self.service, None)
            status = response.status_code
            if status >= 500:
                raise http.server_error(status, self.service, f"HTTP {status}", creating=creating)
            raise ChannelError(f"{self.service} respondió {status} sin explicación", retryable=True)
        raise self.failure(error, response.status_code, creating)

    def failure(self, error: dict[str, Any], status: int, creating: bool) -> ChannelError:
        code = int(error.get("code") or 0)
        subcode = error.get("error_subcode")
        message = redact(str(error.get("error_user_msg") or error.get("message") or ""))[:300]
        said = f"código {code}" + (f"/{subcode}" if subcode else "") + (f": {message}" if message else "")
        if code == 190 or (error.get("type") == "OAuthException" and code in (102, 463, 467)):
            return ChannelError(f"{self.token_fix} ({said})", retryable=False)
        if code in RATE_LIMIT:
            return http.rate_limited(self.service, None)
        if code in TEMPORARY:
            if creating:
                return http.server_error(status, self.service, said, creating=True)
            return ChannelError(
                f"{self.service} no está disponible por ahora ({said}); se reintentará", retryable=True
            )
        if code == 368:
            return ChannelError(
                f"{self.service} bloqueó por un tiempo las publicaciones de la cuenta por sus normas ({said}). "
                "Revisa la «Calidad de la cuenta» en business.facebook.com; cuando se levante el bloqueo, "
                "vuelve a anunciar con `make reenviar ID=…`",
                retryable=False,
            )
        if code == 506:
            return ChannelError(
                f"{self.service} dice que esta publicación ya existe ({said}): se revisa en la cuenta en la "
                "próxima publicación, o asiéntala con `make resolver`",
                retryable=False,
                ambiguous=True,
            )
        if code == 9007:
            return ChannelError(
                f"{self.service} aún procesa la imagen ({said}); se reintentará", retryable=True
            )
        if code in PERMISSION:
            return ChannelError(f"{self.permission_fix} ({said})", retryable=False)
        if status >= 500:
            return http.server_error(status, self.service, said, creating=creating)
        return ChannelError(
            f"{self.service} rechazó la publicación ({said}); revisa la nota", retryable=False
        )


def graph_for(
    settings: dict[str, Any], name: str, token: str, service: str, token_fix: str, permission_fix: str
) -> Graph:
    limits = http.patience(settings, name)
    return Graph(
        http.base_url(settings, name, "api", API),
        http.setting(settings, name, "version", VERSION),
        token,
        service,
        token_fix,
        permission_fix,
        http.TimeoutSession(limits.timeout),
    )
