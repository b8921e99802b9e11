"""`make html`: validate everything, build into a fresh folder, swap it in only on success."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican
from pelican.settings import read_settings

from . import carryover, outputlock, search
from . import preview as previews
from .advisories import ADVISORY
from .carryover import CarryOver
from .content import Site, load_site, open_cache
from .editor import admin as editor_admin
from .exceptions import BuildError, ContentError
from .history import last_commits
from .indicators.goals import parse_goals
from .model.item import MEXICO_CITY, Item, Page
from .model.veda import Veda, parse_vedas
from .pagekeys import PageKeys
from .parsecache import ParseCache
from .reader import CACHE_SETTING, HISTORY_SETTING, PARSED_SETTING, RENDERED
from .renderpool import Limits

NOW_VARIABLE = "PRESSROOM_NOW"


@dataclass(frozen=True)
class BuildResult:
    output: Path
    published: int
    held_back: int
    pages: int
    advisories: tuple[str, ...] = ()  # 'path:line: advertencia: ...', reported but not fatal
    veda: tuple[tuple[str, Veda], ...] = ()  # (source path, the veda holding it back)
    unchanged: bool = False  # nothing changed since the build in `output`: it was kept as is
    reused: int = 0  # pages linked unchanged from the previous build
    preview: bool = False  # held-back items were built too, marked (make serve)


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


def render_limits(settings: dict[str, Any]) -> Limits:
    """MARKDOWN_TIME_LIMIT (CPU seconds) and MARKDOWN_MEMORY_LIMIT_MB per body, from the settings."""
    found = {}
    for key, default in (
        ("MARKDOWN_TIME_LIMIT", Limits.seconds),
        ("MARKDOWN_MEMORY_LIMIT_MB", Limits.memory_mb),
    ):
        value = settings.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise BuildError(
                f"{key} debe ser un número entero mayor que cero en pelican.conf.py, no {value!r}"
            )
        found[key] = value
    return Limits(seconds=found["MARKDOWN_TIME_LIMIT"], memory_mb=found["MARKDOWN_MEMORY_LIMIT_MB"])


def validate(config: Path, cache: ParseCache | None = None) -> Site:
    """Every content file and the settings the build depends on, all problems at once."""
    settings = load_settings(config)
    site = load_site(Path(settings["PATH"]), cache, render_limits(settings))
    if site.problems:
        raise ContentError(site.problems)
    site.vedas, problems = parse_vedas(settings.get("VEDAS"))
    problems += parse_goals(settings.get("METAS"))[1]
    if not isinstance(settings.get("TRANSPARENCIA", False), bool):
        problems.append(
            f"pelican.conf.py: TRANSPARENCIA debe ser True o False, no {settings['TRANSPARENCIA']!r}"
        )
    if problems:
        raise BuildError("\n".join(problems))
    editor_admin.deployed(settings)
    return site


def build(
    config: Path, now: dt.datetime, output: Path | None = None, *, preview: bool = False
) -> BuildResult:
    """Validate every file, then write the site; `output` is replaced only on success.

    Only what changed since the build in `output` is redone (carryover.py): with nothing changed
    the site there is kept as is (byte for byte: no date in it comes from the clock); otherwise
    unchanged pages are linked from it into the new folder.

    `preview` (make serve) also builds drafts and scheduled items, marked, into the preview
    folder (preview.py) unless `output` says otherwise; it never writes the manifest.
    """
    settings = load_settings(config)
    content_dir = Path(settings["PATH"])
    cache = open_cache(content_dir)
    site = validate(config, cache)
    default = previews.folder(settings) if preview else Path(settings["OUTPUT_PATH"])
    target = Path(output or default).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    history = last_commits(content_dir)
    site_key = carryover.site_digest(config, settings, preview)
    inputs = carryover.inputs_digest(site_key, site, content_dir, history, now)
    previous = carryover.load(target) if target.is_dir() else None
    reused = 0
    if previous is not None and previous.inputs == inputs:
        advisories, unchanged = list(previous.advisories), True
    else:
        carry = carryover.CarryOver(
            PageKeys(site_key, now), target if previous else None, previous.pages if previous else {}
        )
        parsed: dict[str, Item | Page] = {item.path: item for item in site.items}
        parsed |= {page.path: page for page in site.pages}
        shared: dict[str, Any] = {
            PARSED_SETTING: parsed,
            CACHE_SETTING: cache,
            RENDERED: site.rendered,
            HISTORY_SETTING: history,
            carryover.CARRY_OVER_SETTING: carry,
            "JINJA_ENVIRONMENT": {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": _compiled(content_dir)},
        }
        if preview:  # future-dated items too (Pelican would otherwise turn them into drafts)
            shared |= {previews.SETTING: True, "WITH_FUTURE_DATES": True}
        advisories = _write_site(config, target, now, shared, inputs, carry, previous)
        reused, unchanged = carry.reused, False
    if cache is not None:
        cache.save()
    public = site.public_items(now)
    return BuildResult(
        output=target,
        published=len(public),
        held_back=len(site.items) - len(public),
        pages=len(site.pages),
        advisories=tuple(advisories),
        veda=tuple((item.path, veda) for item, veda in site.held_by_veda(now)),
        unchanged=unchanged,
        reused=reused,
        preview=preview,
    )


def _write_site(
    config: Path,
    target: Path,
    now: dt.datetime,
    shared: dict[str, Any],
    inputs: str,
    carry: CarryOver,
    previous: carryover.Previous | None,
) -> list[str]:
    """Write the whole site into a fresh folder, then swap it in place of `target`."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.nuevo-", dir=target.parent))
    try:
        advisories = _run_pelican(config, staging, now, shared)
        found = search.index(  # the search index covers exactly what goes online
            staging,
            page_keys=carry.pages,
            previous=target if previous else None,
            previous_parts=previous.search_parts if previous else None,
        )
        carryover.write_stamp(staging, inputs, carry.pages, advisories, found.parts)
        _swap_when_free(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return advisories


def _compiled(content_dir: Path) -> FileSystemBytecodeCache:
    """The templates compiled by earlier builds (Jinja checks each against its source and Python)."""
    folder = content_dir.resolve().parent / ".cache/plantillas"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def _run_pelican(config: Path, staging: Path, now: dt.datetime, shared: dict[str, Any]) -> list[str]:
    settings = load_settings(config, {"OUTPUT_PATH": str(staging), NOW_VARIABLE: now, **shared})
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English summary; ours is Spanish
            Pelican(settings).run()
    except (ContentError, BuildError):
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
    """Put the new site in place; the old one is removed only after the new one is there.

    The old folder is moved out of sight (into the cache's bin, on the same disk) and deleted by a
    background process, so the build does not wait for tens of thousands of files to be unlinked;
    whatever a deletion left unfinished is removed by the next build.
    """
    os.chmod(staging, 0o755)
    if not target.exists():
        staging.rename(target)
        return
    retired = target.with_name(f".{target.name}.anterior-{os.getpid()}")
    shutil.rmtree(retired, ignore_errors=True)
    target.rename(retired)
    staging.rename(target)
    _discard(retired, target.parent / TRASH)


def _discard(folder: Path, trash: Path) -> None:
    """Delete `folder` in the background, first moving it into `trash` (also emptied of leftovers)."""
    try:
        trash.mkdir(parents=True, exist_ok=True)
        moved = Path(tempfile.mkdtemp(dir=trash, prefix="borrar-"))
        folder.rename(moved / folder.name)
        subprocess.Popen(
            [sys.executable, "-c", _EMPTY_TRASH, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


TRASH = ".cache/papelera"  # beside the output folder, never deployed; emptied in the background
_EMPTY_TRASH = (
    "import shutil, sys, pathlib\n"
    "for entry in pathlib.Path(sys.argv[1]).iterdir():\n"
    "    shutil.rmtree(entry, ignore_errors=True)\n"
)
