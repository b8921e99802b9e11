"""The publishing errors; only the command line turns them into exit codes.

PublishError
├── ConfigError        the publishing configuration is invalid
├── ManifestError      the build's manifest is missing or unreadable
├── LedgerError        the ledger is missing, corrupt or from a newer version (fails closed)
├── LockError          another publication is running, or a build is replacing output/
├── StateError         the state folder (ledger, lock) cannot be written: not a damaged ledger
├── IdentityError      what must not change after publication changed (an id, an address)
├── DeployError        the site could not be put online
├── SafetyValveError   more items than allowed in one run
├── SynthesisError     the press synthesis cannot run: its sources list has problems, its notes
│                      database is damaged or newer, a note or a synthesis asked for does not exist
├── ChannelError       one delivery failed: retryable, permanent, or ambiguous (it may have gone
│                      out: recorded as `unknown`, never blindly resent)
└── ReportError        a report or agenda cannot be made (wrong period, unreadable site settings)
"""

from __future__ import annotations

import errno


class PublishError(Exception):
    """Base of every error reported to the people who publish."""


class ConfigError(PublishError):
    pass


class ManifestError(PublishError):
    pass


class LedgerError(PublishError):
    pass


class LockError(PublishError):
    pass


class StateError(PublishError):
    pass


class IdentityError(PublishError):
    pass


class DeployError(PublishError):
    pass


class SafetyValveError(PublishError):
    pass


class SynthesisError(PublishError):
    pass


class ChannelError(PublishError):
    """`retry_after`: seconds the service asked to wait (HTTP 429), when it said."""

    def __init__(
        self, message: str, *, retryable: bool, ambiguous: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.ambiguous = ambiguous
        self.retry_after = retry_after


class PostGone(ChannelError):
    """Deleting a post: the network says it does not exist any more (a person removed it on the web)."""

    def __init__(self, service: str) -> None:
        super().__init__(f"{service} ya no tiene la publicación", retryable=False)


class ReportError(PublishError):
    pass


_ERRNO = {
    errno.ENOSPC: "el disco está lleno: libera espacio (`df -h` muestra cuánto queda) y vuelve a intentar",
    errno.EDQUOT: "se acabó la cuota de disco: libera espacio y vuelve a intentar",
    errno.EACCES: (
        "no hay permiso para escribir ahí: revisa el dueño y los permisos (`ls -ld`) y si está marcado "
        "como inmutable (`lsattr -d`; se quita con `chattr -i`)"
    ),
    errno.EROFS: "el sistema de archivos es de solo lectura: móntalo con escritura o usa otra carpeta",
    errno.ENOTDIR: "una parte de la ruta es un archivo y no una carpeta",
    errno.EISDIR: "es una carpeta y se esperaba un archivo",
    errno.ENOENT: "no existe",
    errno.EEXIST: "ya existe un archivo con ese nombre donde debería haber una carpeta",
    errno.EIO: "el disco dio un error de lectura o escritura: revisa el disco",
}
_ERRNO[errno.EPERM] = _ERRNO[errno.EACCES]


def describe_os_error(error: OSError) -> str:
    """An OSError as a Spanish sentence with what to do: '<path>: <what happened and the fix>'."""
    text = _ERRNO.get(error.errno or 0) or (error.strerror or str(error))
    where = error.filename
    return f"{where}: {text}" if where else text
