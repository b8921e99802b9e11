"""Content digests of the files of a site, each file read once however often a deploy asks.

A deploy compares the built site with the live one twice (plan, then apply). A file is identified
by (device, inode, size, mtime in ns): the build hard-links photos and cards from its cache and
unchanged pages from the previous build, and the local deploy hard-links unchanged files from
the previous release, so most files of a new site are the very files already hashed. The digests
are kept beside the deployed releases (never served) and only for files that still exist.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from stat import S_ISREG

FILE = ".huellas.json"
VERSION = 1
CHUNK = 1 << 20


def _identity(stat: os.stat_result) -> str:
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _hash(path: str | Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


class FileDigests:
    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if store is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(store.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("version") == VERSION:
                    self.known = {str(k): str(v) for k, v in data["digests"].items()}

    def folder(self, folder: Path, skip: str) -> dict[str, str]:
        """{relative path: sha256} of every file under `folder`, except under `skip`/.

        Walked as os.walk does (linked folders are not entered, dangling links are skipped), with
        plain strings: a site has tens of thousands of files."""
        found: dict[str, str] = {}
        if not folder.exists():
            return found
        pending = [(str(folder), "")]
        while pending:
            directory, prefix = pending.pop()
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                relative = prefix + entry.name
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if relative != skip and not entry.is_symlink():
                        pending.append((entry.path, relative + "/"))
                    continue
                try:
                    stat = os.stat(entry.path)
                except OSError:  # a dangling link
                    continue
                if S_ISREG(stat.st_mode):
                    found[relative] = self.digest(entry.path, stat)
        return found

    def record(self, copy: str | Path, source: str | Path) -> None:
        """`copy` was just made from `source`, hashed in this run and unchanged since (the same
        identity): the copy is not read again by the next deploy."""
        with contextlib.suppress(OSError):
            digest = self.used.get(_identity(os.stat(source)))
            if digest is not None:
                self.used[_identity(os.stat(copy))] = digest

    def digest(self, path: str | Path, stat: os.stat_result) -> str:
        identity = _identity(stat)
        digest = self.used.get(identity) or self.known.get(identity)
        if digest is None:
            digest = _hash(path)
        self.used[identity] = digest
        return digest

    def save(self) -> None:
        """Keep what this run saw (files gone since are forgotten)."""
        if self.store is None or self.used == self.known:
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.store.parent, prefix=".huellas-")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump({"version": VERSION, "digests": self.used}, stream)
        os.replace(temporary, self.store)
