"""What the previous build made, and from what: so a build redoes only what changed.

Each build leaves a stamp in its output's private folder (`.publicacion/construccion.json`, never
deployed): a digest of every input of the build (`entradas`), the key of every page it wrote
(`paginas`, see pagekeys.py) and its advisories. The next build into the same folder then

- does nothing more when its inputs digest is the same (every file was still read and validated):
  the site it would write is the one already there, byte for byte;
- otherwise hard-links into its new folder each page whose key is unchanged, and renders the rest.
  The new folder is swapped in as before, so readers never see a mix.

The inputs digest covers the code, theme, settings and library versions (`site_digest`), every
content file (Markdown by its bytes, media by size and modification time), each file's last
commit (feeds' 'updated'), and what the build clock decides: which items are public, held by a
veda, and whose press conference has started or is in the calendars' window.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import calendar
from .content import Site
from .model.veda import holding
from .pagekeys import PageKeys, TemplateInputs
from .syndication import newest

CARRY_OVER_SETTING = "PRESSROOM_CARRY_OVER"
STAMP = ".publicacion/construccion.json"
VERSION = 1
LIBRARIES = (
    "pelican", "Jinja2", "MarkupSafe", "Markdown", "nh3", "PyYAML", "feedgen", "lxml", "pillow",
    "pillow_heif", "icalendar", "mutagen", "pagefind_bin_extended", "Babel",
)  # fmt: skip
PLUGIN_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Previous:
    inputs: str
    pages: dict[str, str]
    advisories: tuple[str, ...]
    search_parts: dict[str, str] = field(default_factory=dict)  # search.py: closed part -> digest


def _tree_digest(sha: Any, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\x00" + path.read_bytes() + b"\x00")


def site_digest(config: Path, settings: dict[str, Any], preview: bool = False) -> str:
    """The code, theme, settings file and libraries a build runs with (and whether it is the
    editors' preview, which also writes drafts)."""
    sha = hashlib.sha256(f"{VERSION}\x1f{platform.python_version()}\x1f{preview}".encode())
    for name in LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            sha.update(f"{name}={importlib.metadata.version(name)}\x1f".encode())
    sha.update(config.read_bytes())
    _tree_digest(sha, PLUGIN_DIR)
    theme = Path(settings["THEME"])
    if theme.is_dir():
        _tree_digest(sha, theme)
    return sha.hexdigest()


def inputs_digest(
    site_key: str, site: Site, content_dir: Path, history: dict[str, dt.datetime], now: dt.datetime
) -> str:
    sha = hashlib.sha256(site_key.encode())
    for root, dirs, names in os.walk(content_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            relative = path.relative_to(content_dir).as_posix()
            known = site.digests.get(relative)
            if known is None:
                stat = path.stat()
                known = f"{stat.st_size}:{stat.st_mtime_ns}"
            sha.update(f"{relative}\x1f{known}\x1e".encode())
    for relative, when in sorted(history.items()):
        sha.update(f"{relative}\x1f{when.isoformat()}\x1e".encode())
    for item in site.items:
        event = item.evento
        state = (
            item.is_public(now),
            holding(site.vedas, item, now) is not None,
            event is not None and event.inicio >= now,
            event is not None and event.inicio >= now - calendar.WINDOW,
        )
        sha.update(f"{item.id}\x1f{state}\x1e".encode())
    return sha.hexdigest()


def load(output: Path) -> Previous | None:
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads((output / STAMP).read_text(encoding="utf-8"))
        if data["version"] == VERSION:
            parts = {str(k): str(v) for k, v in data.get("buscador", {}).items()}
            return Previous(str(data["entradas"]), dict(data["paginas"]), tuple(data["avisos"]), parts)
    return None


def write_stamp(
    output: Path, inputs: str, pages: dict[str, str], advisories: list[str], search_parts: dict[str, str]
) -> None:
    document = {
        "version": VERSION,
        "entradas": inputs,
        "paginas": pages,
        "avisos": advisories,
        "buscador": search_parts,
    }
    path = output / STAMP
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True), encoding="utf-8")


@dataclass
class CarryOver:
    """One build's page reuse: which pages it linked from `previous_dir` and which it rendered."""

    keys: PageKeys
    previous_dir: Path | None
    previous: dict[str, str]
    pages: dict[str, str] = field(default_factory=dict)
    reused: int = 0
    _inputs: TemplateInputs | None = None
    _linked: set[str] = field(default_factory=set)

    def page_key(self, name: str, template: Any, local: dict[str, Any], own: set[str]) -> str | None:
        if self._inputs is None:
            self._inputs = TemplateInputs(template.environment)
        names = self._inputs.names(template.name)
        return self.keys.key(name, template.name, names, local, own)

    def reuse(self, name: str, key: str, path: str, written: set[str]) -> bool:
        """Link the previous build's copy of this page if it was made from the same inputs."""
        if self.previous_dir is None or self.previous.get(name) != key or path in written:
            return False
        try:
            os.link(self.previous_dir / name, path)
        except OSError:
            return False
        written.add(path)
        self._linked.add(path)
        self.pages[name] = key
        self.reused += 1
        return True

    def feed_key(self, kind: str, spec: Any, site: Any) -> str:
        """A feed's key: its kind, title and page, the site's details and its newest entries."""
        entries = newest(spec.articles, site.max_items)
        parts = [self.keys.site, "feed", kind, spec.slug, spec.title, spec.description, spec.page]
        parts += [site.base, site.name, site.author, site.email, site.description, str(site.max_items)]
        parts += [self.keys.article(article) for article in entries]
        if not entries:  # an empty feed is dated by the site's newest change (syndication.py)
            parts.append(site.content_time.isoformat())
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def calendar_key(self, title: str, articles: list[Any], site: Any) -> str:
        """A calendar's key: its title, the site's details and every event in it (the 90-day window
        is applied before: an event leaving it changes the list)."""
        parts = [self.keys.site, "calendar", title, site.base, site.name, site.author, site.email]
        parts += [self.keys.article(article) for article in articles]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def rendered(self, name: str, key: str) -> None:
        self.pages[name] = key

    def release(self, path: str) -> None:
        """Before a linked page is written over: unlink it, so the previous site is never touched."""
        if path in self._linked:
            os.unlink(path)
            self._linked.discard(path)
