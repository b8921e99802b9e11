"""The contact directory: district coordinators, municipal links, journalists and newsrooms.

Personal data. Read from a private YAML file or folder (`PUBLICACION_CONTACTOS`, or `sitio.contactos`
in the configuration), checked against the content's districts and municipalities, and never copied
into the site. The public API, for publishing and for other reports:

    load_directory(config) -> Directory     read and check the directory the configuration names
                                            (ConfigError lists every problem as `path:line: …`)
    Directory.contacts / .active() / .on_list(name) / .by_address(address) / .districts
    Contact   nombre, correo (identity, lowercase), telefono (E.164), rol, medio, distritos,
              municipios (slugs), estatal, listas, activo, verificado: date | None,
              whatsapp: date | None (opt-in), .stale(today), .covers(...), .wants(tipo)
    LISTS     list name → item types it receives ("todo", "boletines", …, "interno")
    ROLES     canonical role → other accepted spellings
    load_suppression(state) -> Suppression  addresses that asked to stop (`make baja`)
"""

from __future__ import annotations

from .loading import load_directory, read_directory
from .model import LISTS, ROLES, Contact, Directory
from .suppression import Suppression, load_suppression

__all__ = [
    "LISTS",
    "ROLES",
    "Contact",
    "Directory",
    "Suppression",
    "load_directory",
    "load_suppression",
    "read_directory",
]
