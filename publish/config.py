"""The publishing configuration: read once, validated before anything runs.

Wrong values are errors that name the key and what is expected; nothing falls back silently.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .channels import registry
from .directory.loading import read_directory
from .directory.model import Contact, Directory
from .directory.suppression import Suppression, load_suppression
from .errors import ConfigError

DEFAULT_PATH = Path("publish/publicacion.toml")
CONFIG_VARIABLE = "PUBLICACION_CONFIG"
CONTACTS_VARIABLE = "PUBLICACION_CONTACTOS"
TYPES = ("boletin", "actividad", "conferencia", "reportaje", "capsula", "spot", "galeria")
CHANNELS = ("x", "facebook", "instagram", "telegram", "mastodon", "bluesky", "correo", "whatsapp")
PEOPLE_CHANNELS = ("correo", "whatsapp")  # one delivery per contact; the others post to one account


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    kind: str
    account: str  # the account posted to, or the sender for email
    verifiable: bool  # whether an unknown outcome may be settled by looking at the channel
    settings: dict[str, Any] = field(default_factory=dict)  # the whole [canales.<name>] section


@dataclass(frozen=True)
class Config:
    root: Path
    output: Path
    state: Path
    directory: Directory  # the contact directory (personal data: never copied anywhere)
    deploy_target: str
    deploy_folder: Path
    keep_releases: int
    rsync_remote: str
    rsync_ssh: str
    verify_base: str
    verify_attempts: int
    verify_wait: float
    max_items: int
    max_attempts: int
    outbox: Path
    channels: dict[str, ChannelConfig]
    by_type: dict[str, tuple[str, ...]]
    email_everyone: tuple[str, ...]
    contacts_path: Path = Path()  # the directory file or folder
    content: Path = Path("content")  # the content folder: reference data the directory is checked against
    suppression: Suppression = field(default_factory=lambda: Suppression(Path()))
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    path: Path = Path()  # the configuration file, for messages (`locate`)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return self.directory.contacts

    @property
    def ledger_path(self) -> Path:
        return self.state / "registro.sqlite3"

    @property
    def lock_path(self) -> Path:
        return self.state / "publicacion.lock"


def _get(data: dict[str, Any], dotted: str, kind: type | tuple[type, ...], where: Path) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ConfigError(f"{where}: falta la clave '{dotted}'")
        node = node[part]
    if not isinstance(node, kind) or (kind is int and isinstance(node, bool)):
        names = {
            str: "texto",
            int: "un número entero",
            float: "un número",
            bool: "true o false",
            list: "una lista",
        }
        expected = " o ".join(
            names.get(k, k.__name__) for k in (kind if isinstance(kind, tuple) else (kind,))
        )
        raise ConfigError(f"{where}: '{dotted}' debe ser {expected}, no {node!r}")
    return node


def load(path: Path | None = None, root: Path | None = None) -> Config:
    root = (root or Path.cwd()).resolve()
    path = path or Path(os.environ.get(CONFIG_VARIABLE) or DEFAULT_PATH)
    path = path if path.is_absolute() else root / path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"no existe el archivo de configuración {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: el archivo no es TOML válido ({exc})") from exc

    def folder(key: str) -> Path:
        value = Path(_get(data, key, str, path))
        return value if value.is_absolute() else root / value

    target = _get(data, "despliegue.destino", str, path)
    if target not in ("local", "rsync"):
        raise ConfigError(f"{path}: 'despliegue.destino' debe ser 'local' o 'rsync', no '{target}'")
    remote = _get(data, "despliegue.remoto", str, path)
    if target == "rsync" and not remote:
        raise ConfigError(
            f"{path}: con destino 'rsync' hace falta 'despliegue.remoto' (usuario@servidor:/ruta/)"
        )
    if target == "rsync" and not _get(data, "despliegue.verificar_en", str, path):
        raise ConfigError(
            f"{path}: con destino 'rsync' hace falta 'despliegue.verificar_en', la dirección pública del "
            "sitio (por ejemplo https://ptedomex.example.org), para comprobar que cada nota está en línea "
            "antes de anunciarla"
        )
    channels = _channels(data, path)
    by_type = _by_type(data, path, channels)
    email_everyone = tuple(_get(data, "correo.a_todos", list, path))
    for tipo in email_everyone:
        if tipo not in TYPES:
            raise ConfigError(f"{path}: 'correo.a_todos' menciona el tipo desconocido '{tipo}'")
    contacts_path = Path(os.environ.get(CONTACTS_VARIABLE) or _get(data, "sitio.contactos", str, path))
    contacts_path = contacts_path if contacts_path.is_absolute() else root / contacts_path
    content = root / (_get(data, "sitio.contenido", str, path) if "contenido" in data["sitio"] else "content")
    state = folder("sitio.estado")
    config = Config(
        root=root,
        output=folder("sitio.salida"),
        state=state,
        directory=read_directory(contacts_path, content, root),
        deploy_target=target,
        deploy_folder=folder("despliegue.carpeta"),
        keep_releases=_get(data, "despliegue.conservar", int, path),
        rsync_remote=remote,
        rsync_ssh=_get(data, "despliegue.ssh", str, path),
        verify_base=_get(data, "despliegue.verificar_en", str, path).rstrip("/"),
        verify_attempts=_get(data, "verificacion.intentos", int, path),
        verify_wait=float(_get(data, "verificacion.espera_segundos", (int, float), path)),
        max_items=_get(data, "envio.maximo_por_corrida", int, path),
        max_attempts=_get(data, "envio.intentos_maximos", int, path),
        outbox=folder("bandeja.carpeta"),
        channels=channels,
        by_type=by_type,
        email_everyone=email_everyone,
        contacts_path=contacts_path,
        content=content,
        suppression=load_suppression(state),
        raw=data,
        path=path,
    )
    for channel in channels.values():  # each adapter checks its own settings and credentials once
        registry.build(channel, config)
    return config


_TABLE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?")


def locate(config: Config, dotted: str) -> str:
    """`file:line` of a key of the configuration, for messages: the file as the project names it
    and the line of `key = …` in its table. The file alone when the key is not written there (it
    takes its default) or the file cannot be read again. Plain `[table]` and `key = value` lines
    are all the configuration uses."""
    shown = config.path.relative_to(config.root) if config.path.is_relative_to(config.root) else config.path
    table, _, key = dotted.rpartition(".")
    assignment = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    try:
        lines = config.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(shown)
    current = ""
    for number, line in enumerate(lines, start=1):
        header = _TABLE.fullmatch(line)
        if header:
            current = header[1]
        elif current == table and assignment.match(line):
            return f"{shown}:{number}"
    return str(shown)


def _channels(data: dict[str, Any], path: Path) -> dict[str, ChannelConfig]:
    section = _get(data, "canales", dict, path)
    found = {}
    for name, values in section.items():
        if name not in CHANNELS:
            raise ConfigError(f"{path}: canal desconocido '{name}'; los canales son: {', '.join(CHANNELS)}")
        kind = _get(section, f"{name}.tipo", str, path)
        if kind not in registry.KINDS:
            raise ConfigError(
                f"{path}: 'canales.{name}.tipo' = '{kind}' no está disponible; usa: {', '.join(registry.available())}"
            )
        key = "remitente" if name == "correo" else "cuenta"
        account = values.get(key, "")
        if not isinstance(account, str) or not account:
            raise ConfigError(f"{path}: falta 'canales.{name}.{key}'")
        verifiable = values.get("verificable", True)
        if not isinstance(verifiable, bool):
            raise ConfigError(f"{path}: 'canales.{name}.verificable' debe ser true o false")
        found[name] = ChannelConfig(name, kind, account, verifiable, dict(values))
    return found


def _by_type(
    data: dict[str, Any], path: Path, channels: dict[str, ChannelConfig]
) -> dict[str, tuple[str, ...]]:
    section = _get(data, "por_tipo", dict, path)
    found = {}
    for tipo in TYPES:
        names = _get(section, tipo, list, path)
        for name in names:
            if name not in channels:
                raise ConfigError(
                    f"{path}: 'por_tipo.{tipo}' usa el canal '{name}', que no está en [canales]"
                )
        found[tipo] = tuple(names)
    for tipo in section:
        if tipo not in TYPES:
            raise ConfigError(f"{path}: 'por_tipo.{tipo}' no es un tipo; los tipos son: {', '.join(TYPES)}")
    return found
