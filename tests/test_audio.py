"""Published audio carries only the project's tags: the editor's ID3, APE and Vorbis tags never
reach output/, and the editor's file is never modified."""

from __future__ import annotations

import hashlib
import io
import struct
from pathlib import Path

import mutagen
import pytest
from mutagen.apev2 import APEv2
from mutagen.id3 import APIC, COMM, ID3, TENC, TIT2, TPE1, TXXX
from mutagen.ogg import OggPage
from PIL import Image as PILImage

from sitekit import ROOT, build_project, item, make_project

SOURCE = ROOT / "content/audio/2025/09/spot-simulacro.mp3"
PRIVATE = "C:/Users/prensa"
AUTHOR = "Comunicación Social PT Estado de México"
ALBUM = "Spots de radio — PT Estado de México"


def tagged_mp3(path: Path) -> None:
    """The sample spot as an editor's program leaves it: ID3v2 and ID3v1 and APEv2 tags."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SOURCE.read_bytes())
    cover = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(cover, "JPEG")
    tags = ID3()
    tags.add(TIT2(encoding=3, text=["spot FINAL final2"]))
    tags.add(TPE1(encoding=3, text=["Juan Operador"]))
    tags.add(COMM(encoding=3, lang="spa", desc="", text=[f"{PRIVATE}/Documentos/spot.wav"]))
    tags.add(TXXX(encoding=3, desc="ruta", text=[f"{PRIVATE}/Escritorio"]))
    tags.add(TENC(encoding=3, text=["Adobe Audition 2024"]))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="portada", data=cover.getvalue()))
    tags.save(path, v1=2)
    ape = APEv2()
    ape["Comment"] = f"{PRIVATE}/ape"
    ape.save(path)


def opus_file(path: Path, comment: str) -> None:
    """A minimal Ogg Opus stream (one second of silence frames) with a Vorbis comment."""
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    vendor = b"libopus 1.4 en la PC de prensa"
    comments = [f"COMMENT={comment}".encode(), b"ENCODER=opusenc"]
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(comments))
    tags += b"".join(struct.pack("<I", len(c)) + c for c in comments)
    pages = []
    for sequence, (packets, granule) in enumerate(
        [([head], 0), ([tags], 0), ([b"\xf8\xff\xfe"] * 50, 312 + 48000)]
    ):
        page = OggPage()
        page.packets, page.position, page.serial, page.sequence = packets, granule, 7, sequence
        page.first, page.last = sequence == 0, sequence == 2
        pages.append(page.write())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(pages))


def spot(item_id: str, slug: str, audio: str) -> str:
    return item(
        id=item_id,
        titulo='"Spot: jornada de vacunación"',
        slug=slug,
        tipo="spot",
        municipios="[estatal]",
        personas=None,
        audio=audio,
        body="",
    )


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("audio")
    files: dict[str, str | bytes] = {
        "spots/2026/a.md": spot("2026-11-25-spot1", "spot-mp3", "audio/2026/11/spot.mp3"),
        "spots/2026/b.md": spot("2026-11-24-spot2", "spot-ogg", "audio/2026/11/spot.ogg"),
    }
    conf = make_project(root, files)
    tagged_mp3(root / "content/audio/2026/11/spot.mp3")
    opus_file(root / "content/audio/2026/11/spot.ogg", f"{PRIVATE}/ogg")
    before = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "content/audio/2026/11").iterdir()
    }
    build_project(conf)
    return root, before


def test_the_editors_file_is_never_modified(sitio: tuple[Path, dict[str, str]]) -> None:
    root, before = sitio
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "content/audio/2026/11").iterdir()
    }
    assert after == before
    assert PRIVATE.encode() in (root / "content/audio/2026/11/spot.mp3").read_bytes()  # the premise


def test_no_uploaded_tag_reaches_the_output(sitio: tuple[Path, dict[str, str]]) -> None:
    output = sitio[0] / "output"
    files = [p for p in output.rglob("*") if p.is_file()]
    assert output / "audio/2026/11/spot.mp3" in files and output / "audio/2026/11/spot.ogg" in files
    for leaked in (PRIVATE, "Juan Operador", "Adobe Audition", "spot FINAL", "PC de prensa", "opusenc"):
        assert [p for p in files if leaked.encode() in p.read_bytes()] == [], leaked


def test_a_published_mp3_carries_only_title_artist_and_album(sitio: tuple[Path, dict[str, str]]) -> None:
    published = sitio[0] / "output/audio/2026/11/spot.mp3"
    data = published.read_bytes()
    assert b"APETAGEX" not in data  # no APEv2
    assert data[-128:-125] != b"TAG"  # no ID3v1
    tags = ID3(published)
    assert sorted(tags.keys()) == ["TALB", "TIT2", "TPE1"]
    assert [str(tags[k]) for k in ("TIT2", "TPE1", "TALB")] == ["Spot: jornada de vacunación", AUTHOR, ALBUM]
    source = mutagen.File(SOURCE)
    assert abs(mutagen.File(published).info.length - source.info.length) < 0.1


def test_a_published_ogg_carries_only_title_artist_and_album(sitio: tuple[Path, dict[str, str]]) -> None:
    published = mutagen.File(sitio[0] / "output/audio/2026/11/spot.ogg")
    assert type(published).__name__ == "OggOpus"
    assert sorted(published.tags.keys()) == ["album", "artist", "title"]
    assert published.tags["title"] == ["Spot: jornada de vacunación"]
    assert published.tags.vendor == ""
    assert round(published.info.length) == 1


def test_the_feed_announces_the_published_size(sitio: tuple[Path, dict[str, str]]) -> None:
    output = sitio[0] / "output"
    podcast = (output / "feeds/spots.podcast.xml").read_text(encoding="utf-8")
    size = (output / "audio/2026/11/spot.mp3").stat().st_size
    assert size != SOURCE.stat().st_size
    assert f'spot.mp3" length="{size}"' in podcast
