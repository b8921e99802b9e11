"""The suppression list: addresses that asked not to receive email (`make baja CORREO=…`).

It lives in the private state folder (never deployed), one address per line with the date it was
added. Lines are only ever appended, each in one write, so two `make baja` at once cannot lose one.
An address on the list is never sent to, whatever the directory says.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from .fields import ADDRESS, bad_text

FILE_NAME = "bajas.txt"
HEADER = (
    "# Direcciones dadas de baja: no reciben ningún correo. Se agregan con `make baja CORREO=…`.\n"
    "# Para volver a enviar a una dirección, borra su línea.\n"
)


@dataclass(frozen=True)
class Suppression:
    path: Path
    since: dict[str, str] = field(default_factory=dict)  # address (lowercase) → date added

    def __contains__(self, address: object) -> bool:
        return isinstance(address, str) and address.strip().lower() in self.since

    def __len__(self) -> int:
        return len(self.since)


def path_in(state: Path) -> Path:
    return state / FILE_NAME


def load_suppression(state: Path) -> Suppression:
    path = path_in(state)
    since: dict[str, str] = {}
    if not state.is_dir():  # not made yet; or not a folder, which the publication reports as such
        return Suppression(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Suppression(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: no se puede leer la lista de bajas ({exc.__class__.__name__}); revisa el archivo"
        ) from exc
    for line in text.splitlines():
        parts = line.split("\t")
        address = parts[0].strip().lower()
        if address and not address.startswith("#"):
            since.setdefault(address, parts[1].strip() if len(parts) > 1 else "")
    return Suppression(path, since)


def check_address(address: str) -> str:
    """The address as the list keeps it (lowercase), or ConfigError in Spanish."""
    value = address.strip()
    if not value:
        raise ConfigError("indica la dirección: make baja CORREO=nombre@example.org")
    if bad_text(value) or not ADDRESS.fullmatch(value):
        raise ConfigError(
            "esa no es una dirección de correo válida; escríbela completa, sin espacios, por ejemplo "
            "make baja CORREO=nombre@example.org"
        )
    return value.lower()


def add(state: Path, address: str, today: dt.date) -> bool:
    """Put an address on the list; False when it already was."""
    value = check_address(address)
    current = load_suppression(state)
    if value in current:
        return False
    path = current.path
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    line = (HEADER if fresh else "") + f"{value}\t{today.isoformat()}\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return True
