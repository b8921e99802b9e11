"""The state folder (the ledger and the lock, never deployed): whether it can be written, and what the
disk or the file system said, in Spanish, told apart from a damaged ledger.

A ledger that cannot be written (a full disk, an immutable or read-only file or folder) is not a
damaged ledger: running `init` would be the wrong fix, so these messages say so and give the right one.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from .errors import StateError, describe_os_error

NOT_DAMAGED = "el registro no está dañado, así que no ejecutes init"
NOTHING_DONE = "No se desplegó ni se anunció nada"

# SQLite's primary result codes for a file that cannot be written, and what they mean here
_SQLITE = {
    3: errno.EACCES,  # SQLITE_PERM
    8: errno.EACCES,  # SQLITE_READONLY
    10: errno.EIO,  # SQLITE_IOERR
    13: errno.ENOSPC,  # SQLITE_FULL
    14: errno.EACCES,  # SQLITE_CANTOPEN
    23: errno.EACCES,  # SQLITE_AUTH
}
_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def _why(code: int) -> str:
    return describe_os_error(OSError(code, os.strerror(code)))


def check_folder(folder: Path) -> None:
    """The state folder is a folder this process may write in (or can be made)."""
    if folder.exists() and not folder.is_dir():
        raise StateError(
            f"{folder} debería ser la carpeta de estado (registro de envíos y candado) y es un archivo: "
            f"muévelo o cambia `sitio.estado` en la configuración. {NOTHING_DONE}"
        )
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise folder_error(folder, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))


def folder_error(folder: Path, error: OSError) -> StateError:
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        reason = _why(errno.ENOTDIR)
    else:
        reason = _why(error.errno or errno.EIO)
    return StateError(
        f"no se puede escribir en la carpeta de estado {folder} ({reason}). Ahí viven el registro de "
        f"envíos y el candado de la publicación; {NOT_DAMAGED}: corrige la carpeta y vuelve a publicar. "
        f"{NOTHING_DONE}"
    )


def check_file(path: Path) -> None:
    """The ledger file, when it exists, can be read and written."""
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StateError(
            f"el registro de envíos {path} no se puede escribir ({_why(errno.EACCES)}). {NOT_DAMAGED[0].upper()}"
            f"{NOT_DAMAGED[1:]}: devuélvele el permiso de escritura y vuelve a publicar. {NOTHING_DONE}"
        )


def sqlite_failure(path: Path, error: sqlite3.Error) -> StateError | None:
    """A write the ledger could not make, in Spanish; None when the error means a damaged file."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in _BUSY:
        return StateError(
            f"el registro de envíos {path} está ocupado por otro proceso desde hace más de 30 s; espera a "
            "que termine y vuelve a publicar"
        )
    if primary not in _SQLITE:
        return None
    return StateError(
        f"no se pudo escribir en el registro de envíos {path} ({_why(_SQLITE[primary])}). La publicación "
        "se detuvo ahí: lo que se estaba enviando queda como desconocido y la próxima publicación lo "
        f"revisa; {NOT_DAMAGED}. Corrige lo anterior y vuelve a publicar"
    )
