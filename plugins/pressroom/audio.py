"""The published copy of a spot's audio: the editor's file with every tag it carried removed.

An uploaded MP3 keeps whatever its program wrote: ID3 comments (one carried the internal path
`C:/Users/prensa`), cover art, encoder settings, APEv2 tags; an M4A its iTunes atoms; an Ogg file
its Vorbis comments. None of that is published. The build copies the file, removes every tag with
mutagen and writes only what the project sets (title, artist, album). The editor's file is never
touched: the copy lives in the media cache (keyed by the source's bytes and the tags) and is
hard-linked into the output like the photos.

What mutagen cannot reach stays: the audio frames themselves and, in M4A, QuickTime user data
outside the iTunes tag list.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import mutagen
from mutagen import MutagenError
from mutagen.apev2 import delete as delete_ape
from mutagen.id3 import ID3, TALB, TIT2, TPE1, ID3FileType
from mutagen.id3 import delete as delete_id3
from mutagen.mp4 import MP4
from mutagen.ogg import OggFileType

VERSION = 1  # bump when what is written changes: every copy is made again


class AudioError(Exception):
    """The file reads as audio but its tags cannot be rewritten (Spanish message)."""


@dataclass(frozen=True)
class AudioTags:
    title: str
    artist: str
    album: str


@dataclass(frozen=True)
class CleanAudio:
    path: Path  # in the cache
    size: int
    seconds: int


def fingerprint(source_digest: str, tags: AudioTags) -> str:
    parts = [str(VERSION), source_digest, tags.title, tags.artist, tags.album]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def clean_copy(source: Path, target: Path, tags: AudioTags) -> CleanAudio:
    """Write `target` (atomically) as `source` without its tags, with `tags` instead."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".nuevo-", suffix=source.suffix)
    os.close(fd)
    try:
        shutil.copyfile(source, temporary)
        seconds = _retag(Path(temporary), tags)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the web server must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return CleanAudio(target, target.stat().st_size, seconds)


def _retag(path: Path, tags: AudioTags) -> int:
    try:
        audio = mutagen.File(path)
        if audio is None or audio.info is None or not audio.info.length:
            raise AudioError("no se reconoce como audio (mp3, m4a u ogg)")
        seconds: int = round(audio.info.length)
        if isinstance(audio, ID3FileType):
            _retag_mp3(path, tags)
        elif isinstance(audio, MP4):
            audio.delete()
            audio = MP4(path)
            audio.add_tags()
            assert audio.tags is not None
            audio.tags["\xa9nam"] = [tags.title]
            audio.tags["\xa9ART"] = [tags.artist]
            audio.tags["\xa9alb"] = [tags.album]
            audio.save(padding=_no_padding)
        elif isinstance(audio, OggFileType):
            audio.delete()
            audio = mutagen.File(path)
            if audio.tags is None:
                audio.add_tags()
            audio.tags.clear()
            audio.tags.vendor = ""  # the writing program's name is metadata too
            audio.tags["title"] = [tags.title]
            audio.tags["artist"] = [tags.artist]
            audio.tags["album"] = [tags.album]
            audio.save(padding=_no_padding)
        else:
            raise AudioError(f"el formato {type(audio).__name__} no se publica; usa mp3, m4a u ogg")
    except MutagenError as exc:
        raise AudioError(f"no se pudieron quitar sus datos internos ({exc})") from exc
    return seconds


def _retag_mp3(path: Path, tags: AudioTags) -> None:
    """ID3v1, ID3v2 and APEv2 all removed; a fresh ID3v2.4 with our three frames."""
    delete_id3(path, delete_v1=True, delete_v2=True)
    delete_ape(path)
    fresh = ID3()
    fresh.add(TIT2(encoding=3, text=[tags.title]))
    fresh.add(TPE1(encoding=3, text=[tags.artist]))
    fresh.add(TALB(encoding=3, text=[tags.album]))
    fresh.save(path, v1=0, v2_version=4, padding=_no_padding)


def _no_padding(info: object) -> int:
    """No room left for later edits: nothing is edited after the build, and nothing hides there."""
    return 0
