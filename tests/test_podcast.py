"""The radio-spot podcast: what Apple Podcasts requires, with real MP3 files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import mutagen
import pytest
from feedschema import ITUNES_NS, NS, SITEURL, check_podcast, parse_duration, parse_rfc822, tag_uri
from lxml import etree

from pressroom.build import build
from pressroom.content import load_site
from sitekit import NOW, ROOT, build_project, item, make_project

SHORT = ROOT / "content/audio/2025/09/spot-simulacro.mp3"
LONG = ROOT / "content/audio/2026/10/spot-vacunacion-invernal.mp3"
PODCAST = "feeds/spots.podcast.xml"


def spot(item_id: str, fecha: str, audio: str, **fields: str) -> str:
    return item(
        id=item_id,
        titulo=fields.pop("titulo", f'"Spot: campaña {item_id}"'),
        slug=fields.pop("slug", f"spot-{item_id}"),
        fecha=fecha,
        tipo="spot",
        municipios="[estatal]",
        personas=None,
        resumen="Spot de radio para estaciones locales.",
        audio=audio,
        body="",
        **fields,
    )


FILES: dict[str, str | bytes] = {
    "spots/2026/vacunacion.md": spot("2026-11-10-spot1", "2026-11-10 07:00", "audio/2026/11/vacunacion.mp3"),
    "spots/2026/simulacro.md": spot("2026-09-12-spot2", "2026-09-12 08:00", "audio/2026/09/simulacro.mp3"),
    "spots/2026/retirado.md": spot(
        "2026-11-01-retir",
        "2026-11-01 08:00",
        "audio/2026/09/simulacro.mp3",
        estado="retirado",
        motivo_retiro="Se retiró el spot.",
    ),
    "spots/2026/borrador.md": spot(
        "2026-11-25-borr1", "2026-11-25 08:00", "audio/2026/11/vacunacion.mp3", estado="borrador"
    ),
    "spots/2026/programado.md": spot(
        "2026-11-25-progr",
        "2026-11-25 09:00",
        "audio/2026/11/vacunacion.mp3",
        estado="programado",
        embargo="2026-12-01 08:00",
    ),
    "boletines/2026/a.md": item(),
    "audio/2026/11/vacunacion.mp3": LONG.read_bytes(),
    "audio/2026/09/simulacro.mp3": SHORT.read_bytes(),
}


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("podcast")
    build_project(make_project(root, FILES))
    return root / "output"


def channel(output: Path) -> etree._Element:
    return check_podcast((output / PODCAST).read_bytes(), f"{SITEURL}/{PODCAST}", output)


def seconds(path: Path) -> float:
    audio = mutagen.File(path)
    assert audio is not None and audio.info.length > 0
    return float(audio.info.length)


def test_podcast_is_valid_and_lists_public_spots_newest_first(sitio: Path) -> None:
    episodes = channel(sitio).findall("item")
    assert [e.findtext("guid") for e in episodes] == [
        tag_uri("2026-11-10-spot1"),
        tag_uri("2026-09-12-spot2"),
    ]
    assert [parse_rfc822(e.findtext("pubDate"), PODCAST) for e in episodes] == [
        dt.datetime(2026, 11, 10, 7, 0, tzinfo=NOW.tzinfo),
        dt.datetime(2026, 9, 12, 8, 0, tzinfo=NOW.tzinfo),
    ]
    data = (sitio / PODCAST).read_bytes()
    for absent in (b"2026-11-01-retir", b"2026-11-25-borr1", b"2026-11-25-progr", b"2026-11-25-abcde"):
        assert absent not in data


def test_channel_has_apples_required_tags(sitio: Path) -> None:
    feed = channel(sitio)
    assert feed.getparent().nsmap.get("itunes") == ITUNES_NS
    assert feed.findtext("language") == "es-MX"
    assert feed.findtext("title")
    assert feed.findtext("description")
    image = feed.find("itunes:image", NS).get("href")
    assert image.startswith(SITEURL + "/")
    assert (sitio / image.removeprefix(SITEURL + "/")).is_file()
    category = feed.find("itunes:category", NS)
    assert category.get("text") == "News"
    assert [c.get("text") for c in category.findall("itunes:category", NS)] == ["Politics"]
    # Apple's specification: `true` or `false`, on the show and on every episode
    assert feed.findtext("itunes:explicit", namespaces=NS) == "false"
    assert [e.findtext("itunes:explicit", namespaces=NS) for e in feed.findall("item")] == ["false", "false"]


def test_each_episode_has_exact_enclosure_and_duration(sitio: Path) -> None:
    audio = {
        tag_uri("2026-11-10-spot1"): (
            "audio/2026/11/vacunacion.mp3",
            LONG,
            "spots/2026/11/spot-2026-11-10-spot1/",
        ),
        tag_uri("2026-09-12-spot2"): (
            "audio/2026/09/simulacro.mp3",
            SHORT,
            "spots/2026/09/spot-2026-09-12-spot2/",
        ),
    }
    for episode in channel(sitio).findall("item"):
        relative, source, page = audio[episode.findtext("guid")]
        enclosure = episode.find("enclosure")
        assert enclosure.get("url") == f"{SITEURL}/{relative}"
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == (sitio / relative).stat().st_size  # the published copy
        duration = parse_duration(episode.findtext("itunes:duration", namespaces=NS), relative)
        assert abs(duration - seconds(source)) <= 1, (duration, seconds(source))
        assert episode.findtext("title")
        assert episode.findtext("link") == f"{SITEURL}/{page}"


def test_sample_podcast_has_every_public_spot_with_its_real_duration(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(ROOT / "pelican.conf.py", NOW, output)
    spots = [
        i for i in load_site(ROOT / "content").public_items(NOW) if i.tipo.key == "spot" and not i.withdrawn
    ]
    assert len(spots) >= 3
    episodes = {e.findtext("guid"): e for e in channel(output).findall("item")}
    assert set(episodes) == {tag_uri(s.id) for s in spots}
    for spot_item in spots:
        episode = episodes[tag_uri(spot_item.id)]
        assert spot_item.audio is not None
        source = ROOT / "content" / spot_item.audio
        enclosure = episode.find("enclosure")
        assert enclosure.get("url") == f"{SITEURL}/{spot_item.audio}"
        assert int(enclosure.get("length")) == (output / spot_item.audio).stat().st_size
        duration = parse_duration(episode.findtext("itunes:duration", namespaces=NS), spot_item.path)
        assert abs(duration - seconds(source)) <= 1
