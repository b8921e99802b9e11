"""Photos as the site publishes them: no metadata, upright, responsive, cached, errors in Spanish."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from PIL import Image as PILImage
from PIL import ImageCms, ImageFile

from pressroom import images, renditions
from pressroom.exceptions import BuildError, ContentError
from sitekit import NOW, ROOT, build_project, item, make_project

PHOTO = "imagenes/2026/11/foto.jpg"  # sitekit writes its own clinica.jpg over anything
PAGE = "boletines/2026/11/alcaldesa-inaugura-clinica/index.html"
CAMERA = "zqxcamarazqx"  # planted in EXIF Make: must appear in no published byte
GPS = {1: "N", 2: (19.0, 30.0, 12.5), 3: "W", 4: (98.0, 53.0, 4.2)}  # Texcoco


def phone_jpeg(size: tuple[int, int] = (2000, 1500), orientation: int = 6) -> bytes:
    """A photo as a phone stores it: landscape pixels, top half red, bottom half blue, with
    GPS, camera, orientation, an ICC profile and a comment."""
    width, height = size
    image = PILImage.new("RGB", size, (220, 20, 40))
    image.paste((20, 40, 220), (0, height // 2, width, height))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA
    exif.get_ifd(0x8825).update(GPS)
    buffer = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc, comment=CAMERA.encode())
    return buffer.getvalue()


def png_with_alpha(size: tuple[int, int]) -> bytes:
    image = PILImage.new("RGBA", size, (0, 0, 0, 0))
    image.paste((200, 16, 46, 255), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny file whose header claims 900 million pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def site(tmp_path: Path, photo: bytes, archivo: str = PHOTO, **fields: str) -> Path:
    imagen = f"{{archivo: {archivo}, pie: La alcaldesa corta el listón, credito: Comunicación PT}}"
    conf = make_project(tmp_path, {"boletines/2026/a.md": item(imagen=imagen, **fields), archivo: photo})
    return conf


def published(output: Path) -> list[Path]:
    """Every image file in the output, photos and cards alike."""
    return sorted(p for p in output.rglob("*") if p.suffix in (".jpg", ".png", ".webp"))


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (4000, (480, 960, 1600)),
        (1600, (480, 960, 1600)),
        (1500, (480, 960, 1500)),
        (960, (480, 960)),
        (300, (300,)),
    ],
)
def test_derivative_widths_never_enlarge(width: int, widths: tuple[int, ...]) -> None:
    assert images.widths_for(width) == widths


def test_published_photos_have_no_metadata_are_upright_and_sized(tmp_path: Path) -> None:
    upload = phone_jpeg()
    with PILImage.open(io.BytesIO(upload)) as source:  # the premise: the upload does carry them
        assert source.getexif().get_ifd(0x8825)[2] == (19.0, 30.0, 12.5)
        assert source.getexif()[0x0112] == 6
    build_project(site(tmp_path, upload))
    output = tmp_path / "output"
    folder = output / "imagenes/2026/11"
    assert not (output / PHOTO).exists()  # the upload itself is never published
    # orientation 6: 2000×1500 stored pixels are a 1500×2000 portrait; no width above 1500
    assert sorted(p.name for p in folder.iterdir()) == [
        "foto-1500.jpg",
        "foto-1500.webp",
        "foto-480.jpg",
        "foto-480.webp",
        "foto-960.jpg",
        "foto-960.webp",
        "foto-original.jpg",
    ]
    expected = {"480": (480, 640), "960": (960, 1280), "1500": (1500, 2000), "original": (1500, 2000)}
    for path in folder.iterdir():
        with PILImage.open(path) as image:
            assert image.size == expected[path.stem.rsplit("-", 1)[1]], path.name
    for path in published(output):
        data = path.read_bytes()
        assert CAMERA.encode() not in data, path
        with PILImage.open(path) as image:
            assert not image.getexif().get_ifd(0x8825), path  # no GPS
            assert len(image.getexif()) == 0, path
            assert not {"exif", "icc_profile", "xmp", "comment", "dpi"} & set(image.info), (path, image.info)
    # upright: the stored top (red) is now the right side, the stored bottom (blue) the left
    with PILImage.open(folder / "foto-480.jpg") as image:
        left, right = image.convert("RGB").getpixel((100, 320)), image.convert("RGB").getpixel((380, 320))
    assert left[2] > 150 > left[0] and right[0] > 150 > right[2], (left, right)


def test_page_uses_responsive_markup_and_offers_the_clean_full_size_copy(tmp_path: Path) -> None:
    build_project(site(tmp_path, phone_jpeg((3200, 2400), orientation=1)))
    html = (tmp_path / "output" / PAGE).read_text(encoding="utf-8")
    figure = html[html.index('<figure class="figura nota__figura">') :]
    figure = figure[: figure.index("</figure>")]
    webp = "/imagenes/2026/11/foto-480.webp 480w, /imagenes/2026/11/foto-960.webp 960w, /imagenes/2026/11/foto-1600.webp 1600w"
    assert f'<source type="image/webp" srcset="{webp}"' in figure
    assert 'src="/imagenes/2026/11/foto-960.jpg"' in figure
    assert 'width="960" height="720"' in figure
    assert 'fetchpriority="high"' in figure and 'loading="lazy"' not in figure  # above the fold
    assert '<a href="/imagenes/2026/11/foto-original.jpg" download>Descargar en alta resolución</a>' in html
    assert "(JPEG, 3200 × 2400 px," in html
    assert PHOTO not in html
    # listings: the same photo, lazy, with its sizes
    listing = (tmp_path / "output/boletines/index.html").read_text(encoding="utf-8")
    assert 'class="tarjeta__img" src="/imagenes/2026/11/foto-960.jpg"' in listing
    assert 'loading="lazy"' in listing


def test_small_png_keeps_transparency_and_is_never_enlarged(tmp_path: Path) -> None:
    archivo = "imagenes/2026/11/logo-evento.png"
    build_project(site(tmp_path, png_with_alpha((700, 500)), archivo))
    folder = tmp_path / "output/imagenes/2026/11"
    assert sorted(p.name for p in folder.iterdir()) == [
        "logo-evento-480.jpg",
        "logo-evento-480.webp",
        "logo-evento-700.jpg",
        "logo-evento-700.webp",
        "logo-evento-original.png",
    ]
    with PILImage.open(folder / "logo-evento-original.png") as image:
        assert image.mode == "RGBA" and image.size == (700, 500)
    with PILImage.open(folder / "logo-evento-700.webp") as image:
        assert image.mode == "RGBA"
    with PILImage.open(folder / "logo-evento-700.jpg") as image:
        assert image.convert("RGB").getpixel((650, 10)) == (255, 255, 255)  # flattened on white


def encoded(image: PILImage.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("archivo", "data", "mode", "pixel"),
    [
        ("cmyk.jpg", encoded(PILImage.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG"), "RGB", (255, 0, 0)),
        ("gris16.png", encoded(PILImage.new("I;16", (64, 48), 30000), "PNG"), "RGB", (117, 117, 117)),
        ("paleta.png", encoded(PILImage.new("P", (64, 48)), "PNG", transparency=0), "RGBA", (0, 0, 0, 0)),
        (
            "animada.webp",
            encoded(
                PILImage.new("RGB", (64, 48), (0, 0, 255)),
                "WEBP",
                lossless=True,
                save_all=True,
                append_images=[PILImage.new("RGB", (64, 48), (0, 255, 0))],
            ),
            "RGB",
            (0, 0, 255),
        ),
    ],
    ids=["cmyk", "gris-16-bits", "paleta-transparente", "webp-animada"],
)
def test_unusual_color_modes_are_published_as_readers_expect(
    archivo: str, data: bytes, mode: str, pixel: tuple[int, ...]
) -> None:
    image = renditions.decode(data, archivo)
    assert image.mode == mode and image.info == {}
    found = image.getpixel((10, 10))
    assert isinstance(found, tuple) and all(abs(a - b) <= 3 for a, b in zip(found, pixel, strict=True)), found


def test_heic_from_an_iphone_is_published_as_jpeg(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1000, 750), (30, 120, 60)).save(buffer, "HEIF")
    archivo = "imagenes/2026/11/iphone.heic"
    build_project(site(tmp_path, buffer.getvalue(), archivo))
    names = sorted(p.name for p in (tmp_path / "output/imagenes/2026/11").iterdir())
    assert "iphone-original.jpg" in names and "iphone-960.webp" in names
    assert not [n for n in names if n.endswith(".heic")]


def test_warm_rebuild_does_no_image_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conf = site(tmp_path, phone_jpeg())
    build_project(conf)
    before = {p.relative_to(tmp_path / "output"): p.read_bytes() for p in published(tmp_path / "output")}
    calls: list[str] = []
    real_load, real_save = ImageFile.ImageFile.load, PILImage.Image.save

    def counting_load(self: ImageFile.ImageFile) -> object:
        calls.append(f"load {Path(getattr(self, 'filename', '')).relative_to(tmp_path)}")
        return real_load(self)

    def counting_save(self: PILImage.Image, *args: object, **kwargs: object) -> None:
        calls.append("save")
        real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    # validation reads each photo's header (its size); decoding and encoding are the work
    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    monkeypatch.setattr(PILImage.Image, "save", counting_save)
    build_project(conf)
    assert calls == []
    after = {p.relative_to(tmp_path / "output"): p.read_bytes() for p in published(tmp_path / "output")}
    assert after == before
    # a new title only redraws the card, from the cached 1600 px copy: no photo is decoded again
    page = tmp_path / "content/boletines/2026/a.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("inaugura clínica", "abre clínica"), encoding="utf-8"
    )
    build_project(conf)
    loads, saves = calls[:-1], calls[-1:]
    assert saves == ["save"] and loads  # the card
    # decoded: only the cached largest copy, never the upload
    assert all(c.startswith("load .cache/imagenes/fotos/") and c.endswith("/1500.jpg") for c in loads), calls


def test_embargoed_photo_is_published_only_when_the_embargo_lifts(tmp_path: Path) -> None:
    conf = site(
        tmp_path, phone_jpeg((1200, 900), orientation=1), estado="programado", embargo="2026-11-26 08:00:01"
    )
    build_project(conf)
    output = tmp_path / "output"
    assert not [
        p
        for p in output.rglob("*")
        if "foto" in p.name or (p.name == "tarjeta.jpg" and "boletines" in str(p))
    ]
    assert not (tmp_path / ".cache/imagenes/fotos").exists()  # not even processed
    build_project(conf, NOW.replace(second=1))
    assert (output / "imagenes/2026/11/foto-original.jpg").exists()
    assert (output / "boletines/2026/11/alcaldesa-inaugura-clinica/tarjeta.jpg").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html>esto no es una foto</html>",
            "el archivo 'imagenes/2026/11/clinica.jpg' no es una foto que se pueda leer (¿es otro tipo de "
            "archivo con extensión de imagen?); ábrelo en tu computadora y expórtalo como JPEG",
        ),
        (
            phone_jpeg((800, 600), orientation=1)[:3000],
            "la foto 'imagenes/2026/11/clinica.jpg' está dañada o incompleta (¿se cortó al copiarla?); "
            "vuelve a copiarla desde el original o expórtala otra vez como JPEG",
        ),
        (
            bomb_png(),
            "la foto 'imagenes/2026/11/clinica.jpg' es demasiado grande para procesarla con seguridad "
            "(más de 89 millones de píxeles); redúcela a menos de 8000 px por lado y vuelve a subirla",
        ),
    ],
    ids=["no-es-imagen", "jpeg-truncado", "bomba-de-descompresion"],
)
def test_unusable_photo_stops_the_build_with_file_and_line(tmp_path: Path, data: bytes, message: str) -> None:
    conf = make_project(tmp_path, {"boletines/2026/a.md": item()})
    build_project(conf)
    before = sorted(p.relative_to(tmp_path / "output") for p in (tmp_path / "output").rglob("*"))
    (tmp_path / "content/imagenes/2026/11/clinica.jpg").write_bytes(data)
    with pytest.raises(ContentError) as error:
        build_project(conf)
    assert [str(p) for p in error.value.problems] == [f"content/boletines/2026/a.md:11: {message}"]
    assert sorted(p.relative_to(tmp_path / "output") for p in (tmp_path / "output").rglob("*")) == before


def test_every_bad_photo_is_reported_at_once(tmp_path: Path) -> None:
    gallery = (
        "[{archivo: imagenes/2026/11/a.jpg, pie: Uno}, {archivo: imagenes/2026/11/b.jpg, pie: Dos}, "
        "{archivo: imagenes/2026/11/c.jpg, pie: Tres}]"
    )
    files: dict[str, str | bytes] = {
        "galerias/2026/g.md": item(tipo="galeria", galeria=gallery),
        "imagenes/2026/11/a.jpg": b"nada",
        "imagenes/2026/11/b.jpg": phone_jpeg((600, 400), orientation=1),
        "imagenes/2026/11/c.jpg": b"tampoco",
    }
    with pytest.raises(ContentError) as error:
        build_project(make_project(tmp_path, files))
    assert [(p.path, p.line) for p in error.value.problems] == [("content/galerias/2026/g.md", 11)] * 2
    assert ["a.jpg" in p.message for p in error.value.problems] == [True, False]


def test_missing_photo_and_missing_alt_text_point_at_the_line(tmp_path: Path) -> None:
    files = {
        "boletines/2026/a.md": item(imagen="{archivo: imagenes/2026/11/no-existe.jpg, pie: Algo}"),
        "boletines/2026/b.md": item(
            id="2026-11-25-bbbbb", slug="otra", imagen="{archivo: imagenes/2026/11/clinica.jpg}"
        ),
    }
    with pytest.raises(ContentError) as error:
        build_project(make_project(tmp_path, files))
    shown = [str(p) for p in error.value.problems]
    assert shown[0].startswith(
        "content/boletines/2026/a.md:11: el archivo 'imagenes/2026/11/no-existe.jpg' de 'imagen' no existe"
    )
    assert shown[1].startswith("content/boletines/2026/b.md:11: falta 'pie' en 'imagen'")


def test_two_uploads_that_would_publish_the_same_files_are_an_error(tmp_path: Path) -> None:
    gallery = (
        "[{archivo: imagenes/2026/11/foto.jpg, pie: Uno}, {archivo: imagenes/2026/11/foto.png, pie: Dos}]"
    )
    files: dict[str, str | bytes] = {
        "galerias/2026/g.md": item(tipo="galeria", galeria=gallery),
        "imagenes/2026/11/foto.jpg": phone_jpeg((600, 400), orientation=1),
        "imagenes/2026/11/foto.png": png_with_alpha((600, 400)),
    }
    with pytest.raises(ContentError) as error:
        build_project(make_project(tmp_path, files))
    assert str(error.value.problems[0]) == (
        "content/galerias/2026/g.md:11: las fotos 'imagenes/2026/11/foto.jpg' y 'imagenes/2026/11/foto.png' "
        "se publicarían con el mismo nombre (/imagenes/2026/11/foto-480.jpg); cambia el nombre de una de las dos"
    )


def test_a_photo_too_small_for_the_card_is_an_advisory_not_an_error(tmp_path: Path) -> None:
    small = io.BytesIO()
    PILImage.new("RGB", (320, 240), "#c8102e").save(small, "JPEG")
    result = build_project(site(tmp_path, small.getvalue()))
    assert result.advisories == (
        "content/boletines/2026/a.md:11: advertencia: la foto 'imagenes/2026/11/foto.jpg' mide 320×240 px; "
        "en la tarjeta para redes sociales (1200×630) se verá borrosa. Si tienes una versión de al menos "
        "1200 px de ancho, úsala",
    )
    assert (tmp_path / "output/boletines/2026/11/alcaldesa-inaugura-clinica/tarjeta.jpg").exists()
    # reported on every build, also the second one in the same process (`make serve`)
    assert build_project(tmp_path / "pelican.conf.py").advisories == result.advisories
    # a photo big enough raises none
    PILImage.new("RGB", (640, 400), "#c8102e").save(tmp_path / "content" / PHOTO, "JPEG")
    assert build_project(tmp_path / "pelican.conf.py").advisories == ()


def test_gallery_grid_links_to_large_photos_and_loads_nothing_from_outside(tmp_path: Path) -> None:
    gallery = "[{archivo: imagenes/2026/11/g1.jpg, pie: Danzantes}, {archivo: imagenes/2026/11/g2.jpg, pie: Público}]"
    files: dict[str, str | bytes] = {
        "galerias/2026/g.md": item(tipo="galeria", galeria=gallery, body=""),
        "imagenes/2026/11/g1.jpg": phone_jpeg((1800, 1200), orientation=1),
        "imagenes/2026/11/g2.jpg": phone_jpeg((900, 600), orientation=1),
    }
    build_project(make_project(tmp_path, files))
    html = (tmp_path / "output/galerias/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    links = re.findall(r'<a class="galeria__enlace" href="([^"]+)"', html)
    assert links == ["/imagenes/2026/11/g1-1600.jpg", "/imagenes/2026/11/g2-900.jpg"]
    assert html.count("download>Descargar en alta resolución") == 2
    assert '<script src="/tema/js/galeria.js" defer></script>' in html
    assert not re.findall(
        r'(?:src|srcset|href)="https?://(?!ptedomex\.example\.org)[^"]*\.(?:jpg|webp|js)', html
    )
    script = (ROOT / "theme/static/js/galeria.js").read_text(encoding="utf-8")
    assert "http" not in script and "ArrowRight" in script and "touchend" in script


def test_video_placeholder_uses_our_photo_and_no_provider_request(tmp_path: Path) -> None:
    files = {
        "capsulas/2026/v.md": item(
            tipo="capsula",
            video="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            imagen="{archivo: " + PHOTO + ", pie: Voluntarias sirven comida}",
        ),
        PHOTO: phone_jpeg((1600, 900), orientation=1),
    }
    build_project(make_project(tmp_path, files))
    html = (tmp_path / "output/capsulas/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    assert "<iframe" not in html
    assert 'class="video__portada" src="/imagenes/2026/11/foto-960.jpg"' in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    loads = re.findall(r'(?:src|srcset)="([^"]+)"', html)
    assert not [u for u in loads if "youtube" in u or "ytimg" in u]


def test_spot_player_shows_duration_and_size(tmp_path: Path) -> None:
    audio = (ROOT / "content/audio/2025/09/spot-simulacro.mp3").read_bytes()
    files: dict[str, str | bytes] = {
        "spots/2026/s.md": item(tipo="spot", audio="audio/2026/11/spot.mp3"),
        "audio/2026/11/spot.mp3": audio,
    }
    build_project(make_project(tmp_path, files))
    html = (tmp_path / "output/spots/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    assert 'Duración: <time datetime="PT15S">0:15</time> · MP3, 60 KB' in html
    assert "Descargar el spot (MP3, 60 KB)" in html
    # the same audio frames, behind the project's own ID3 tag (test_audio.py)
    published = tmp_path / "output/audio/2026/11/spot.mp3"
    assert published.read_bytes()[ID3(published).size :] == audio


def test_unreadable_audio_is_reported_at_its_line(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "spots/2026/s.md": item(tipo="spot", audio="audio/2026/11/spot.mp3"),
        "audio/2026/11/spot.mp3": b"no es audio",
    }
    with pytest.raises(ContentError) as error:
        build_project(make_project(tmp_path, files))
    assert [str(p) for p in error.value.problems] == [
        "content/spots/2026/s.md:11: el archivo 'audio/2026/11/spot.mp3' no se puede leer como audio "
        "(mp3, m4a u ogg); vuelve a exportarlo desde tu programa de audio"
    ]


def test_feeds_point_to_published_copies_with_exact_lengths(tmp_path: Path) -> None:
    build_project(site(tmp_path, phone_jpeg((2000, 1500), orientation=1)))
    output = tmp_path / "output"
    original = output / "imagenes/2026/11/foto-original.jpg"
    rss = (output / "feeds/todo.rss.xml").read_text(encoding="utf-8")
    assert (
        f'<enclosure url="https://ptedomex.example.org/imagenes/2026/11/foto-original.jpg" '
        f'length="{original.stat().st_size}" type="image/jpeg"/>'
    ) in rss
    assert 'src="https://ptedomex.example.org/imagenes/2026/11/foto-960.jpg" width="960" height="720"' in rss
    feed_json = (output / "feeds/todo.json").read_text(encoding="utf-8")
    assert '"image": "https://ptedomex.example.org/imagenes/2026/11/foto-960.jpg"' in feed_json
    for feed in output.glob("feeds/*.*"):
        assert PHOTO not in feed.read_text(encoding="utf-8"), feed


def test_processing_off_publishes_no_photo(tmp_path: Path) -> None:
    conf = site(tmp_path, phone_jpeg((800, 600), orientation=1))
    conf.write_text(conf.read_text(encoding="utf-8") + "\nIMAGE_PROCESSING = False\n", encoding="utf-8")
    build_project(conf)
    assert not (tmp_path / "output/imagenes").exists()
    html = (tmp_path / "output" / PAGE).read_text(encoding="utf-8")
    assert '<img src="/imagenes/2026/11/foto.jpg" alt="La alcaldesa corta el listón"' in html
    assert "<picture>" not in html


def test_processing_setting_must_be_a_boolean(tmp_path: Path) -> None:
    conf = site(tmp_path, phone_jpeg((800, 600), orientation=1))
    conf.write_text(conf.read_text(encoding="utf-8") + '\nIMAGE_PROCESSING = "no"\n', encoding="utf-8")
    with pytest.raises(
        BuildError, match=r"IMAGE_PROCESSING debe ser True o False en pelican\.conf\.py, no 'no'"
    ):
        build_project(conf)
