"""Crash injection for tests: PUBLISH_CRASH_AT=<point>:<n> kills the process (SIGKILL) the n-th
time it reaches <point>. Points are named where they are reached; unset, this does nothing."""

from __future__ import annotations

import os
import signal

VARIABLE = "PUBLISH_CRASH_AT"
_hits: dict[str, int] = {}

POINTS = (
    "antes-de-intento",  # before the attempt is recorded
    "antes-de-enviar",  # attempt recorded, nothing sent yet
    "despues-de-enviar",  # sent, outcome not yet recorded
    "despues-de-registrar",  # outcome recorded
    "despliegue",  # new release copied, not yet switched
    "desplegado",  # the new site is live, the deploy not yet recorded in the ledger
    "bandeja-a-medias",  # an outbox message written to its temporary file, not yet renamed
)


def reached(point: str) -> None:
    target = os.environ.get(VARIABLE)
    if not target:
        return
    name, _, count = target.rpartition(":")
    if name != point:
        return
    _hits[point] = _hits.get(point, 0) + 1
    if _hits[point] == int(count):
        os.kill(os.getpid(), signal.SIGKILL)
