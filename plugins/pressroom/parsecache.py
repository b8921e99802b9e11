"""Parsed content kept between builds: each file is parsed, and its Markdown rendered, once per change.

Every build still reads and checks every file: a file whose bytes are unchanged, under the same
reference data and the same validator code, gets the verdict it got before, and an item's verdict
also depends on the photos and audio it names, so an entry is used only while each of them is still
under content/. Only files without problems are kept: a file with problems is parsed again on every
build, so its messages are always today's. Markdown output is kept by the body's digest.

Stored as one pickle in `<project>/.cache/contenido/` (never deployed, safe to delete). Municipalities,
people and types are stored by their key and resolved against today's objects when loaded, so the
rest of the build can compare them by identity as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model.item import TYPES, ItemType, Municipality, Person
from .model.refdata import RefData

FOLDER = ".cache/contenido"  # relative to the folder that holds content/
FILE = "analizado.pickle"
VERSION = 1
_CODE = ("model", "render.py", "renditions.py", "parsecache.py")  # whose source decides a verdict


@dataclass
class Entry:
    digest: str
    parsed: Any  # Item or Page
    needs: tuple[str, ...]  # files under content/ the verdict depends on


@cache
def code_digest() -> str:
    """Digest of the code that parses and renders, and of the libraries it relies on."""
    import markdown
    import nh3
    import yaml

    here = Path(__file__).resolve().parent
    sha = hashlib.sha256(f"{VERSION}\x1f{markdown.__version__}\x1f{yaml.__version__}".encode())
    sha.update(getattr(nh3, "__version__", "nh3").encode())
    for name in _CODE:
        target = here / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            sha.update(path.name.encode() + b"\x00" + path.read_bytes())
    return sha.hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(kind: str, source: str) -> str:
    return hashlib.sha256(f"{kind}\x1f{source}".encode()).hexdigest()


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, ItemType):
            return ("tipo", obj.key)
        if isinstance(obj, Municipality):
            return ("municipio", obj.slug)
        if isinstance(obj, Person):
            return ("persona", obj.id)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream: Any, ref: RefData) -> None:
        super().__init__(stream)
        self.municipalities = {m.slug: m for m in ref.municipalities}
        self.ref = ref

    def persistent_load(self, pid: Any) -> Any:
        kind, key = pid
        found: Any = {
            "tipo": TYPES.get(key),
            "municipio": self.municipalities.get(key),
            "persona": self.ref.people.get(key),
        }[kind]
        if found is None:
            raise pickle.UnpicklingError(f"{kind} {key} ya no existe")
        return found


class ParseCache:
    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key  # reference data + code: a different key means nothing stored applies
        self.entries: dict[str, Entry] = {}
        self.html: dict[str, str] = {}
        self._seen: set[str] = set()
        self._rendered: set[str] = set()
        self._dirty = False

    @classmethod
    def open(cls, project: Path, ref: RefData, ref_bytes: bytes) -> ParseCache:
        folder = project / FOLDER
        key = hashlib.sha256(code_digest().encode() + b"\x00" + ref_bytes).hexdigest()
        found = cls(folder, key)
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError, KeyError, pickle.PickleError):
            with (folder / FILE).open("rb") as stream:
                stored = _Unpickler(stream, ref).load()
            if stored.get("key") == key:
                found.entries = stored["entries"]
                found.html = stored["html"]
        return found

    def lookup(self, relative: str, digest: str, files: Collection[str]) -> Any | None:
        """The Item or Page parsed from these bytes before, if its verdict still holds."""
        self._seen.add(relative)
        entry = self.entries.get(relative)
        if entry is None or entry.digest != digest or any(f not in files for f in entry.needs):
            return None
        return entry.parsed

    def keep(self, relative: str, digest: str, parsed: Any, needs: tuple[str, ...] = ()) -> None:
        self._seen.add(relative)
        self.entries[relative] = Entry(digest, parsed, needs)
        self._dirty = True

    def rendered(self, body: str) -> str | None:
        """The HTML kept for `body` (renderpool.py made it, within its limits), or None."""
        digest = _digest("html", body)
        found = self.html.get(digest)
        if found is not None:
            self._rendered.add(digest)
        return found

    def keep_rendered(self, body: str, html: str) -> None:
        digest = _digest("html", body)
        self._rendered.add(digest)
        self.html[digest] = html
        self._dirty = True

    def derive(self, kind: str, source: str, make: Callable[[str], str]) -> str:
        """make(source) for a pure `make` named `kind`, kept between builds by the source's digest."""
        digest = _digest(kind, source)
        self._rendered.add(digest)
        found = self.html.get(digest)
        if found is None:
            found = self.html[digest] = make(source)
            self._dirty = True
        return found

    def save(self, forget_unseen: bool = True) -> None:
        """Write the cache; entries of files that are gone, and unused renderings, are dropped."""
        if forget_unseen:
            gone = set(self.entries) - self._seen
            unused = set(self.html) - self._rendered if self._rendered else set()
            if gone or unused:
                self._dirty = True
            for relative in gone:
                del self.entries[relative]
            for digest in unused:
                del self.html[digest]
        if not self._dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".nuevo-")
        try:
            with os.fdopen(fd, "wb") as stream:
                _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(
                    {"key": self.key, "entries": self.entries, "html": self.html}
                )
            os.replace(temporary, self.folder / FILE)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self._dirty = False
