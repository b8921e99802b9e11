"""One publication at a time on this machine: an exclusive, non-blocking file lock."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockError


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
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
        handle.seek(0)
        handle.truncate()
        handle.write(f"proceso {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock, also when the process is killed
