"""The synthesis settings: the `[sintesis]` section of the publishing configuration, every key optional.

A missing key takes its documented default; a key of the wrong type or out of range is an error
that names it (never a silent fallback). The synthesis's files are internal: the cards folder and
the state folder (notes database, synthesis pages, balances) may not be inside the public site's
folder, nor the site inside them, so none of them can ever be deployed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import locate
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


def _value(config: Config, section: dict[str, Any], key: str, kind: type) -> Any:
    value: Any = section.get(key, DEFAULTS[key])
    accepted = (int, float) if kind is float else (kind,)
    valid = not isinstance(value, bool) and isinstance(value, accepted)
    if not valid:
        where = locate(config, f"{SECTION}.{key}")
        raise ConfigError(f"{where}: 'sintesis.{key}' debe ser {_NAMES[kind]}, no {value!r}")
    return float(value) if kind is float else value


def _positive(config: Config, value: float, key: str, upper: float) -> None:
    if not 0 < value <= upper:
        where = locate(config, f"{SECTION}.{key}")
        raise ConfigError(f"{where}: 'sintesis.{key}' debe estar entre 0 y {upper:g}, no {value!r}")


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _apart_from_the_site(config: Config, cards: Path, pages: Path) -> None:
    """Refuse a private folder inside the site's folder, or the site inside one: what is written
    there would be deployed (or, for cards, `make ficha` would write into the site)."""
    site = config.output.resolve()
    output = f"'sitio.salida' = {_shown(config.output, config.root)}"
    for private, key in ((cards, "sintesis.fichas"), (config.state, "sitio.estado")):
        if private.resolve().is_relative_to(site):
            raise ConfigError(
                f"{locate(config, key)}: '{key}' = {_shown(private, config.root)} está dentro de la carpeta "
                f"del sitio público ({output}); la síntesis, su base de notas, sus balances y las fichas son "
                f"internos y nunca van al sitio: usa para '{key}' una carpeta fuera de "
                f"{_shown(config.output, config.root)}"
            )
    for private, what in (
        (cards, "de las fichas ('sintesis.fichas')"),
        (pages, "de las síntesis y balances"),
    ):
        if site.is_relative_to(private.resolve()):
            raise ConfigError(
                f"{locate(config, 'sitio.salida')}: la carpeta del sitio público ({output}) está dentro de la "
                f"carpeta {what}, {_shown(private, config.root)}, que es interna y nunca va al sitio: usa "
                f"para 'sitio.salida' una carpeta fuera de {_shown(private, config.root)}"
            )


def read_settings(config: Config) -> Settings:
    """The `[sintesis]` settings, checked: ConfigError with `file:line` and the fix otherwise."""
    section = config.raw.get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{locate(config, SECTION)}: '[{SECTION}]' debe ser una sección con claves")
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise ConfigError(
            f"{locate(config, f'{SECTION}.{unknown[0]}')}: clave desconocida 'sintesis.{unknown[0]}'; "
            f"las válidas son: {', '.join(DEFAULTS)}"
        )

    def path(key: str) -> Path:
        value = Path(_value(config, section, key, str))
        return value if value.is_absolute() else config.root / value

    timeout = _value(config, section, "tiempo_limite", float)
    _positive(config, timeout, "tiempo_limite", 300)
    size_kb = _value(config, section, "tamano_maximo_kb", int)
    _positive(config, size_kb, "tamano_maximo_kb", 100 * 1024)
    workers = _value(config, section, "simultaneas", int)
    _positive(config, workers, "simultaneas", 64)
    similarity = _value(config, section, "parecido", float)
    _positive(config, similarity, "parecido", 1)
    max_age = _value(config, section, "antiguedad_maxima_horas", int)
    _positive(config, max_age, "antiguedad_maxima_horas", 24 * 366)
    settings = Settings(
        outlets=path("medios"),
        cards=path("fichas"),
        state=config.state,
        content=config.content,
        mailing_list=_value(config, section, "lista", str),
        channel=_value(config, section, "canal", str),
        timeout=timeout,
        max_bytes=size_kb * 1024,
        workers=workers,
        similarity=similarity,
        max_age_hours=max_age,
        user_agent=_value(config, section, "agente", str),
    )
    _apart_from_the_site(config, settings.cards, settings.pages)
    return settings
