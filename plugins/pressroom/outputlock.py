"""The output folder's lock: a build replaces output/ only when nobody is reading it.

The contract, shared with `publish/` (which reads output/ while it copies it to the server and
announces from it): a lock file beside the output folder, `.<name>.candado` (`.output.candado`).
Whoever reads output/ over time holds it shared; the build holds it exclusively only for the swap
of the new folder into place, after all the slow work is done. Each side waits for the other with a
Spanish line saying why, and gives up after a bound with a Spanish error instead of hanging.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .exceptions import PressroomError

BUILD_WAIT = 1800.0  # a publication may take minutes (hundreds of emails); the build waits that long
POLL = 0.1


class OutputBusy(PressroomError):
    """The lock was not free within the bound."""


def lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}.candado"


def acquire(output: Path, *, shared: bool, wait: float, waiting: Callable[[], None] | None = None) -> IO[str]:
    """Take the output folder's lock (shared to read it, exclusive to replace it); closing the
    returned file releases it, as does the end of the process, even by a kill."""
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise OutputBusy(f"{output} sigue en uso después de esperar {_duration(wait)}") from None
            if not told and waiting is not None:
                waiting()
                told = True
            time.sleep(POLL)


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


@contextmanager
def holding(
    output: Path, *, shared: bool, wait: float, waiting: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the output folder's lock for the block."""
    with acquire(output, shared=shared, wait=wait, waiting=waiting):
        yield
