"""`make html`: validate everything, build into a fresh folder, swap it in only on success."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from . import outputlock, search
from .advisories import ADVISORY
from .content import Site, load_site
from .editor import admin as editor_admin
from .exceptions import BuildError, ContentError
from .model.item import MEXICO_CITY
from .model.veda import Veda, parse_vedas

NOW_VARIABLE = "PRESSROOM_NOW"


@dataclass(frozen=True)
class BuildResult:
    output: Path
    published: int
    held_back: int
    pages: int
    advisories: tuple[str, ...] = ()  # 'path:line: advertencia: ...', reported but not fatal
    veda: tuple[tuple[str, Veda], ...] = ()  # (source path, the veda holding it back)


def build_clock(environ: os._Environ[str] | dict[str, str] = os.environ) -> dt.datetime:
    """The instant the build treats as now; PRESSROOM_NOW pins it (ISO 8601)."""
    value = environ.get(NOW_VARIABLE)
    if not value:
        return dt.datetime.now(MEXICO_CITY)
    try:
        pinned = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise BuildError(
            f"{NOW_VARIABLE}='{value}' no es una fecha ISO 8601; usa por ejemplo 2026-11-26T08:00:00-06:00"
        ) from exc
    return pinned if pinned.tzinfo else pinned.replace(tzinfo=MEXICO_CITY)


def load_settings(config: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    settings: dict[str, Any] = read_settings(str(config), override=overrides or {})
    return settings


class _Counter(logging.Handler):
    """Counts Pelican's warnings and errors (any of them fails the build) and keeps advisories."""

    def __init__(self) -> None:
        super().__init__(ADVISORY)
        self.messages: list[str] = []
        self.advisories: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = self.messages if record.levelno >= logging.WARNING else self.advisories
        found.append(record.getMessage())


def validate(config: Path) -> Site:
    """Every content file and the settings the build depends on, all problems at once."""
    settings = load_settings(config)
    site = load_site(Path(settings["PATH"]))
    if site.problems:
        raise ContentError(site.problems)
    site.vedas, problems = parse_vedas(settings.get("VEDAS"))
    if problems:
        raise BuildError("\n".join(problems))
    editor_admin.deployed(settings)
    return site


def build(config: Path, now: dt.datetime, output: Path | None = None) -> BuildResult:
    """Validate every file, then write the whole site; `output` is replaced only on success."""
    site = validate(config)
    settings = load_settings(config)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.nuevo-", dir=target.parent))
    try:
        advisories = _run_pelican(config, staging, now)
        search.index(staging)  # the search index covers exactly what goes online
        _swap_when_free(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    public = site.public_items(now)
    return BuildResult(
        output=target,
        published=len(public),
        held_back=len(site.items) - len(public),
        pages=len(site.pages),
        advisories=tuple(advisories),
        veda=tuple((item.path, veda) for item, veda in site.held_by_veda(now)),
    )


def _run_pelican(config: Path, staging: Path, now: dt.datetime) -> list[str]:
    settings = load_settings(config, {"OUTPUT_PATH": str(staging), NOW_VARIABLE: now})
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English summary; ours is Spanish
            Pelican(settings).run()
    except ContentError:
        raise  # a problem found while writing (e.g. a broken photo): reported like any other
    except Exception as exc:
        raise BuildError(f"Pelican no pudo construir el sitio: {exc}") from exc
    finally:
        root.removeHandler(counter)
    if counter.messages:
        listed = "\n".join(f"  - {m}" for m in counter.messages)
        raise BuildError(
            f"la construcción dio {len(counter.messages)} avisos (se tratan como errores):\n{listed}"
        )
    return counter.advisories


def _swap_when_free(staging: Path, target: Path) -> None:
    """Swap only while no publication is reading the output folder (see outputlock.py)."""

    def waiting() -> None:
        print(
            f"Esperando a que termine la publicación que está usando {target} para reemplazarlo…",
            file=sys.stderr,
            flush=True,
        )

    try:
        with outputlock.holding(target, shared=False, wait=outputlock.BUILD_WAIT, waiting=waiting):
            _swap(staging, target)
    except outputlock.OutputBusy as exc:
        raise BuildError(
            f"{exc}: una publicación lo está usando. No se reemplazó; vuelve a construir cuando termine "
            "(`make html`)"
        ) from exc


def _swap(staging: Path, target: Path) -> None:
    """Put the new site in place; the old one is removed only after the new one is there."""
    os.chmod(staging, 0o755)
    if not target.exists():
        staging.rename(target)
        return
    retired = target.with_name(f".{target.name}.anterior-{os.getpid()}")
    shutil.rmtree(retired, ignore_errors=True)
    target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
