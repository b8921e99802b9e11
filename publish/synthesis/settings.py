"""The synthesis settings: the `[sintesis]` section of the publishing configuration, every key optional.

A missing key takes its documented default; a key of the wrong type or out of range is an error
that names it (never a silent fallback).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Config

SECTION = "sintesis"


@dataclass(frozen=True)
class Settings:
    outlets: Path  # the outlets file (medios.yml)
    cards: Path  # the private folder of manual monitoring cards
    state: Path  # the private state folder: notes database and synthesis pages
    content: Path  # the site's content, for the people and municipalities
    mailing_list: str  # the directory list that receives the synthesis
    channel: str  # the email channel it goes through
    timeout: float  # seconds a feed may take, whole answer included
    max_bytes: int  # largest feed accepted
    workers: int  # feeds fetched at the same time
    similarity: float  # Jaccard threshold above which two titles are one story
    max_age_hours: int  # notes published longer before they were found are archive, not news
    user_agent: str

    @property
    def database(self) -> Path:
        return self.state / "sintesis.sqlite3"

    @property
    def pages(self) -> Path:
        return self.state / "sintesis"


DEFAULTS: dict[str, Any] = {
    "medios": "publish/medios.yml",
    "fichas": "monitoreo",
    "lista": "interno",
    "canal": "correo",
    "tiempo_limite": 15,
    "tamano_maximo_kb": 5120,
    "simultaneas": 8,
    "parecido": 0.6,
    "antiguedad_maxima_horas": 72,
    "agente": "SintesisPTEdomex/1.0 (+https://ptedomex.example.org/sala-de-prensa/)",
}

_NAMES = {str: "texto", int: "un número entero", float: "un número"}


def _value(section: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value: Any = section.get(key, DEFAULTS[key])
    accepted = (int, float) if kind is float else (kind,)
    valid = not isinstance(value, bool) and isinstance(value, accepted)
    if not valid:
        raise ConfigError(f"{where}: 'sintesis.{key}' debe ser {_NAMES[kind]}, no {value!r}")
    return float(value) if kind is float else value


def _positive(value: float, key: str, where: str, upper: float) -> None:
    if not 0 < value <= upper:
        raise ConfigError(f"{where}: 'sintesis.{key}' debe estar entre 0 y {upper:g}, no {value!r}")


def read_settings(config: Config, where: str = "publish/publicacion.toml") -> Settings:
    section = config.raw.get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: '[{SECTION}]' debe ser una sección con claves")
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise ConfigError(
            f"{where}: clave desconocida 'sintesis.{unknown[0]}'; las válidas son: {', '.join(DEFAULTS)}"
        )

    def path(key: str) -> Path:
        value = Path(_value(section, key, str, where))
        return value if value.is_absolute() else config.root / value

    timeout = _value(section, "tiempo_limite", float, where)
    _positive(timeout, "tiempo_limite", where, 300)
    size_kb = _value(section, "tamano_maximo_kb", int, where)
    _positive(size_kb, "tamano_maximo_kb", where, 100 * 1024)
    workers = _value(section, "simultaneas", int, where)
    _positive(workers, "simultaneas", where, 64)
    similarity = _value(section, "parecido", float, where)
    _positive(similarity, "parecido", where, 1)
    max_age = _value(section, "antiguedad_maxima_horas", int, where)
    _positive(max_age, "antiguedad_maxima_horas", where, 24 * 366)
    cards = path("fichas")
    for private, key in ((cards, "sintesis.fichas"), (config.state, "sitio.estado")):
        if private.resolve().is_relative_to(config.output.resolve()):
            raise ConfigError(
                f"{where}: '{key}' está dentro de la carpeta del sitio ({config.output}); la síntesis y las "
                "fichas son internas y nunca van al sitio público: usa una carpeta fuera de ella"
            )
    return Settings(
        outlets=path("medios"),
        cards=cards,
        state=config.state,
        content=config.content,
        mailing_list=_value(section, "lista", str, where),
        channel=_value(section, "canal", str, where),
        timeout=timeout,
        max_bytes=size_kb * 1024,
        workers=workers,
        similarity=similarity,
        max_age_hours=max_age,
        user_agent=_value(section, "agente", str, where),
    )
