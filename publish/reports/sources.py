"""Everything a report reads, read once: the site's settings, the content (parsed with the content
model, the same reference data as the build), the ledger's rows and the contact directory (read and
checked with the configuration, publish/directory).

A problem in one source never stops the report: content files with errors are left out and named,
an unreadable ledger or directory becomes a notice in the report.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.build import build_clock, load_settings
from pressroom.content import Site, load_site
from pressroom.exceptions import PressroomError
from pressroom.indicators.coverage_map import OUTLINES_FILE
from pressroom.indicators.goals import Goal, parse_goals
from pressroom.model.veda import Veda, parse_vedas

from ..config import Config
from ..directory import Directory, Suppression
from ..errors import LedgerError, ReportError
from ..ledger import Row, open_ledger

SETTINGS_FILE = Path("pelican.conf.py")


@dataclass
class Sources:
    site: Site
    goals: list[Goal]
    vedas: list[Veda]
    now: dt.datetime
    rows: list[Row] | None  # None: there is no ledger yet (nothing published with `make publish`)
    directory: Directory
    suppression: Suppression
    outlines: str | None  # the municipal outlines (GeoJSON) the coverage map is drawn from
    notices: list[str] = field(default_factory=list)  # what the reader must know about missing data


def now() -> dt.datetime:
    """The reports' clock: the build's (PRESSROOM_NOW pins it, as in tests)."""
    try:
        return build_clock(os.environ)
    except PressroomError as exc:
        raise ReportError(str(exc)) from exc


def site_settings(config: Config, path: Path | None) -> dict[str, Any]:
    settings_path = path or SETTINGS_FILE
    settings_path = settings_path if settings_path.is_absolute() else config.root / settings_path
    if not settings_path.is_file():
        raise ReportError(
            f"no existe {settings_path}: el informe lee de ahí la carpeta del contenido y las metas; "
            "indica el archivo con --ajustes"
        )
    try:
        settings: dict[str, Any] = load_settings(settings_path)
    except Exception as exc:  # the settings file is Python: any error in it ends here
        raise ReportError(f"{settings_path}: no se pudo leer ({exc})") from exc
    return settings


def gather(config: Config, settings_path: Path | None = None, clock: dt.datetime | None = None) -> Sources:
    settings = site_settings(config, settings_path)
    goals, problems = parse_goals(settings.get("METAS"))
    vedas, veda_problems = parse_vedas(settings.get("VEDAS"))
    if problems or veda_problems:
        raise ReportError("\n".join(problems + veda_problems))
    content = Path(settings["PATH"])
    if not content.is_dir():
        raise ReportError(
            f"no existe la carpeta del contenido {content} (PATH en la configuración del sitio)"
        )
    site = load_site(content)
    notices = []
    if site.problems:
        files = sorted({p.path for p in site.problems})
        notices.append(
            f"{len(files)} archivo(s) con errores no se cuentan ({', '.join(files[:5])}"
            + (", …" if len(files) > 5 else "")
            + "); corrígelos (make validar) y vuelve a generar el informe."
        )
    rows = None
    if config.ledger_path.exists():
        try:
            ledger = open_ledger(config.ledger_path, create=False)
            try:
                rows = ledger.rows()
            finally:
                ledger.close()
        except LedgerError as exc:
            notices.append(f"No se pudo leer el registro de envíos: {exc}")
    outlines = None
    try:
        outlines = (content / OUTLINES_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        notices.append(f"Sin mapa de cobertura: no se pudo leer {content.name}/{OUTLINES_FILE} ({exc}).")
    return Sources(
        site, goals, vedas, clock or now(), rows, config.directory, config.suppression, outlines, notices
    )
