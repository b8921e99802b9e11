"""Two locks keep a publication whole.

`exclusive`: one publication at a time on this machine (non-blocking: a second one stops at once).
`reading`: while a publication reads output/ (copying it to the server, attaching its photos), a
build may not swap in a new output/: it waits (see plugins/pressroom/outputlock.py, which owns the
contract). A publication that starts while a build is swapping waits for the swap.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pressroom import outputlock

from . import state
from .errors import LockError, describe_os_error

PUBLISH_WAIT = 300.0  # a build holds output/ only for the swap: seconds at most


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    state.check_folder(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+")
    except OSError as exc:
        raise state.folder_error(path.parent, exc) from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "otro proceso"
            raise LockError(
                f"ya hay una publicación en curso ({holder}); espera a que termine. Si no hay ninguna, "
                "el candado se libera solo al terminar el proceso que lo tiene"
            ) from exc
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"proceso {os.getpid()}")
            handle.flush()
        except OSError as exc:
            raise state.folder_error(path.parent, exc) from exc
        yield
    finally:
        handle.close()  # closing releases the lock, also when the process is killed


@contextmanager
def reading(output: Path) -> Iterator[None]:
    """Keep a build from replacing output/ while this publication reads it."""

    def waiting() -> None:
        print(f"Esperando a que la construcción termine de reemplazar {output}…", file=sys.stderr, flush=True)

    try:
        handle = outputlock.acquire(output, shared=True, wait=PUBLISH_WAIT, waiting=waiting)
    except outputlock.OutputBusy as exc:
        raise LockError(
            f"{exc}: una construcción (`make html`) lo está reemplazando. Vuelve a publicar cuando termine"
        ) from exc
    except OSError as exc:
        raise LockError(
            f"no se pudo poner el candado de {output} ({describe_os_error(exc)}); revisa la carpeta del "
            "proyecto y vuelve a publicar"
        ) from exc
    with handle:
        yield
