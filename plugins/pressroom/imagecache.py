"""The media cache: processed photos, drawn cards and cleaned audio, kept between builds, never
deployed.

Layout under `<project>/.cache/imagenes/`:

    fotos/ab/<key>/480.webp … original.jpg, meta.json    key = sha256(source bytes + settings)
    tarjetas/cd/<key>.jpg                                 key = cards.fingerprint(...)
    audio/ef/<key>.mp3 (.m4a, .ogg) + <key>.json          key = audio.fingerprint(...)
    huellas.json                                          archivo → [size, mtime_ns, sha256]

An entry is written in a temporary folder and renamed into place, so a build that stops halfway
(or two builds at once) never leaves a half-written entry. `huellas.json` spares re-reading every
unchanged upload to hash it: a file is hashed again only when its size or mtime changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .renditions import Encoded

META = "meta.json"
FINGERPRINTS = "huellas.json"


@dataclass(frozen=True)
class CachedFile:
    path: Path
    width: int
    height: int
    size: int


@dataclass(frozen=True)
class PhotoEntry:
    key: str
    width: int  # of the upright original
    height: int
    files: dict[str, CachedFile]  # '480.webp' → file

    @property
    def largest_jpeg(self) -> CachedFile:
        jpegs = [f for name, f in self.files.items() if name.endswith(".jpg") and name[0].isdigit()]
        return max(jpegs, key=lambda f: f.width)


@dataclass
class ImageCache:
    root: Path
    _fingerprints: dict[str, list[int | str]] = field(default_factory=dict)
    _loaded: bool = False
    _dirty: bool = False

    # --- source fingerprints -------------------------------------------------

    def digest(self, relative: str, source: Path) -> str:
        """sha256 of a source file, re-read only when its size or mtime changed."""
        self._load_fingerprints()
        stat = source.stat()
        known = self._fingerprints.get(relative)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        self._fingerprints[relative] = [stat.st_size, stat.st_mtime_ns, digest]
        self._dirty = True
        return digest

    def _load_fingerprints(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        with contextlib.suppress(OSError, ValueError):
            data = json.loads((self.root / FINGERPRINTS).read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._fingerprints = {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 3}

    def save(self) -> None:
        if not self._dirty:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.root, prefix=".huellas-")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(self._fingerprints, stream, sort_keys=True)
        os.replace(temporary, self.root / FINGERPRINTS)
        self._dirty = False

    # --- photos ----------------------------------------------------------------

    def _photo_dir(self, key: str) -> Path:
        return self.root / "fotos" / key[:2] / key

    def photo(self, key: str) -> PhotoEntry | None:
        folder = self._photo_dir(key)
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            files = {
                name: CachedFile(folder / name, int(w), int(h), int(size))
                for name, (w, h, size) in meta["files"].items()
            }
            if all(f.path.stat().st_size == f.size for f in files.values()):
                return PhotoEntry(key, int(meta["width"]), int(meta["height"]), files)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        shutil.rmtree(folder, ignore_errors=True)  # damaged or partial: made again
        return None

    def store_photo(self, key: str, width: int, height: int, encoded: list[Encoded]) -> PhotoEntry:
        folder = self._photo_dir(key)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".nuevo-"))
        try:
            for item in encoded:
                (staging / item.name).write_bytes(item.data)
            meta = {
                "width": width,
                "height": height,
                "files": {item.name: [item.width, item.height, len(item.data)] for item in encoded},
            }
            (staging / META).write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
            try:
                staging.rename(folder)
            except OSError:  # another build stored it first: keep theirs
                shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        entry = self.photo(key)
        assert entry is not None
        return entry

    # --- audio -------------------------------------------------------------------

    def audio_path(self, key: str, suffix: str) -> Path:
        """Where the cleaned copy of a spot lives (audio.clean_copy writes it)."""
        return self.root / "audio" / key[:2] / f"{key}{suffix.lower()}"

    def audio_seconds(self, key: str, suffix: str) -> int | None:
        """The duration recorded beside a cached copy, or None when there is no usable copy."""
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            meta = json.loads(self.audio_path(key, ".json").read_text(encoding="utf-8"))
            if self.audio_path(key, suffix).stat().st_size == int(meta["size"]):
                return int(meta["seconds"])
        return None

    def note_audio(self, key: str, size: int, seconds: int) -> None:
        path = self.audio_path(key, ".json")
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".nueva-")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump({"size": size, "seconds": seconds}, stream, sort_keys=True)
        os.replace(temporary, path)

    # --- cards -------------------------------------------------------------------

    def _card_path(self, key: str) -> Path:
        return self.root / "tarjetas" / key[:2] / f"{key}.jpg"

    def card(self, key: str) -> Path | None:
        path = self._card_path(key)
        return path if path.is_file() else None

    def store_card(self, key: str, data: bytes) -> Path:
        path = self._card_path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".nueva-")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the web server must read it
        os.replace(temporary, path)
        return path
